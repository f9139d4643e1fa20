"""How much each action tells about what happens on the ground, in the spirit of the OGP verifiability test.

The whole text of an action (title, description and progress notes) is read for
four elements: a concrete deliverable, a time anchor, a named owner and a
quantity. The words for deliverables and owners are curated lists in
``data/taxonomy.yaml``; dates are recognised as dates, so a day number or a year
is never "a quantity". The number of elements gives one of four classes, the
same rule the hand coders follow (``data/evaluation/codebook.md``).
"""

import re

import numpy as np
import pandas as pd

from pipeline.analysis.rules import SEPARATOR, PhraseIndex, Tokens, fold_text
from pipeline.analysis.taxonomy import joined_text, taxonomy
from pipeline.input.validate import nr_order

CLASSES = ["niet_verifieerbaar", "mager", "voldoende", "gedetailleerd"]
TEXT_FIELDS = ["actie", "omschrijving", "aanvullingen"]
MONTHS = ("januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
          "jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec")
YEAR = r"(?:19|20)\d\d"
DATE = re.compile(rf"\b\d{{1,2}}[/.-]\d{{1,2}}[/.-]{YEAR}\b|\b\d{{1,2}}\s+(?:{MONTHS})\b(?:\s+{YEAR})?|"
                  rf"\b{YEAR}\s*[-/]\s*(?:{YEAR}|\d\d)\b|\b{YEAR}\b|\bq[1-4]\b")
REFERENCE = (r"\b(?:nr|nummer|versie|\w*niveau|art|artikel)\.?\s*\d[\d./]*|\b\d+/\d+\b|"
             r"\b\d+\s*(?:{durations})\b|"
             r"\(\d+\)|\bper\s+\d[\d.]*")  # a series number in brackets; "per 100": a rate's base
NUMBER = re.compile(r"(?<![\w,.])\d+(?:[.,]\d+)*(?:\s*%)?(?![\w])")
ACRONYM = re.compile(r"\b[A-Z][A-Z&]{1,6}\b")
SEPARATOR_RUN = re.compile(SEPARATOR)  # where one text ends in the texts joined
DIGIT = re.compile(r"\d")


def rules() -> dict:
    return taxonomy()["quality"]


def reference(durations: list[str]) -> re.Pattern:
    """Numbers that count nothing: references, versions, a duration in ``durations``, series numbers, a rate's base."""
    return re.compile(REFERENCE.format(durations="|".join(map(re.escape, durations))))


def full_text(plan: pd.DataFrame) -> pd.Series:
    """Title, description and progress notes of each action as one text."""
    return joined_text(plan, TEXT_FIELDS)


def texts_with(pattern: re.Pattern, joined: str, count: int, keep=None) -> np.ndarray:
    """Which of ``count`` texts, joined by the separator, hold a match of ``pattern`` (that ``keep`` accepts)."""
    ends = np.array([m.start() for m in SEPARATOR_RUN.finditer(joined)] + [len(joined)], dtype=np.int64)
    found = [m.start() for m in pattern.finditer(joined) if keep is None or keep(m.group())]
    held = np.zeros(count, dtype=bool)
    held[np.searchsorted(ends, np.array(found, dtype=np.int64), side="right")] = True
    return held


def followed_by(tokens: Tokens, token: np.ndarray, words: list[str]) -> np.ndarray:
    """Whether the word after each ``token`` (in the same text) is one of ``words``."""
    after = token + 1
    inside = after < len(tokens.codes)
    following = np.full(len(token), -1, dtype=np.int64)
    following[inside] = tokens.codes[after[inside]]
    same_text = np.zeros(len(token), dtype=bool)
    same_text[inside] = tokens.text_of[after[inside]] == tokens.text_of[token[inside]]
    wanted = [tokens.code_of[word] for word in words if word in tokens.code_of]
    return same_text & np.isin(following, wanted)


def score(plan: pd.DataFrame) -> pd.DataFrame:
    """Per action: each element (0/1), the word count of its text, the score (0-4) and the class.

    A deliverable and an owner are words of their lists (or, for an owner, an
    acronym in capitals that is not a technical word); a period is a date, year,
    quarter or a period word; a quantity is a number that is not part of a date,
    a year, a reference, a version, a duration, a series number in brackets or a
    rate's base ("per 100"), or a number word as written (not an ordinal, not a
    duration such as "tien jaar"). The patterns run once over all texts joined,
    and the lists are looked up in one table of matches.
    """
    originals = [text.replace(SEPARATOR, " ") for text in full_text(plan).tolist()]
    texts = [fold_text(t) for t in originals]
    tokens = Tokens(texts)
    lists = {name: rules()[name] for name in ("deliverable", "owner", "period", "quantity")}
    durations = rules()["durations"]
    hits = PhraseIndex({p for phrases in lists.values() for p in phrases}, tokens).find_many(tokens)
    named = {name: np.zeros(len(texts), dtype=bool) for name in lists}
    for name, phrases in lists.items():
        found = hits[hits["phrase"].isin(phrases)]
        if name == "quantity":  # a number word counts as written: "acht" is a count, "achtste" an ordinal
            written = [phrase for phrase in phrases if "*" not in phrase]
            found = found[~found["phrase"].isin(written) | found["word"].isin(written)]
            found = found[~followed_by(tokens, found["token"].to_numpy(), durations)]  # "tien jaar" is a period
        named[name][found["text"].to_numpy()] = True
    numbered = np.flatnonzero([DIGIT.search(t) is not None for t in texts])  # dates and numbers need a digit
    joined = SEPARATOR.join(texts[at] for at in numbered)
    dated, counted = np.zeros(len(texts), dtype=bool), np.zeros(len(texts), dtype=bool)
    dated[numbered] = texts_with(DATE, joined, len(numbered))
    counted[numbered] = texts_with(NUMBER, DATE.sub(" ", reference(durations).sub(" ", joined)), len(numbered))
    not_owners = set(rules()["not_owners"])
    signals = pd.DataFrame({
        "resultaat": named["deliverable"],
        "periode": named["period"] | dated,
        "eigenaar": named["owner"] | texts_with(ACRONYM, SEPARATOR.join(originals), len(texts),
                                                lambda word: word.casefold() not in not_owners),
        "getal": named["quantity"] | counted,
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
