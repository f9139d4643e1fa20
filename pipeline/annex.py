"""The annex as the notebook builds it: inputs resolved and read once, then one HTML block per section.

The notebook stays thin: it calls one method per section and displays the HTML
it returns. The command line uses the same inputs and tables for its exports.
"""

import hashlib
import html
import os
import platform
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from importlib import metadata
from pathlib import Path

import pandas as pd

from pipeline import __version__, actionlist, chapters, charts, evaluation, history, present, quality, similarity, taxonomy
from pipeline.annotations import annotate, read_annotations
from pipeline.config import FORMAT_FILE, ROOT, SAMPLE_DIR, sample_annotations, sample_plan, sample_years
from pipeline.errors import InputError, Problem
from pipeline.ingest import read_plan
from pipeline.tables import categorise, compute_tables, counted, wide

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
    names = ["pandas", "openpyxl", "python-calamine", "matplotlib", "papermill", "nbconvert", "weasyprint", "pyyaml"]
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
            self.plans = {**load_history(self.inputs), year: self.plan}
        except InputError as error:
            print(error, file=sys.stderr)
            raise SystemExit(1) from None
        self._tables, self._tags = {year: self.tables}, {}
        self.carried = present.carried_years(self.plan, year)
        self.doc = present.Document(year, present.text("report.source_line", language, file=self.inputs.plan.name),
                                    language)

    def t(self, key: str, **values) -> str:
        return self.doc.t(key, **values)

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
    def reconciliation(self) -> pd.DataFrame | None:
        """The published 2023 cells that do not hold, or None without the 2023 plan."""
        published = evaluation.published_tables(REFERENCE_YEAR)
        if published is None or REFERENCE_YEAR not in self.plans:
            return None
        return evaluation.reconcile(self.tables_of(REFERENCE_YEAR), published, REFERENCE_YEAR, self.language)

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
        sentences += self.findings()
        if self.reconciliation is not None:
            compared = len(evaluation.published_tables(REFERENCE_YEAR))
            sentences.append(self.t("summary.reference_match", compared=compared, mismatches=len(self.reconciliation),
                                    matching=compared - len(self.reconciliation),
                                    section=self.t("chapters.reconciliation")))
        return self.doc.heading("summary") + self.doc.paragraphs(sentences)

    def findings(self) -> list[str]:
        """Key findings of the evaluation chapters, one sentence each."""
        found = []
        if self.fates is not None:
            before = self.fates[self.fates["voor"] == "lopend"]["lot"].value_counts()
            found.append(self.t("summary.execution", previous=self.year - 1, running=int(before.sum()),
                                afgerond=int(before.get("afgerond", 0)),
                                stil_geschrapt=int(before.get("stil_geschrapt", 0))))
        threshold = taxonomy.taxonomy()["gap_threshold"]
        gaps = [taxonomy.label(entry, self.language) for dimension in ("doelstellingen", "zorgpunten", "europa")
                for entry, count in zip(taxonomy.entries(dimension), taxonomy.counts(self.tags, dimension))
                if count <= threshold]
        found.append(self.t("summary.gaps", count=len(gaps), threshold=threshold, items=", ".join(gaps) or "–"))
        classes = quality.score(self.plan)["klasse"].value_counts()
        thin = int(classes.get("niet_verifieerbaar", 0) + classes.get("mager", 0))
        found.append(self.t("summary.quality", thin=thin, total=len(self.plan),
                            share=charts.percent(thin / max(1, len(self.plan)), self.language)))
        found.append(self.t("summary.duplicates", count=len(similarity.duplicate_candidates(self.plan, self.year)),
                            pairs=len(similarity.synergy_candidates(self.plan))))
        return found

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

    def execution(self) -> str:
        return chapters.execution(self)

    def strategy(self) -> str:
        return chapters.strategy(self)

    def nature(self) -> str:
        return chapters.nature(self)

    def information(self) -> str:
        return chapters.information(self)

    def synergies(self) -> str:
        return chapters.synergies(self)

    def domains(self) -> str:
        return chapters.domains(self)

    def reconciliation_chapter(self) -> str:
        return chapters.reconciliation(self)

    def recommendations(self) -> str:
        return chapters.recommendations(self)

    def appendix(self) -> str:
        return chapters.appendix(self)

    def action_list(self) -> str:
        return actionlist.render(self.doc, self.plan, self.year)

    def provenance(self) -> str:
        """Where the report comes from: input files with checksums, parameters, versions."""
        files = [self.inputs.plan] + ([self.inputs.annotations] if self.inputs.annotations else [])
        files += [path for year in sorted(earlier_plans(self.inputs)) for path in earlier_plans(self.inputs)[year] if path]
        files += [FORMAT_FILE, taxonomy.TAXONOMY_FILE]
        rows = [(self.t("provenance.file") + f" {path.name}", sha256(path)) for path in files]
        notes = self.inputs.annotations.name if self.inputs.annotations else ""
        rows += [(self.t("provenance.parameters"), f"year={self.year}, plan={self.inputs.plan.name}, "
                                                  f"annotations={notes}, language={self.language}"),
                 (self.t("report.version"), __version__),
                 (self.t("provenance.commit"), git_commit() or self.t("provenance.unknown"))]
        rows += [(self.t("provenance.software"), ", ".join(f"{name} {version}" for name, version in library_versions()))]
        items = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(v)}</dd>" for k, v in rows)
        return (self.doc.heading("provenance") + self.doc.paragraphs([self.t("provenance.intro")]) +
                f'<dl class="provenance">{items}</dl>')

    def method(self) -> str:
        """How the numbers are made, how well the classifiers do, and where the published tables differ."""
        scores = taxonomy.evaluate(pd.read_csv(taxonomy.GOLD_FILE, dtype=str, keep_default_na=False))
        dimensions = taxonomy.taxonomy()["dimensions"]
        tagger = "; ".join(self.t("method.tagger_score", dimension=taxonomy.label(dimensions[r.dimensie], self.language),
                                  precision=r.precisie, recall=r.recall) for r in scores.itertuples())
        duplicates = "; ".join(self.t("method.duplicate_score", plan=m["plan"], hits=m["juist"], proposed=m["voorgesteld"],
                                      annotated=m["geannoteerd"], precision=m["precisie"], recall=m["recall"])
                               for m in self.duplicate_scores())
        sentences = [self.t("method.intro"), self.t("method.categories", year=self.year), self.t("method.counting"),
                     self.t("method.domains", year=self.year),
                     self.t("method.matching", threshold=history.settings()["fuzzy_threshold"]),
                     self.t("method.tagger", count=int(scores["acties"].max()), scores=tagger),
                     self.t("method.duplicates", threshold=similarity.settings()["duplicate_threshold"],
                            scores=duplicates),
                     self.t("method.reference" if self.reconciliation is not None else "method.reference_none"),
                     self.t("method.files")]
        return "\n".join([self.doc.heading("method"), self.doc.paragraphs(sentences)])

    def duplicate_scores(self) -> list[dict]:
        """The duplicate finder measured on every sample plan with annotated duplicates."""
        results = []
        for year in sample_years():
            plan = self.plans[year] if self.inputs.is_sample and year in self.plans else load(resolve_inputs(year))[0]
            measured = similarity.measure_duplicates(plan, year)
            if measured["geannoteerd"]:
                results.append(measured)
        return results
