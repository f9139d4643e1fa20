"""Tag actions with the strategy's objectives, principles and action domains, the SERV's concerns and EU initiatives.

The rules are data (``data/taxonomy.yaml``): phrases that tag (``any``), phrases
that veto (``none``), a context that must be present too (``requires``: a
government counterparty for data sharing, a regulatory cue for the AI Act), weak
phrases that only suggest (``weak``), themes and types. Every tag carries the
words it rests on. A tag whose evidence is weak is a *suggestion*: listed with its
evidence, never counted, until an analyst confirms it in the annotations
(``Labels``). How well the rules do is measured on real action texts
(:mod:`pipeline.measure`).
"""

import re
from functools import cache

import pandas as pd

from pipeline.config import DATA_DIR, load_yaml
from pipeline.rules import PhraseIndex, find_all, fold_text
from pipeline.validate import nr_order

TAXONOMY_FILE = DATA_DIR / "taxonomy.yaml"
TEXT_FIELDS = ["actie", "omschrijving"]
SOURCES = ("regel", "analist", "suggestie")  # the tags.csv ``bron`` values
COUNTED = ("regel", "analist")
RULE_LISTS = ("any", "none", "requires", "weak")


@cache
def taxonomy() -> dict:
    """The framework and its rules."""
    return load_yaml(TAXONOMY_FILE)


def label(item: dict, language: str = "nl") -> str:
    """An entry's label in the report's language (``label_<language>``, else the Dutch ``label``)."""
    return item.get(f"label_{language}", item["label"])


def joined_text(plan: pd.DataFrame, fields: list[str]) -> pd.Series:
    """The given text columns of each action as one text, a space between them (a missing column counts as empty)."""
    if plan.empty:
        return pd.Series("", index=plan.index, dtype=object)
    columns = [plan[f].fillna("").astype(str) if f in plan else pd.Series("", index=plan.index) for f in fields]
    return columns[0].str.cat(columns[1:], sep=" ")


def action_text(plan: pd.DataFrame) -> pd.Series:
    """Title and description of each action as one text (what the action is, not how it is going)."""
    return joined_text(plan, TEXT_FIELDS)


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


def qualified_entries() -> list[tuple[str, dict]]:
    return [(dim, e) for dim, spec in taxonomy()["dimensions"].items() for e in spec["entries"]]


def judge(entry: dict, words: dict[str, list[str]], theme_nr, type_) -> tuple[str, list[str]] | None:
    """One entry on one action: ``("regel" | "suggestie", evidence words)``, or None.

    ``words`` holds the matched words of each of the entry's lists (``any``,
    ``none``, ``requires``, ``weak``). A rule tag needs an ``any`` phrase (or the
    theme or type), no ``none`` phrase, and, when the entry has ``requires``, one
    of those phrases too. Without that context, or with only a ``weak`` phrase,
    the tag is a suggestion.
    """
    if words.get("none"):
        return None
    found, context = words.get("any", []), words.get("requires", [])
    if theme_nr in entry.get("themes", ()) or type_ in entry.get("types", ()):
        return "regel", found or [f"thema {theme_nr}" if theme_nr in entry.get("themes", ()) else f"type {type_}"]
    if found and (not entry.get("requires") or context):
        return "regel", list(dict.fromkeys(found + context))
    if found or words.get("weak"):
        return "suggestie", list(dict.fromkeys(found + words.get("weak", [])))
    return None


def rule_phrases() -> set[str]:
    return {p for _, e in qualified_entries() for name in RULE_LISTS for p in e.get(name, [])}


def tag(plan: pd.DataFrame) -> pd.DataFrame:
    """Long table of tags: ``nr, dimensie, sleutel, bron, bewijs`` (bron: regel, analist or suggestie).

    An analyst's ``key`` in Labels adds a tag (or confirms a suggestion), ``-key``
    removes it; ``bewijs`` holds the matched words, ``;``-separated.
    """
    texts = [fold_text(t) for t in action_text(plan)]
    index = PhraseIndex(rule_phrases(), texts)
    entries = qualified_entries()
    position = {f"{d}.{e['key']}": i for i, (d, e) in enumerate(entries)}
    roles: dict[str, list[tuple[int, str]]] = {}  # phrase -> the entries and lists it belongs to
    for i, (_, entry) in enumerate(entries):
        for name in RULE_LISTS:
            for phrase in entry.get(name, []):
                roles.setdefault(phrase, []).append((i, name))
    always = {i for i, (_, e) in enumerate(entries) if e.get("themes") or e.get("types")}
    themes = plan["thema_nr"].tolist() if "thema_nr" in plan else [None] * len(plan)
    types = plan["type"].tolist() if "type" in plan else [None] * len(plan)
    labels = plan["labels"].tolist() if "labels" in plan else [""] * len(plan)
    rows = []
    for nr, text, theme_nr, type_, labels_cell in zip(plan["nr"].tolist(), texts, themes, types, labels):
        buckets: dict[int, dict[str, list[str]]] = {}
        for phrase, words in index.find(text).items():
            for i, name in roles[phrase]:
                buckets.setdefault(i, {}).setdefault(name, []).extend(words)
        add, remove = parse_overrides(labels_cell) if labels_cell else (set(), set())
        candidates = always | buckets.keys() | {position[k] for k in add if k in position}
        for i in sorted(candidates):
            dimension, entry = entries[i]
            key = f"{dimension}.{entry['key']}"
            if key in remove:
                continue
            verdict = judge(entry, buckets.get(i, {}), theme_nr, type_)
            if key in add:
                words = verdict[1] if verdict else []
                rows.append((nr, dimension, entry["key"], "analist" if not verdict or verdict[0] == "suggestie" else "regel",
                             "; ".join(words) or "annotaties"))
            elif verdict:
                rows.append((nr, dimension, entry["key"], verdict[0], "; ".join(verdict[1])))
    return pd.DataFrame(rows, columns=["nr", "dimensie", "sleutel", "bron", "bewijs"])


def counted(tags: pd.DataFrame) -> pd.DataFrame:
    """The tags that count in coverage: rules and analysts, not suggestions."""
    return tags[tags["bron"].isin(COUNTED)] if "bron" in tags else tags


def entries(dimension: str) -> list[dict]:
    return taxonomy()["dimensions"][dimension]["entries"]


def coverage(tags: pd.DataFrame, plan: pd.DataFrame, dimension: str, by: str, columns: list[str]) -> pd.DataFrame:
    """Actions per entry of ``dimension`` (rows) and per domain or theme (columns); domains count every lead."""
    tags = counted(tags)
    part = tags[tags["dimensie"] == dimension].merge(plan[["nr", "domeinen", "thema"]], on="nr")
    if by == "domein":
        part = part.explode("domeinen").rename(columns={"domeinen": "domein"})
    grid = pd.crosstab(part["sleutel"], part[by]) if len(part) else pd.DataFrame()
    keys = [e["key"] for e in entries(dimension)]
    return grid.reindex(index=keys, columns=columns, fill_value=0).astype(int)


def counts(tags: pd.DataFrame, dimension: str) -> pd.Series:
    """Number of actions per entry of ``dimension``, zeros included."""
    keys = [e["key"] for e in entries(dimension)]
    tags = counted(tags)
    return tags[tags["dimensie"] == dimension]["sleutel"].value_counts().reindex(keys, fill_value=0).astype(int)


def actions_per_entry(tags: pd.DataFrame, dimension: str) -> dict[str, list[str]]:
    """The action numbers behind each entry, for the appendix."""
    part = counted(tags)
    part = part[part["dimensie"] == dimension]
    return {e["key"]: part.loc[part["sleutel"] == e["key"], "nr"].tolist() for e in entries(dimension)}


def suggest_nature(plan: pd.DataFrame) -> pd.DataFrame:
    """For actions without an annotated nature: a suggested class and the words it rests on."""
    words = taxonomy()["nature_words"]
    open_ = plan[plan["aard"] == "onbepaald"]
    hits = find_all(action_text(open_), {p for phrases in words.values() for p in phrases})
    rows = []
    for (_, action), found_words in zip(open_.iterrows(), hits):
        found = {nature: [w for p in phrases for w in found_words.get(p, [])] for nature, phrases in words.items()}
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
    items = taxonomy()["recommendations"]
    hits = find_all(action_text(plan), {p for item in items for p in item.get("any", [])})
    tags = counted(tags)
    rows = []
    for item in items:
        numbers = set()
        for qualified in item.get("tags", []):
            dimension, key = qualified.split(".", 1)
            numbers |= set(tags.loc[(tags["dimensie"] == dimension) & (tags["sleutel"] == key), "nr"])
        if item.get("any"):
            numbers |= {nr for nr, found in zip(plan["nr"], hits) if any(p in found for p in item["any"])}
        ordered = sorted(numbers, key=nr_order)
        new = [nr for nr in ordered if nr in set(plan.loc[plan["nieuw"], "nr"])] if "nieuw" in plan else []
        rows.append({"sleutel": item["key"], "aanbeveling": label(item, language), "acties": len(ordered),
                     "nieuw": len(new), "nummers": ordered})
    return pd.DataFrame(rows)
