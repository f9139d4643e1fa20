"""One plan year's study: the inputs resolved and read once, the frames every chapter starts from.

A chapter notebook opens a :class:`Study` in its setup cell, then computes its
frames with the analysis modules and wraps them in the report's objects
(:mod:`pipeline.report.present`) through the helpers here, which fill in the language,
the labels and the source line. The command line reads the same inputs.
"""

import hashlib
import os
import platform
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from importlib import metadata
from pathlib import Path

import pandas as pd

from pipeline import __version__
from pipeline.analysis import history, taxonomy
from pipeline.analysis.tables import TOTAL_ROWS, carried_years, categorise, compute_tables, counted, wide
from pipeline.child import ChildCall
from pipeline.config import FORMAT_FILE, ROOT, SAMPLE_DIR, domain_order, sample_annotations, sample_plan, sample_years
from pipeline.errors import InputError, Problem
from pipeline.input.annotations import annotate, read_annotations
from pipeline.input.coders import coder_files, consensus, read_coders
from pipeline.input.ingest import collector_paused, read_plan
from pipeline.input.validate import nr_order
from pipeline.report import evaluation
from pipeline.report.labels import catalogue, count_labels, domain_label, text, theme_labels
from pipeline.report.present import ActionList, Chapter, Cover, Facts, Figure, Table, Text

REFERENCE_YEAR = 2023  # the plan year whose tables the SERV published


def sha256(path: Path) -> str:
    """The file's SHA-256 in hex."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def git_commit() -> str | None:
    """The project's current commit, when it is a git checkout."""
    try:
        result = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def library_versions() -> list[tuple[str, str]]:
    """Versions of Python and the libraries that shape the output."""
    names = ["pandas", "openpyxl", "python-calamine", "matplotlib", "papermill", "nbconvert", "weasyprint", "pyyaml",
             "scikit-learn", "pystemmer"]
    return [("python", platform.python_version())] + [(name, metadata.version(name)) for name in names]


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


def coder_pair(inputs: Inputs) -> tuple[Path, Path] | None:
    """The two coders' annotation files of the plan, if both are there (beside the annotations, or the plan)."""
    return coder_files(inputs.annotations or inputs.plan.with_name(f"annotations-{inputs.year}.csv"))


def earlier_plans(inputs: Inputs) -> dict[int, tuple[Path, Path | None]]:
    """Plans of earlier years beside the plan (``plan-<year>.xlsx``, with ``annotations-<year>.csv`` if there)."""
    found = {}
    for path in sorted(inputs.plan.parent.glob("plan-*.xlsx")):
        stem = path.stem.removeprefix("plan-")
        if stem.isdigit() and int(stem) < inputs.year:
            notes = path.with_name(f"annotations-{stem}.csv")
            found[int(stem)] = (path, notes if notes.exists() else None)
    return found


def load_history(inputs: Inputs) -> dict[int, pd.DataFrame]:
    """Every earlier plan that is present, read, validated and annotated. Raises InputError."""
    plans = {}
    for year, (plan, notes) in earlier_plans(inputs).items():
        frame = read_plan(plan, year)
        plans[year] = annotate(frame, read_annotations(notes) if notes else None)
    return plans


def load(inputs: Inputs) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read, validate and annotate the plan, and count its tables: (plan, tables). Raises InputError."""
    plan = load_plan(inputs)
    with collector_paused():
        return plan, compute_tables(plan, inputs.year)


def load_plan(inputs: Inputs, early: Callable[[dict], None] | None = None) -> pd.DataFrame:
    """Read, validate and annotate the plan. Raises InputError. ``early``: see :func:`pipeline.input.ingest.read_plan`."""
    if not inputs.plan.exists() and inputs.plan == sample_plan(inputs.year):
        years = ", ".join(str(y) for y in sample_years())
        raise InputError(Problem(inputs.plan.name, f"there is no plan for {inputs.year}: the sample has plans for "
                                                   f"{years}; choose one of those years, or give a plan workbook"))
    # the annotations file is parsed in a child process while the plan is read (pipeline.child), at a lower priority
    # so that it takes the time the reading leaves; its errors come after the plan's, as before
    pending = ChildCall(read_annotations, inputs.annotations, niceness=10) if inputs.annotations else None
    with collector_paused():
        try:
            plan = read_plan(inputs.plan, inputs.year, early)
            if pending:
                annotations = pending.result()
            else:  # without a reconciled file, what two coders agree on (or nothing)
                pair = coder_pair(inputs)
                annotations = consensus(*read_coders(pair, plan)) if pair else None
        finally:
            if pending:
                pending.close()
        return annotate(plan, annotations)


def open_study(year: int, plan: str | Path = "", annotations: str | Path = "", language: str = "nl") -> "Study":
    """Read, validate and annotate the plan of ``year`` and every earlier plan beside it. Raises InputError."""
    inputs = resolve_inputs(year, plan, annotations)
    plan_frame, tables = load(inputs)
    return Study(inputs, plan_frame, tables, {**load_history(inputs), year: plan_frame}, language)


class Study:
    """One plan year with its history: the frames the chapters start from, and the helpers that word them."""

    def __init__(self, inputs: Inputs, plan: pd.DataFrame, tables: pd.DataFrame, plans: dict[int, pd.DataFrame],
                 language: str = "nl"):
        catalogue(language)  # an unknown language fails here, before any chapter runs
        self.inputs, self.year, self.language = inputs, inputs.year, language
        self.plan, self.tables, self.plans = plan, tables, plans
        self._tables, self._tags = {self.year: tables}, {}
        self.carried = carried_years(plan, self.year)
        self.source = text("report.source_line", language, file=inputs.plan.name)

    def t(self, key: str, **values) -> str:
        """The report's words at ``key`` in the study's language."""
        return text(key, self.language, **values)

    def tables_of(self, year: int) -> pd.DataFrame:
        """The five tables of the plan of ``year`` (one of :attr:`plans`), computed once."""
        if year not in self._tables:
            self._tables[year] = compute_tables(self.plans[year], year)
        return self._tables[year]

    def tags_of(self, year: int) -> pd.DataFrame:
        """The taxonomy tags of the plan of ``year``, computed once."""
        if year not in self._tags:
            self._tags[year] = taxonomy.tag(self.plans[year])
        return self._tags[year]

    def counted_of(self, year: int) -> pd.DataFrame:
        """The T3/T4 population of the plan of ``year``: all actions but the running duplicates."""
        return counted(categorise(self.plans[year], year))

    @property
    def tags(self) -> pd.DataFrame:
        return self.tags_of(self.year)

    @cached_property
    def fates(self) -> pd.DataFrame | None:
        """Every action's fate since the previous plan, or None when there is no previous plan."""
        previous = self.plans.get(self.year - 1)
        return None if previous is None else history.fates(previous, self.plan, self.year)

    @cached_property
    def coder_paths(self) -> tuple[Path, Path] | None:
        """The two coders' annotation files, or None with one coder."""
        return coder_pair(self.inputs)

    @cached_property
    def coders(self) -> tuple[pd.DataFrame, pd.DataFrame] | None:
        """Both coders' fields for every action (see :mod:`pipeline.input.coders`), or None with one coder."""
        return None if self.coder_paths is None else read_coders(self.coder_paths, self.plan)

    @cached_property
    def reconciliation(self) -> pd.DataFrame | None:
        """The published 2023 cells that do not hold, or None without the 2023 plan."""
        published = evaluation.published_tables(REFERENCE_YEAR)
        if published is None or REFERENCE_YEAR not in self.plans:
            return None
        return evaluation.reconcile(self.tables_of(REFERENCE_YEAR), published, REFERENCE_YEAR, self.language)

    # -- words for keys --------------------------------------------------------------------------------------------

    def labels(self, section: str) -> dict[str, str]:
        """Every label of one catalogue section (``fates``, ``classes``, ``synergies.columns`` …) by key."""
        node = catalogue(self.language)
        for part in section.split("."):
            node = node[part]
        return {key: value for key, value in node.items() if isinstance(value, str)}

    def words(self, **keys: str) -> dict[str, str]:
        """Column labels from catalogue keys: ``words(nr="columns.nr")`` gives ``{"nr": "Nr"}``."""
        return {column: self.t(key) for column, key in keys.items()}

    def domain_labels(self) -> dict[str, str]:
        """Domain codes as readers see them (the central actors spelled out)."""
        return {code: domain_label(code, self.language) for code in domain_order(self.year)}

    def spelled_domains(self, texts: pd.Series) -> pd.Series:
        """Domain codes inside a text column (``DV&VSA 3, WVG 2``) spelled as the tables spell them."""
        for code, shown in self.domain_labels().items():
            if shown != code:
                texts = texts.str.replace(code, shown, regex=False)
        return texts

    def theme_labels(self) -> dict[str, str]:
        return theme_labels(self.language)

    def entry_labels(self, dimension: str) -> dict[str, str]:
        """The entries of one taxonomy dimension by key."""
        return {e["key"]: taxonomy.label(e, self.language) for e in taxonomy.entries(dimension)}

    def count_labels(self) -> dict[str, str]:
        """Row and column labels of the five count tables, with the real years."""
        return count_labels(self.year, self.carried, self.language)

    # -- report objects --------------------------------------------------------------------------------------------

    def chapter(self, key: str, screen_only: bool = False) -> Chapter:
        return Chapter(key, self.t(f"chapters.{key}"), screen_only, self.language)

    def text(self, *sentences: str, links: tuple[str, ...] = ()) -> Text:
        return Text(list(sentences), links, self.language)

    def table(self, data: pd.DataFrame, title: str, anchor: str, **options) -> Table:
        """A numbered table of ``data`` with this study's source line (unless ``source`` is given) and language."""
        options.setdefault("source", self.source)
        return Table(data, title, anchor, language=self.language, **options)

    def count_table(self, name: str) -> Table:
        """One of the five count tables (T1-T5), labelled like the SERV's."""
        grid = wide(self.tables, name)
        return self.table(grid, self.t(f"tables.{name}", year=self.year), f"tabel-{name.lower()}",
                          labels=self.count_labels(), totals=TOTAL_ROWS, wide=name in ("T2", "T3", "T4"))

    def figure(self, figure, data: pd.DataFrame, title: str, alt: str, anchor: str) -> Figure:
        return Figure(figure, data, title, alt, anchor, source=self.source, language=self.language)

    def cover(self) -> Cover:
        """Title page: date, sources with checksums, version and, for the sample, the synthetic-data mark."""
        rows = [(self.t("report.date"), report_date().date().isoformat()),
                (self.t("report.source"), self.inputs.plan.name),
                (f"{self.t('report.checksum')} {self.inputs.plan.name}", sha256(self.inputs.plan))]
        if self.inputs.annotations:
            rows += [(self.t("report.annotations"), self.inputs.annotations.name),
                     (f"{self.t('report.checksum')} {self.inputs.annotations.name}", sha256(self.inputs.annotations))]
        else:
            rows.append((self.t("report.annotations"), self.t("report.no_annotations")))
        rows.append((self.t("report.version"), __version__))
        mark = (self.t("report.synthetic"), self.t("report.synthetic_note")) if self.inputs.is_sample else None
        return Cover(pd.DataFrame(rows, columns=["label", "value"]), self.t("report.title", year=self.year),
                     self.t("report.kicker"), mark, self.language)

    def action_list(self) -> ActionList:
        """Every action, in number order, for the filterable list of the web edition."""
        order = self.plan["nr"].map(nr_order)
        actions = self.plan.assign(_order=order).sort_values("_order")
        columns = ["nr", "thema", "actie", "trekker", "domeinen", "status", "aard", "jaar", "dubbel_met"]
        return ActionList(actions[columns].reset_index(drop=True), self.year, domain_order(self.year), self.source,
                          self.language)

    def provenance(self) -> Facts:
        """Where the report comes from: input files with checksums, parameters, versions."""
        files = [self.inputs.plan] + ([self.inputs.annotations] if self.inputs.annotations else [])
        files += list(self.coder_paths or ())
        earlier = earlier_plans(self.inputs)
        files += [path for year in sorted(earlier) for path in earlier[year] if path]
        files += [FORMAT_FILE, taxonomy.TAXONOMY_FILE]
        rows = [(self.t("provenance.file") + f" {path.name}", sha256(path)) for path in files]
        notes = self.inputs.annotations.name if self.inputs.annotations else ""
        rows += [(self.t("provenance.parameters"), f"year={self.year}, plan={self.inputs.plan.name}, "
                                                  f"annotations={notes}, language={self.language}"),
                 (self.t("report.version"), __version__),
                 (self.t("provenance.commit"), git_commit() or self.t("provenance.unknown")),
                 (self.t("provenance.software"), ", ".join(f"{n} {v}" for n, v in library_versions()))]
        return Facts(pd.DataFrame(rows, columns=["label", "value"]), "provenance", self.language)

