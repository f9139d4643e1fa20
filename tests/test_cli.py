"""The command line: tables for a year, clear messages for bad input, nothing half-written."""

import os
import subprocess
import sys

import pandas as pd
from conftest import action, write_workbook

from pipeline.config import ROOT


def run(*args, cwd=None):
    """The command line in a process of its own, its output piped and so buffered as on any machine (this one's
    PYTHONUNBUFFERED, if set, is left out)."""
    env = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, env=env)


def test_tables_for_2023_reproduce_the_published_overview(tmp_path):
    result = run("tables", "--year", "2023", "--out", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    tables = pd.read_csv(tmp_path / "tables.csv")
    published = pd.read_csv(ROOT / "data/reference/serv-2023-published.csv")
    t1 = tables[tables["tabel"] == "T1"].merge(published, on=["tabel", "rij", "kolom"])
    assert len(t1) == 11 and (t1["waarde_x"] == t1["waarde_y"]).all()


def test_tables_for_any_plan(tmp_path):
    plan = write_workbook(tmp_path / "eigen.xlsx", [action(), action("5,2", "Open Data", label="nieuw")])
    result = run("tables", "--year", "2023", "--plan", str(plan), "--out", str(tmp_path / "uit"))
    assert result.returncode == 0, result.stderr
    assert "tables.csv and " in result.stdout  # said before the process leaves at once (pipeline.__main__)
    lines = (tmp_path / "uit" / "tables.csv").read_text().splitlines()
    assert "T1,bruto,aantal,2" in lines and "T4,onbepaald,Totaal,2" in lines
    tags = pd.read_csv(tmp_path / "uit" / "tags.csv", dtype=str, keep_default_na=False)
    assert tags.columns.tolist() == ["nr", "dimensie", "label", "bron", "bewijs"]
    assert set(tags["nr"]) <= {"1,1", "5,2"}
    assert ("5,2", "zorgpunten", "open_data", "regel") in set(zip(tags["nr"], tags["dimensie"], tags["label"], tags["bron"]))


def test_bad_input_prints_every_problem_without_traceback_and_writes_nothing(tmp_path):
    plan = write_workbook(tmp_path / "fout.xlsx", [action(status="klaar"), action("1,1", domein="Sport")])
    out = tmp_path / "uit"
    result = run("tables", "--year", "2023", "--plan", str(plan), "--out", str(out))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "fout.xlsx, sheet 'Acties', row 2, column 'Status'" in result.stderr
    assert "row 3, column 'Beleidsdomein': unknown domain 'Sport'" in result.stderr
    assert "row 3, column 'Nr': action number 1,1 appears twice" in result.stderr
    assert not out.exists()


def test_a_year_without_a_plan(tmp_path):
    result = run("tables", "--year", "2019", "--out", str(tmp_path / "uit"))
    assert result.returncode != 0 and "there is no plan for 2019" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_report_that_fails_keeps_the_earlier_output(tmp_path):
    out = tmp_path / "2023"
    out.mkdir()
    (out / "report.html").write_text("earlier good report")
    plan = tmp_path / "plan.xlsx"
    plan.write_text("Nr;Thema\n")
    result = run("report", "--year", "2023", "--plan", str(plan), "--out", str(out))
    assert result.returncode != 0 and "not an .xlsx workbook" in result.stderr
    assert (out / "report.html").read_text() == "earlier good report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2023", "plan.xlsx"]


def test_render_without_an_executed_step_says_what_to_run(tmp_path):
    result = run("render", "--executed", str(tmp_path / "nergens"), "--out", str(tmp_path / "uit"))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "there is no executed notebook" in result.stderr and "run the execute stage first" in result.stderr
    assert not (tmp_path / "uit").exists()


def test_render_refuses_a_notebook_that_the_execute_step_did_not_make(tmp_path):
    executed = tmp_path / "executed"
    executed.mkdir()
    (executed / "report.ipynb").write_bytes((ROOT / "notebooks/01-samenvatting.ipynb").read_bytes())
    out = tmp_path / "uit"
    out.mkdir()
    (out / "report.html").write_text("earlier good report")
    result = run("render", "--executed", str(executed), "--out", str(out))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "no 'annex' metadata" in result.stderr
    assert (out / "report.html").read_text() == "earlier good report"
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")) == ["executed", "uit"]


def test_tables_of_a_large_plan_start_its_xml_pass_before_the_libraries_are_imported(tmp_path, monkeypatch):
    """``tables`` forks the XML pass of a large plan (here: any plan) first, and the reading takes it up."""
    from pipeline import cli
    from pipeline.child import ChildCall
    from pipeline.input import sheets

    plan = write_workbook(tmp_path / "eigen.xlsx", [action(nr=1.5), action("1,6")], formats={"A2": "0.00"})
    monkeypatch.setattr(ChildCall, "usable", staticmethod(lambda: True))
    started, original = [], sheets.prefetch

    def prefetch(path):
        original(path)
        started.extend(sheets.PREFETCHED.values())

    monkeypatch.setattr(sheets, "PREFETCH_FROM", 0)
    monkeypatch.setattr(sheets, "prefetch", prefetch)
    assert cli.main(["tables", "--year", "2023", "--plan", str(plan), "--out", str(tmp_path / "uit")]) == 0
    assert len(started) == 1 and started[0].answer is not None and not sheets.PREFETCHED
    result = run("tables", "--year", "2023", "--plan", str(plan), "--out", str(tmp_path / "los"))
    assert result.returncode == 0, result.stderr
    for name in ("tables.csv", "tags.csv"):
        assert (tmp_path / "uit" / name).read_bytes() == (tmp_path / "los" / name).read_bytes()
    assert "1,50" in (tmp_path / "uit" / "tags.csv").read_text()
