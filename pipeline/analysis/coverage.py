"""What a plan's tags say about it: how many actions each entry of the framework has, per domain or theme, which
actions are behind each entry, and which of the SERV's recommendations the plan takes up.

Only counted tags take part (rules and analysts, :func:`pipeline.analysis.taxonomy.counted`); suggestions wait for
an analyst. The functions take and return data frames, so a notebook can show and chart them as they are.
"""

import pandas as pd

from pipeline.analysis import taxonomy
from pipeline.analysis.rules import find_all
from pipeline.input.validate import nr_order


def coverage(tags: pd.DataFrame, plan: pd.DataFrame, dimension: str, by: str, columns: list[str]) -> pd.DataFrame:
    """Actions per entry of ``dimension`` (rows) and per domain or theme (columns); domains count every lead."""
    tags = taxonomy.counted(tags)
    part = tags[tags["dimensie"] == dimension].merge(plan[["nr", "domeinen", "thema"]], on="nr")
    if by == "domein":
        part = part.explode("domeinen").rename(columns={"domeinen": "domein"})
    grid = pd.crosstab(part["sleutel"], part[by]) if len(part) else pd.DataFrame()
    keys = [e["key"] for e in taxonomy.entries(dimension)]
    return grid.reindex(index=keys, columns=columns, fill_value=0).astype(int)


def counts(tags: pd.DataFrame, dimension: str) -> pd.Series:
    """Number of actions per entry of ``dimension``, zeros included."""
    keys = [e["key"] for e in taxonomy.entries(dimension)]
    tags = taxonomy.counted(tags)
    return tags[tags["dimensie"] == dimension]["sleutel"].value_counts().reindex(keys, fill_value=0).astype(int)


def actions_per_entry(tags: pd.DataFrame, dimension: str) -> dict[str, list[str]]:
    """The action numbers behind each entry, for the appendix."""
    part = taxonomy.counted(tags)
    part = part[part["dimensie"] == dimension]
    return {e["key"]: part.loc[part["sleutel"] == e["key"], "nr"].tolist() for e in taxonomy.entries(dimension)}


def recommendations(tags: pd.DataFrame, plan: pd.DataFrame, language: str = "nl") -> pd.DataFrame:
    """Per SERV recommendation: how many actions of the plan address it, and which."""
    items = taxonomy.taxonomy()["recommendations"]
    hits = find_all(taxonomy.action_text(plan), {p for item in items for p in item.get("any", [])})
    tags = taxonomy.counted(tags)
    new_numbers = set(plan.loc[plan["nieuw"], "nr"]) if "nieuw" in plan else set()
    rows = []
    for item in items:
        numbers = set()
        for qualified in item.get("tags", []):
            dimension, key = qualified.split(".", 1)
            numbers |= set(tags.loc[(tags["dimensie"] == dimension) & (tags["sleutel"] == key), "nr"])
        if item.get("any"):
            numbers |= {nr for nr, found in zip(plan["nr"].tolist(), hits) if any(p in found for p in item["any"])}
        ordered = sorted(numbers, key=nr_order)
        new = [nr for nr in ordered if nr in new_numbers]
        rows.append({"sleutel": item["key"], "aanbeveling": taxonomy.label(item, language), "acties": len(ordered),
                     "nieuw": len(new), "nummers": ordered})
    return pd.DataFrame(rows)
