"""Write the two contract files of a plan, ``tables.csv`` and ``tags.csv``: what ``python -m pipeline tables`` does.

It imports only what reading, counting and tagging need (no notebook or
workbook libraries), so the command starts fast on a large plan.
"""

import os
from pathlib import Path

import pandas as pd

from pipeline.analysis import taxonomy
from pipeline.analysis.tables import compute_tables
from pipeline.child import ChildCall
from pipeline.input.ingest import collector_paused
from pipeline.report import export
from pipeline.study import load_plan, resolve_inputs


def write_tables(year: int, plan: str = "", annotations: str = "", out: Path | None = None) -> Path:
    """Validate the inputs and write ``tables.csv`` and ``tags.csv`` into ``out``; return the tables' path.

    The tags of a large plan start in a child process while the plan is still
    being read (:class:`Tagging`). Both files are written beside their targets
    first and moved into place only when both are complete, so a failure leaves
    the earlier pair as it was.
    """
    inputs = resolve_inputs(year, plan, annotations)
    tagging = Tagging()
    try:  # whatever fails, and wherever: no child is left running
        plan_frame = load_plan(inputs, early=tagging.begin)
        with collector_paused():
            tagging.start(plan_frame)
            tables = compute_tables(plan_frame, inputs.year)
            tags = tagging.result()
    finally:
        tagging.close()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    partials = {name: out / f".{name}.{os.getpid()}.tmp" for name in ("tables.csv", "tags.csv")}
    try:
        export.write_tables_csv(tables, partials["tables.csv"])
        partials["tags.csv"].write_bytes(tags)
    except BaseException:
        for partial in partials.values():
            partial.unlink(missing_ok=True)
        raise
    for name, partial in partials.items():
        partial.replace(out / name)
    return out / "tables.csv"


HALVES_FROM = 20_000  # actions: below this, a child process costs more than it saves
# What a child that starts while the plan is still being read must balance (microseconds an action, measured with
# benchmarks/run.py on the 100,000-action plans of fifteen words and of real texts): this process still makes the
# frame, joins the annotations and counts the tables; tagging costs a base plus a cost per character of the texts;
# the child runs slower beside the other processes. Only the time depends on these: the bytes are the same.
PARENT_WORK_US = 9.0
TAG_BASE_US, TAG_PER_CHARACTER_US = 5.9, 0.13
CHILD_SLOWDOWN = 1.25
SPECULATED = ("actie", "omschrijving", "thema_nr", "type")  # what tagging reads of a plan, besides nr and labels


def tags_bytes(plan: pd.DataFrame) -> bytes:
    """The bytes of ``tags.csv`` (UTF-8) for ``plan``."""
    return Tagging().start(plan).result()


class Tagging:
    """``tags.csv``'s bytes for a plan, being made: :meth:`result` waits for them.

    A large plan is tagged in two parts at once, the first (``child_share`` of
    the actions; by default half, or :func:`early_share` for a child that starts
    early) in a child process (:mod:`pipeline.child`), so this process can
    do other work before it tags the second. The tagger judges each action on its
    own, so the two parts give the rows the whole plan gives, in the same order.
    The child sends bytes, which cross the pipe without being encoded again.

    The child may start before the plan is complete (:meth:`begin`, given to
    :func:`pipeline.study.load_plan` as ``early``): it searches the texts of the
    checked columns, then waits. :meth:`start` compares those columns with the
    final plan's. If they are the same, it sends the child what it lacks, the
    action numbers and the analysts' labels; if not, it stops that child and
    starts another on the plan itself. Either way the bytes are the plan's.
    """

    def __init__(self, child_share: float | None = None):
        self.share, self.cut, self.first = child_share, 0, None
        self.plan, self.columns = None, None

    def begin(self, columns: dict) -> None:
        """Start the child's part on the checked columns of a plan still being read (by default its share is
        :func:`early_share`)."""
        if len(columns["actie"]) >= HALVES_FROM and ChildCall.usable():
            share = self.share if self.share is not None else early_share(columns)
            self.columns, self.cut = columns, round(len(columns["actie"]) * share)
            self.first = ChildCall(tagged_share, columns, self.cut, listening=True)

    def start(self, plan: pd.DataFrame) -> "Tagging":
        """Tag ``plan``: confirm the early child, or start the child's part now."""
        self.plan = plan
        if self.columns is not None:
            if all(plan[name].tolist() == list(self.columns[name]) for name in SPECULATED):
                self.first.send({name: plan[name].tolist()[:self.cut] for name in ("nr", "labels") if name in plan})
                return self
            self.close()
        if len(plan) >= HALVES_FROM and ChildCall.usable():
            self.cut = round(len(plan) * (self.share if self.share is not None else 0.5))
            with collector_paused():  # in the child too: it makes many objects and no cycles
                self.first = ChildCall(tagged_bytes, plan.iloc[:self.cut])
        return self

    def result(self) -> bytes:
        """The whole file's bytes."""
        if self.first is None:
            return tagged_bytes(self.plan)
        try:
            with collector_paused():
                second = tagged_bytes(self.plan.iloc[self.cut:])
            return self.first.result() + second[second.index(b"\n") + 1:]
        finally:
            self.close()

    def close(self) -> None:
        """Stop the child if it still runs, and reap it."""
        if self.first is not None:
            self.first.close()
            self.first, self.columns = None, None


def early_share(columns: dict) -> float:
    """The share of the actions for a child that starts while the plan is being read, so that both processes end
    together: larger for short texts, where this process's own work weighs more than the tagging."""
    size = max(len(columns["actie"]), 1)
    characters = (sum(map(len, columns["actie"])) + sum(map(len, columns["omschrijving"]))) / size + 1
    tagging = TAG_BASE_US + TAG_PER_CHARACTER_US * characters
    return min(0.85, max(0.5, (PARENT_WORK_US / tagging + 1) / (1 + CHILD_SLOWDOWN)))


def tagged_bytes(plan: pd.DataFrame) -> bytes:
    """``tags.csv``'s bytes: the plan's tags by the contract, in UTF-8."""
    return export.tags_csv(taxonomy.tag(plan)).encode("utf-8")


def tagged_share(columns: dict, cut: int, receive) -> bytes:
    """:func:`tagged_bytes` of the first ``cut`` actions of a plan being read, from its checked ``columns``.

    The texts are searched at once; the rest waits for ``receive`` to give the
    actions' numbers and labels, which are known only when the plan is complete.
    """
    frame = pd.DataFrame({name: columns[name][:cut] for name in SPECULATED})
    matches = taxonomy.text_matches(taxonomy.action_text(frame).tolist())
    frame = frame.assign(**receive())
    return export.tags_csv(taxonomy.tag(frame, matches)).encode("utf-8")
