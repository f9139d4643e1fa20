"""A function run in a forked child: its value or its input error comes back; without fork it runs here; reading a
plan in a child process gives exactly what reading it in one process gives, good input or bad."""

import os
import sys
import time

import pytest
from corpus import CASES
from test_corpus import feed

from pipeline import cli, contracts
from pipeline.child import ChildCall
from pipeline.errors import InputError, Problem
from pipeline.input import ingest
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
    """`pipeline tables` starts the child's part of the tags while the plan is still being read; the files are the
    same as those of one process."""
    plan, _ = load(resolve_inputs(2023))
    contracts.write_tables(2023, out=tmp_path / "whole")
    monkeypatch.setattr(contracts, "HALVES_FROM", 2)
    started = spy_on_children(monkeypatch)
    contracts.write_tables(2023, out=tmp_path / "split")
    early = [call for call in started if call.function is contracts.tagged_share]
    share = contracts.early_share(with_early_columns(plan))
    assert len(early) == 1 and early[0].arguments[1] == round(len(plan) * share)
    assert not any(call.function is contracts.tagged_bytes for call in started)  # the early child was confirmed
    for name in ("tables.csv", "tags.csv"):
        assert (tmp_path / "split" / name).read_bytes() == (tmp_path / "whole" / name).read_bytes()


def spy_on_children(monkeypatch) -> list[ChildCall]:
    """Every ChildCall made from now on, in order."""
    started = []
    real = ChildCall.__init__

    def spy(self, function, *arguments, **options):
        real(self, function, *arguments, **options)
        started.append(self)
    monkeypatch.setattr(ChildCall, "__init__", spy)
    return started


def test_a_failure_while_the_tables_are_counted_leaves_no_child_running(monkeypatch, tmp_path):
    """The tags' child is started before the tables are counted; if counting fails, it is stopped and reaped."""
    monkeypatch.setattr(contracts, "HALVES_FROM", 2)
    started = spy_on_children(monkeypatch)

    def interrupted(plan, year):
        raise KeyboardInterrupt
    monkeypatch.setattr(contracts, "compute_tables", interrupted)
    with pytest.raises(KeyboardInterrupt):
        contracts.write_tables(2023, out=tmp_path)
    children = [call for call in started if call.function is contracts.tagged_share]
    assert len(children) == 1 and children[0].pid == 0  # closed: killed if still running, and reaped
    assert not list(tmp_path.iterdir())


def test_a_failure_while_the_plan_is_read_leaves_no_child_running(monkeypatch, tmp_path):
    """The early child starts inside the read; if the read then fails, the child is stopped and reaped too."""
    monkeypatch.setattr(contracts, "HALVES_FROM", 2)
    started = spy_on_children(monkeypatch)

    def refused(*arguments, **options):
        raise InputError(Problem("plan.xlsx", "refused after the columns were checked"))
    monkeypatch.setattr(ingest.validate, "build_plan", refused)
    with pytest.raises(InputError):
        contracts.write_tables(2023, out=tmp_path)
    children = [call for call in started if call.function is contracts.tagged_share]
    assert len(children) == 1 and children[0].pid == 0
    assert not list(tmp_path.iterdir())


def with_early_columns(plan, changed: str | None = None) -> dict:
    """The columns a plan's read gives ``early``, with one action's title changed if asked."""
    columns = {name: plan[name].tolist() for name in plan.columns}
    if changed is not None:
        columns["actie"][0] = changed
    return columns


@pytest.mark.parametrize("changed", [None, "Een andere titel over open data"], ids=["confirmed", "replaced"])
def test_early_tags_are_the_tags_of_the_final_plan(monkeypatch, changed):
    """Columns that are the plan's are confirmed (the child gets only numbers and labels); columns that differ
    from the final plan's are not used: that child is stopped and another tags the plan itself."""
    plan, _ = load(resolve_inputs(2023))
    whole = contracts.tagged_bytes(plan)
    monkeypatch.setattr(contracts, "HALVES_FROM", 2)
    started = spy_on_children(monkeypatch)
    tagging = contracts.Tagging(0.6)
    tagging.begin(with_early_columns(plan, changed))
    assert tagging.start(plan).result() == whole
    assert [call.function.__name__ for call in started] == (
        ["tagged_share"] if changed is None else ["tagged_share", "tagged_bytes"])
    assert all(call.pid == 0 for call in started)


def test_early_tags_in_one_process_are_the_same(one_process):
    """Without fork the listening function runs here, with the word it was sent."""
    plan, _ = load(resolve_inputs(2023))
    tagging = contracts.Tagging(0.6)
    tagging.begin(with_early_columns(plan))
    assert tagging.start(plan).result() == contracts.tagged_bytes(plan)


def echo(prefix: str, receive) -> str:
    return prefix + receive()


@pytest.mark.parametrize("forked", [True, False], ids=["child", "here"])
def test_a_listening_child_gets_the_word_sent_later(forked, monkeypatch):
    monkeypatch.setattr(ChildCall, "usable", staticmethod(lambda: forked))
    call = ChildCall(echo, "open ", listening=True)
    assert bool(call.pid) == forked
    call.send("data")
    assert call.result() == "open data"


def test_a_listening_child_that_is_never_sent_a_word_is_stopped():
    call = ChildCall(echo, "open ", listening=True)
    call.close()
    assert call.pid == 0 and call.outbox is None


def test_a_big_word_does_not_wait_for_the_child(tmp_path):
    """The child reads its word as it comes: sending more than a pipe holds returns before the child asks for it.

    The child asks only once the parent has marked that its send returned; had the
    send waited for the child, the child would give up (-1) instead.
    """
    sent = tmp_path / "sent"
    call = ChildCall(length_once_sent, str(sent), listening=True)
    call.send("x" * 5_000_000)
    sent.touch()
    assert call.result() == 5_000_000


def length_once_sent(flag: str, receive) -> int:
    deadline = time.monotonic() + 30
    while not os.path.exists(flag):
        if time.monotonic() > deadline:
            return -1
        time.sleep(0.01)
    return len(receive())


def test_the_early_share_is_larger_for_short_texts():
    """Tagging costs more for longer texts, so the child takes fewer of them; the share stays between half and 0.85."""
    def columns(text):
        return {"actie": [text] * 10, "omschrijving": [text] * 10}
    short, long = contracts.early_share(columns("open data")), contracts.early_share(columns("open data " * 40))
    assert 0.85 >= short > long >= 0.5
