"""Solve the cell counts of the synthetic 2023 plan so that it reproduces the SERV tables.

This is a one-off design step, kept for transparency: it needs scipy (not a
pipeline dependency) and writes ``data/sample/design-2023.json``, which
``scripts/make_sample.py`` turns into workbooks. Rerun it only when the design
constraints change.

The published tables fix, per policy domain and theme, how many actions are
carried and running, carried and completed, and new (T2, T3). T5 fixes the split
between central and domain actions per theme. Where the published T5 contradicts
T1-T3 (see the reconciliation chapter), the targets below use the arithmetic:
the central 2023 column must sum to T2's new net DV&VSA count (8, not 9), and the
``algemeen_kader`` domain 2023 cell is 14 (13 + 6 does not make the published 38).
"""

import csv
import json
from pathlib import Path

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

ROOT = Path(__file__).resolve().parents[1]
DOMAINS = ["CJSM", "EWI", "FB", "LV", "MOW", "OMG", "OV", "WSE", "WVG", "KBBJ", "DV&VSA"]
THEMES = ["algemeen_kader", "datageletterdheid", "ecosysteem", "datagovernance", "open_data", "inspire"]
CENTRAL = DOMAINS.index("DV&VSA")

# T5 targets by theme: domain actions and central actions, by origin year (corrected, see above).
DOMAIN_2022 = [18, 17, 31, 18, 2, 4]
DOMAIN_2023 = [14, 8, 24, 7, 2, 1]
CENTRAL_2022 = [4, 7, 13, 17, 19, 10]
CENTRAL_2023 = [2, 1, 4, 1, 0, 0]
SYNERGIES = 15
CARRIED_DUPLICATE_THEME = 3  # datagovernance: the one 2022 action that repeats another
# Carried actions per theme, from the action numbers the advice names as carried or new.
CARRIED_RANGE = {0: (4, 25), 1: (14, 45), 2: (51, 56), 3: (41, 52), 4: (27, 27), 5: (1, 99)}


def read_published():
    """Return the published cells as {(tabel, rij, kolom): waarde}."""
    with open(ROOT / "data/reference/serv-2023-published.csv", encoding="utf-8") as handle:
        return {(r["tabel"], r["rij"], r["kolom"]): int(r["waarde"]) for r in csv.DictReader(handle)}


def solve():
    """Find non-negative integer cell counts that meet every constraint."""
    pub = read_published()
    nd, nt = len(DOMAINS), len(THEMES)
    members = [[pub[("T3", t, d)] for t in THEMES] for d in DOMAINS]
    running = [pub[("T2", "netto_vorig", d)] for d in DOMAINS]
    completed = [pub[("T2", "afgerond_vorig", d)] for d in DOMAINS]
    new_net = [pub[("T2", "netto_nieuw", d)] for d in DOMAINS]
    strategic = [pub[("T4", "strategisch", d)] for d in DOMAINS]

    index = {}
    for d in range(nd):
        for t in range(nt):
            for name in ("r", "c", "i", "s", "rs", "cs", "is", "ur", "uc", "ui"):
                index[(name, d, t)] = len(index)
    for t in range(nt):
        for name in ("sBD", "sC", "dup"):
            index[(name, t)] = len(index)
    rows, lower, upper = [], [], []

    def add(terms, lo, hi):
        row = np.zeros(len(index))
        for key, coef in terms:
            row[index[key]] += coef
        rows.append(row)
        lower.append(lo)
        upper.append(hi)

    for d in range(nd):
        for t in range(nt):
            add([(("r", d, t), 1), (("c", d, t), 1), (("i", d, t), 1), (("s", d, t), 1)], members[d][t], members[d][t])
            for part in ("r", "c", "i"):
                share, spread = (part + "s", d, t), ("u" + part, d, t)
                add([(share, 1), ((part, d, t), -1)], -np.inf, 0)
                # spread >= |2 * strategic - all|: pushes each group towards a mix of both natures
                add([(spread, 1), (share, -2), ((part, d, t), 1)], 0, np.inf)
                add([(spread, 1), (share, 2), ((part, d, t), -1)], 0, np.inf)
        add([(("r", d, t), 1) for t in range(nt)], running[d], running[d])
        add([(("c", d, t), 1) for t in range(nt)], completed[d], completed[d])
        add([((p, d, t), 1) for p in ("i", "s") for t in range(nt)], new_net[d], new_net[d])
        # synergies of theme 1 (strategy, frameworks) are strategic, the others operational
        add([((p, d, t), 1) for p in ("rs", "cs", "is") for t in range(nt)] + [(("s", d, 0), 1)], strategic[d], strategic[d])
    domain_rows = range(CENTRAL)
    for t in range(nt):
        add([(("r", d, t), 1) for d in domain_rows], DOMAIN_2022[t], DOMAIN_2022[t])
        add([(("r", CENTRAL, t), 1)], CENTRAL_2022[t], CENTRAL_2022[t])
        add([(("i", CENTRAL, t), 1), (("sC", t), 1)], CENTRAL_2023[t], CENTRAL_2023[t])
        add([(("s", CENTRAL, t), 1), (("sC", t), -1)], 0, 0)
        add([(("i", d, t), 1) for d in domain_rows] + [(("sBD", t), 1)], DOMAIN_2023[t], DOMAIN_2023[t])
        synergy_members = [(("s", d, t), 1) for d in domain_rows]
        add(synergy_members + [(("sBD", t), -2), (("sC", t), -1)], 0, np.inf)
        add(synergy_members + [(("sBD", t), -5), (("sC", t), -4)], -np.inf, 0)
        for d in domain_rows:
            add([(("s", d, t), 1), (("sBD", t), -1), (("sC", t), -1)], -np.inf, 0)
        lo, hi = CARRIED_RANGE[t]
        carried_dup = 1 if t == CARRIED_DUPLICATE_THEME else 0
        add([((p, d, t), 1) for p in ("r", "c") for d in range(nd)], lo - carried_dup, hi - carried_dup)
    add([((n, t), 1) for n in ("sBD", "sC") for t in range(nt)], SYNERGIES, SYNERGIES)
    add([(("cs", d, t), 1) for d in range(nd) for t in range(nt)], 20, 21)  # "evenwichtig verdeeld"
    add([(("is", d, t), 1) for d in range(nd) for t in range(nt)] + [(("sBD", 0), 1), (("sC", 0), 1)], 0, 24)
    add([(("dup", t), 1) for t in range(nt)], pub[("T1", "dubbel_nieuw", "aantal")], pub[("T1", "dubbel_nieuw", "aantal")])
    for t in range(4):
        add([(("dup", t), 1)], 2, 8)
    for t in (4, 5):  # the advice: exactly two new open-data actions and one new INSPIRE action
        add([(("dup", t), 1)], 0, 0)
    # named new actions: 1,26 VLABEL (FB), 1,27 + 1,29 VDAB (WSE), 1,28 WVG, 3,66 VLAIO (EWI), 1,40 central
    add([(("is", DOMAINS.index("FB"), 0), 1)], 1, np.inf)
    add([(("is", DOMAINS.index("WSE"), 0), 1)], 2, np.inf)
    add([(("is", DOMAINS.index("WVG"), 0), 1)], 1, np.inf)
    add([(("i", DOMAINS.index("EWI"), 2), 1)], 1, np.inf)
    add([(("i", CENTRAL, 0), 1)], 1, np.inf)
    add([(("i", DOMAINS.index("KBBJ"), 2), 1)], 1, np.inf)  # 3,57 enforcement data platform
    add([(("is", d, 3), 1) for d in range(nd)], 1, np.inf)  # 4,58 a strategic new governance action
    add([(("sC", 0), 1)], 1, np.inf)  # 1,45 AI framework: a central synergy
    add([(("sBD", 0), 1), (("sC", 0), 1)], 3, np.inf)  # 1,43 1,44 1,45
    add([(("sBD", 1), 1), (("sC", 1), 1)], 2, np.inf)  # 2,46 2,47
    add([(("sBD", 3), 1), (("sC", 3), 1)], 2, np.inf)  # 4,68 4,69
    objective = np.zeros(len(index))
    for key, position in index.items():
        if key[0] in ("ur", "uc", "ui"):
            objective[position] = 1.0
    result = milp(objective, constraints=LinearConstraint(np.array(rows), lower, upper),
                  integrality=np.ones(len(index)), bounds=Bounds(0, np.inf))
    if result.status != 0:
        raise SystemExit(f"no design satisfies the constraints: {result.message}")
    x = np.round(result.x).astype(int)
    design = {"domains": DOMAINS, "themes": THEMES, "carried_duplicate_theme": CARRIED_DUPLICATE_THEME}
    for name in ("r", "c", "i", "s", "rs", "cs", "is"):
        design[name] = [[int(x[index[(name, d, t)]]) for t in range(nt)] for d in range(nd)]
    for name in ("sBD", "sC", "dup"):
        design[name] = [int(x[index[(name, t)]]) for t in range(nt)]
    return design


if __name__ == "__main__":
    out = ROOT / "data/sample/design-2023.json"
    out.write_text(json.dumps(solve(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")
