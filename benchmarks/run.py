"""The benchmark suite: prints a table of figures and writes benchmarks/results.md. Not a test.

Each figure is the median of RUNS runs, with min and max, on this machine:
1. the pipeline's warm ``make report`` against the floor (benchmarks/floor.py), side by side;
2. a no-op ``make report``; 3. ``make report`` after touching only the annotations, or only the notebook;
4. ``make report-all`` with -j1 and -j2; 5. ingest + tables of 300, 10,000 and 100,000 actions, our reader
against ``pandas.read_excel(engine="openpyxl")``, with annotations for every action and peak memory; 6. time to the
first figure in the notebook; 7. where the 100,000-action ingest spends its time; 8. ``python -m pipeline tables`` as a
whole process per size; 9. the evaluation chapters' analysis per size.
It also checks that every pipeline run wrote byte-identical outputs.

Usage: python benchmarks/run.py [--runs N] [--rewrite] [--only STEP,…]
"""

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHON = sys.executable
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
SIZES = [300, 10_000, 100_000]
YEAR = 2024


def run(command: list[str], **kwargs) -> float:
    """Wall time of one command (which must succeed)."""
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   **kwargs)
    return time.perf_counter() - start


def summary(times: list[float]) -> dict:
    return {"median": statistics.median(times), "min": min(times), "max": max(times), "runs": len(times)}


def digest(folder: Path) -> str:
    names = ["report.html", "report.pdf", "tables.csv", "tables.xlsx"]
    return hashlib.sha256(b"".join((folder / n).read_bytes() for n in names)).hexdigest()


def floor_versus_pipeline(runs: int, scratch: Path) -> dict:
    floor, pipeline, digests = [], [], set()
    for i in range(runs):
        floor.append(run([PYTHON, str(HERE / "floor.py"), str(YEAR), str(scratch / f"floor-{i}")]))
        out = scratch / f"pipeline-{i}"
        pipeline.append(run(["make", "-s", "report", f"YEAR={YEAR}", f"OUT={out}"]))
        digests.add(digest(out))
    one_process = scratch / "one-process"  # the slow path: both steps in one process, no make
    run([PYTHON, "-m", "pipeline", "report", "--year", str(YEAR), "--out", str(one_process)])
    return {"floor": summary(floor), "pipeline": summary(pipeline),
            "ratio": statistics.median(pipeline) / statistics.median(floor), "identical_outputs": len(digests) == 1,
            "same_as_one_process": digests == {digest(one_process)}}


def rebuilds(runs: int) -> dict:
    run(["make", "-s", "report", f"YEAR={YEAR}"])
    noop = [run(["make", "-s", "report", f"YEAR={YEAR}"]) for _ in range(runs)]
    changed = {}
    for name, path in (("annotations", ROOT / "data/sample" / f"annotations-{YEAR}.csv"),
                       ("notebook", ROOT / "notebooks/04-uitvoering.ipynb")):
        times = []
        for _ in range(runs):
            path.touch()
            times.append(run(["make", "-s", "report", f"YEAR={YEAR}"]))
        changed[name] = summary(times)
    return {"noop": summary(noop), **changed}


def all_years(runs: int) -> dict:
    result = {}
    for jobs in (1, 2):
        times = []
        for _ in range(runs):
            (ROOT / "notebooks/04-uitvoering.ipynb").touch()
            times.append(run(["make", "-s", f"-j{jobs}", "report-all"]))
        result[f"j{jobs}"] = summary(times)
    result["ratio"] = result["j2"]["median"] / result["j1"]["median"]
    return result


INGEST = """
import json, resource, sys, time
path, notes, reader = sys.argv[1], sys.argv[2], sys.argv[3]
times = {"read": 0.0, "annotations": 0.0, "tables": 0.0, "total": 0.0}
if reader == "ours":
    # the total is one call of study.load, as `pipeline tables` makes it (the XML pass and the annotations file in
    # child processes beside the reading); the parts are timed after it, one by one, for where the time goes
    from pipeline.input.ingest import read_plan
    from pipeline.input.annotations import annotate, read_annotations
    from pipeline.study import load, resolve_inputs
    from pipeline.analysis.tables import compute_tables
    start = time.perf_counter(); load(resolve_inputs(2023, path, notes)); times["total"] = time.perf_counter() - start
    start = time.perf_counter(); plan = read_plan(path, 2023); times["read"] = time.perf_counter() - start
    start = time.perf_counter(); plan = annotate(plan, read_annotations(notes))
    times["annotations"] = time.perf_counter() - start
    start = time.perf_counter(); compute_tables(plan, 2023); times["tables"] = time.perf_counter() - start
else:
    import pandas as pd
    start = time.perf_counter(); pd.read_excel(path, engine="openpyxl", header=2); times["read"] = time.perf_counter() - start
    times["total"] = times["read"]
peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
print(json.dumps({**times, "peak_mb": peak / 1024}))
"""


def ensure_plans() -> None:
    from make_plans import annotations_for, path_for, write, write_annotations

    for size in SIZES:
        if not path_for(size).exists():
            write(size)
        if not annotations_for(size).exists():
            write_annotations(size)
    if not path_for(SIZES[-1], real=True).exists():
        write(SIZES[-1], real=True)


def ingest_scale(runs: int) -> dict:
    """Ingest + annotations + tables in a fresh process per run, ours against pandas' openpyxl reader."""
    from make_plans import annotations_for, path_for

    ensure_plans()
    result = {}
    for size in SIZES:
        for reader in ("ours", "pandas"):
            samples = []
            for _ in range(runs):
                output = subprocess.run([PYTHON, "-c", INGEST, str(path_for(size)), str(annotations_for(size)), reader],
                                        cwd=ROOT, env=ENV, check=True, capture_output=True, text=True).stdout
                samples.append(json.loads(output))
            result[f"{reader}-{size}"] = {
                **{part: summary([s[part] for s in samples]) for part in ("read", "annotations", "tables")},
                "total": summary([s["total"] for s in samples]),
                "peak_mb": max(s["peak_mb"] for s in samples)}
    result["ratio_100k"] = result["ours-100000"]["read"]["median"] / result["pandas-100000"]["read"]["median"]
    return result


def whole_process(runs: int, scratch: Path) -> dict:
    """``python -m pipeline tables`` with annotations for every action, start to end, per size."""
    from make_plans import annotations_for, path_for

    ensure_plans()
    # as an installed package is: compiled to bytecode (a shell with PYTHONDONTWRITEBYTECODE would compile every run)
    run([PYTHON, "-m", "compileall", "-q", str(ROOT / "pipeline")])
    result = {}
    for size in SIZES:
        result[str(size)] = summary([run([PYTHON, "-m", "pipeline", "tables", "--year", "2023", "--plan",
                                          str(path_for(size)), "--annotations", str(annotations_for(size)),
                                          "--out", str(scratch / f"tables-{size}")]) for _ in range(runs)])
    size = SIZES[-1]  # the same plan with real action texts: longer, with thousands of distinct words
    result[f"{size}-real"] = summary([run([PYTHON, "-m", "pipeline", "tables", "--year", "2023", "--plan",
                                           str(path_for(size, real=True)), "--annotations", str(annotations_for(size)),
                                           "--out", str(scratch / f"tables-{size}-real")]) for _ in range(runs)])
    return result


CHAPTERS = """
import json, resource, sys, time
from pipeline.analysis import coverage, quality, similarity, taxonomy
from pipeline.input.annotations import annotate, read_annotations
from pipeline.input.ingest import read_plan
plan = annotate(read_plan(sys.argv[1], 2023), read_annotations(sys.argv[2]))
tagged = {}
steps = {"tags (strategy, concerns, EU)": lambda: tagged.setdefault("tags", taxonomy.tag(plan)),
         "SERV recommendations follow-up": lambda: coverage.recommendations(tagged["tags"], plan),
         "information quality": lambda: quality.score(plan),
         "nature suggestions": lambda: taxonomy.suggest_nature(plan),
         "duplicate candidates": lambda: similarity.duplicate_candidates(plan, 2023),
         "synergy pairs": lambda: similarity.synergy_candidates(plan)}
result = {}
for name, step in steps.items():
    pairs = len(plan) ** 2 * 8 / 2**30
    if name in ("duplicate candidates", "synergy pairs") and pairs > 4:
        result[name] = {"seconds": None, "note": f"not run: its dense similarity matrix would take {pairs:.0f} GiB"}
        continue
    start = time.perf_counter(); step()
    result[name] = {"seconds": time.perf_counter() - start,
                    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
print(json.dumps(result))
"""


def chapters_scale() -> dict:
    """The evaluation chapters' analysis on the annotated scale plans: one fresh process per size."""
    from make_plans import annotations_for, path_for

    ensure_plans()
    return {str(size): json.loads(subprocess.run([PYTHON, "-c", CHAPTERS, str(path_for(size)),
                                                  str(annotations_for(size))], cwd=ROOT, env=ENV, check=True,
                                                 capture_output=True, text=True).stdout) for size in SIZES}


FIRST_FIGURE = """
import sys, time
import nbformat
from nbclient import NotebookClient
start = time.perf_counter()
from pipeline.report.notebooks import assemble
book = assemble()
upto = next(i for i, c in enumerate(book.cells) if "study.figure(" in c.source)
book.cells = book.cells[: upto + 1]
NotebookClient(book, kernel_name="python3", resources={"metadata": {"path": sys.argv[2]}}).execute()
print(time.perf_counter() - start)
"""


def first_figure(runs: int) -> dict:
    times = []
    for _ in range(runs):
        output = subprocess.run([PYTHON, "-c", FIRST_FIGURE, "",
                                 str(ROOT / "notebooks")], cwd=ROOT, env=ENV, check=True, capture_output=True,
                                text=True).stdout
        times.append(float(output.strip().splitlines()[-1]))
    return summary(times)


STAGES = """
import json, resource, sys, time
from pathlib import Path
from pipeline.input import ingest, sheets, validate
from pipeline.input.annotations import annotate, read_annotations
from pipeline.analysis.tables import compute_tables
path, clock, stages = Path(sys.argv[1]), time.perf_counter, {}
def mark(name, since):
    stages[name] = {"seconds": clock() - since, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    return clock()
start = mark("import the libraries", clock())
with ingest.collector_paused():  # the steps of ingest.read_table, as read_plan runs them from the command line
    book = sheets.open_workbook(path)
    sheet, scan, header_row, keys = sheets.locate_table(book, path.name)
    start = mark("open; values (calamine), the XML pass started in a child process", start)
    records, _ = ingest.read_rows(sheet, header_row, keys, path.name, {}, {})
    start = mark("rows to columns", start)
    checked = validate.check_other_columns(records, 2023, path.name, sheet.title, {})
    start = mark("check every column but Nr", start)
    scan = ingest.finished(scan)
    start = mark("wait for the XML pass", start)
    formats = {row: code for (row, col), code in scan.formats.items() if col == 0}
    ingest.render_nr(records, formats, [at for at, row in enumerate(records["nr_rows"]) if row in formats])
    plan, _ = validate.build_plan(records, 2023, path.name, sheet.title, {}, checked)
    start = mark("Nr under its number formats; the frame", start)
    plan = annotate(plan, read_annotations(sys.argv[2]))
    start = mark("annotations for every action, alone: read, check, join", start)
compute_tables(plan, 2023)
mark("five tables", start)
stages["import the libraries"]["seconds"] = None  # not part of the ingest figures
print(json.dumps(stages))
"""


def stages_100k() -> dict:
    """Where the 100,000-action ingest spends its time and memory: one run in a fresh process."""
    from make_plans import annotations_for, path_for

    output = subprocess.run([PYTHON, "-c", STAGES, str(path_for(100_000)), str(annotations_for(100_000))], cwd=ROOT,
                            env=ENV, check=True, capture_output=True, text=True).stdout
    return json.loads(output)


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), "0")
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(int(memory) / 2**20, 1),
            "python": platform.python_version(), "system": platform.platform()}


def fmt(item: dict) -> str:
    return f"{item['median']:.2f} s (min {item['min']:.2f}, max {item['max']:.2f}, n={item['runs']})"


def report(results: dict) -> str:
    r = results
    targets = [
        ("warm `make report`, as a ratio to the floor", "≤ 1.5", f"{r['floor']['ratio']:.2f}"),
        ("no-op `make report`", "≤ 0.5 s", f"{r['rebuild']['noop']['median']:.3f} s"),
        ("`report-all -j2`, as a ratio to `-j1`", "≤ 0.6", f"{r['all']['ratio']:.2f}"),
        ("ingest + annotations + tables of a 100,000-action plan, annotations for every action", "≤ 3 s, peak ≤ 1 GiB",
         f"{r['ingest']['ours-100000']['total']['median']:.2f} s, {r['ingest']['ours-100000']['peak_mb']:.0f} MB"),
        ("`python -m pipeline tables` on it, the whole process", "≤ 4 s", f"{r['whole']['100000']['median']:.2f} s"),
        ("the same, the actions' texts taken from real actions (no target: shown because the standard plan's "
         "fifteen words flatter the tagger)", "–", f"{r['whole']['100000-real']['median']:.2f} s"),
        ("our reader / `read_excel(openpyxl)`, 100,000 actions", "≤ 0.2", f"{r['ingest']['ratio_100k']:.2f}"),
    ]
    lines = ["# Benchmark results", "", "Written by `make bench` (benchmarks/run.py); medians with min and max.", "",
             "## Machine", ""]
    lines += [f"- {k}: {v}" for k, v in r["machine"].items()]
    lines += ["", "## Targets", "", "| figure | target | measured |", "| --- | --- | --- |"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in targets]
    lines += ["", "## Details", "", "| measurement | time |", "| --- | --- |",
              f"| floor (plain script: read, tables, charts, HTML, PDF) | {fmt(r['floor']['floor'])} |",
              f"| pipeline, warm `make report` (papermill, nbconvert, WeasyPrint) | {fmt(r['floor']['pipeline'])} |",
              f"| no-op `make report` | {fmt(r['rebuild']['noop'])} |",
              f"| `make report` after touching the annotations | {fmt(r['rebuild']['annotations'])} |",
              f"| `make report` after touching the notebook | {fmt(r['rebuild']['notebook'])} |",
              f"| `make -j1 report-all` | {fmt(r['all']['j1'])} |",
              f"| `make -j2 report-all` | {fmt(r['all']['j2'])} |",
              f"| time to the first figure (notebook, fresh kernel) | {fmt(r['first_figure'])} |",
              "", f"Pipeline outputs byte-identical across runs: {r['floor']['identical_outputs']}; identical to "
              f"the one-process `python -m pipeline report` (no make steps): {r['floor']['same_as_one_process']}.", "",
              "## Ingest scale", "", "Plans from benchmarks/make_plans.py (a fifth of the Nr cells numeric, under a number "
              "format), with annotations for every action. *Together* is one call of `study.load`, as `pipeline "
              "tables` makes it: the sheet's XML pass and the annotations file are read in child processes beside "
              "the rest (pipeline/child.py). The parts are then timed one by one in the same process, each alone. "
              "Peak memory is the largest of the process and its children.", "",
              "| actions | reader | together | read | annotations | tables | peak memory |",
              "| --- | --- | --- | --- | --- | --- | --- |"]
    for size in SIZES:
        for reader in ("ours", "pandas"):
            item = r["ingest"][f"{reader}-{size}"]
            rest = [fmt(item[part]) if reader == "ours" else "–" for part in ("total", "annotations", "tables")]
            lines.append(f"| {size:,} | {reader} | {rest[0]} | {fmt(item['read'])} | {rest[1]} | {rest[2]} | "
                         f"{item['peak_mb']:.0f} MB |")
    lines += ["", "`python -m pipeline tables --plan … --annotations …`, the whole process:", "",
              "| actions | time |", "| --- | --- |"] + [f"| {size:,} | {fmt(r['whole'][str(size)])} |" for size in SIZES]
    lines += [f"| {SIZES[-1]:,}, texts of real actions (`plan-{SIZES[-1]}-real.xlsx`) | "
              f"{fmt(r['whole'][f'{SIZES[-1]}-real'])} |"]
    names = list(next(iter(r["chapters"].values())))
    lines += ["", "## Evaluation chapters at scale", "", "The chapters' analysis on the same annotated plans (seconds, one "
              "fresh process per size):", "", "| step | " + " | ".join(f"{size:,}" for size in SIZES) + " |",
              "| --- |" + " --- |" * len(SIZES)]
    for name in names:
        cells = []
        for size in SIZES:
            item = r["chapters"][str(size)][name]
            cells.append(item.get("note", "–") if item["seconds"] is None else f"{item['seconds']:.2f} s")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    ours = {size: r["ingest"][f"ours-{size}"]["total"]["median"] for size in SIZES}
    lines += ["", "## How cost grows", "",
              "| actions | ingest + tables | per 1,000 actions |", "| --- | --- | --- |"]
    lines += [f"| {size:,} | {ours[size]:.2f} s | {ours[size] / size * 1000:.3f} s |" for size in SIZES]
    lines += ["", growth(r["ingest"])]
    lines += ["", "Where the 100,000-action run spends its time and memory (one run in a fresh process; peak memory "
              "after each step):", "", "| step | time | peak memory |", "| --- | --- | --- |"]
    for stage, item in r["stages"].items():
        seconds = "–" if item["seconds"] is None else f"{item['seconds']:.2f} s"
        lines.append(f"| {stage} | {seconds} | {item['peak_mb']:.0f} MB |")
    return "\n".join(lines) + "\n"


def growth(ingest: dict) -> str:
    """One computed sentence on how time and memory grow from the middle size to the largest."""
    middle, large = SIZES[-2], SIZES[-1]
    times = {size: ingest[f"ours-{size}"]["total"]["median"] for size in (middle, large)}
    memory = {size: ingest[f"ours-{size}"]["peak_mb"] for size in SIZES}
    factor, scale = times[large] / times[middle], large / middle
    verdict = "linear" if factor <= scale * 1.25 else "worse than linear"
    per_action = (memory[large] - memory[middle]) * 1024 / (large - middle)
    return (f"From {middle:,} to {large:,} actions ({scale:.0f} times as many), ingest + tables took {factor:.1f} times "
            f"as long: {verdict}. Peak memory grew by {memory[large] - memory[middle]:.0f} MB, about "
            f"{per_action:.1f} KB per action, over a fixed {memory[SIZES[0]]:.0f} MB (libraries and configuration); "
            f"the table below shows which step raises the peak.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rewrite", action="store_true", help="only rewrite results.md from results.json")
    parser.add_argument("--only", default="", help="comma-separated steps to measure again (floor, rebuild, all, "
                                                   "ingest, first_figure, stages, whole, chapters); the others are "
                                                   "kept from results.json")
    args = parser.parse_args()
    if args.rewrite:
        text = report(json.loads((HERE / "results.json").read_text(encoding="utf-8")))
        (HERE / "results.md").write_text(text, encoding="utf-8")
        print(text)
        return
    sys.path.insert(0, str(HERE))
    scratch = Path(tempfile.mkdtemp(prefix="bench-"))
    only = set(filter(None, args.only.split(",")))
    results = json.loads((HERE / "results.json").read_text(encoding="utf-8")) if only else {}
    results["machine"] = machine()
    try:
        for key, step in (("floor", lambda: floor_versus_pipeline(args.runs, scratch)),
                          ("rebuild", lambda: rebuilds(args.runs)), ("all", lambda: all_years(args.runs)),
                          ("ingest", lambda: ingest_scale(args.runs)), ("first_figure", lambda: first_figure(args.runs)),
                          ("stages", stages_100k), ("whole", lambda: whole_process(args.runs, scratch)),
                          ("chapters", chapters_scale)):
            if only and key not in only:
                continue
            start = time.perf_counter()
            results[key] = step()
            print(f"{key}: done in {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    text = report(results)
    (HERE / "results.md").write_text(text, encoding="utf-8")
    (HERE / "results.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
