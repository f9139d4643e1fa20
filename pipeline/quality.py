"""How much each action tells about what happens on the ground, in the spirit of the OGP verifiability test.

An action earns one point for each signal: a description, progress notes
("aanvullingen"), long progress notes, and notes that name a deliverable, a date
or period, a number and an owner. The score gives one of four classes.
"""

import re

import pandas as pd

from pipeline.rules import evidence
from pipeline.taxonomy import taxonomy
from pipeline.validate import nr_order

CLASSES = ["niet_verifieerbaar", "mager", "voldoende", "gedetailleerd"]
NUMBER = re.compile(r"(?<![\w,.])\d+(?:[.,]\d+)?(?![\w])")
YEAR = re.compile(r"^(19|20)\d\d$")


def rules() -> dict:
    return taxonomy()["quality"]


def has_period(text: str) -> bool:
    """A year, quarter, month or season."""
    folded = text.casefold()
    return bool(re.search(r"\b20\d\d\b|\bq[1-4]\b", folded)) or bool(evidence(text, [p for p in rules()["period"]
                                                                                  if not p.startswith(("20", "q["))]))


def has_number(text: str) -> bool:
    """A number that is not a year."""
    return any(not YEAR.match(m.group(0)) for m in NUMBER.finditer(text))


def score(plan: pd.DataFrame) -> pd.DataFrame:
    """Per action: each signal (0/1), the word count of the notes, the score and the class."""
    notes = plan["aanvullingen"].fillna("")
    description = plan["omschrijving"].fillna("") if "omschrijving" in plan else pd.Series("", index=plan.index)
    words = notes.str.split().str.len().fillna(0).astype(int)
    signals = pd.DataFrame({
        "omschrijving": description.str.len() > 0,
        "aanvullingen": notes.str.len() > 0,
        "lang": words >= rules()["long_words"],
        "resultaat": notes.map(lambda t: bool(evidence(t, rules()["deliverable"]))),
        "periode": notes.map(has_period),
        "getal": notes.map(has_number),
        "eigenaar": notes.map(lambda t: bool(evidence(t, rules()["owner"]))),
    }, index=plan.index).astype(int)
    result = plan[["nr", "actie", "domeinen"]].join(signals)
    result["woorden"] = words
    result["score"] = signals.sum(axis=1)
    result["klasse"] = result["score"].map(classify)
    return result


def classify(points: int) -> str:
    for item in rules()["classes"]:
        if points <= item["max_score"]:
            return item["key"]
    return CLASSES[-1]


def by_domain(scores: pd.DataFrame, domains: list[str]) -> pd.DataFrame:
    """Number of actions per class and domain, with the average score."""
    members = scores.explode("domeinen")
    grid = pd.crosstab(members["domeinen"], members["klasse"]).reindex(index=domains, columns=CLASSES, fill_value=0)
    grid["gemiddelde"] = members.groupby("domeinen")["score"].mean().reindex(domains).fillna(0).round(1)
    return grid


def thinnest(scores: pd.DataFrame, count: int = 10) -> pd.DataFrame:
    """The actions that tell least: lowest score, then fewest words, then number order."""
    order = scores.assign(_key=scores["nr"].map(nr_order))
    return order.sort_values(["score", "woorden", "_key"]).head(count).drop(columns="_key").reset_index(drop=True)
