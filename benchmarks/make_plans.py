"""Write large plan workbooks for the scale benchmark: N actions per the spec, with numeric Nr cells and merges,
and an annotations file that covers every action (nature, some duplicates, some tag overrides).

The standard plans' texts are drawn from fifteen words, which flatters the tagger:
real actions are longer and use thousands of words. So a second plan of each size
takes its titles, descriptions and additions from the real action texts of
``data/evaluation/actions.csv`` (``plan-N-real.xlsx``; same Nr cells, same annotations).

Usage: python benchmarks/make_plans.py 300 10000 100000   (files go to benchmarks/data/, not committed)
"""

import csv
import random
import sys
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
REAL_TEXTS = HERE.parent / "data" / "evaluation" / "actions.csv"
THEMES = ["Algemeen kader", "Datageletterdheid", "Ecosysteem", "Datagovernance", "Open Data", "INSPIRE"]
DOMAINS = ["CJSM", "EWI", "FB", "LV", "MOW", "OMG", "OV", "WSE", "WVG", "KBBJ", "DV&VSA"]
WORDS = ["datawarehouse", "ontsluiting", "bodemdata", "opleiding", "metadata", "dashboard", "API", "kader",
         "registratie", "vacaturedata", "zorgregistraties", "open data", "INSPIRE", "governance", "kwaliteit"]


def annotations_for(size: int) -> Path:
    return HERE / "data" / f"annotations-{size}.csv"


def write_annotations(size: int) -> Path:
    """Annotations for every action of the plan of ``size``: Aard for all, 2% duplicates of an earlier action of the
    same theme, 5% with a tag added or removed; ``;``-separated with a BOM, as Excel writes it in Dutch."""
    rng = random.Random(size + 1)
    per_theme = -(-size // 6)
    lines = ["Nr;Aard;Dubbel met;Opmerking;Labels"]
    written = 0
    for theme in range(1, 7):
        count = min(per_theme, size - written)
        for seq in range(1, count + 1):
            twin = f"{theme},{rng.randint(1, seq - 1)}" if seq > 1 and rng.random() < 0.02 else ""
            label = rng.choice(["zorgpunten.open_data", "-europa.ai_act", "doelstellingen.kwaliteit"]) \
                if rng.random() < 0.05 else ""
            lines.append(f"{theme},{seq};{rng.choice(['strategisch', 'operationeel', ''])};{twin};;{label}")
        written += max(count, 0)
    target = annotations_for(size)
    target.parent.mkdir(exist_ok=True)
    target.write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")
    return target


def path_for(size: int, real: bool = False) -> Path:
    return HERE / "data" / (f"plan-{size}-real.xlsx" if real else f"plan-{size}.xlsx")


def real_texts() -> list[tuple[str, str, str]]:
    """(title, description, additions) of each real action of the evaluation set."""
    with REAL_TEXTS.open(encoding="utf-8", newline="") as stream:
        return [(row["actie"], row["omschrijving"], row["aanvullingen"]) for row in csv.DictReader(stream)]


def write(size: int, year: int = 2023, real: bool = False) -> Path:
    """A plan of ``size`` actions: themes in blocks, the Thema column merged per block, a fifth of Nr numeric.

    With ``real``, each action's texts are those of a real action, drawn at random; all else is the same.
    """
    rng = random.Random(size)
    texts = random.Random(size + 2)
    pool = real_texts() if real else []
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Acties"
    sheet.append([f"Data-actieplan {year} (synthetisch, {size} acties)"])
    sheet.append([])
    sheet.append(["Nr", "Thema", "Actie", "Omschrijving", "Trekker", "Beleidsdomein", "Type", "Label", "Jaar", "Status",
                  "Aanvullingen en toekomstige stappen"])
    per_theme = -(-size // 6)
    written = 0
    for theme in range(1, 7):
        count = min(per_theme, size - written)
        if count <= 0:
            break
        first = sheet.max_row + 1
        for seq in range(1, count + 1):
            domains = rng.sample(DOMAINS, rng.choice([1, 1, 1, 2, 3]))
            new = rng.random() < 0.3
            title, description = " ".join(rng.sample(WORDS, 4)).capitalize(), " ".join(rng.sample(WORDS, 8))
            status = rng.choice(["lopend", "lopend", "afgerond"])
            additions = " ".join(rng.sample(WORDS, rng.randint(0, 12)))
            if real:  # drawn from their own generator, so that every other cell is the standard plan's
                title, description, additions = texts.choice(pool)
            row = [f"{theme},{seq}", THEMES[theme - 1] if seq == 1 else None, title, description,
                   "; ".join(f"Entiteit {d}" for d in domains), "; ".join(domains),
                   "synergie" if len(domains) > 1 else "individueel", "nieuw" if new else None,
                   year if new else year - 1, status, additions or None if real else additions]
            sheet.append(row)
            if rng.random() < 0.2:
                cell = sheet.cell(sheet.max_row, 1)
                cell.value, cell.number_format = float(f"{theme}.{seq}"), "0." + "0" * len(str(seq))
        if count > 1:
            sheet.merge_cells(start_row=first, end_row=sheet.max_row, start_column=2, end_column=2)
        written += count
    target = path_for(size, real)
    target.parent.mkdir(exist_ok=True)
    book.save(target)
    return target


if __name__ == "__main__":
    for argument in sys.argv[1:] or ["300", "10000", "100000"]:
        print(write(int(argument)), write(int(argument), real=True), write_annotations(int(argument)))
