"""football-careers: the commands people run. `python -m scripts --help` lists them."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXIT_OK, EXIT_PROBLEMS, EXIT_CANNOT_RUN = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    arguments = parser.parse_args(argv)
    try:
        return arguments.run(arguments)
    except KeyboardInterrupt:
        return EXIT_CANNOT_RUN
    except Exception as error:  # the last guard: say what happened in one line, never a traceback
        print(f"error: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_CANNOT_RUN


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m scripts", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check every table and every rule; report all problems")
    validate.add_argument("--data", type=Path, default=ROOT / "data", help="the folder of CSVs (default: data/)")
    validate.add_argument("--output", choices=["text", "json", "github"], default="text",
                          help="text for people (default), json for programs, github for CI annotations")
    validate.set_defaults(run=run_validate)

    format_ = commands.add_parser("format", help="rewrite the CSVs in canonical form without changing a value")
    format_.add_argument("--data", type=Path, default=ROOT / "data", help="the folder of CSVs (default: data/)")
    format_.add_argument("--check", action="store_true", help="only say which files would change; exit 1 if any")
    format_.set_defaults(run=run_format)

    package = commands.add_parser("datapackage", help="write datapackage.json from the schemas")
    package.add_argument("--check", action="store_true", help="exit 1 if datapackage.json is stale")
    package.set_defaults(run=run_datapackage)
    return parser


def run_validate(arguments: argparse.Namespace) -> int:
    from scripts import problems as views
    from scripts.validate import validate

    checked = validate(arguments.data, ROOT if arguments.data.resolve().is_relative_to(ROOT) else None)
    found = checked.problems
    if arguments.output == "json":
        sys.stdout.write(views.as_json(found))
    elif arguments.output == "github":
        sys.stdout.write(views.as_github_annotations(found))
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            with open(summary, "a", encoding="utf-8") as file:
                file.write(views.as_markdown(found))
    else:
        sys.stdout.write(views.as_text(found))
    return EXIT_PROBLEMS if found else EXIT_OK


def run_format(arguments: argparse.Namespace) -> int:
    from scripts import problems as views
    from scripts.formatting import format_tables

    root = ROOT if arguments.data.resolve().is_relative_to(ROOT) else arguments.data.resolve().parent
    outcome = format_tables(arguments.data, root, check_only=arguments.check)
    verb = "would reformat" if arguments.check else "reformatted"
    for file in outcome.changed:
        print(f"{verb} {file}")
    if outcome.refused:
        sys.stdout.write("These files were left untouched; fix these problems first:\n")
        sys.stdout.write(views.as_text(outcome.refused))
    if not outcome.changed and not outcome.refused:
        print("All files are in canonical form.")
    return EXIT_PROBLEMS if outcome.refused or (arguments.check and outcome.changed) else EXIT_OK


def run_datapackage(arguments: argparse.Namespace) -> int:
    from scripts import atomic, package

    path = ROOT / "datapackage.json"
    text = package.descriptor_text(package.descriptor())
    if arguments.check:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != text:
            print("datapackage.json is stale; run `make datapackage` and commit it")
            return EXIT_PROBLEMS
        print("datapackage.json is up to date")
        return EXIT_OK
    atomic.write_text(path, text)
    print("wrote datapackage.json")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
