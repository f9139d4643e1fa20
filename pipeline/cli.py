"""The command line: ``python -m pipeline tables …`` and ``python -m pipeline report …``.

``report`` is also available as its two stages, ``execute`` then ``render``, which
``make report`` runs as separate steps. All use the same functions as the notebooks.
Input errors are printed as a message, never as a traceback, and the exit code is
non-zero.
"""

import argparse
import signal
import sys
from pathlib import Path

from pipeline.config import sample_years
from pipeline.errors import InputError
from pipeline.report.labels import LABEL_DIR

EXIT_INPUT_ERROR = 2
EXIT_FAILURE = 1
EXIT_INTERRUPTED = 130


def languages() -> list[str]:
    """The languages that have a label catalogue."""
    return sorted(path.stem for path in LABEL_DIR.glob("*.yaml"))


def parser() -> argparse.ArgumentParser:
    """Arguments of both commands."""
    main = argparse.ArgumentParser(prog="python -m pipeline", description="Evaluate the Flemish data action plan.")
    commands = main.add_subparsers(dest="command", required=True)
    latest = max(sample_years(), default=None)
    for name, help_text in (("tables", "compute the five SERV tables and the tags; write DIR/tables.csv and DIR/tags.csv"),
                            ("report", "render the full annex: HTML, PDF, tables.csv, tags.csv, tables.xlsx"),
                            ("execute", "stage one of `make report`: the tables and the executed notebook, into INTO")):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("--year", type=int, required=name == "tables" or latest is None, default=latest,
                             help="plan year (default for report: the latest sample year)")
        command.add_argument("--plan", default="", help="plan workbook (default: the project's sample for YEAR)")
        command.add_argument("--annotations", default="",
                             help="annotations CSV (default: the sample's, when the plan is the sample)")
        command.add_argument("--out", type=Path, required=name == "tables",
                             help="output folder" + ("" if name == "tables" else " (default: output/YEAR)"))
        if name != "tables":
            command.add_argument("--lang", default="nl", choices=languages(), help="report language (default nl)")
        if name == "execute":
            command.add_argument("--into", type=Path, required=True, help="folder for the executed stage")
    render = commands.add_parser("render", help="stage two of `make report`: report.html and report.pdf from the "
                                                "executed folder, swapped into OUT with its files")
    render.add_argument("--executed", type=Path, required=True, help="folder written by `execute`")
    render.add_argument("--out", type=Path, required=True, help="output folder")
    return main


def stop_on_sigterm(signum, frame) -> None:
    """Turn SIGTERM into an exception, so staging folders are cleaned up and the kernel is shut down."""
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """Run one command; return the exit code."""
    args = parser().parse_args(argv)
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    from pipeline.staging import StepFailed

    try:
        if args.command == "render":  # imports only what rendering needs: no pandas, no matplotlib
            from pipeline.report.render import render_report

            render_report(args.executed, args.out)
            return 0
        if args.command == "tables":  # imports only what reading, counting and tagging need
            if args.plan:  # a large plan's XML pass starts while the rest is imported
                from pipeline.input.sheets import prefetch

                prefetch(Path(args.plan))
            from pipeline.contracts import write_tables

            path = write_tables(args.year, args.plan, args.annotations, args.out)
            print(f"wrote {path} and {path.with_name('tags.csv')}")
            return 0
        from pipeline import build

        if args.command == "execute":
            build.execute_report(args.year, args.plan, args.annotations, args.out, args.into, args.lang)
        else:
            build.build_report(args.year, args.plan, args.annotations, args.out, args.lang)
    except InputError as error:
        print(error, file=sys.stderr)
        print("Nothing was written.", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except StepFailed as error:
        print(f"Error: {error}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print("Interrupted; the earlier output was left as it was.", file=sys.stderr)
        return EXIT_INTERRUPTED
    return 0
