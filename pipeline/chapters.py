"""The evaluation chapters of the annex. Each function takes the :class:`~pipeline.annex.Annex` and returns HTML.

All figures are computed here from the plans; all words come from the label
catalogue (and the taxonomy's labels).
"""

import pandas as pd

from pipeline import evaluation, history, quality, similarity, taxonomy
from pipeline.charts import percent
from pipeline.config import domain_order, themes
from pipeline.present import listing, matrix
from pipeline.tables import wide
from pipeline.validate import era_domains


def nr_list(numbers) -> str:
    return ", ".join(numbers)


def share_text(part: int, whole: int, language: str) -> str:
    return f"{percent(part / whole, language) if whole else '–'} ({part}/{whole})"


def domain_label(annex, code: str) -> str:
    return annex.t("columns.DV&VSA") if code == "DV&VSA" else code


def theme_label(annex, key: str) -> str:
    return annex.t(f"rows.{key}")


def execution(annex) -> str:
    """Fates of the actions since the previous plan, completion rates, the central-share trend."""
    doc, year, previous = annex.doc, annex.year, annex.year - 1
    parts = [doc.heading("execution")]
    fates = annex.fates
    if fates is None:
        parts.append(doc.paragraphs([annex.t("execution.no_previous", previous=previous, year=year)]))
    else:
        counts = fates["lot"].value_counts().reindex(history.FATES, fill_value=0)
        running = int((fates["voor"] == "lopend").sum())
        before_running = fates[fates["voor"] == "lopend"]["lot"].value_counts()
        long_running = len(history.long_running(annex.plan, year))
        fuzzy = fates[fates["methode"] == "titel"]
        sentences = [
            annex.t("execution.overview", running=running, previous=previous, year=year,
                    **{k: int(before_running.get(k, 0)) for k in ("afgerond", "voortgezet", "dubbel", "stil_geschrapt")}),
            annex.t("execution.new", year=year, nieuw=int(counts["nieuw"]), long=long_running),
            annex.t("execution.fuzzy", count=len(fuzzy)) if len(fuzzy) else annex.t("execution.fuzzy_none"),
        ]
        parts.append(doc.paragraphs(sentences))
        grid = history.transitions(fates)
        grid.index = [annex.t(f"fates.{k}") for k in grid.index]
        grid.columns = [annex.t(f"fates.{k}") for k in grid.columns]
        parts.append(matrix(doc, grid, annex.t("execution.transitions", previous=previous, year=year),
                            "tabel-overgangen", bold_rows=(annex.t("fates.totaal"),)))
        for by, key, order in (("domein", "rates_domain", domain_order(year)),
                               ("thema", "rates_theme", [t["key"] for t in themes()])):
            rates = history.completion_rates(fates, by)
            rates = rates.reindex([k for k in order if k in set(rates.index)])
            rates["aandeel_afgerond"] = rates["aandeel_afgerond"].map(lambda v: percent(v, annex.language))
            rates.index = [domain_label(annex, k) if by == "domein" else theme_label(annex, k) for k in rates.index]
            rates.columns = [annex.t(f"fates.{c}") for c in rates.columns]
            parts.append(matrix(doc, rates, annex.t(f"execution.{key}", previous=previous, year=year),
                                f"tabel-afronding-{by}"))
        dropped = fates[fates["lot"] == "stil_geschrapt"][["nr_vorig", "actie"]]
        if len(dropped):
            dropped.columns = [annex.t("columns.nr"), annex.t("columns.title")]
            parts.append(listing(doc, dropped, annex.t("execution.dropped", previous=previous, year=year),
                                 "tabel-geschrapt"))
        if len(fuzzy):
            frame = fuzzy[["nr_vorig", "nr", "score", "actie"]].copy()
            frame.columns = [str(previous), str(year), annex.t("synergies.score"), annex.t("columns.title")]
            parts.append(listing(doc, frame, annex.t("execution.fuzzy_table"), "tabel-hernummerd"))
    parts.append(central_trend(annex))
    return "\n".join(parts)


def central_trend(annex) -> str:
    """Central share per plan and origin year, and the check of the SERV's quoted shares."""
    rows = {}
    for year, plan in sorted(annex.plans.items()):
        shares = history.central_share(plan, year)
        rows[year] = {r.groep: share_text(r.centraal, r.totaal, annex.language) for r in shares.itertuples()}
    frame = pd.DataFrame(rows).T.fillna("")
    frame = frame[[c for c in frame.columns if c != "alle"] + ["alle"]]
    frame.columns = [annex.t("fates.totaal") if c == "alle" else c for c in frame.columns]
    parts = [matrix(annex.doc, frame, annex.t("execution.trend"), "tabel-centraal-aandeel")]
    claims = evaluation.published_claims().get("central_share", {})
    plan_2023 = annex.plans.get(2023)
    if claims and plan_2023 is None:
        parts.append(annex.doc.paragraphs([annex.t("execution.claim_missing")]))
    elif claims:
        shares = history.central_share(plan_2023, 2023).set_index("groep")
        empty = pd.Series({"centraal": 0, "totaal": 0, "aandeel": 0.0})
        old, new, whole = (shares.loc[g] if g in shares.index else empty for g in ("2022", "2023", "alle"))

        def rounded(row):
            return round(row["aandeel"] * 100)
        verdict_old = annex.t("execution.claim_match" if rounded(old) == claims[2022] else "execution.claim_nomatch")
        new_ok = claims[2023] in (rounded(new), rounded(whole))
        verdict_new = annex.t("execution.claim_new_match" if new_ok else "execution.claim_new_nomatch",
                              claim_new=claims[2023])
        parts.append(annex.doc.paragraphs([annex.t(
            "execution.claim", claim_new=claims[2023], claim_old=claims[2022], verdict_old=verdict_old,
            verdict_new=verdict_new, old=share_text(int(old["centraal"]), int(old["totaal"]), annex.language),
            new=share_text(int(new["centraal"]), int(new["totaal"]), annex.language),
            all=share_text(int(whole["centraal"]), int(whole["totaal"]), annex.language))]))
    return "\n".join(parts)


def entry_labels(dimension: str, language: str) -> dict[str, str]:
    return {e["key"]: taxonomy.label(e, language) for e in taxonomy.entries(dimension)}


def strategy(annex) -> str:
    """Coverage of the objectives, principles, SERV concerns and EU initiatives, and the gaps."""
    doc, year, tags = annex.doc, annex.year, annex.tags
    parts = [doc.heading("strategy"), doc.paragraphs([annex.t("strategy.intro")])]
    domains = domain_order(year)
    objectives = taxonomy.coverage(tags, annex.plan, "doelstellingen", "domein", domains)
    shown = objectives.rename(index=entry_labels("doelstellingen", annex.language),
                              columns={c: domain_label(annex, c) for c in domains})
    parts.append(matrix(doc, shown, annex.t("strategy.objectives_domain", year=year), "tabel-doelstellingen"))
    concerns = pd.DataFrame({year_: taxonomy.counts(annex.tags_of(year_), "zorgpunten") for year_ in sorted(annex.plans)})
    concerns.columns = [str(c) for c in concerns.columns]
    parts.append(matrix(doc, concerns.rename(index=entry_labels("zorgpunten", annex.language)), annex.t("strategy.concerns_year"),
                        "tabel-werkpunten"))
    theme_keys = [t["key"] for t in themes()]
    principles = taxonomy.coverage(tags, annex.plan, "principes", "thema", theme_keys)
    parts.append(matrix(doc, principles.rename(index=entry_labels("principes", annex.language),
                                               columns={k: theme_label(annex, k) for k in theme_keys}),
                        annex.t("strategy.principles_theme", year=year), "tabel-principes"))
    europe = taxonomy.counts(tags, "europa").rename(index=entry_labels("europa", annex.language))
    europe = europe.to_frame(annex.t("strategy.count"))
    parts.append(matrix(doc, europe, annex.t("strategy.europe", year=year), "tabel-europa"))
    threshold = taxonomy.taxonomy()["gap_threshold"]
    gaps = []
    for dimension in ("doelstellingen", "actiedomeinen", "zorgpunten", "europa"):
        counts = taxonomy.counts(tags, dimension)
        labels = entry_labels(dimension, annex.language)
        gaps += [f"{labels[k]} ({v})" for k, v in counts.items() if v <= threshold]
    sentences = [annex.t("strategy.gaps", threshold=threshold, items="; ".join(gaps)) if gaps
                 else annex.t("strategy.no_gaps", threshold=threshold)]
    names = entry_labels("doelstellingen", annex.language)
    empty = [f"{domain_label(annex, d)}: {', '.join(names[k] for k in objectives.index if objectives.loc[k, d] == 0)}"
             for d in domains if (objectives[d] == 0).any()]
    if empty:
        sentences.append(annex.t("strategy.empty_domains", items="; ".join(empty)))
    parts.append(doc.paragraphs(sentences))
    return "\n".join(parts)


def harmonised_t4(annex, year: int) -> pd.DataFrame:
    """T4 of plan ``year`` with its domains mapped to the report year's domains."""
    grid = wide(annex.tables_of(year), "T4").drop(columns="Totaal")
    mapped = {code: era_domains([code], annex.year)[0][0] for code in grid.columns}
    return grid.T.groupby(mapped).sum().T


def strategic_share(t4: pd.DataFrame) -> pd.Series:
    known = t4.loc["strategisch"] + t4.loc["operationeel"]
    return (t4.loc["strategisch"] / known.where(known > 0)).fillna(0.0)


def nature(annex) -> str:
    """Share of strategic actions per domain and theme against the previous plan, and suggestions."""
    doc, year, previous = annex.doc, annex.year, annex.year - 1
    parts = [doc.heading("nature")]
    current = harmonised_t4(annex, year)
    columns = {}
    if previous in annex.plans:
        old = harmonised_t4(annex, previous)
        columns[annex.t("nature.share_year", year=previous)] = strategic_share(old)
    columns[annex.t("nature.share_year", year=year)] = strategic_share(current)
    frame = pd.DataFrame(columns).reindex(domain_order(year)).fillna(0.0).map(lambda v: percent(v, annex.language))
    frame.index = [domain_label(annex, c) for c in frame.index]
    total_now = current.sum(axis=1)
    share_now = percent(total_now["strategisch"] / max(1, total_now["strategisch"] + total_now["operationeel"]))
    if previous in annex.plans:
        total_old = harmonised_t4(annex, previous).sum(axis=1)
        share_old = percent(total_old["strategisch"] / max(1, total_old["strategisch"] + total_old["operationeel"]))
        sentence = annex.t("nature.compare", year=year, share=share_now, previous=previous, previous_share=share_old)
    else:
        sentence = annex.t("nature.compare_none", year=year, share=share_now)
    parts.append(doc.paragraphs([sentence]))
    parts.append(matrix(doc, frame, annex.t("nature.shares", by=annex.t("nature.by_domain")), "tabel-aard-domein"))
    by_theme = {}
    for year_ in sorted(y for y in (previous, year) if y in annex.plans):
        t3_members = annex.counted_of(year_)
        grid = pd.crosstab(t3_members["thema"], t3_members["aard"]).reindex(
            index=[t["key"] for t in themes()], columns=["strategisch", "operationeel"], fill_value=0)
        known = grid.sum(axis=1)
        by_theme[annex.t("nature.share_year", year=year_)] = (grid["strategisch"] / known.where(known > 0)).fillna(0.0)
    theme_frame = pd.DataFrame(by_theme).map(lambda v: percent(v, annex.language))
    theme_frame.index = [theme_label(annex, k) for k in theme_frame.index]
    parts.append(matrix(doc, theme_frame, annex.t("nature.shares", by=annex.t("nature.by_theme")), "tabel-aard-thema"))
    suggestions = taxonomy.suggest_nature(annex.plan)
    if len(suggestions):
        tally = suggestions["suggestie"].value_counts()
        parts.append(doc.paragraphs([annex.t("nature.suggestions_intro", count=len(suggestions),
                                             **{k: int(tally.get(k, 0)) for k in ("strategisch", "operationeel",
                                                                                  "onbepaald")})]))
        shown = suggestions.assign(suggestie=suggestions["suggestie"].map(lambda k: annex.t(f"rows.{k}")))
        shown.columns = [annex.t("columns.nr"), annex.t("columns.title"), annex.t("nature.suggestion"),
                         annex.t("nature.evidence")]
        parts.append(listing(doc, shown, annex.t("nature.suggestions"), "tabel-suggesties"))
    else:
        parts.append(doc.paragraphs([annex.t("nature.no_suggestions")]))
    return "\n".join(parts)


def information(annex) -> str:
    """How verifiable the actions are: the spread of classes, per domain, and the ten thinnest."""
    doc, year = annex.doc, annex.year
    scores = quality.score(annex.plan)
    tally = scores["klasse"].value_counts().reindex(quality.CLASSES, fill_value=0)
    parts = [doc.heading("quality"),
             doc.paragraphs([annex.t("quality.intro", words=quality.rules()["long_words"]),
                             annex.t("quality.spread", total=len(scores), **tally.to_dict())])]
    grid = quality.by_domain(scores, domain_order(year))
    grid.index = [domain_label(annex, c) for c in grid.index]
    grid.columns = [annex.t(f"classes.{c}") if c in quality.CLASSES else annex.t("quality.average") for c in grid.columns]
    parts.append(matrix(doc, grid, annex.t("quality.by_domain", year=year), "tabel-kwaliteit"))
    thin = quality.thinnest(scores)[["nr", "actie", "score", "woorden", "klasse"]]
    thin = thin.assign(klasse=thin["klasse"].map(lambda k: annex.t(f"classes.{k}")))
    thin.columns = [annex.t("columns.nr"), annex.t("columns.title"), annex.t("quality.score"),
                    annex.t("quality.words"), annex.t("quality.class")]
    parts.append(listing(doc, thin, annex.t("quality.thinnest", year=year), "tabel-dunst"))
    return "\n".join(parts)


def synergies(annex) -> str:
    """Opportunity areas, proposed synergy pairs and possible duplicates."""
    doc, year = annex.doc, annex.year
    parts = [doc.heading("synergies"), doc.paragraphs([annex.t("synergies.intro")])]
    areas = similarity.area_clusters(annex.plan, annex.language)
    areas.columns = [annex.t("synergies.area"), annex.t("strategy.count"), annex.t("synergies.domains_count"),
                     annex.t("synergies.per_domain")]
    parts.append(listing(doc, areas, annex.t("synergies.areas", year=year), "tabel-gebieden"))
    for key, frame, columns in (
            ("pairs", similarity.synergy_candidates(annex.plan), ["nr", "nr_2", "score", "domeinen", "actie", "actie_2"]),
            ("duplicates", similarity.duplicate_candidates(annex.plan, year), ["nr", "dubbel_van", "score", "actie",
                                                                               "actie_van"])):
        if frame.empty:
            parts.append(doc.paragraphs([annex.t("synergies.no_pairs")]))
            continue
        shown = frame[columns].copy()
        shown.columns = [html_label(annex, c) for c in columns]
        parts.append(listing(doc, shown, annex.t(f"synergies.{key}", year=year), f"tabel-{key}"))
    return "\n".join(parts)


def html_label(annex, column: str) -> str:
    return annex.t(f"synergies.columns.{column}")


def domains(annex) -> str:
    """Actions per domain across the plans (harmonised to this year's domains), and under-representation."""
    doc, year = annex.doc, annex.year
    order = domain_order(year)
    counts = {}
    for year_ in sorted(annex.plans):
        bruto = wide(annex.tables_of(year_), "T2").loc["bruto"].drop("Totaal")
        mapped = bruto.groupby({c: era_domains([c], year)[0][0] for c in bruto.index}).sum()
        counts[str(year_)] = mapped.reindex(order, fill_value=0)
    frame = pd.DataFrame(counts)
    share = frame[str(year)] / max(1, frame[str(year)].sum())
    shown = frame.assign(**{annex.t("domains.share", year=year): share.map(lambda v: percent(v, annex.language))})
    shown.index = [domain_label(annex, c) for c in shown.index]
    threshold = taxonomy.taxonomy()["under_represented_share"]
    under = [f"{domain_label(annex, c)} ({percent(v, annex.language)})" for c, v in share.items() if v < threshold]
    sentences = [annex.t("domains.intro", year=year)]
    if under:
        sentences.append(annex.t("domains.under", year=year, threshold=percent(threshold, annex.language),
                                 items=", ".join(under)))
    named = evaluation.published_claims().get("under_represented", [])
    if named and 2023 in annex.plans:
        bruto_2023 = wide(annex.tables_of(2023), "T2").loc["bruto"]
        part = int(bruto_2023[named].sum())
        whole = int(bruto_2023["Totaal"])
        sentences.append(annex.t("domains.serv", named=", ".join(named), count=part, total=whole,
                                 share=percent(part / whole, annex.language)))
    return "\n".join([doc.heading("domains"), doc.paragraphs(sentences),
                      matrix(doc, shown, annex.t("domains.table", year=year), "tabel-domeinen")])


def reconciliation(annex) -> str:
    """The published 2023 tables against the computation and against their own arithmetic."""
    doc = annex.doc
    parts = [doc.heading("reconciliation"), doc.paragraphs([annex.t("reconciliation.intro")])]
    frame = annex.reconciliation
    if frame is None:
        parts.append(doc.paragraphs([annex.t("reconciliation.missing")]))
        return "\n".join(parts)
    compared = len(evaluation.published_tables(2023))
    parts.append(doc.paragraphs([annex.t("reconciliation.summary", compared=compared, matching=compared - len(frame),
                                         flagged=len(frame))]))
    shown = frame.assign(regel=frame["regel"].replace("", annex.t("reconciliation.consequence")))
    shown.columns = [annex.t(f"columns.{c}") if c != "regel" else annex.t("reconciliation.rule") for c in shown.columns]
    parts.append(listing(doc, shown, annex.t("reconciliation.table"), "tabel-aansluiting"))
    return "\n".join(parts)


def recommendations(annex) -> str:
    """Per SERV recommendation: the actions of this plan that address it."""
    doc, year = annex.doc, annex.year
    frame = taxonomy.recommendations(annex.tags, annex.plan, annex.language)
    shown = pd.DataFrame({
        annex.t("recommendations.recommendation"): frame["aanbeveling"],
        annex.t("recommendations.addressed"): frame["acties"],
        annex.t("recommendations.new"): frame["nieuw"],
        annex.t("recommendations.evidence"): frame["nummers"].map(lambda n: nr_list(n) or annex.t("recommendations.none")),
    })
    return "\n".join([doc.heading("recommendations"), doc.paragraphs([annex.t("recommendations.intro", year=year)]),
                      listing(doc, shown, annex.t("recommendations.table", year=year), "tabel-aanbevelingen")])


def appendix(annex) -> str:
    """The actions behind every entry of the framework."""
    doc, year = annex.doc, annex.year
    parts = [doc.heading("appendix"), doc.paragraphs([annex.t("appendix.intro", year=year)])]
    for dimension, spec in taxonomy.taxonomy()["dimensions"].items():
        behind = taxonomy.actions_per_entry(annex.tags, dimension)
        labels = entry_labels(dimension, annex.language)
        frame = pd.DataFrame({annex.t("strategy.part"): [labels[k] for k in behind],
                              annex.t("strategy.count"): [len(v) for v in behind.values()],
                              annex.t("strategy.numbers"): [nr_list(v) for v in behind.values()]})
        parts.append(listing(doc, frame, taxonomy.label(spec, annex.language), f"tabel-bijlage-{dimension}"))
    return "\n".join(parts)
