"""Benchmark: validate, build, `frictionless validate` and the pandas+pyarrow floor, side by side, at several sizes.

Every measured step runs as its own process; wall time is taken around it and peak memory (max RSS) from
os.wait4, so figures include interpreter start-up, as a user would see them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from scripts import package, synthetic

ROOT = Path(__file__).resolve().parent.parent
FLOOR = ("import glob, sys, pandas as pd\n"
         "for path in sorted(glob.glob(sys.argv[1] + '/*.csv')): pd.read_csv(path, engine='pyarrow')\n")


@dataclass
class Measure:
    step: str
    appearances: int
    seconds: float
    peak_mb: float
    exit_code: int


def measure(step: str, size: int, command: list[str], output: Path | None = None, repeat: int = 1) -> Measure:
    """The median run of `repeat` (wall time and the peak memory of that run)."""
    runs = sorted((_measure_once(step, size, command, output) for _ in range(repeat)), key=lambda m: m.seconds)
    return runs[len(runs) // 2]


def _measure_once(step: str, size: int, command: list[str], output: Path | None) -> Measure:
    started = time.perf_counter()
    with open(output or os.devnull, "wb") as sink:
        process = subprocess.Popen(command, cwd=ROOT, stdout=sink, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    return Measure(step, size, round(seconds, 3), round(usage.ru_maxrss / 1024, 1), os.waitstatus_to_exitcode(status))


def run(sizes: list[int], mistakes: int, frictionless_up_to: int, seed: int = 0, repeat: int = 3) -> dict:
    python = sys.executable
    frictionless = str(Path(python).parent / "frictionless")
    measures, checks = [], {}
    with tempfile.TemporaryDirectory(prefix="football-careers-bench-") as scratch:
        for size in sizes:
            folder = Path(scratch) / str(size)
            tables = synthetic.generate(size, seed=seed)
            synthetic.write(tables, folder / "data")
            (folder / "datapackage.json").write_text(package.descriptor_text(package.descriptor()))
            rows = {name: len(frame) for name, frame in tables.items()}
            checks[str(size)] = {"rows": rows, "csv_mb": round(sum(
                p.stat().st_size for p in (folder / "data").iterdir()) / 1e6, 1)}
            data = str(folder / "data")
            measures.append(measure("floor", size, [python, "-c", FLOOR, data], repeat=repeat))
            measures.append(measure("validate", size, [python, "-m", "scripts", "validate", "--data", data],
                                    repeat=repeat))
            measures.append(measure("build", size, [python, "-m", "scripts", "build", "--data", data,
                                                    "--dist", str(folder / "dist")], repeat=repeat))
            if size <= frictionless_up_to:
                measures.append(measure("frictionless", size, [frictionless, "validate",
                                                               str(folder / "datapackage.json")]))
            if size == max(sizes) and mistakes:
                checks["mistakes"] = _mistakes(tables, folder, size, mistakes, seed, python, measures, repeat)
            shutil.rmtree(folder)
    measures.append(measure("validate-committed-data", 0, [python, "-m", "scripts", "validate"], repeat=repeat))
    return {"measures": [asdict(m) for m in measures], "checks": checks, "ratios": ratios(measures, sizes),
            "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]}, "repeat": repeat,
            "command": "python -m scripts bench " + " ".join(["--sizes", *map(str, sizes), "--mistakes", str(mistakes)])}


def _mistakes(tables, folder, size, count, seed, python, measures, repeat) -> dict:
    planted = synthetic.inject(tables, count, seed=seed)
    broken = folder / "broken"
    synthetic.write(tables, broken / "data")
    report = folder / "report.json"
    measures.append(measure("validate-with-mistakes", size,
                            [python, "-m", "scripts", "validate", "--data", str(broken / "data"), "--output", "json"],
                            output=report, repeat=repeat))
    # validate names files relative to the folder it runs in (ROOT); the planted ones are relative to `broken`
    found = {(Path(os.path.relpath(ROOT / p["file"], broken)).as_posix(), p["line"], p["rule"])
             for p in json.loads(report.read_text())["problems"]}
    missed = [asdict(m) for m in planted if (m.file, m.line, m.rule) not in found]
    return {"planted": len(planted), "reported": len(planted) - len(missed), "missed": missed[:20],
            "problems_in_report": len(found)}


def ratios(measures: list[Measure], sizes: list[int]) -> dict:
    by = {(m.step, m.appearances): m for m in measures}

    def ratio(a, b):
        return round(a.seconds / b.seconds, 2) if a and b and b.seconds else None

    found = {}
    for size in sizes:
        validate, build = by.get(("validate", size)), by.get(("build", size))
        found[str(size)] = {
            "validate_over_floor": ratio(validate, by.get(("floor", size))),
            "frictionless_over_validate": ratio(by.get(("frictionless", size)), validate),
            "build_over_validate": ratio(build, validate),
        }
    if len(sizes) >= 2:
        big, small = sizes[-1], sizes[-2]
        found["growth"] = {f"{step}_{big}_over_{small}": ratio(by.get((step, big)), by.get((step, small)))
                           for step in ("validate", "build", "floor")}
    mistakes = by.get(("validate-with-mistakes", sizes[-1]))
    found["mistakes_over_clean"] = ratio(mistakes, by.get(("validate", sizes[-1])))
    return found


def as_text(result: dict) -> str:
    lines = [f"{'step':<26}{'appearances':>12}{'seconds':>10}{'peak MB':>10}{'exit':>6}"]
    for m in result["measures"]:
        lines.append(f"{m['step']:<26}{m['appearances']:>12,}{m['seconds']:>10.2f}{m['peak_mb']:>10.0f}"
                     f"{m['exit_code']:>6}")
    lines.append("")
    lines.append("ratios: " + json.dumps(result["ratios"], indent=1))
    if "mistakes" in result["checks"]:
        mistakes = result["checks"]["mistakes"]
        lines.append(f"mistakes: {mistakes['reported']} of {mistakes['planted']} planted were reported, located")
    return "\n".join(lines) + "\n"


def as_markdown(result: dict) -> str:
    lines = ["# Benchmark", "", f"Produced by `{result['command']}` on a machine with {result['machine']['cpus']} "
             f"cores, Python {result['machine']['python']}; each figure is the median of {result['repeat']} runs "
             "of a whole process (start-up included). Synthetic data: `python -m scripts generate`.", "",
             "| step | appearances | seconds | peak MB |", "|---|---|---|---|"]
    for m in result["measures"]:
        lines.append(f"| {m['step']} | {m['appearances']:,} | {m['seconds']:.2f} | {m['peak_mb']:.0f} |")
    lines += ["", "| size | validate / floor | frictionless / validate | build / validate |", "|---|---|---|---|"]
    for size, ratio in result["ratios"].items():
        if isinstance(ratio, dict) and "validate_over_floor" in ratio:
            lines.append(f"| {int(size):,} | {ratio['validate_over_floor']} | {ratio['frictionless_over_validate']} | "
                         f"{ratio['build_over_validate']} |")
    lines += ["", "Growth: " + ", ".join(f"{k} = {v}" for k, v in result["ratios"].get("growth", {}).items()),
              f"With mistakes / clean: {result['ratios'].get('mistakes_over_clean')}"]
    if "mistakes" in result["checks"]:
        m = result["checks"]["mistakes"]
        lines.append(f"Mistakes planted: {m['planted']}; reported at their file, line and rule: {m['reported']}.")
    rows = result["checks"].get(str(max(int(k) for k in result["checks"] if k.isdigit())), {})
    if rows:
        lines += ["", f"Largest size: {rows['csv_mb']} MB of CSV; rows: "
                  + ", ".join(f"{k} {v:,}" for k, v in rows["rows"].items()) + "."]
    lines += ["", "## Targets at the largest size", "", "| target | measured | met |", "|---|---|---|"]
    lines += [f"| {target} | {measured} | {'yes' if met else 'no'} |" for target, measured, met in targets(result)]
    return "\n".join(lines) + "\n"


def targets(result: dict) -> list[tuple[str, object, bool]]:
    """The goals the project set for validate and build at the largest size, each with its figure."""
    sizes = sorted(int(k) for k in result["ratios"] if k.isdigit())
    big = result["ratios"][str(sizes[-1])]
    by = {(m["step"], m["appearances"]): m for m in result["measures"]}
    growth = result["ratios"].get("growth", {})
    validate_growth = next((v for k, v in growth.items() if k.startswith("validate_")), None)
    mistakes = result["checks"].get("mistakes", {})
    committed = by.get(("validate-committed-data", 0), {}).get("seconds")
    peak = max((by.get((step, sizes[-1]), {}).get("peak_mb") or 0) for step in ("validate", "build"))
    found = [
        ("validate at most 5 × the floor", big["validate_over_floor"], _at_most(big["validate_over_floor"], 5)),
        ("validate at least 10 × faster than frictionless", big["frictionless_over_validate"],
         big["frictionless_over_validate"] is not None and big["frictionless_over_validate"] >= 10),
        ("build at most 2 × validate", big["build_over_validate"], _at_most(big["build_over_validate"], 2)),
        ("peak memory of validate and build under 1,500 MB", peak, peak < 1500),
        ("10^6 at most 12 × 10^5 (validate)", validate_growth, _at_most(validate_growth, 12)),
        ("with mistakes at most 1.5 × clean", result["ratios"].get("mistakes_over_clean"),
         _at_most(result["ratios"].get("mistakes_over_clean"), 1.5)),
        ("every planted mistake reported", f"{mistakes.get('reported')} of {mistakes.get('planted')}",
         bool(mistakes) and mistakes.get("reported") == mistakes.get("planted")),
        ("committed data validated in under 1.5 s", committed, _at_most(committed, 1.5, strict=True)),
    ]
    return found


def _at_most(value, limit, strict=False) -> bool:
    return value is not None and (value < limit if strict else value <= limit)
