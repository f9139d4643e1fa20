"""Findings built from the computed numbers: the summary sentences and the check against published tables.

Every sentence is filled in from the tables; nothing here holds a figure.
"""

from dataclasses import dataclass

import pandas as pd

from pipeline.analysis.tables import NATURE_ROWS, SUBTOTAL, TOTAL_ROW, wide
from pipeline.config import REFERENCE_DIR, central_domains, load_yaml, themes
from pipeline.report.labels import domain_label, text
from pipeline.report.markup import percent


def join_words(words: list[str], language: str) -> str:
    """``a, b en c``."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {text('summary.and', language)} {words[-1]}"


def extremes(counts: pd.Series, size: int = 3) -> tuple[list[str], list[str]]:
    """The domains with the most and with the fewest actions (ties at the edge included)."""
    ordered = counts.sort_values(ascending=False, kind="stable")
    top_cut = ordered.iloc[min(size, len(ordered)) - 1]
    low_cut = ordered.iloc[-min(size, len(ordered))]
    top = [code for code, value in ordered.items() if value >= top_cut and value > low_cut]
    low = [code for code, value in ordered.items() if value <= low_cut and code not in top]
    return top, low


def summary(tables: pd.DataFrame, year: int, annotated: bool, language: str = "nl") -> list[str]:
    """The key findings as sentences generated from the tables."""
    t1 = wide(tables, "T1")["aantal"].to_dict()
    values = {**t1, "year": year, "dubbel": t1["dubbel_vorig"] + t1["dubbel_nieuw"]}
    sentences = [text("summary.net", language, **values), text("summary.gross", language, **values),
                 text("summary.new", language, **values)]
    bruto = wide(tables, "T2").loc["bruto"].drop("Totaal")
    top, low = extremes(bruto)
    sentences.append(text("summary.domains", language,
                          top=join_words([domain_label(c, language) for c in top], language),
                          low=join_words([domain_label(c, language) for c in low], language)))
    t5 = wide(tables, "T5").loc["totaal"]
    if t1["netto"]:
        share = percent(t5["centraal_totaal"] / t1["netto"], language)
        sentences.append(text("summary.central", language, share=share, central=t5["centraal_totaal"],
                              netto=t1["netto"]))
    t4 = wide(tables, "T4")["Totaal"].to_dict()
    if annotated:
        sentences.append(text("summary.nature", language, total=t4["totaal"], **t4))
    else:
        sentences.append(text("summary.no_annotations", language))
    return sentences


def published_tables(year: int) -> pd.DataFrame | None:
    """The SERV's published tables for ``year``, if the project keeps them."""
    path = REFERENCE_DIR / f"serv-{year}-published.csv"
    return pd.read_csv(path) if path.exists() else None


def compare_published(tables: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """Every published cell next to the computed one: ``tabel, rij, kolom, gepubliceerd, berekend``."""
    merged = published.merge(tables, on=["tabel", "rij", "kolom"], how="left", suffixes=("_pub", ""))
    merged = merged.rename(columns={"waarde_pub": "gepubliceerd", "waarde": "berekend"})
    # a published cell the computed grid lacks (e.g. a T5 year column of a plan without actions from that year) counts 0
    merged["berekend"] = merged["berekend"].fillna(0).astype(int)
    return merged[["tabel", "rij", "kolom", "gepubliceerd", "berekend"]]


def mismatches(comparison: pd.DataFrame) -> pd.DataFrame:
    """The published cells that the computation does not reproduce."""
    return comparison[comparison["gepubliceerd"] != comparison["berekend"]].reset_index(drop=True)


@dataclass(frozen=True)
class Identity:
    """An arithmetic rule between cells: ``target = sum(sign * part)``; ``rule`` is its catalogue key."""

    rule: str
    target: tuple[str, str, str]
    parts: tuple[tuple[int, tuple[str, str, str]], ...]
    values: tuple[tuple[str, str], ...] = ()

    def describe(self, language: str = "nl") -> str:
        """The rule in words, for the reader."""
        values = dict(self.values)
        if "central" in values:  # the central actors as every table spells them
            values["central"] = domain_label(values["central"], language)
        return text(f"rules.{self.rule}", language, **values)

    def cells(self) -> list[tuple[str, str, str]]:
        return [self.target, *(cell for _, cell in self.parts)]

    def expected(self, values: dict) -> int:
        return sum(sign * values.get(cell, 0) for sign, cell in self.parts)


def identities(tables: pd.DataFrame, year: int) -> list[Identity]:
    """Every rule the five tables obey by construction: totals, subtotals and agreements between tables."""
    rules: list[Identity] = []
    grids = {name: wide(tables, name) for name in ("T1", "T2", "T3", "T4", "T5")}

    def add(rule, target, *parts, **values):
        rules.append(Identity(rule, target, tuple(parts), tuple(sorted(values.items()))))

    for name in ("T2", "T3", "T4"):
        domains = [c for c in grids[name].columns if c != "Totaal"]
        for row in grids[name].index:
            add("total_domains", (name, row, "Totaal"), *[(1, (name, row, d)) for d in domains], table=name)
    for column in ["aantal", *grids["T2"].columns]:
        name = "T1" if column == "aantal" else "T2"
        add("gross", (name, "bruto", column), (1, (name, "acties_vorig", column)), (1, (name, "acties_nieuw", column)),
            table=name)
        add("net", (name, "netto", column), (1, (name, "netto_vorig", column)), (1, (name, "netto_nieuw", column)),
            table=name)
        add("net_carried", (name, "netto_vorig", column), (1, (name, "acties_vorig", column)),
            (-1, (name, "afgerond_vorig", column)), (-1, (name, "dubbel_vorig", column)), table=name)
    add("net_new_types", ("T1", "netto_nieuw", "aantal"),
        (1, ("T1", "individueel", "aantal")), (1, ("T1", "synergie", "aantal")))
    theme_keys = [t["key"] for t in themes()]
    group = [t["key"] for t in themes() if t["group"] == SUBTOTAL]
    for name in ("T3", "T5"):
        for column in grids[name].columns:
            add("subtotal", (name, SUBTOTAL, column), *[(1, (name, k, column)) for k in group], table=name)
            add("total_themes", (name, TOTAL_ROW, column), *[(1, (name, k, column)) for k in theme_keys], table=name)
    for column in grids["T4"].columns:
        add("total_natures", ("T4", TOTAL_ROW, column),
            *[(1, ("T4", n, column)) for n in NATURE_ROWS])
        add("same_total", ("T4", TOTAL_ROW, column), (1, ("T3", TOTAL_ROW, column)))
        add("t3_from_t2", ("T3", TOTAL_ROW, column), (1, ("T2", "bruto", column)),
            (-1, ("T2", "dubbel_vorig", column)), (-1, ("T2", "dubbel_nieuw", column)))
    t5 = grids["T5"]
    years = sorted({c.split("_")[1] for c in t5.columns if c.startswith("centraal_") and c[-1].isdigit()})
    central = sorted(central_domains())[0]
    for row in t5.index:
        for side in ("beleidsdomeinen", "centraal"):
            add("side_years", ("T5", row, f"{side}_totaal"), *[(1, ("T5", row, f"{side}_{y}")) for y in years], side=side)
        add("t5_sides", ("T5", row, "totaal"),
            (1, ("T5", row, "beleidsdomeinen_totaal")), (1, ("T5", row, "centraal_totaal")))
    current, earlier = str(year), [y for y in years if y != str(year)]
    add("t5_t1_net", ("T5", TOTAL_ROW, "totaal"), (1, ("T1", "netto", "aantal")))
    add("t5_t1_new", ("T1", "netto_nieuw", "aantal"),
        *[(1, ("T5", TOTAL_ROW, f"{side}_{current}")) for side in ("beleidsdomeinen", "centraal")])
    add("t5_t1_carried", ("T1", "netto_vorig", "aantal"),
        *[(1, ("T5", TOTAL_ROW, f"{side}_{y}")) for side in ("beleidsdomeinen", "centraal") for y in earlier])
    add("t5_t2_new", ("T2", "netto_nieuw", central), (1, ("T5", TOTAL_ROW, f"centraal_{current}")), central=central)
    add("t5_t2_carried", ("T2", "netto_vorig", central), *[(1, ("T5", TOTAL_ROW, f"centraal_{y}")) for y in earlier],
        central=central)
    return rules


def broken_identities(values: pd.DataFrame, rules: list[Identity], language: str = "nl") -> pd.DataFrame:
    """The rules that ``values`` (tidy cells) do not obey: ``tabel, rij, kolom, waarde, verwacht, regel``."""
    lookup = {(r.tabel, r.rij, r.kolom): int(r.waarde) for r in values.itertuples()}
    rows = []
    for rule in rules:
        if not all(cell in lookup for cell in rule.cells() if cell[0] == rule.target[0]):
            continue  # a rule about cells the source does not have (e.g. an unpublished row)
        expected = rule.expected(lookup)
        if lookup.get(rule.target, 0) != expected:
            rows.append({"tabel": rule.target[0], "rij": rule.target[1], "kolom": rule.target[2],
                         "waarde": lookup.get(rule.target, 0), "verwacht": expected, "regel": rule.describe(language),
                         "cellen": rule.cells()})
    return pd.DataFrame(rows, columns=["tabel", "rij", "kolom", "waarde", "verwacht", "regel", "cellen"])


def reconcile(computed: pd.DataFrame, published: pd.DataFrame, year: int, language: str = "nl") -> pd.DataFrame:
    """Published cells that do not hold: ``tabel, rij, kolom, gepubliceerd, berekend, regel``.

    The computed tables obey every rule and agree with each published cell that is
    consistent, so a cell does not hold when the computation gives another value.
    ``regel`` names the published rules that do not add up and that the cell takes
    part in; an empty ``regel`` means the cell follows from a correction elsewhere.
    """
    comparison = compare_published(computed, published)
    broken = broken_identities(published, identities(computed, year), language)
    involved: dict[tuple, list[str]] = {}
    for row in broken.itertuples():
        for cell in row.cellen:
            involved.setdefault(cell, []).append(row.regel)
    rows = []
    for row in comparison.itertuples():
        cell = (row.tabel, row.rij, row.kolom)
        if row.gepubliceerd != row.berekend:
            rows.append({"tabel": row.tabel, "rij": row.rij, "kolom": row.kolom, "gepubliceerd": int(row.gepubliceerd),
                         "berekend": int(row.berekend), "regel": "; ".join(dict.fromkeys(involved.get(cell, [])))})
    return pd.DataFrame(rows, columns=["tabel", "rij", "kolom", "gepubliceerd", "berekend", "regel"])


def published_claims() -> dict:
    """Figures the SERV states in its text, quoted as published."""
    path = REFERENCE_DIR / "serv-2023-claims.yaml"
    return load_yaml(path) if path.exists() else {}
