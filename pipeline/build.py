"""Make one report: validate the inputs, then write every output into a staging folder and swap it in.

Nothing is written before the inputs have passed validation, and the earlier
``output/<year>/`` is replaced only when every file of the new one exists.
"""

import fcntl
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pipeline import charts, export, render
from pipeline.annex import REFERENCE_YEAR, load, load_history, report_date, resolve_inputs
from pipeline.config import NOTEBOOK_DIR, OUTPUT_DIR
from pipeline.evaluation import published_tables, reconcile
from pipeline.present import carried_years
from pipeline.tables import compute_tables

NOTEBOOK = NOTEBOOK_DIR / "report.ipynb"


class NotebookFailed(RuntimeError):
    """The report notebook stopped with an error; the executed copy is kept for inspection."""


def stage_logger(label: str) -> Callable[[str], None]:
    """A one-line-per-stage progress log on standard error, with elapsed seconds."""
    start = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{label} {time.perf_counter() - start:5.1f}s] {message}", file=sys.stderr, flush=True)

    return log


def swap_in(staging: Path, out: Path) -> None:
    """Replace ``out`` by ``staging`` with two renames under a lock; the old folder is removed afterwards.

    The lock serialises two runs for the same folder, so each swap sees a whole folder
    and the last run to finish wins; runs for other folders do not wait.
    """
    with open(out.parent / f".{out.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        old = None
        if out.exists():
            old = out.parent / f".{out.name}.old-{os.getpid()}"
            out.rename(old)
        staging.rename(out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def write_tables(year: int, plan: str = "", annotations: str = "", out: Path | None = None) -> Path:
    """Validate the inputs and write only ``tables.csv`` into ``out`` (atomically)."""
    inputs = resolve_inputs(year, plan, annotations)
    _, tables = load(inputs)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    target = out / "tables.csv"
    partial = out / f".tables.csv.{os.getpid()}.tmp"
    export.write_tables_csv(tables, partial)
    partial.replace(target)
    return target


def build_report(year: int, plan: str = "", annotations: str = "", out: Path | None = None,
                 language: str = "nl") -> Path:
    """Render the full report for ``year`` into ``out`` (default ``output/<year>``); return the folder."""
    log = stage_logger(f"report {year}")
    inputs = resolve_inputs(year, plan, annotations)
    log(f"reading {inputs.plan.name}" + (f" and {inputs.annotations.name}" if inputs.annotations else ""))
    plan_frame, tables = load(inputs)
    earlier = load_history(inputs)
    out = Path(out) if out else OUTPUT_DIR / str(year)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".partial", dir=out.parent))
    staging.chmod(0o755)
    try:
        stamp = report_date()
        log("writing tables.csv, tables.xlsx and reconciliation.csv")
        export.write_tables_csv(tables, staging / "tables.csv")
        export.write_tables_xlsx(tables, staging / "tables.xlsx", year, carried_years(plan_frame, year), stamp,
                                 language, extra=charts.chart_data(tables, language))
        published = published_tables(REFERENCE_YEAR)
        plans = {**earlier, year: plan_frame}
        if published is not None and REFERENCE_YEAR in plans:
            reference = tables if year == REFERENCE_YEAR else compute_tables(plans[REFERENCE_YEAR], REFERENCE_YEAR)
            export.write_reconciliation_csv(reconcile(reference, published, REFERENCE_YEAR, language),
                                            staging / "reconciliation.csv")
        log("running the notebook")
        run_notebook(staging / "report.ipynb", {
            "year": year, "plan": str(inputs.plan.resolve()),
            "annotations": str(inputs.annotations.resolve()) if inputs.annotations else "", "language": language,
        }, out)
        log("rendering report.html")
        page = render.notebook_html(staging / "report.ipynb", year, language, stamp.strftime("%Y-%m-%dT%H:%M:%SZ"))
        (staging / "report.html").write_text(page, encoding="utf-8")
        log("rendering report.pdf")
        render.write_pdf(page, staging / "report.pdf", staging)
        swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    log(f"done: {out}")
    return out


def run_notebook(target: Path, parameters: dict, out: Path, attempts: int = 2) -> None:
    """Execute the report notebook with papermill into ``target``; on failure keep a copy beside ``out``.

    A kernel that fails to start (two runs at once can race for the same free port)
    is started again once; an error inside a cell is reported, not retried.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    for attempt in range(1, attempts + 1):
        try:
            papermill.execute_notebook(str(NOTEBOOK), str(target), parameters=parameters, kernel_name="python3",
                                       progress_bar=sys.stderr.isatty(), cwd=str(NOTEBOOK_DIR),
                                       extra_arguments=["--IPKernelApp.log_level=ERROR"])
            return
        except PapermillExecutionError as error:
            kept = out.parent / f"{out.name}.failed.ipynb"
            shutil.copyfile(target, kept)
            raise NotebookFailed(f"the report notebook failed in cell {error.exec_count}: {error.ename}: "
                                 f"{error.evalue} (executed notebook kept at {kept})") from None
        except Exception as error:  # the kernel did not start or died: nothing of ours ran yet
            if attempt == attempts:
                raise NotebookFailed(f"the notebook's kernel could not run ({type(error).__name__}: {error})") from None
            print(f"[kernel] {type(error).__name__}: {error}; starting it again", file=sys.stderr, flush=True)
