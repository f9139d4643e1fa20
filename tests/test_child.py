"""A function run in a forked child: its value or its input error comes back; without fork it runs here; reading a
plan in a child process gives exactly what reading it in one process gives, good input or bad."""

import os
import sys

import pytest
from corpus import CASES
from test_corpus import feed

from pipeline import cli, contracts, ingest
from pipeline.child import ChildCall
from pipeline.errors import InputError, Problem
from pipeline.study import load, resolve_inputs


def refuse(name: str):
    raise InputError([Problem(name, "bad", "Acties", 7, "Nr"), Problem(name, "worse")])


def die_in_child(parent: int) -> str:
    if os.getpid() != parent:
        os._exit(3)  # a child that dies without an answer
    return "computed here"


@pytest.fixture(autouse=True)
def forking(monkeypatch):
    """Fork even if an earlier test left a thread running in this process (the pipeline itself would not)."""
    if not sys.platform.startswith("linux"):
        pytest.skip("the child processes are a Linux feature; elsewhere everything runs in one process")
    monkeypatch.setattr(ChildCall, "usable", staticmethod(lambda: True))


@pytest.fixture
def one_process(monkeypatch):
    """Forking switched off, as in a Jupyter kernel or on another system."""
    monkeypatch.setattr(ChildCall, "usable", staticmethod(lambda: False))


def test_a_child_returns_the_value_and_is_reaped():
    call = ChildCall(sorted, [3, 1, 2])
    assert call.pid and call.result() == [1, 2, 3] and call.pid == 0


def test_a_child_raises_the_input_error_with_its_problems():
    call = ChildCall(refuse, "plan.xlsx")
    with pytest.raises(InputError) as caught:
        call.result()
    assert caught.value.problems == [Problem("plan.xlsx", "bad", "Acties", 7, "Nr"), Problem("plan.xlsx", "worse")]
    assert str(caught.value).startswith("Input error: 2 problems found")


def test_a_child_that_dies_is_replaced_by_a_run_here():
    assert ChildCall(die_in_child, os.getpid()).result() == "computed here"


def test_a_closed_child_is_stopped_and_reaped():
    call = ChildCall(sorted, range(10))
    call.close()
    assert call.pid == 0


def test_without_fork_the_function_runs_here(one_process):
    call = ChildCall(sorted, [2, 1])
    assert call.pid == 0 and call.result() == [1, 2]


def test_the_sample_reads_the_same_in_a_child_and_in_one_process(monkeypatch):
    inputs = resolve_inputs(2023)
    plan, tables = load(inputs)
    monkeypatch.setattr(ChildCall, "usable", staticmethod(lambda: False))
    alone, alone_tables = load(inputs)
    assert plan.equals(alone) and tables.equals(alone_tables)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input_gives_the_same_message_in_a_child_and_in_one_process(case, tmp_path, capsys, monkeypatch):
    (tmp_path / "child").mkdir()
    (tmp_path / "alone").mkdir()
    code = cli.main(feed(case, tmp_path / "child"))
    forked = capsys.readouterr().err
    monkeypatch.setattr(ChildCall, "usable", staticmethod(lambda: False))
    assert cli.main(feed(case, tmp_path / "alone")) == code
    assert capsys.readouterr().err.replace("/alone/", "/child/") == forked


def test_the_plan_read_is_the_one_read_in_a_child(monkeypatch):
    """The fast path is taken: the XML pass ran in a child process while the values were checked."""
    started = []
    real = ChildCall.__init__

    def spy(self, function, *arguments, **options):
        real(self, function, *arguments, **options)
        started.append((function.__name__, self.pid != 0))
    monkeypatch.setattr(ChildCall, "__init__", spy)
    inputs = resolve_inputs(2023)
    load(inputs)
    assert ("scan_or_damage", True) in started and ("read_annotations", True) in started
    assert ingest.ChildCall is ChildCall


def test_tags_in_two_halves_are_the_tags_of_the_whole(monkeypatch):
    """A large plan is tagged in two halves at once; the text is the one-piece text, byte for byte."""
    plan, _ = load(resolve_inputs(2023))
    whole = contracts.tagged_bytes(plan)
    monkeypatch.setattr(contracts, "HALVES_FROM", 2)
    assert contracts.tags_bytes(plan) == whole
    assert whole.count(b"\n") > len(plan)  # the sample holds more tags than actions: both halves have some


def test_pipeline_tables_with_the_tags_split_writes_the_one_process_files(monkeypatch, tmp_path):
    """`pipeline tables` starts the child's part of the tags before it counts the tables; the files are the same."""
    plan, _ = load(resolve_inputs(2023))
    contracts.write_tables(2023, out=tmp_path / "whole")
    monkeypatch.setattr(contracts, "HALVES_FROM", 2)
    started = []
    real = ChildCall.__init__

    def spy(self, function, *arguments, **options):
        real(self, function, *arguments, **options)
        started.append((function.__name__, len(arguments[0]) if function is contracts.tagged_bytes else None))
    monkeypatch.setattr(ChildCall, "__init__", spy)
    contracts.write_tables(2023, out=tmp_path / "split")
    assert ("tagged_bytes", round(len(plan) * contracts.CHILD_SHARE_BESIDE_TABLES)) in started
    for name in ("tables.csv", "tags.csv"):
        assert (tmp_path / "split" / name).read_bytes() == (tmp_path / "whole" / name).read_bytes()


def test_a_failure_while_the_tables_are_counted_leaves_no_child_running(monkeypatch, tmp_path):
    """The tags' child is started before the tables are counted; if counting fails, it is stopped and reaped."""
    monkeypatch.setattr(contracts, "HALVES_FROM", 2)
    children = []
    real = ChildCall.__init__

    def spy(self, function, *arguments, **options):
        real(self, function, *arguments, **options)
        if function is contracts.tagged_bytes:
            children.append(self)
    monkeypatch.setattr(ChildCall, "__init__", spy)

    def interrupted(plan, year):
        raise KeyboardInterrupt
    monkeypatch.setattr(contracts, "compute_tables", interrupted)
    with pytest.raises(KeyboardInterrupt):
        contracts.write_tables(2023, out=tmp_path)
    assert len(children) == 1 and children[0].pid == 0  # closed: killed if still running, and reaped
    assert not list(tmp_path.iterdir())
