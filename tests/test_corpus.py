"""Every broken input of the corpus gives a clear message, a non-zero exit, no traceback, and writes nothing."""

import re

import pytest
from corpus import CASES, good

from pipeline import cli


def feed(case, folder):
    """Write the case's files; return the command-line arguments."""
    args = ["tables", "--year", str(case.year), "--out", str(folder / "out")]
    if case.plan is False:
        return args
    plan = folder / "plan.xlsx"
    if case.plan == "missing":
        pass
    elif case.plan == "folder":
        plan.mkdir()
    else:
        (case.plan or good)(plan)
    args += ["--plan", str(plan)]
    if case.annotations is not None:
        notes = folder / "annotations.csv"
        data = case.annotations.encode("utf-8") if isinstance(case.annotations, str) else case.annotations
        notes.write_bytes(data)
        args += ["--annotations", str(notes)]
    return args


def test_the_corpus_is_large_and_distinct():
    assert len(CASES) >= 40
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_broken_input(case, tmp_path, capsys):
    code = cli.main(feed(case, tmp_path))
    err = capsys.readouterr().err
    assert code != 0
    assert "Traceback" not in err
    assert re.search(case.expected, err), err
    named = "plan.xlsx" if case.annotations is None and case.plan is not False else (
        "annotations.csv" if case.annotations is not None else "plan-2019.xlsx")
    assert named in err
    if case.where:
        assert "sheet 'Acties'" in err and " row " in err and "column '" in err
    assert not (tmp_path / "out").exists()
