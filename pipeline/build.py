"""Make one report: validate the inputs, then write every output into a staging folder and swap it in.

A report is made in two stages, so that ``make -j2 report-all`` can run one
report's PDF beside another's notebook: *execute* (validate, count, export the
tables, run the notebook) and *render* (HTML and PDF). ``python -m pipeline
report`` runs both in one process; ``make report`` runs them as two steps, the
first into a hidden folder beside the output (``output/.2024.executed``).

Nothing is written before the inputs have passed validation, and the earlier
``output/<year>/`` is replaced only when every file of the new one exists.
"""

import copy
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import nbformat

from pipeline.analysis.tables import carried_years, compute_tables
from pipeline.config import NOTEBOOK_DIR, OUTPUT_DIR
from pipeline.contracts import tags_bytes
from pipeline.report import charts, export
from pipeline.report.evaluation import published_tables, reconcile
from pipeline.report.markup import captions
from pipeline.report.notebooks import assemble, report_outputs
from pipeline.report.workbook import write_tables_xlsx
from pipeline.staging import StepFailed, stage_logger, staged
from pipeline.study import REFERENCE_YEAR, load, load_history, report_date, resolve_inputs


class NotebookFailed(StepFailed):
    """The report notebook stopped with an error; the executed copy is kept for inspection."""



def build_report(year: int, plan: str = "", annotations: str = "", out: Path | None = None,
                 language: str = "nl") -> Path:
    """Render the full report for ``year`` into ``out`` (default ``output/<year>``), both stages in one process."""
    out = output_folder(year, out, language)
    log = stage_logger(f"report {year}")
    run = prepare(year, plan, annotations, log)
    from pipeline.report.render import render_folder  # here, so that the execute step does not import nbconvert

    with staged(out) as staging:
        execute(run, language, staging, out, log)
        render_folder(staging, log)
    log(f"done: {out}")
    return out


def execute_report(year: int, plan: str, annotations: str, out: Path | None, into: Path,
                   language: str = "nl") -> Path:
    """Stage one: the tables, their exports and the executed notebook, swapped into ``into`` (not ``out``)."""
    log = stage_logger(f"execute {year}")
    run = prepare(year, plan, annotations, log)
    with staged(Path(into)) as staging:
        execute(run, language, staging, output_folder(year, out, language), log)
    log(f"done: {into}")
    return Path(into)


def output_folder(year: int, out: Path | str | None, language: str = "nl") -> Path:
    """The report's output folder: ``out``, or ``output/<year>`` by default (``output/<year>-en`` in English)."""
    if out:
        return Path(out)
    return OUTPUT_DIR / (str(year) if language == "nl" else f"{year}-{language}")


def prepare(year: int, plan: str, annotations: str, log: Callable[[str], None]) -> dict:
    """Resolve, read and validate every input before anything is written. Raises InputError."""
    inputs = resolve_inputs(year, plan, annotations)
    log(f"reading {inputs.plan.name}" + (f" and {inputs.annotations.name}" if inputs.annotations else ""))
    plan_frame, tables = load(inputs)
    return {"inputs": inputs, "plan": plan_frame, "tables": tables, "earlier": load_history(inputs)}


def execute(run: dict, language: str, staging: Path, out: Path, log: Callable[[str], None]) -> None:
    """Write the table exports into ``staging`` and run the notebook there; its metadata says how to render it."""
    inputs, plan_frame, tables = run["inputs"], run["plan"], run["tables"]
    year, stamp = inputs.year, report_date()
    log("writing tables.csv, tags.csv and reconciliation.csv")
    export.write_tables_csv(tables, staging / "tables.csv")
    (staging / "tags.csv").write_bytes(tags_bytes(plan_frame))
    published = published_tables(REFERENCE_YEAR)
    plans = {**run["earlier"], year: plan_frame}
    if published is not None and REFERENCE_YEAR in plans:
        reference = tables if year == REFERENCE_YEAR else compute_tables(plans[REFERENCE_YEAR], REFERENCE_YEAR)
        export.write_reconciliation_csv(reconcile(reference, published, REFERENCE_YEAR, language),
                                        staging / "reconciliation.csv")
    log("running the notebook")
    executed = run_notebook(staging / "report.ipynb", {
        "year": year, "plan": str(inputs.plan.resolve()),
        "annotations": str(inputs.annotations.resolve()) if inputs.annotations else "", "language": language,
    }, out, {"year": year, "language": language, "created": stamp.strftime("%Y-%m-%dT%H:%M:%SZ")})
    log("writing tables.xlsx, its contents sheet numbered as the report")
    shown = report_outputs(executed)
    write_tables_xlsx(tables, staging / "tables.xlsx", year, carried_years(plan_frame, year), stamp,
                      language, extra=charts.chart_data(tables, language), captions=captions(shown, language))


def run_notebook(target: Path, parameters: dict, out: Path, annex: dict, attempts: int = 2) -> nbformat.NotebookNode:
    """Execute the report notebook, assembled from the chapters, with papermill into ``target``.

    On failure a copy is kept beside ``out``.
    ``annex`` (year, language, creation time) is stored in the notebook's metadata,
    so the render stage needs nothing but the executed notebook. A kernel that fails
    to start (two runs at once can race for the same free port) is started again
    once; an error inside a cell is reported, not retried.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    report = assemble()
    for attempt in range(1, attempts + 1):
        try:
            executed = papermill.execute_notebook(
                copy.deepcopy(report), str(target), parameters=parameters, kernel_name="python3",
                request_save_on_cell_execute=False,
                progress_bar=sys.stderr.isatty(), cwd=str(NOTEBOOK_DIR), extra_arguments=["--IPKernelApp.log_level=ERROR"])
            break
        except PapermillExecutionError as error:
            kept = out.parent / f"{out.name}.failed.ipynb"
            shutil.copyfile(target, kept)
            raise NotebookFailed(f"the report notebook failed in cell {error.exec_count}: {error.ename}: "
                                 f"{error.evalue} (executed notebook kept at {kept})") from None
        except Exception as error:  # the kernel did not start or died: nothing of ours ran yet
            if attempt == attempts:
                raise NotebookFailed(f"the notebook's kernel could not run ({type(error).__name__}: {error})") from None
            print(f"[kernel] {type(error).__name__}: {error}; starting it again", file=sys.stderr, flush=True)
    executed.metadata["annex"] = annex
    nbformat.write(executed, str(target))
    return executed
