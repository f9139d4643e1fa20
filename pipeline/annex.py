"""The annex as the notebook builds it: inputs resolved and read once, then one HTML block per section.

The notebook stays thin: it calls one method per section and displays the HTML
it returns. The command line uses the same inputs and tables for its exports.
"""

import hashlib
import html
import os
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path

import pandas as pd

from pipeline import __version__, charts, evaluation, present
from pipeline.annotations import annotate, read_annotations
from pipeline.config import SAMPLE_DIR, sample_annotations, sample_plan, sample_years
from pipeline.errors import InputError, Problem
from pipeline.ingest import read_plan
from pipeline.tables import compute_tables, wide


def sha256(path: Path) -> str:
    """The file's SHA-256 in hex."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def report_date() -> datetime:
    """The date printed on the report: ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)


@dataclass(frozen=True)
class Inputs:
    """Which files a report is made from, and whether they are the project's synthetic sample."""

    year: int
    plan: Path
    annotations: Path | None

    @property
    def is_sample(self) -> bool:
        samples = {sha256(p) for p in SAMPLE_DIR.glob("plan-*.xlsx")}
        return self.plan.exists() and sha256(self.plan) in samples


def resolve_inputs(year: int, plan: str | Path = "", annotations: str | Path = "") -> Inputs:
    """Fill in the defaults: without a plan, the sample plan of ``year`` and its annotations."""
    if not plan:
        default = sample_annotations(year)
        return Inputs(year, sample_plan(year), Path(annotations) if annotations else
                      (default if default.exists() else None))
    return Inputs(year, Path(plan), Path(annotations) if annotations else None)


def load(inputs: Inputs) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read, validate and annotate the plan, and count its tables: (plan, tables). Raises InputError."""
    if not inputs.plan.exists() and inputs.plan == sample_plan(inputs.year):
        years = ", ".join(str(y) for y in sample_years())
        raise InputError(Problem(inputs.plan.name, f"there is no plan for {inputs.year}: the sample has plans for "
                                                   f"{years}; give --plan for another year"))
    plan = read_plan(inputs.plan, inputs.year)
    annotations = read_annotations(inputs.annotations) if inputs.annotations else None
    plan = annotate(plan, annotations)
    return plan, compute_tables(plan, inputs.year)


class Annex:
    """The report's sections for one plan year, each rendered as an HTML block."""

    def __init__(self, year: int, plan: str = "", annotations: str = "", language: str = "nl"):
        self.inputs = resolve_inputs(year, plan, annotations)
        self.year, self.language = year, language
        try:
            self.plan, self.tables = load(self.inputs)
        except InputError as error:
            print(error, file=sys.stderr)
            raise SystemExit(1) from None
        self.carried = present.carried_years(self.plan, year)
        self.doc = present.Document(year, present.text("report.source_line", language, file=self.inputs.plan.name),
                                    language)

    def t(self, key: str, **values) -> str:
        return self.doc.t(key, **values)

    def cover(self) -> str:
        """Title page: title, date, sources with checksums, version and the synthetic-data mark."""
        rows = [(self.t("report.date"), report_date().date().isoformat()),
                (self.t("report.source"), self.inputs.plan.name),
                (self.t("report.checksum"), sha256(self.inputs.plan))]
        if self.inputs.annotations:
            rows += [(self.t("report.annotations"), self.inputs.annotations.name),
                     (self.t("report.checksum"), sha256(self.inputs.annotations))]
        else:
            rows.append((self.t("report.annotations"), self.t("report.no_annotations")))
        rows.append((self.t("report.version"), __version__))
        meta = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(v)}</dd>" for k, v in rows)
        mark = ""
        if self.inputs.is_sample:
            mark = (f'<p class="synthetic-mark">{html.escape(self.t("report.synthetic"))}</p>'
                    f'<p class="synthetic-note">{html.escape(self.t("report.synthetic_note"))}</p>')
        return (f'<section class="cover"><p class="kicker">{html.escape(self.t("report.kicker"))}</p>'
                f'<h1>{html.escape(self.t("report.title", year=self.year))}</h1>{mark}'
                f'<dl class="meta">{meta}</dl></section><!--toc-->')

    def summary(self) -> str:
        """The opening findings, every sentence built from the numbers."""
        sentences = evaluation.summary(self.tables, self.year, self.inputs.annotations is not None, self.language)
        if self.reference is not None:
            sentences.append(self.t("summary.reference_match", compared=len(self.reference),
                                    mismatches=len(evaluation.mismatches(self.reference)),
                                    section=self.t("chapters.method")))
        return self.doc.heading("summary") + self.doc.paragraphs(sentences)

    def tables_intro(self) -> str:
        links = " ".join(f'<a href="{name}">{name}</a>' for name in ("tables.xlsx", "tables.csv"))
        return (self.doc.heading("tables") +
                f'<p class="downloads">{html.escape(self.t("report.downloads"))} {links}</p>')

    def table(self, name: str) -> str:
        """One of the five count tables, labelled like the SERV's."""
        return self.doc.table(wide(self.tables, name), self.t(f"tables.{name}", year=self.year),
                              anchor=f"tabel-{name.lower()}", carried=self.carried, wide=name in ("T2", "T3", "T4"))

    def breakdowns(self) -> str:
        """The theme and domain breakdowns as figures with generated alt text."""
        parts = [self.doc.heading("breakdowns")]
        drawings = [("heatmap", charts.heatmap(wide(self.tables, "T3"), self.language)),
                    ("nature", charts.nature_bars(wide(self.tables, "T4"), self.language)),
                    ("central", charts.central_share(wide(self.tables, "T5"), self.language))]
        for key, (svg, facts) in drawings:
            parts.append(self.doc.figure(svg, self.t(f"figures.{key}", year=self.year),
                                         self.t(f"figures.{key}_alt", year=self.year, **facts), anchor=f"figuur-{key}"))
        return "\n".join(parts)

    @cached_property
    def reference(self) -> pd.DataFrame | None:
        published = evaluation.published_tables(self.year)
        return None if published is None else evaluation.compare_published(self.tables, published)

    def method(self) -> str:
        """How the numbers are made, and where they differ from the published tables."""
        parts = [self.doc.heading("method"),
                 self.doc.paragraphs([self.t("method.intro"), self.t("method.categories", year=self.year),
                                      self.t("method.counting"), self.t("method.domains", year=self.year),
                                      self.t("method.files")])]
        if self.reference is None:
            parts.append(self.doc.paragraphs([self.t("method.reference_none")]))
        else:
            parts.append(self.doc.paragraphs([self.t("method.reference")]))
            frame = evaluation.mismatches(self.reference)
            frame.columns = [self.t(f"columns.{c}") for c in frame.columns]
            parts.append(present.listing(self.doc, frame, self.t("tables.reference"), anchor="tabel-referentie"))
        return "\n".join(parts)
