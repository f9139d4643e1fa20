"""The frames and findings the evaluation chapters are made of, for one :class:`~pipeline.study.Study`.

The chapter notebooks call these, show the frames, and wrap them in report
objects; nothing here builds HTML. Functions that return sentences fill the
label catalogue's words with computed numbers, so no figure is typed by hand.
"""

import pandas as pd

from pipeline.analysis import coverage, history, quality, similarity, taxonomy
from pipeline.analysis.tables import wide
from pipeline.config import domain_order, sample_years, themes
from pipeline.input.validate import era_domains
from pipeline.report import evaluation
from pipeline.report.markup import decimal, percent

GAP_DIMENSIONS = ("doelstellingen", "actiedomeinen", "zorgpunten", "europa")


def theme_keys() -> list[str]:
    return [t["key"] for t in themes()]


def share_text(part: int, whole: int, language: str = "nl") -> str:
    """``44% (70/160)``, or ``– (0/0)`` when there is nothing to share."""
    return f"{percent(part / whole, language) if whole else '–'} ({part}/{whole})"


# -- execution -----------------------------------------------------------------------------------------------------

def fate_counts(fates: pd.DataFrame) -> pd.Series:
    """Of the actions running in the previous plan: how many met each fate (all fates, zeros included)."""
    running = fates[fates["voor"] == "lopend"]
    return running["lot"].value_counts().reindex(history.FATES, fill_value=0).astype(int)


def completion(fates: pd.DataFrame, by: str, order: list[str]) -> pd.DataFrame:
    """Completion of the actions that were running, per domain or theme, in the report's order."""
    rates = history.completion_rates(fates, by)
    return rates.reindex([key for key in order if key in set(rates.index)])


def central_trend(plans: dict[int, pd.DataFrame]) -> pd.DataFrame:
    """Central share of the net running actions per plan and origin year (tidy: one row per plan and group)."""
    return pd.concat([history.central_share(plan, year) for year, plan in sorted(plans.items())], ignore_index=True)


def claim_sentences(study) -> list[str]:
    """The SERV's quoted central shares for 2023, recomputed from the 2023 plan."""
    claims = evaluation.published_claims().get("central_share", {})
    if not claims:
        return []
    if 2023 not in study.plans:
        return [study.t("execution.claim_missing")]
    shares = history.central_share(study.plans[2023], 2023).set_index("groep")
    empty = pd.Series({"centraal": 0, "totaal": 0, "aandeel": 0.0})
    old, new, whole = (shares.loc[g] if g in shares.index else empty for g in ("2022", "2023", "alle"))

    def rounded(row) -> int:
        return round(row["aandeel"] * 100)

    def shown(row) -> str:
        return share_text(int(row["centraal"]), int(row["totaal"]), study.language)

    verdict_old = study.t("execution.claim_match" if rounded(old) == claims[2022] else "execution.claim_nomatch")
    new_ok = claims[2023] in (rounded(new), rounded(whole))
    verdict_new = study.t("execution.claim_new_match" if new_ok else "execution.claim_new_nomatch",
                          claim_new=claims[2023])
    return [study.t("execution.claim", claim_new=claims[2023], claim_old=claims[2022], verdict_old=verdict_old,
                    verdict_new=verdict_new, old=shown(old), new=shown(new), all=shown(whole))]


# -- strategy ------------------------------------------------------------------------------------------------------

def gaps(tags: pd.DataFrame, threshold: int) -> pd.DataFrame:
    """Entries of the strategy, the SERV's concerns and the EU initiatives with at most ``threshold`` actions."""
    rows = [{"dimensie": dimension, "onderdeel": key, "acties": int(count)}
            for dimension in GAP_DIMENSIONS for key, count in coverage.counts(tags, dimension).items()
            if count <= threshold]
    return pd.DataFrame(rows, columns=["dimensie", "onderdeel", "acties"])


def empty_objectives(objectives: pd.DataFrame) -> dict[str, list[str]]:
    """Per domain (column of the objectives × domain grid), the objectives it has no action for."""
    return {domain: [key for key in objectives.index if objectives.loc[key, domain] == 0]
            for domain in objectives.columns if (objectives[domain] == 0).any()}


# -- nature --------------------------------------------------------------------------------------------------------

def harmonised_t4(study, year: int) -> pd.DataFrame:
    """T4 of plan ``year`` with its domains mapped to the report year's domains."""
    grid = wide(study.tables_of(year), "T4").drop(columns="Totaal")
    mapped = {code: era_domains([code], study.year)[0][0] for code in grid.columns}
    return grid.T.groupby(mapped).sum().T


def strategic_share(t4: pd.DataFrame) -> pd.Series:
    """Strategic actions as a share of the actions with a nature, per column of a T4 grid."""
    known = t4.loc["strategisch"] + t4.loc["operationeel"]
    return (t4.loc["strategisch"] / known.where(known > 0)).fillna(0.0)


def compared_years(study) -> list[int]:
    """The previous plan (when it is there) and this one."""
    return [year for year in (study.year - 1, study.year) if year in study.plans]


def strategic_by_domain(study) -> pd.DataFrame:
    """Share of strategic actions per domain (rows, this year's domains) and plan (columns)."""
    frame = pd.DataFrame({year: strategic_share(harmonised_t4(study, year)) for year in compared_years(study)})
    return frame.reindex(domain_order(study.year)).fillna(0.0)


def strategic_by_theme(study) -> pd.DataFrame:
    """Share of strategic actions per theme (rows) and plan (columns), over the T3/T4 population."""
    columns = {}
    for year in compared_years(study):
        members = study.counted_of(year)
        grid = pd.crosstab(members["thema"], members["aard"]).reindex(
            index=theme_keys(), columns=["strategisch", "operationeel"], fill_value=0)
        known = grid.sum(axis=1)
        columns[year] = (grid["strategisch"] / known.where(known > 0)).fillna(0.0)
    return pd.DataFrame(columns)


def strategic_overall(study, year: int) -> float:
    """Share of strategic actions among all actions with a nature in plan ``year``."""
    total = harmonised_t4(study, year).sum(axis=1)
    return float(total["strategisch"] / max(1, total["strategisch"] + total["operationeel"]))


# -- domains -------------------------------------------------------------------------------------------------------

def domain_counts(study) -> pd.DataFrame:
    """Gross actions per domain (rows, this year's domains) and plan (columns), older plans mapped to this year's."""
    order = domain_order(study.year)
    counts = {}
    for year in sorted(study.plans):
        bruto = wide(study.tables_of(year), "T2").loc["bruto"].drop("Totaal")
        mapped = bruto.groupby({c: era_domains([c], study.year)[0][0] for c in bruto.index}).sum()
        counts[year] = mapped.reindex(order, fill_value=0)
    return pd.DataFrame(counts)


def serv_named_domains(study) -> dict | None:
    """The domains the SERV called under-represented in 2023, and their actions in the 2023 plan."""
    named = evaluation.published_claims().get("under_represented", [])
    if not named or 2023 not in study.plans:
        return None
    bruto = wide(study.tables_of(2023), "T2").loc["bruto"]
    return {"named": named, "count": int(bruto[named].sum()), "total": int(bruto["Totaal"])}


def reconciliation_for_readers(study, frame: pd.DataFrame) -> pd.DataFrame:
    """The flagged published cells with their rows and columns named as the 2023 tables name them."""
    from pipeline.analysis.tables import carried_years
    from pipeline.report.labels import count_labels
    from pipeline.report.workbook import column_label

    labels = count_labels(2023, carried_years(study.plans[2023], 2023), study.language)
    return frame.assign(rij=frame["rij"].map(lambda key: labels.get(key, key)),
                        kolom=frame["kolom"].map(lambda key: column_label(key, labels)),
                        regel=frame["regel"].replace("", study.t("reconciliation.consequence")))


# -- summary and method --------------------------------------------------------------------------------------------

def findings(study) -> list[str]:
    """Key findings of the evaluation chapters, one sentence each."""
    found = []
    if study.fates is not None:
        counts = fate_counts(study.fates)
        found.append(study.t("summary.execution", previous=study.year - 1, running=int(counts.sum()),
                             afgerond=int(counts["afgerond"]), stil_geschrapt=int(counts["stil_geschrapt"])))
    threshold = taxonomy.taxonomy()["gap_threshold"]
    missing = gaps(study.tags, threshold)
    missing = missing[missing["dimensie"] != "actiedomeinen"]
    names = [study.entry_labels(d)[k] for d, k in zip(missing["dimensie"], missing["onderdeel"])]
    found.append(study.t("summary.gaps", count=len(names), threshold=threshold, items=", ".join(names) or "–"))
    classes = quality.score(study.plan)["klasse"].value_counts()
    thin = int(classes.get("niet_verifieerbaar", 0) + classes.get("mager", 0))
    found.append(study.t("summary.quality", thin=thin, total=len(study.plan),
                         share=percent(thin / max(1, len(study.plan)), study.language)))
    found.append(study.t("summary.duplicates", count=len(similarity.duplicate_candidates(study.plan, study.year)),
                         pairs=len(similarity.synergy_candidates(study.plan))))
    if study.reconciliation is not None:
        compared = len(evaluation.published_tables(2023))
        found.append(study.t("summary.reference_match", compared=compared, mismatches=len(study.reconciliation),
                             matching=compared - len(study.reconciliation), section=study.t("chapters.reconciliation")))
    return found


def duplicate_scores(study) -> pd.DataFrame:
    """The duplicate finder measured on every sample plan with annotated duplicates (one row per plan)."""
    from pipeline.study import load, resolve_inputs

    rows = []
    for year in sample_years():
        plan = study.plans[year] if study.inputs.is_sample and year in study.plans else load(resolve_inputs(year))[0]
        measured = similarity.measure_duplicates(plan, year)
        if measured["geannoteerd"]:
            rows.append(measured)
    return pd.DataFrame(rows)


def method_sentences(study, duplicates: pd.DataFrame) -> list[str]:
    """How the numbers are made (``duplicates``: :func:`duplicate_scores`)."""
    def written(value) -> str:
        return "–" if value is None else decimal(value, study.language)

    found = "; ".join(study.t("method.duplicate_score", plan=r.plan, hits=r.juist, proposed=r.voorgesteld,
                              annotated=r.geannoteerd, precision=written(r.precisie), recall=written(r.recall))
                      for r in duplicates.itertuples())
    return [study.t("method.intro"), study.t("method.categories", year=study.year), study.t("method.counting"),
            study.t("method.domains", year=study.year),
            study.t("method.matching", threshold=written(history.settings()["fuzzy_threshold"])),
            study.t("method.duplicates", threshold=written(similarity.settings()["duplicate_threshold"]), scores=found),
            study.t("method.reference" if study.reconciliation is not None else "method.reference_none"),
            study.t("method.files")]


def with_interval(value: float, low: float, high: float, language: str) -> str:
    """``0,85 (0,74-0,92)``: a measured fraction with its 95% interval."""
    return f"{decimal(value, language)} ({decimal(low, language)}–{decimal(high, language)})"


def classifier_table(scores: pd.DataFrame, language: str) -> pd.DataFrame:
    """The tagger's scores per family (:func:`pipeline.analysis.measure.tagger_scores`) as a table to show."""
    frame = scores.set_index("familie")[["acties", "verwacht", "gevonden", "juist"]].copy()
    frame["precisie"] = [with_interval(r.precisie, r.p_laag, r.p_hoog, language) for r in scores.itertuples()]
    frame["recall"] = [with_interval(r.recall, r.r_laag, r.r_hoog, language) for r in scores.itertuples()]
    return frame


def agreement_table(agreement: pd.DataFrame, language: str) -> pd.DataFrame:
    """Cohen's kappa and the share of equal decisions per family (:func:`pipeline.analysis.measure.agreement`), to show."""
    frame = agreement.set_index("familie")[["beslissingen"]].copy()
    frame["kappa"] = [decimal(v, language) for v in agreement["kappa"]]
    frame["gelijk"] = [decimal(v, language) for v in agreement["gelijk"]]
    return frame


def actions_behind(tags: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """Per entry of one taxonomy dimension: how many actions are tagged with it, and their numbers."""
    behind = coverage.actions_per_entry(tags, dimension)
    return pd.DataFrame({"onderdeel": list(behind), "acties": [len(v) for v in behind.values()],
                         "nummers": [", ".join(v) for v in behind.values()]})


def coder_table(agreement: pd.DataFrame, language: str) -> pd.DataFrame:
    """Two coders' agreement per field (:func:`pipeline.input.coders.agreement`) as a table to show."""
    frame = agreement.set_index("veld")[["acties", "gelijk"]].copy()
    frame["aandeel"] = [percent(v, language) for v in agreement["aandeel"]]
    frame["kappa"] = [decimal(v, language) for v in agreement["kappa"]]
    return frame
