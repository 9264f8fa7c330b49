"""The benchmark at a small size: it measures every step, and what it reports is right."""

import json
import subprocess
import sys

from tests.conftest import ROOT


def test_the_benchmark_measures_every_step_and_finds_every_mistake(tmp_path):
    output = tmp_path / "bench.json"
    result = subprocess.run([sys.executable, "-m", "scripts", "bench", "--sizes", "1000", "3000", "--mistakes", "40",
                             "--repeat", "1", "--json", str(output),
                             "--markdown", str(tmp_path / "bench.md")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    report = json.loads(output.read_text())
    steps = {(m["step"], m["appearances"]): m for m in report["measures"]}
    for size in (1000, 3000):
        for step in ("floor", "floor-same-allocator", "validate", "build", "frictionless"):
            measure = steps[(step, size)]
            assert measure["exit_code"] == 0 and measure["seconds"] > 0 and measure["peak_mb"] > 0, measure
        ratios = report["ratios"][str(size)]
        over = [round(steps[("validate", size)]["seconds"] / steps[(floor, size)]["seconds"], 2)
                for floor in ("floor", "floor-same-allocator")]
        assert [ratios["validate_over_floor"], ratios["validate_over_same_allocator_floor"]] == over
        assert ratios["validate_over_higher_floor"] == max(over)
    assert steps[("validate-with-mistakes", 3000)]["exit_code"] == 1
    assert report["checks"]["mistakes"]["planted"] == 40
    assert report["checks"]["mistakes"]["reported"] == 40
    assert steps[("validate-committed-data", 0)]["exit_code"] == 0
    assert "| validate | 3,000 |" in (tmp_path / "bench.md").read_text()
    assert "validate" in result.stdout and "mistakes: 40 of 40" in result.stdout
    markdown = (tmp_path / "bench.md").read_text()
    assert "| every planted mistake reported | 40 of 40 | yes |" in markdown
    assert "| 3,000: build at most 1.5 × validate |" in markdown
    assert f"| 3,000: validate at most 2 × the floor (the higher of the two) | {max(over)} |" in markdown
    for size in (1000, 3000):
        assert steps[("format", size)]["exit_code"] == 0
