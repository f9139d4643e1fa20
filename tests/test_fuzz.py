"""Property-based tests: generated plans (frames and real workbooks) never raise anything but InputError,
and every valid plan's tables obey the identities.

Profiles: ``ci`` (default: fixed seed, small budget) and ``long`` (HYPOTHESIS_PROFILE=long, by hand).
"""

import os
import random
import tempfile
from pathlib import Path

import openpyxl
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.analysis.tables import compute_tables, wide
from pipeline.config import domain_order, plan_format, themes
from pipeline.errors import InputError
from pipeline.input.ingest import read_plan
from pipeline.report.evaluation import broken_identities, identities

settings.register_profile("ci", max_examples=60, derandomize=True, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

THEMES = {t["nr"]: t for t in themes()}


@st.composite
def plans(draw, max_actions=25, min_actions=0):
    """A valid annotated plan frame for a random year."""
    year = draw(st.sampled_from([2022, 2023, 2024, 2026]))
    domains = domain_order(year)
    numbers = draw(st.lists(st.tuples(st.integers(1, 6), st.integers(1, 120)), min_size=min_actions, max_size=max_actions,
                            unique=True))
    rows = []
    for theme, seq in numbers:
        jaar = draw(st.integers(year - 3, year))
        rows.append({"nr": f"{theme},{seq}", "thema_nr": theme, "thema": THEMES[theme]["key"],
                     "actie": draw(st.text(min_size=1, max_size=30)),
                     "domeinen": draw(st.lists(st.sampled_from(domains), min_size=1, max_size=4, unique=True)),
                     "type": draw(st.sampled_from(["individueel", "synergie"])), "jaar": jaar, "nieuw": jaar == year,
                     "status": draw(st.sampled_from(["lopend", "afgerond"])),
                     "aard": draw(st.sampled_from(["strategisch", "operationeel", "onbepaald"])), "dubbel_met": ""})
    for row in rows:
        others = [r["nr"] for r in rows if r["nr"] != row["nr"]]
        if others and draw(st.booleans()) and draw(st.booleans()):
            row["dubbel_met"] = draw(st.sampled_from(others))
    columns = ["nr", "thema_nr", "thema", "actie", "domeinen", "type", "jaar", "nieuw", "status", "aard", "dubbel_met"]
    return pd.DataFrame(rows, columns=columns), year


@given(plans())
def test_tables_obey_every_identity(generated):
    plan, year = generated
    tables = compute_tables(plan, year)
    assert broken_identities(tables, identities(tables, year)).empty
    t1 = wide(tables, "T1")["aantal"]
    assert t1["bruto"] == len(plan) and t1["netto"] == wide(tables, "T5").loc["totaal", "totaal"]
    assert (tables["waarde"] >= 0).all()


ALIASES = {key: [spec["header"], *spec["aliases"]] for key, spec in plan_format()["columns"].items()}
DOMAIN_NAMES = {d["code"]: [d["code"], d["name"], *d.get("aliases", [])] for d in plan_format()["domains"]}


def write_variant(plan: pd.DataFrame, year: int, seed: int, path: Path, garbage: bool) -> None:
    """Write a plan frame as a workbook with random variations the contract allows (and, maybe, garbage)."""
    rng = random.Random(seed)
    keys = ["nr", "thema", "actie", "trekker", "beleidsdomein", "type", "label", "jaar", "status"]
    rng.shuffle(keys)
    book = openpyxl.Workbook()
    sheet = book.active
    if rng.random() < 0.3:
        sheet.title = "Leeswijzer"
        sheet = book.create_sheet("Acties")
    for _ in range(rng.randint(0, 5)):
        sheet.append(["Data-actieplan", None, "titelrij"])
    sheet.append([rng.choice(ALIASES[k]).upper() if rng.random() < 0.2 else rng.choice(ALIASES[k]) for k in keys])
    for row in plan.itertuples():
        if rng.random() < 0.1:
            sheet.append([f"Thema {row.thema_nr}"])
        names = [rng.choice(DOMAIN_NAMES[c]) for c in row.domeinen]
        values = {"nr": row.nr.replace(",", rng.choice([",", "."])), "thema": rng.choice([row.thema_nr,
                  THEMES[row.thema_nr]["name"], f" {THEMES[row.thema_nr]['name']} "]), "actie": f"Actie {row.nr}",
                  "trekker": "Entiteit A; Entiteit B" if len(row.domeinen) > 1 else "Entiteit A",
                  "beleidsdomein": rng.choice([";", " / ", "\n"]).join(names), "type": row.type.capitalize(),
                  "label": "nieuw" if row.nieuw else "", "jaar": row.jaar if rng.random() < 0.8 else None,
                  "status": rng.choice({"lopend": ["lopend", "in uitvoering", "Gepland"],
                                        "afgerond": ["afgerond", "voltooid"]}[row.status])}
        if not row.nieuw and values["jaar"] is None and row.jaar != year - 1:
            values["jaar"] = row.jaar
        sheet.append([values[k] if values[k] != "" else None for k in keys])
        if rng.random() < 0.2:
            theme, seq = row.nr.split(",")
            cell = sheet.cell(sheet.max_row, keys.index("nr") + 1)
            cell.value, cell.number_format = float(f"{theme}.{seq}"), "0." + "0" * len(seq)
    if garbage and sheet.max_row > 1:
        cell = sheet.cell(rng.randint(1, sheet.max_row), rng.randint(1, len(keys)))
        cell.value = rng.choice(["#REF!", "??", 12345.678, "", "=1/0", None, "9,9", "WEWILS;;", "\u00a0"])
    book.save(path)


@given(plans(max_actions=12), st.integers(0, 10**6), st.booleans())
@settings(max_examples=int(os.environ.get("FUZZ_WORKBOOKS", "200")))
def test_generated_workbooks_read_back_or_fail_cleanly(generated, seed, garbage):
    plan, year = generated
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.xlsx"
        write_variant(plan, year, seed, path, garbage)
        try:
            read = read_plan(path, year)
        except InputError as error:
            assert str(error).startswith("Input error") and "plan.xlsx" in str(error)
            assert garbage or plan.empty, str(error)
            return
    if not garbage:
        assert sorted(read["nr"]) == sorted(plan["nr"])
        assert dict(zip(read["nr"], read["domeinen"])) == {
            nr: list(dict.fromkeys(d)) for nr, d in zip(plan["nr"], plan["domeinen"])}
        assert dict(zip(read["nr"], read["jaar"])) == dict(zip(plan["nr"], plan["jaar"]))
    annotated = read.assign(aard="onbepaald", dubbel_met="")
    tables = compute_tables(annotated, year)
    assert broken_identities(tables, identities(tables, year)).empty


CHAPTER_ORDER = ["summary", "recommendations", "tables", "breakdowns", "execution", "strategy", "nature", "quality",
                 "synergies", "domains", "reconciliation", "method", "appendix", "provenance"]


@given(plans(max_actions=15, min_actions=1), st.integers(0, 10**6), st.booleans())
@settings(max_examples=int(os.environ.get("FUZZ_ANNEX", "12")))
def test_every_chapter_renders_for_generated_plans(generated, seed, with_previous):
    """Every chapter notebook copes with odd plans: no actions of a year, one domain, no annotations, a previous
    plan or none. The notebooks' cells run in this process (no kernel), each report object must render."""
    from pipeline.report import markup
    from pipeline.report.notebooks import assemble, run_in_process
    from pipeline.report.present import Chapter

    plan, year = generated
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"plan-{year}.xlsx"
        write_variant(plan, year, seed, path, garbage=False)
        if with_previous and (plan["jaar"] < year).any():
            older = plan[plan["jaar"] < year].assign(nieuw=lambda f: f["jaar"] == year - 1,
                                                      domeinen=lambda f: f["domeinen"].map(
                                                          lambda ds: [d for d in ds if d in domain_order(year - 1)] or ["OMG"]))
            older = older[older["jaar"] <= year - 1]
            write_variant(older, year - 1, seed, Path(folder) / f"plan-{year - 1}.xlsx", garbage=False)
        shown = run_in_process(assemble(), {"year": year, "plan": str(path), "annotations": "", "language": "nl"})
    chapters = [block.key for block in shown if isinstance(block, Chapter)]
    assert chapters == CHAPTER_ORDER
    assert all(markup.to_html(block) for block in shown)
