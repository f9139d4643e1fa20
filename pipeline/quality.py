"""How much each action tells about what happens on the ground, in the spirit of the OGP verifiability test.

The whole text of an action (title, description and progress notes) is read for
four elements: a concrete deliverable, a time anchor, a named owner and a
quantity. The words for deliverables and owners are curated lists in
``data/taxonomy.yaml``; dates are recognised as dates, so a day number or a year
is never "a quantity". The number of elements gives one of four classes, the
same rule the hand coders follow (``data/evaluation/codebook.md``).
"""

import re

import pandas as pd

from pipeline.rules import PhraseIndex, fold_text
from pipeline.taxonomy import joined_text, taxonomy
from pipeline.validate import nr_order

CLASSES = ["niet_verifieerbaar", "mager", "voldoende", "gedetailleerd"]
TEXT_FIELDS = ["actie", "omschrijving", "aanvullingen"]
MONTHS = ("januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
          "jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec")
YEAR = r"(?:19|20)\d\d"
DATE = re.compile(rf"\b\d{{1,2}}[/.-]\d{{1,2}}[/.-]{YEAR}\b|\b\d{{1,2}}\s+(?:{MONTHS})\b(?:\s+{YEAR})?|"
                  rf"\b{YEAR}\s*[-/]\s*(?:{YEAR}|\d\d)\b|\b{YEAR}\b|\bq[1-4]\b")
REFERENCE = re.compile(r"\b(?:nr|nummer|versie|niveau|art|artikel)\.?\s*\d[\d./]*|\b\d+/\d+\b|"
                       r"\b\d+\s*(?:uur|dagen|dag|weken|maanden|jaar)\b")
NUMBER = re.compile(r"(?<![\w,.])\d+(?:[.,]\d+)*(?:\s*%)?(?![\w])")
ACRONYM = re.compile(r"\b[A-Z][A-Z&]{1,6}\b")


def rules() -> dict:
    return taxonomy()["quality"]


def full_text(plan: pd.DataFrame) -> pd.Series:
    """Title, description and progress notes of each action as one text."""
    return joined_text(plan, TEXT_FIELDS)


def has_period(text: str, found: dict) -> bool:
    """A date, year, school year, quarter, month or a period word (``sinds``, ``jaarlijks`` …)."""
    return bool(DATE.search(text)) or any(p in found for p in rules()["period"])


def has_quantity(text: str, found: dict) -> bool:
    """A number that is not part of a date, a year, a reference or a version; or a number word (``acht``)."""
    rest = DATE.sub(" ", REFERENCE.sub(" ", text))
    return bool(NUMBER.search(rest)) or any(p in found for p in rules()["quantity"])


def has_acronym_owner(text: str, not_owners: set[str]) -> bool:
    """An organisation written as an acronym in capitals (``VMM``, ``INBO``), not a technical word (``API``)."""
    return any(m.group(0).casefold() not in not_owners for m in ACRONYM.finditer(text))


def score(plan: pd.DataFrame) -> pd.DataFrame:
    """Per action: each element (0/1), the word count of its text, the score (0-4) and the class."""
    originals = full_text(plan).tolist()
    texts = [fold_text(t) for t in originals]
    lists = {name: rules()[name] for name in ("deliverable", "owner", "period", "quantity")}
    index = PhraseIndex({p for phrases in lists.values() for p in phrases}, texts)
    hits = [index.find(t) for t in texts]
    not_owners = set(rules()["not_owners"])
    signals = pd.DataFrame({
        "resultaat": [any(p in found for p in lists["deliverable"]) for found in hits],
        "periode": [has_period(t, found) for t, found in zip(texts, hits)],
        "eigenaar": [any(p in found for p in lists["owner"]) or has_acronym_owner(original, not_owners)
                     for found, original in zip(hits, originals)],
        "getal": [has_quantity(t, found) for t, found in zip(texts, hits)],
    }, index=plan.index).astype(int)
    result = plan[["nr", "actie", "domeinen"]].join(signals)
    result["woorden"] = [len(t.split()) for t in texts]
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
