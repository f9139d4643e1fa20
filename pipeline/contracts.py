"""Write the two contract files of a plan, ``tables.csv`` and ``tags.csv``: what ``python -m pipeline tables`` does.

It imports only what reading, counting and tagging need (no notebook or
workbook libraries), so the command starts fast on a large plan.
"""

import os
from pathlib import Path

import pandas as pd

from pipeline import export, taxonomy
from pipeline.child import ChildCall
from pipeline.ingest import collector_paused
from pipeline.study import load_plan, resolve_inputs
from pipeline.tables import compute_tables


def write_tables(year: int, plan: str = "", annotations: str = "", out: Path | None = None) -> Path:
    """Validate the inputs and write ``tables.csv`` and ``tags.csv`` into ``out``; return the tables' path.

    Both files are written beside their targets first and moved into place only
    when both are complete, so a failure leaves the earlier pair as it was.
    """
    inputs = resolve_inputs(year, plan, annotations)
    plan_frame = load_plan(inputs)
    with collector_paused():
        tagging = Tagging(plan_frame, CHILD_SHARE_BESIDE_TABLES)  # the child's part starts while the tables are counted
        try:
            tables = compute_tables(plan_frame, inputs.year)
            tags = tagging.result()
        finally:
            tagging.close()  # also when counting failed or was interrupted: no child is left running
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
CHILD_SHARE_BESIDE_TABLES = 0.55  # of the actions, for the child, when this process counts the tables first


def tags_bytes(plan: pd.DataFrame) -> bytes:
    """The bytes of ``tags.csv`` (UTF-8) for ``plan``."""
    return Tagging(plan).result()


class Tagging:
    """``tags.csv``'s bytes for a plan, being made: :meth:`result` waits for them.

    A large plan is tagged in two parts at once, the first (``child_share`` of
    the actions) in a child process (:mod:`pipeline.child`) that starts at once,
    so this process can do other work before it tags the second. The tagger
    judges each action on its own, so the two parts give the rows the whole plan
    gives, in the same order. The child sends bytes, which cross the pipe without
    being encoded or decoded again.
    """

    def __init__(self, plan: pd.DataFrame, child_share: float = 0.5):
        self.plan, self.cut, self.first = plan, 0, None
        if len(plan) >= HALVES_FROM and ChildCall.usable():
            self.cut = round(len(plan) * child_share)
            with collector_paused():  # in the child too: it makes many objects and no cycles
                self.first = ChildCall(tagged_bytes, plan.iloc[:self.cut])

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


def tagged_bytes(plan: pd.DataFrame) -> bytes:
    """``tags.csv``'s bytes: the plan's tags by the contract, in UTF-8."""
    return export.tags_csv(taxonomy.tag(plan)).encode("utf-8")
