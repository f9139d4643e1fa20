"""Execution year on year: match plan Y with the plans before it and give every action one fate.

Actions are matched on ``Nr`` first; actions whose number changed are matched on
title similarity, and every such fuzzy match is reported with its score so a
person can confirm it. Domains of earlier plans are mapped forward with the
domain crosswalk before anything is compared.
"""

import difflib
import re

import pandas as pd

from pipeline.analysis.tables import categorise
from pipeline.config import central_domains, plan_format, word
from pipeline.input.validate import era_domains

FATES = ["nieuw", "voortgezet", "afgerond", "dubbel", "stil_geschrapt", "eerder_afgerond", "dubbel_opgeruimd"]
BEFORE = ["lopend", "afgerond", "dubbel", "afwezig"]


def title_key(title: str) -> str:
    """A title folded for comparison: lower case, no punctuation, single spaces."""
    return re.sub(r"\W+", " ", word(title)).strip()


def similarity(a: str, b: str) -> float:
    """How alike two titles are, from 0 to 1."""
    return difflib.SequenceMatcher(None, title_key(a), title_key(b)).ratio()


def settings() -> dict:
    return plan_format().get("history", {"fuzzy_threshold": 0.75, "reused_number_threshold": 0.4})


def match(previous: pd.DataFrame, current: pd.DataFrame, year: int) -> pd.DataFrame:
    """Pairs of (previous Nr, current Nr) with how they were matched (``nr`` or ``titel``) and the score.

    Only actions that plan ``year`` carries over from an earlier plan can have been
    renumbered, so only those are candidates for a match on title.
    """
    limits = settings()
    titles_before = dict(zip(previous["nr"], previous["actie"]))
    titles_now = dict(zip(current["nr"], current["actie"]))
    carried = set(current.loc[current["jaar"] < year, "nr"])
    pairs = []
    for nr in titles_now:
        if nr in titles_before:
            score = similarity(titles_before[nr], titles_now[nr])
            if score >= limits["reused_number_threshold"]:
                pairs.append((nr, nr, "nr", round(score, 2)))
    taken_before = {p[0] for p in pairs}
    taken_now = {p[1] for p in pairs}
    candidates = []
    for old, old_title in titles_before.items():
        if old in taken_before:
            continue
        for new, new_title in titles_now.items():
            if new not in taken_now and new in carried:
                score = similarity(old_title, new_title)
                if score >= limits["fuzzy_threshold"]:
                    candidates.append((score, old, new))
    for score, old, new in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if old not in taken_before and new not in taken_now:
            pairs.append((old, new, "titel", round(score, 2)))
            taken_before.add(old)
            taken_now.add(new)
    return pd.DataFrame(pairs, columns=["nr_vorig", "nr", "methode", "score"])


def state(actions: pd.DataFrame) -> pd.Series:
    """Each action's state in its own plan: lopend, afgerond or dubbel."""
    return pd.Series(["afgerond" if done else "dubbel" if dup else "lopend"
                      for done, dup in zip(actions["afgerond"], actions["dubbel"])], index=actions.index)


def fates(previous: pd.DataFrame, current: pd.DataFrame, year: int) -> pd.DataFrame:
    """One row per action of either plan: its state before, its fate now, and how it was matched."""
    before = categorise(previous, year - 1)
    now = categorise(current, year)
    before["voor"] = state(before)
    now["na"] = state(now)
    pairs = match(previous, current, year)
    rows = []
    by_nr_before = before.set_index("nr")
    by_nr_now = now.set_index("nr")
    matched_before = dict(zip(pairs["nr"], pairs["nr_vorig"]))
    for nr, action in by_nr_now.iterrows():
        old = matched_before.get(nr)
        voor = by_nr_before.loc[old, "voor"] if old is not None else "afwezig"
        if action["na"] == "dubbel":
            fate = "dubbel"
        elif old is None:
            fate = "nieuw"
        else:
            fate = "afgerond" if action["na"] == "afgerond" else "voortgezet"
        rows.append({"nr": nr, "nr_vorig": old or "", "actie": action["actie"], "thema": action["thema"],
                     "domeinen": action["domeinen"], "jaar": action["jaar"], "voor": voor, "lot": fate})
    kept = set(matched_before.values())
    for nr, action in by_nr_before.iterrows():
        if nr in kept:
            continue
        fate = {"afgerond": "eerder_afgerond", "dubbel": "dubbel_opgeruimd"}.get(action["voor"], "stil_geschrapt")
        domains, _ = era_domains(action["domeinen"], year)
        rows.append({"nr": "", "nr_vorig": nr, "actie": action["actie"], "thema": action["thema"],
                     "domeinen": domains, "jaar": action["jaar"], "voor": action["voor"], "lot": fate})
    result = pd.DataFrame(rows)
    score = dict(zip(pairs["nr"], pairs["score"]))
    method = dict(zip(pairs["nr"], pairs["methode"]))
    result["methode"] = result["nr"].map(method).fillna("")
    result["score"] = result["nr"].map(score)
    return result


def transitions(fate_table: pd.DataFrame) -> pd.DataFrame:
    """State in Y-1 (rows) × fate in Y (columns), with totals."""
    grid = pd.crosstab(fate_table["voor"], fate_table["lot"]).reindex(index=BEFORE, columns=FATES, fill_value=0)
    grid["totaal"] = grid.sum(axis=1)
    grid.loc["totaal"] = grid.sum()
    return grid.astype(int)


def completion_rates(fate_table: pd.DataFrame, by: str) -> pd.DataFrame:
    """Of the actions running in Y-1, per domain or theme: completed, continued, dropped, and the completion rate."""
    running = fate_table[fate_table["voor"] == "lopend"]
    if by == "domein":
        running = running.explode("domeinen").rename(columns={"domeinen": "domein"})
    counts = pd.crosstab(running[by], running["lot"])
    counts = counts.reindex(columns=["afgerond", "voortgezet", "stil_geschrapt", "dubbel"], fill_value=0)
    counts.insert(0, "lopend_vorig", counts.sum(axis=1))
    counts["aandeel_afgerond"] = (counts["afgerond"] / counts["lopend_vorig"]).round(3)
    return counts


def long_running(current: pd.DataFrame, year: int, minimum: int = 2) -> pd.DataFrame:
    """Running actions that have been in ``minimum`` or more plans (first listed ``minimum - 1`` years ago or more)."""
    now = categorise(current, year)
    plans = year - now["jaar"] + 1
    running = now[now["netto"] & (plans >= minimum)].assign(plannen=plans)
    return running[["nr", "actie", "jaar", "plannen"]].sort_values(["jaar", "nr"]).reset_index(drop=True)


def central_share(plan: pd.DataFrame, year: int) -> pd.DataFrame:
    """Central share of the net running actions of plan ``year``, per origin year and overall."""
    now = categorise(plan, year)
    running = now[now["netto"]]
    central = running["domeinen"].map(lambda codes: bool(central_domains() & set(codes)))
    rows = []
    first = int(now["jaar"].min()) if len(now) else year
    for origin in range(min(first, year), year + 1):
        part = central[running["jaar"] == origin]
        rows.append({"plan": year, "groep": str(origin), "centraal": int(part.sum()), "totaal": len(part)})
    rows.append({"plan": year, "groep": "alle", "centraal": int(central.sum()), "totaal": len(central)})
    result = pd.DataFrame(rows)
    result["aandeel"] = (result["centraal"] / result["totaal"].where(result["totaal"] > 0)).fillna(0.0)
    return result
