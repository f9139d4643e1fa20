"""Findings built from the computed numbers: the summary sentences and the check against published tables.

Every sentence is filled in from the tables; nothing here holds a figure.
"""

import pandas as pd

from pipeline.charts import percent
from pipeline.config import REFERENCE_DIR
from pipeline.labels import text
from pipeline.tables import wide


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
    sentences.append(text("summary.domains", language, top=join_words(top, language), low=join_words(low, language)))
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
    return merged[["tabel", "rij", "kolom", "gepubliceerd", "berekend"]]


def mismatches(comparison: pd.DataFrame) -> pd.DataFrame:
    """The published cells that the computation does not reproduce."""
    return comparison[comparison["gepubliceerd"] != comparison["berekend"]].reset_index(drop=True)
