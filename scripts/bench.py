"""Benchmark: validate, format, build, `frictionless validate` and the pandas+pyarrow floor (with pandas' defaults,
and with the commands' allocators), side by side, at several sizes.

Every measured step runs as its own process, as a user would run it (start-up included). A small launcher
process starts each one and reports its wall time and peak memory (max RSS, from wait4): measured from here, a
child's peak would include the memory of this process, which holds nothing but the figures. The data is written
by `python -m scripts generate` in a process of its own, for the same reason.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOOR = ("import glob, sys, pandas as pd\n"
         "for path in sorted(glob.glob(sys.argv[1] + '/*.csv')): pd.read_csv(path, engine='pyarrow')\n")
# The same read with the allocators the commands set up (scripts/allocator.py): on some machines pandas' defaults
# (pyarrow's mimalloc) read far slower, and a floor that slow flatters the ratios. Targets are judged against
# the higher of the two ratios.
SAME_ALLOCATOR_FLOOR = ("from scripts import allocator\n"
                        "allocator.keep_freed_memory()\n"
                        "allocator.arrow_pool()\n" + FLOOR)
FLOORS = ("floor", "floor-same-allocator")
# Runs a command, and prints its wall time and its own peak memory as JSON on the last line of stderr.
LAUNCHER = ("import json, os, subprocess, sys, time\n"
            "started = time.perf_counter()\n"
            "with open(sys.argv[1], 'wb') as sink:\n"
            "    process = subprocess.Popen(sys.argv[2:], stdout=sink, stderr=subprocess.DEVNULL)\n"
            "    _, status, usage = os.wait4(process.pid, 0)\n"
            "print(json.dumps({'seconds': time.perf_counter() - started, 'maxrss_kb': usage.ru_maxrss,\n"
            "                  'exit_code': os.waitstatus_to_exitcode(status)}), file=sys.stderr)\n")
FRICTIONLESS_UP_TO = 1_000_000  # frictionless takes minutes beyond this
MISTAKES_UP_TO = 1_000_000  # mistakes are planted at the largest size up to this
MILLION, TEN_MILLION = 1_000_000, 10_000_000


@dataclass
class Measure:
    step: str
    appearances: int
    seconds: float
    peak_mb: float
    exit_code: int


def measure(step: str, size: int, command: list[str], output: Path | None = None, repeat: int = 1) -> Measure:
    """The median run of `repeat` (wall time and the peak memory of that run)."""
    return _median([_measure_once(step, size, command, output) for _ in range(repeat)])


def measure_in_rounds(size: int, steps: list[tuple[str, list[str]]], repeat: int) -> list[Measure]:
    """Each step's median run, the steps run in rounds, each once a round, so that the steps whose ratios are
    compared see the machine in the same state: run back to back, a step reuses the memory its own last run gave
    back and looks faster than it is between other commands (the floor at 10^6: 0.615 s alone against 0.825 s
    between validations, while validate took 1.665 s and 1.680 s)."""
    runs: dict[str, list[Measure]] = {step: [] for step, _ in steps}
    for _ in range(repeat):
        for step, command in steps:
            runs[step].append(_measure_once(step, size, command, None))
    return [_median(step_runs) for step_runs in runs.values()]


def _median(runs: list[Measure]) -> Measure:
    """The median run by wall time, with that run's peak memory."""
    return sorted(runs, key=lambda m: m.seconds)[len(runs) // 2]


def _measure_once(step: str, size: int, command: list[str], output: Path | None) -> Measure:
    launched = subprocess.run([sys.executable, "-c", LAUNCHER, str(output or os.devnull), *command], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True)
    figures = json.loads(launched.stderr.strip().splitlines()[-1])
    return Measure(step, size, round(figures["seconds"], 3), round(figures["maxrss_kb"] / 1024, 1),
                   figures["exit_code"])


def run(sizes: list[int], mistakes: int, frictionless_up_to: int = FRICTIONLESS_UP_TO, seed: int = 0,
        repeat: int = 3) -> dict:
    python = sys.executable
    # the committed data first, on a quiet machine: measured last, it ran just as the kernel reclaimed the memory
    # and the files of 10^7 appearances (1.39 s against 0.99 s a moment later, on one hour)
    measures = [measure("validate-committed-data", 0, [python, "-m", "scripts", "validate"], repeat=repeat)]
    checks = {}
    mistakes_size = max((s for s in sizes if s <= MISTAKES_UP_TO), default=min(sizes))
    with tempfile.TemporaryDirectory(prefix="football-careers-bench-") as scratch:
        for size in sizes:
            folder = Path(scratch) / str(size)
            rows, _ = generate(folder / "data", size, seed)
            checks[str(size)] = {"rows": rows, "csv_mb": round(sum(
                p.stat().st_size for p in (folder / "data").iterdir()) / 1e6, 1)}
            measures += measure_size(folder, size, size <= frictionless_up_to, repeat)
            if size == mistakes_size and mistakes:
                checks["mistakes"] = _mistakes(folder, size, mistakes, seed, python, measures, repeat)
            shutil.rmtree(folder)
    return {"measures": [asdict(m) for m in measures], "checks": checks, "ratios": ratios(measures, sizes),
            "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]}, "repeat": repeat,
            "command": "python -m scripts bench " + " ".join(["--sizes", *map(str, sizes), "--mistakes", str(mistakes)])}


def generate(folder: Path, size: int, seed: int, mistakes: int = 0) -> tuple[dict[str, int], list[tuple]]:
    """Write synthetic data with `python -m scripts generate`; its row counts, and the planted mistakes."""
    command = [sys.executable, "-m", "scripts", "generate", str(folder), "--appearances", str(size), "--seed",
               str(seed), "--mistakes", str(mistakes)]
    output = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True).stdout
    planted = [(match["file"], int(match["line"]), match["rule"]) for match in
               re.finditer(r"^planted (?P<rule>\S+) at (?P<file>[^:\n]+):(?P<line>\d+)$", output, re.M)]
    wrote = output.strip().splitlines()[-1].split(": ", 1)[1]
    rows = {name: int(count) for name, count in (part.rsplit(" ", 1) for part in wrote.split(", "))}
    (folder.parent / "datapackage.json").write_text(_descriptor())
    return rows, planted


def _descriptor() -> str:
    from scripts import package  # the schemas, for frictionless: imported only here

    return package.descriptor_text(package.descriptor())


def measure_size(folder: Path, size: int, with_frictionless: bool, repeat: int) -> list[Measure]:
    python, data = sys.executable, str(folder / "data")
    frictionless = str(Path(python).parent / "frictionless")
    found = measure_in_rounds(size, [
        ("floor", [python, "-c", FLOOR, data]),
        ("floor-same-allocator", [python, "-c", SAME_ALLOCATOR_FLOOR, data]),
        ("validate", [python, "-m", "scripts", "validate", "--data", data]),
        ("format", [python, "-m", "scripts", "format", "--check", "--data", data]),
        ("build", [python, "-m", "scripts", "build", "--data", data, "--dist", str(folder / "dist")])], repeat)
    if with_frictionless:
        found.append(measure("frictionless", size, [frictionless, "validate", str(folder / "datapackage.json")]))
    return found


def _mistakes(folder, size, count, seed, python, measures, repeat) -> dict:
    broken = folder / "broken"
    _, planted = generate(broken / "data", size, seed, mistakes=count)
    report = folder / "report.json"
    measures.append(measure("validate-with-mistakes", size,
                            [python, "-m", "scripts", "validate", "--data", str(broken / "data"), "--output", "json"],
                            output=report, repeat=repeat))
    # the report names files from where validate ran; generate names them as given to it
    found = {(Path(p["file"]).name, p["line"], p["rule"]) for p in json.loads(report.read_text())["problems"]}
    missed = [{"file": file, "line": line, "rule": rule} for file, line, rule in planted
              if (Path(file).name, line, rule) not in found]
    return {"planted": len(planted), "reported": len(planted) - len(missed), "missed": missed[:20],
            "problems_in_report": len(found)}


def ratios(measures: list[Measure], sizes: list[int]) -> dict:
    by = {(m.step, m.appearances): m for m in measures}

    def ratio(a, b):
        return round(a.seconds / b.seconds, 2) if a and b and b.seconds else None

    def over_floors(step_measure, size):
        """The ratio to each floor, then the higher of the two, which the targets are judged by."""
        over = [ratio(step_measure, by.get((floor, size))) for floor in FLOORS]
        return [*over, max((r for r in over if r is not None), default=None)]

    found = {}
    for size in sizes:
        validate = by.get(("validate", size))
        found[str(size)] = {
            "frictionless_over_validate": ratio(by.get(("frictionless", size)), validate),
            "build_over_validate": ratio(by.get(("build", size)), validate),
            "format_over_validate": ratio(by.get(("format", size)), validate),
        }
        for step in ("validate", "build"):
            (found[str(size)][f"{step}_over_floor"], found[str(size)][f"{step}_over_same_allocator_floor"],
             found[str(size)][f"{step}_over_higher_floor"]) = over_floors(by.get((step, size)), size)
    found["growth"] = {f"{step}_{big}_over_{small}": ratio(by.get((step, big)), by.get((step, small)))
                       for small, big in zip(sizes, sizes[1:]) for step in (*FLOORS, "validate", "format", "build")}
    mistakes = next((m for m in measures if m.step == "validate-with-mistakes"), None)
    found["mistakes_over_clean"] = ratio(mistakes, by.get(("validate", mistakes.appearances))) if mistakes else None
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
    lines += ["", "targets:"] + [f"  {'met' if met else 'NOT MET'}: {target}: {measured}"
                                 for target, measured, met in targets(result)]
    return "\n".join(lines) + "\n"


NOTES_MARK = "<!-- Written by hand below this line; `python -m scripts bench` keeps it. -->"


def as_markdown(result: dict, current: str = "") -> str:
    """The figures, then whatever was written by hand below NOTES_MARK in the current file."""
    lines = ["# Benchmark", "", f"Produced by `{result['command']}` on a machine with {result['machine']['cpus']} "
             f"cores, Python {result['machine']['python']}; each figure is the median of {result['repeat']} runs "
             "of a whole process (start-up included), frictionless's of one; at each size the floors, validate, "
             "format and build run in rounds, each once a round. Synthetic data: "
             "`python -m scripts generate`. `format` is `format --check`.", "",
             "| step | appearances | seconds | peak MB |", "|---|---|---|---|"]
    for m in result["measures"]:
        lines.append(f"| {m['step']} | {m['appearances']:,} | {m['seconds']:.2f} | {m['peak_mb']:.0f} |")
    lines += ["", "| size | validate / floor | validate / floor, same allocator | frictionless / validate "
                  "| build / validate | format / validate |", "|---|---|---|---|---|---|"]
    for size, ratio in result["ratios"].items():
        if isinstance(ratio, dict) and "validate_over_floor" in ratio:
            lines.append(f"| {int(size):,} | {ratio['validate_over_floor']} | "
                         f"{ratio['validate_over_same_allocator_floor']} | {ratio['frictionless_over_validate']} | "
                         f"{ratio['build_over_validate']} | {ratio['format_over_validate']} |")
    lines += ["", "Growth: " + ", ".join(f"{k} = {v}" for k, v in result["ratios"].get("growth", {}).items()),
              f"With mistakes / clean: {result['ratios'].get('mistakes_over_clean')}"]
    if "mistakes" in result["checks"]:
        m = result["checks"]["mistakes"]
        lines.append(f"Mistakes planted: {m['planted']}; reported at their file, line and rule: {m['reported']}.")
    for size in sorted(int(k) for k in result["checks"] if k.isdigit()):
        rows = result["checks"][str(size)]
        lines += ["", f"{size:,} appearances: {rows['csv_mb']} MB of CSV; rows: "
                  + ", ".join(f"{k} {v:,}" for k, v in rows["rows"].items()) + "."]
    lines += ["", "## Targets", "", "| target | measured | met |", "|---|---|---|"]
    lines += [f"| {target} | {measured} | {'yes' if met else 'no'} |" for target, measured, met in targets(result)]
    notes = current.split(NOTES_MARK, 1)[1] if NOTES_MARK in current else "\n"
    return "\n".join(lines) + "\n\n" + NOTES_MARK + notes


def targets(result: dict) -> list[tuple[str, object, bool]]:
    """The goals set for validate, format and build, each with its figure: at 10^6 appearances (or the largest
    size measured below it), at 10^7 when measured, and on the committed data."""
    sizes = sorted(int(k) for k in result["ratios"] if k.isdigit())
    by = {(m["step"], m["appearances"]): m for m in result["measures"]}
    main = max((s for s in sizes if s <= MILLION), default=sizes[0])
    at = result["ratios"][str(main)]
    mistakes = result["checks"].get("mistakes", {})
    committed = by.get(("validate-committed-data", 0), {}).get("seconds")
    validate_peak = by.get(("validate", main), {}).get("peak_mb")
    format_peak = by.get(("format", main), {}).get("peak_mb")
    size = f"{main:,}: "
    found = [
        (size + "validate at most 2 × the floor (the higher of the two)", at["validate_over_higher_floor"],
         _at_most(at["validate_over_higher_floor"], 2)),
        (size + "validate at least 25 × faster than frictionless", at["frictionless_over_validate"],
         at["frictionless_over_validate"] is not None and at["frictionless_over_validate"] >= 25),
        (size + "peak memory of validate at most 600 MB", validate_peak, _at_most(validate_peak, 600)),
        (size + "build at most 1.5 × validate", at["build_over_validate"], _at_most(at["build_over_validate"], 1.5)),
        (size + "format at most 1.5 × validate", at["format_over_validate"], _at_most(at["format_over_validate"], 1.5)),
        (size + "peak memory of format under 1,000 MB", format_peak, _at_most(format_peak, 1000, strict=True)),
        ("every planted mistake reported", f"{mistakes.get('reported')} of {mistakes.get('planted')}",
         bool(mistakes) and mistakes.get("reported") == mistakes.get("planted")),
        ("committed data validated in at most 0.8 s", committed, _at_most(committed, 0.8)),
    ]
    if TEN_MILLION in sizes:
        big = result["ratios"][str(TEN_MILLION)]
        for step in ("validate", "build"):
            figure = by.get((step, TEN_MILLION), {})
            over_floor = big[f"{step}_over_higher_floor"]
            found += [(f"{TEN_MILLION:,}: {step} completes", f"exit {figure.get('exit_code')}",
                       figure.get("exit_code") == 0),
                      (f"{TEN_MILLION:,}: {step} at most 2.5 × the floor (the higher of the two)", over_floor,
                       _at_most(over_floor, 2.5)),
                      (f"{TEN_MILLION:,}: peak memory of {step} at most 6,000 MB", figure.get("peak_mb"),
                       _at_most(figure.get("peak_mb"), 6000))]
    return found


def _at_most(value, limit, strict=False) -> bool:
    return value is not None and (value < limit if strict else value <= limit)
