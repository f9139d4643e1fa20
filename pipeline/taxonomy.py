"""Tag actions with the strategy's objectives, principles and action domains, the SERV's concerns and EU initiatives.

The rules are data (``data/taxonomy.yaml``): phrases that must occur, phrases that
veto, themes and types. Analysts can add or remove a tag per action in the
annotations (``Labels``), and the tagger is measured against a hand-labelled set.
"""

import re
import unicodedata
from functools import cache

import pandas as pd

from pipeline.config import DATA_DIR, ROOT, load_yaml
from pipeline.validate import nr_order

TAXONOMY_FILE = DATA_DIR / "taxonomy.yaml"
GOLD_FILE = ROOT / "tests" / "data" / "tagger-gold.csv"  # hand labels the method note measures the rules against
TEXT_FIELDS = ["actie", "omschrijving"]


@cache
def taxonomy() -> dict:
    """The framework and its rules."""
    return load_yaml(TAXONOMY_FILE)


def label(item: dict, language: str = "nl") -> str:
    """An entry's label in the report's language (``label_<language>``, else the Dutch ``label``)."""
    return item.get(f"label_{language}", item["label"])


def fold_text(text: str) -> str:
    """Lower case without accents, so rules match however a plan writes a word."""
    plain = unicodedata.normalize("NFKD", str(text))
    return "".join(ch for ch in plain if not unicodedata.combining(ch)).casefold()


@cache
def phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern | None:
    """One regex for a list of phrases: each starts at a word start; ``*`` at either end lets the word run on."""
    parts = []
    for phrase in phrases:
        folded = fold_text(phrase)
        body = re.escape(folded.strip("*")).replace(r"\ ", r"\s+")
        start = r"[\w-]*" if folded.startswith("*") else r"(?<![\w])"
        end = r"[\w-]*" if folded.endswith("*") else r"(?![\w])"
        parts.append(start + body + end)
    return re.compile("|".join(parts)) if parts else None


def evidence(text: str, phrases: list[str]) -> list[str]:
    """The phrases' occurrences in ``text`` (folded), in order, without repeats."""
    pattern = phrase_pattern(tuple(phrases))
    return list(dict.fromkeys(m.group(0) for m in pattern.finditer(fold_text(text)))) if pattern else []


def entry_matches(entry: dict, text: str, theme_nr: int, type_: str) -> bool:
    """Whether one taxonomy entry applies to an action."""
    hit = theme_nr in entry.get("themes", []) or type_ in entry.get("types", []) or bool(evidence(text, entry.get("any", [])))
    return hit and not evidence(text, entry.get("none", []))


def action_text(plan: pd.DataFrame) -> pd.Series:
    """Title and description of each action as one text (what the action is, not how it is going)."""
    if plan.empty:
        return pd.Series("", index=plan.index, dtype=object)
    fields = [plan[f].fillna("") if f in plan else pd.Series("", index=plan.index) for f in TEXT_FIELDS]
    return pd.concat(fields, axis=1).agg(" ".join, axis=1)


def entry_keys() -> set[str]:
    """Every qualified tag key: ``dimension.key``."""
    return {f"{dim}.{e['key']}" for dim, spec in taxonomy()["dimensions"].items() for e in spec["entries"]}


def parse_overrides(labels: str) -> tuple[set[str], set[str]]:
    """An annotation's Labels cell: (tags to add, tags to remove)."""
    add, remove = set(), set()
    for item in re.split(r"[;,\s]+", labels or ""):
        if item:
            (remove if item.startswith("-") else add).add(item.lstrip("-+"))
    return add, remove


def tag(plan: pd.DataFrame) -> pd.DataFrame:
    """Long table of tags: ``nr, dimensie, sleutel, bron`` (bron: regel or analist)."""
    texts = action_text(plan)
    rows = []
    for index, action in plan.iterrows():
        found = set()
        for dimension, spec in taxonomy()["dimensions"].items():
            for entry in spec["entries"]:
                if entry_matches(entry, texts[index], action.get("thema_nr"), action.get("type")):
                    found.add(f"{dimension}.{entry['key']}")
        add, remove = parse_overrides(action.get("labels", ""))
        for key in sorted(found | add):
            if key not in remove:
                dimension, short = key.split(".", 1)
                rows.append({"nr": action["nr"], "dimensie": dimension, "sleutel": short,
                             "bron": "regel" if key in found else "analist"})
    return pd.DataFrame(rows, columns=["nr", "dimensie", "sleutel", "bron"])


def entries(dimension: str) -> list[dict]:
    return taxonomy()["dimensions"][dimension]["entries"]


def coverage(tags: pd.DataFrame, plan: pd.DataFrame, dimension: str, by: str, columns: list[str]) -> pd.DataFrame:
    """Actions per entry of ``dimension`` (rows) and per domain or theme (columns); domains count every lead."""
    part = tags[tags["dimensie"] == dimension].merge(plan[["nr", "domeinen", "thema"]], on="nr")
    if by == "domein":
        part = part.explode("domeinen").rename(columns={"domeinen": "domein"})
    grid = pd.crosstab(part["sleutel"], part[by]) if len(part) else pd.DataFrame()
    keys = [e["key"] for e in entries(dimension)]
    return grid.reindex(index=keys, columns=columns, fill_value=0).astype(int)


def counts(tags: pd.DataFrame, dimension: str) -> pd.Series:
    """Number of actions per entry of ``dimension``, zeros included."""
    keys = [e["key"] for e in entries(dimension)]
    return tags[tags["dimensie"] == dimension]["sleutel"].value_counts().reindex(keys, fill_value=0).astype(int)


def actions_per_entry(tags: pd.DataFrame, dimension: str) -> dict[str, list[str]]:
    """The action numbers behind each entry, for the appendix."""
    part = tags[tags["dimensie"] == dimension]
    return {e["key"]: part.loc[part["sleutel"] == e["key"], "nr"].tolist() for e in entries(dimension)}


def precision_recall(predicted: set, expected: set) -> tuple[float, float]:
    true = len(predicted & expected)
    return (true / len(predicted) if predicted else 1.0), (true / len(expected) if expected else 1.0)


def evaluate(gold: pd.DataFrame) -> pd.DataFrame:
    """Precision and recall of the rules per dimension against hand labels (``nr, actie, …, <dimension>`` columns)."""
    frame = gold.assign(thema_nr=gold["nr"].str.split(",").str[0].astype(int))
    tags = tag(frame)
    rows = []
    for dimension in [d for d in taxonomy()["dimensions"] if d in gold]:
        expected = {(r.nr, key) for r in gold.itertuples() for key in str(getattr(r, dimension) or "").split(";") if key}
        part = tags[tags["dimensie"] == dimension]
        predicted = set(zip(part["nr"], part["sleutel"]))
        precision, recall = precision_recall(predicted, expected)
        rows.append({"dimensie": dimension, "acties": len(gold), "verwacht": len(expected), "gevonden": len(predicted),
                     "precisie": round(precision, 2), "recall": round(recall, 2)})
    return pd.DataFrame(rows)


def suggest_nature(plan: pd.DataFrame) -> pd.DataFrame:
    """For actions without an annotated nature: a suggested class and the words it rests on."""
    words = taxonomy()["nature_words"]
    open_ = plan[plan["aard"] == "onbepaald"]
    texts = action_text(open_)
    rows = []
    for index, action in open_.iterrows():
        found = {nature: evidence(texts[index], phrases) for nature, phrases in words.items()}
        strategic, operational = len(found["strategisch"]), len(found["operationeel"])
        if strategic == operational:
            suggestion = "onbepaald"
        else:
            suggestion = "strategisch" if strategic > operational else "operationeel"
        rows.append({"nr": action["nr"], "actie": action["actie"], "suggestie": suggestion,
                     "woorden": ", ".join(found["strategisch"] + found["operationeel"])})
    return pd.DataFrame(rows, columns=["nr", "actie", "suggestie", "woorden"])


def recommendations(tags: pd.DataFrame, plan: pd.DataFrame, language: str = "nl") -> pd.DataFrame:
    """Per SERV recommendation: how many actions of the plan address it, and which."""
    texts = action_text(plan)
    rows = []
    for item in taxonomy()["recommendations"]:
        numbers = set()
        for qualified in item.get("tags", []):
            dimension, key = qualified.split(".", 1)
            numbers |= set(tags.loc[(tags["dimensie"] == dimension) & (tags["sleutel"] == key), "nr"])
        if item.get("any"):
            phrases = item["any"]
            numbers |= set(plan.loc[texts.map(lambda t, p=phrases: bool(evidence(t, p))), "nr"])
        ordered = sorted(numbers, key=nr_order)
        new = [nr for nr in ordered if nr in set(plan.loc[plan["nieuw"], "nr"])] if "nieuw" in plan else []
        rows.append({"sleutel": item["key"], "aanbeveling": label(item, language), "acties": len(ordered),
                     "nieuw": len(new), "nummers": ordered})
    return pd.DataFrame(rows)
