"""Generate the synthetic sample plans (2022, 2023, 2024) and their annotations under ``data/sample/``.

Deterministic: the same design file and seed give the same workbooks, which
``tests/test_sample.py`` checks by regenerating them. The 2023 plan is built
from ``data/sample/design-2023.json`` (cell counts solved by
``scripts/design_sample.py``) so that the pipeline reproduces the SERV tables;
2022 holds the 202 actions as first published; 2024 is a plausible next year.
All titles and texts are invented.

Usage: python scripts/make_sample.py [--out DIR]
"""

import argparse
import csv
import io
import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font

sys.path.insert(0, str(Path(__file__).resolve().parent))
import sample_text as bank  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
THEME_NAMES = {1: "Algemeen kader", 2: "Datageletterdheid", 3: "Ecosysteem", 4: "Datagovernance",
               5: "Open Data", 6: "INSPIRE"}
DOMAIN_NAMES = {"CJSM": "Cultuur, Jeugd, Sport en Media", "EWI": "Economie, Wetenschap en Innovatie",
                "FB": "Financiën en Begroting", "LV": "Landbouw en Visserij", "MOW": "Mobiliteit en Openbare Werken",
                "OMG": "Omgeving", "OV": "Onderwijs en Vorming", "WSE": "Werk en Sociale Economie",
                "WEWILS": "Werk, Economie, Wetenschap, Innovatie, Landbouw en Sociale Economie",
                "WVG": "Welzijn, Volksgezondheid en Gezin",
                "KBBJ": "Kanselarij, Bestuur, Buitenlandse Zaken en Justitie", "DV&VSA": "DV & VSA"}
MERGED_2024 = {"EWI": "WEWILS", "LV": "WEWILS", "WSE": "WEWILS"}
CENTRAL = "DV&VSA"

# Carried actions the advice names, with the topic it gives them.
NAMED_CARRIED = {"1,4": "catalogus", "2,6": "authentiek", "2,14": "portaal", "3,1": "portaal", "3,5": "indicator",
                 "3,11": "portaal", "3,15": "indicator", "3,29": "catalogus", "3,30": "portaal_catalogus",
                 "3,41": "authentiek", "3,42": "catalogus", "3,51": "datanutsbedrijf", "4,1": "authentiek",
                 "4,4": "catalogus", "4,6": "authentiek", "4,7": "authentiek", "4,15": "rijk", "4,16": "arm",
                 "4,17": "indicator", "4,32": "authentiek", "4,35": "catalogus", "4,37": "catalogus",
                 "4,41": "authentiek", "5,14": "catalogus", "5,21": "dataruimte"}
TOPIC_TITLES = {"catalogus": "Registratie van {dataset} in de Vlaamse datacatalogus",
                "authentiek": "Erkenning en beheer van {dataset} als authentieke gegevensbron",
                "portaal": "Uitbouw van een (open) dataportaal voor {dataset}",
                "indicator": "Indicatorenset op basis van {dataset}",
                "portaal_catalogus": "Dataportaal en datacatalogus voor {dataset}",
                "datanutsbedrijf": "Persoonlijke datakluizen via het Vlaams Datanutsbedrijf voor {dataset}",
                "dataruimte": "Open data over {dataset} in de Vlaamse dataruimten"}

# New 2023 actions the advice names: what kind of action each is, and its title.
NAMED_NEW = {
    "1,26": dict(kind="new", domain="FB", aard="strategisch", lead="Vlaamse Belastingdienst (VLABEL)",
                 title="Opmaak van een datastrategie voor de Vlaamse Belastingdienst (VLABEL)"),
    "1,27": dict(kind="new", domain="WSE", aard="strategisch", lead="VDAB",
                 title="Opmaak van een datastrategie voor VDAB"),
    "1,28": dict(kind="new", domain="WVG", aard="strategisch", lead="Departement WVG",
                 title="Opmaak van een datastrategie voor het Departement WVG"),
    "1,29": dict(kind="new", domain="WSE", aard="strategisch", lead="VDAB",
                 title="Ontwikkeling van het Data Governance Target Operating Model binnen VDAB en met de "
                       "partners op de Vlaamse arbeidsmarkt"),
    "1,40": dict(kind="new", domain=CENTRAL, lead="Digitaal Vlaanderen",
                 title="Diensten voor analytics en AI op maat van de noden van de instanties"),
    "1,42": dict(kind="new", title="Relanceproject: datagedreven opvolging van het Vlaamse herstelbeleid"),
    "1,43": dict(kind="synergy", central=False,
                 title="Goede praktijken en templates delen voor het opstellen van een datastrategie per entiteit"),
    "1,44": dict(kind="synergy", central=False,
                 title="Het begrip datageletterdheid standaardiseren en verspreiden binnen de Vlaamse overheid"),
    "1,45": dict(kind="synergy", central=True,
                 title="AI-beoordelingskader voor het publiceren van een via AI gecreëerde dienst of product"),
    "2,46": dict(kind="synergy", central=False,
                 title="Goede voorbeelden van datagebruik verzamelen en verspreiden via een lerend netwerk"),
    "2,47": dict(kind="synergy", central=False, title="Opleidingen AI en data science voor medewerkers van de "
                                                      "Vlaamse overheid"),
    "3,57": dict(kind="new", domain="KBBJ", lead="Departement Justitie en Handhaving",
                 title="Vlaams platform voor handhavingsinformatie en -data"),
    "3,59": dict(kind="new", title="Relanceproject: digitale loketten die gegevens uit authentieke bronnen hergebruiken"),
    "3,66": dict(kind="new", domain="EWI", lead="VLAIO",
                 title="Besluit van de Vlaamse Regering tot wijziging diverse steunmaatregelen wat betreft de opname "
                       "van een rechtsbasis GDPR en tot oprichting databank beleidsinformatie ondernemen en innovatie"),
    "3,77": dict(kind="new", title="Relanceproject: slimme datadeling tussen overheden en ondernemingen"),
    "3,79": dict(kind="new", title="Relanceproject: een gedeeld dataplatform voor lokale besturen"),
    "4,54": dict(kind="new", title="Uitbouw van een authentieke gegevensbron voor vergunningen en erkenningen"),
    "4,58": dict(kind="new", aard="strategisch",
                 title="Uitwerken van een overheidsbreed kader voor datagovernance met rollen, verantwoordelijkheden "
                       "en overlegstructuren"),
    "4,68": dict(kind="synergy", central=False, title="Goede voorbeelden van datagovernance uitwisselen tussen entiteiten"),
    "4,69": dict(kind="synergy", central=True, title="Catalogus van goede voorbeelden van datagedreven dienstverlening"),
    "5,28": dict(kind="new", title="Publicatie van ruimtelijke verkeersgegevens als open data"),
    "5,29": dict(kind="new", aard="operationeel", title="Relanceproject: open data over laadpalen voor elektrische voertuigen"),
}


@dataclass
class Action:
    """One synthetic action with everything a plan row and an annotation need."""

    theme: int
    domains: list[str]
    kind: str  # running, completed, duplicate (carried) or new, synergy, new_duplicate
    jaar: int
    aard: str = ""
    nr: str = ""
    status: str = "lopend"
    type: str = "individueel"
    dubbel_met: str = ""
    title: str = ""
    description: str = ""
    leads: list[str] = field(default_factory=list)
    partners: str = ""
    progress: dict = field(default_factory=dict)
    target: "Action | None" = None

    @property
    def seq(self) -> int:
        return int(self.nr.split(",")[1])


def natures(count: int, strategic: int) -> list[str]:
    """``count`` natures of which the first ``strategic`` are strategic."""
    return ["strategisch"] * strategic + ["operationeel"] * (count - strategic)


def form_synergies(members: dict[str, int], domain_led: int, central_led: int, order: list[str]) -> list[list[str]]:
    """Group synergy memberships into joint actions: each has distinct domains, at least two (or DV&VSA + one)."""
    groups = [{"central": False, "domains": []} for _ in range(domain_led)]
    groups += [{"central": True, "domains": []} for _ in range(central_led)]

    def minimum(group):
        return 1 if group["central"] else 2

    for code, count in sorted(members.items(), key=lambda kv: (-kv[1], order.index(kv[0]))):
        ranked = sorted(range(len(groups)), key=lambda j: (len(groups[j]["domains"]) >= minimum(groups[j]),
                                                            len(groups[j]["domains"]), j))
        for j in ranked[:count]:
            groups[j]["domains"].append(code)
    for group in groups:
        if len(group["domains"]) < minimum(group):
            raise SystemExit(f"design error: a synergy got too few domains: {group}")
    return [([CENTRAL] if g["central"] else []) + g["domains"] for g in groups]


def build_2023(design: dict) -> list[Action]:
    """The 2023 plan's actions, numbered, without texts yet."""
    domains = design["domains"]
    actions = []
    for t in range(6):
        theme = t + 1
        carried, new = [], []
        for d, code in enumerate(domains):
            for aard in natures(design["r"][d][t], design["rs"][d][t]):
                carried.append(Action(theme, [code], "running", 2022, aard))
            for aard in natures(design["c"][d][t], design["cs"][d][t]):
                carried.append(Action(theme, [code], "completed", 2022, aard, status="afgerond"))
            for aard in natures(design["i"][d][t], design["is"][d][t]):
                new.append(Action(theme, [code], "new", 2023, aard))
        members = {code: design["s"][d][t] for d, code in enumerate(domains) if code != CENTRAL and design["s"][d][t]}
        for group in form_synergies(members, design["sBD"][t], design["sC"][t], domains):
            new.append(Action(theme, group, "synergy", 2023, "strategisch" if theme == 1 else "operationeel",
                              type="synergie"))
        running = [a for a in carried if a.kind == "running"]
        if t == design["carried_duplicate_theme"]:
            target = next(a for a in running if a.domains == [CENTRAL])
            carried.append(Action(theme, [CENTRAL], "duplicate", 2022, target.aard, target=target))
        duplicate_domains = {3: ["LV"], 2: ["WVG"]}.get(t, [])
        duplicate_domains = duplicate_domains + [CENTRAL] * (design["dup"][t] - len(duplicate_domains))
        used = {id(a.target) for a in carried if a.target}
        for code in duplicate_domains:
            target = next(a for a in running if a.domains == [code] and id(a) not in used)
            used.add(id(target))
            new.append(Action(theme, [code], "new_duplicate", 2023, target.aard, target=target))
        number_carried(carried, theme)
        number_new(new, theme, len(carried))
        actions += carried + new
    return actions


def number_carried(carried: list[Action], theme: int) -> None:
    """Number 1..n at random, with running actions at the numbers the advice names."""
    rng = random.Random(f"carried-{theme}")
    named = sorted(int(nr.split(",")[1]) for nr in NAMED_CARRIED if nr.startswith(f"{theme},"))
    named = [n for n in named if n <= len(carried)]
    running = [a for a in carried if a.kind == "running"]
    picks = rng.sample(running, len(named))
    for number, action in zip(named, picks):
        action.nr = f"{theme},{number}"
    rest = [a for a in carried if not a.nr]
    rng.shuffle(rest)
    free = [n for n in range(1, len(carried) + 1) if n not in named]
    for number, action in zip(free, rest):
        action.nr = f"{theme},{number}"


def number_new(new: list[Action], theme: int, carried: int) -> None:
    """Give the named new actions their numbers, the others the lowest free numbers after the carried ones."""
    rng = random.Random(f"new-{theme}")
    taken = set()
    named = [(nr, spec) for nr, spec in NAMED_NEW.items() if nr.startswith(f"{theme},")]
    for nr, spec in sorted(named, key=lambda item: ("domain" not in item[1], "aard" not in item[1], item[0])):
        action = next((a for a in new if not a.nr and matches(a, spec)), None)
        if action is None:
            raise SystemExit(f"design error: no new action fits {nr}")
        action.nr, action.title = nr, spec["title"]
        action.leads = [spec["lead"]] if "lead" in spec else []
        taken.add(int(nr.split(",")[1]))
    rest = [a for a in new if not a.nr]
    rng.shuffle(rest)
    number = carried
    for action in rest:
        number += 1
        while number in taken:
            number += 1
        action.nr = f"{theme},{number}"


def matches(action: Action, spec: dict) -> bool:
    """Whether a new action fits a named action's description."""
    if spec["kind"] != action.kind:
        return False
    if spec["kind"] == "synergy":
        return (CENTRAL in action.domains) == spec["central"]
    return spec.get("domain", action.domains[0]) == action.domains[0] and spec.get("aard", action.aard) == action.aard


class Writer:
    """Invents the texts of actions: unique titles, descriptions, leads and progress notes."""

    def __init__(self, seed: str):
        self.rng = random.Random(seed)
        self.titles: set[str] = set()

    def title(self, action: Action, topic: str | None = None) -> str:
        code = action.domains[-1] if action.domains[0] == CENTRAL and len(action.domains) > 1 else action.domains[0]
        for attempt in range(60):
            template = TOPIC_TITLES[topic] if topic in TOPIC_TITLES else self.rng.choice(bank.TITLES[action.theme])
            title = template.format(dataset=self.rng.choice(bank.DATASETS[code]), geo=self.rng.choice(bank.GEO_THEMES))
            if attempt > 30:
                title += f" ({self.rng.choice(bank.ENTITIES[code])})"
            title = title[0].upper() + title[1:]
            if title not in self.titles:
                self.titles.add(title)
                return title
        raise SystemExit(f"cannot invent a unique title for {action.nr}")

    def reword(self, title: str) -> str:
        """A plausible rewording of another action's title, as a re-listed duplicate would have."""
        for old, new in bank.REWORDINGS:
            if old in title:
                title = title.replace(old, new, 1)
                break
        else:
            title = title + " (vervolg)"
        if title in self.titles:
            title += " - fase 2"
        self.titles.add(title)
        return title

    def describe(self, action: Action) -> str:
        lead = action.leads[0] if action.leads else "De trekker"
        text = f"{lead} wil met deze actie {bank.GOALS[action.theme]}."
        extra = self.rng.choice(bank.CONTEXT)
        return f"{text} {extra}".strip() if self.rng.random() < 0.8 else ""

    def leads(self, action: Action) -> list[str]:
        if action.kind == "synergy":
            return [self.rng.choice(bank.ENTITIES[code]) for code in action.domains]
        pool = bank.ENTITIES[action.domains[0]]
        if len(pool) > 1 and self.rng.random() < 0.1:
            return self.rng.sample(pool, 2)  # two leads of one domain
        return [self.rng.choice(pool)]

    def progress(self, action: Action, year: int, detail: str | None = None) -> str:
        """An 'aanvullingen' note of varying detail, from nothing to dates, numbers and owners."""
        level = detail or self.rng.choices(["none", "thin", "adequate", "detailed"], [2, 3, 3, 2])[0]
        lead = action.leads[0] if action.leads else "het projectteam"
        deliverable = self.rng.choice(bank.DELIVERABLES)
        step = self.rng.choice(bank.NEXT_STEPS)
        future = self.rng.choice(bank.FUTURES).format(y=year, z=year + 1)
        if action.status == "afgerond":
            return {"none": "", "thin": "Afgerond.",
                    "adequate": f"Afgerond: {deliverable} is opgeleverd.",
                    "detailed": f"Afgerond in {self.rng.choice(bank.PERIODS)} {year - 1}: {deliverable} werd opgeleverd "
                                f"door {lead}. {self.rng.randint(3, 40)} {self.rng.choice(bank.UNITS)} gebruiken het "
                                f"resultaat."}[level]
        return {"none": "", "thin": self.rng.choice(bank.THIN),
                "adequate": f"{deliverable[0].upper()}{deliverable[1:]} is klaar; volgende stap is {step}.",
                "detailed": f"In {self.rng.choice(bank.PERIODS)} {year - 1} leverde {lead} {deliverable} op. "
                            f"Intussen zijn {self.rng.randint(2, 60)} {self.rng.choice(bank.UNITS)} aangesloten. "
                            f"Tegen {future} volgt {step}, met een tussentijdse evaluatie door de stuurgroep."}[level]

    def fill(self, action: Action, year: int) -> None:
        """Give an action without texts its title, leads, description, partners and progress."""
        if not action.leads:
            action.leads = self.leads(action)
        if action.target is not None:
            action.title = self.reword(action.target.title)
            action.leads = list(action.target.leads)
        elif not action.title:
            topic = NAMED_CARRIED.get(action.nr)
            action.title = self.title(action, topic)
        else:
            self.titles.add(action.title)
        if not action.description and not action.partners:
            action.description = self.describe(action)
            action.partners = self.rng.choice(bank.PARTNERS) if action.kind != "synergy" else "VVSG; VVP"
        detail = {"4,15": "detailed", "4,16": "thin"}.get(action.nr)
        action.progress[year] = self.progress(action, year, detail)


def texts_2023(actions: list[Action]) -> None:
    """Texts for the 2023 plan; duplicates are written after the actions they repeat."""
    writer = Writer("texts-2023")
    for action in sorted(actions, key=lambda a: (a.target is not None, a.theme, a.seq)):
        writer.fill(action, 2023)
    for action in actions:
        if action.target is not None:
            action.dubbel_met = action.target.nr


def plan_2022(actions_2023: list[Action]) -> list[Action]:
    """The 202 actions as first published in 2022: all new and running."""
    writer = Writer("texts-2022")
    plan = []
    for action in actions_2023:
        if action.jaar != 2022:
            continue
        first = Action(action.theme, action.domains, action.kind, 2022, action.aard, action.nr, "lopend",
                       action.type, action.dubbel_met, action.title, action.description, action.leads,
                       action.partners, {}, None)
        first.progress[2022] = writer.rng.choice(["", "Start voorzien in 2022.", "Voorbereidende analyse loopt.",
                                                  f"Eerste resultaten verwacht tegen {writer.rng.choice(bank.PERIODS)}."])
        plan.append(first)
    return plan


def plan_2024(actions_2023: list[Action]) -> list[Action]:
    """A plausible 2024 plan: some actions completed, some silently dropped, two renumbered, new ones added."""
    rng = random.Random("plan-2024")
    writer = Writer("texts-2024")
    writer.titles = {a.title for a in actions_2023}
    plan, last = [], {}
    for action in actions_2023:
        last[action.theme] = max(last.get(action.theme, 0), action.seq)
    running = [a for a in actions_2023 if a.kind in ("running", "new", "synergy")]
    for action in running:
        draw = rng.random()
        if draw < 0.05:
            continue  # silently dropped: absent in 2024 and never reported completed
        domains = list(dict.fromkeys(MERGED_2024.get(code, code) for code in action.domains))
        kept = Action(action.theme, domains, "running", action.jaar, action.aard, action.nr,
                      "afgerond" if draw < 0.22 else "lopend", action.type, "", action.title, action.description,
                      action.leads, action.partners, {}, None)
        kept.source_domains = action.domains
        plan.append(kept)
    renumbered = [a for a in plan if a.theme == 3 and a.status == "lopend"][:2]
    for action in renumbered:
        last[action.theme] += 1
        action.nr = f"{action.theme},{last[action.theme]}"
        action.title = writer.reword(action.title)
    domains_2024 = ["CJSM", "FB", "MOW", "OMG", "OV", "WEWILS", "WVG", "KBBJ", CENTRAL]
    weights = [3, 1, 2, 5, 1, 6, 5, 4, 6]
    for index, theme in enumerate([1] * 6 + [2] * 5 + [3] * 9 + [4] * 5 + [5] * 3 + [6] * 2):
        last[theme] += 1
        if index % 5 == 4:
            group = rng.sample(domains_2024[:-1], 2) + ([CENTRAL] if rng.random() < 0.4 else [])
            action = Action(theme, group, "synergy", 2024, "", f"{theme},{last[theme]}", type="synergie")
        else:
            action = Action(theme, [rng.choices(domains_2024, weights)[0]], "new", 2024, "", f"{theme},{last[theme]}")
        action.aard = rng.choice(["strategisch", "operationeel", "operationeel", ""])
        if index == 7:
            action.status = "afgerond"  # a new action already completed in its first year
        plan.append(action)
    carried = [a for a in plan if a.jaar < 2024 and a.status == "lopend" and a not in renumbered]
    for target in rng.sample(carried, 4):
        last[target.theme] += 1
        plan.append(Action(target.theme, target.domains, "new_duplicate", 2024, target.aard,
                           f"{target.theme},{last[target.theme]}", target=target))
    for action in sorted(plan, key=lambda a: (a.target is not None, a.theme, a.seq)):
        writer.fill(action, 2024)
        if action.target is not None:
            action.dubbel_met = action.target.nr
    return plan


# Each year's workbook uses another layout that the contract allows.
LAYOUTS = {
    2022: dict(sheet="Acties 2022", readme=True, title_rows=["Data-actieplan 2022", "Versie februari 2022"],
               headers={"nr": "Nummer", "thema": "Thema", "actie": "Titel", "omschrijving": "Beschrijving",
                        "trekker": "Trekker(s)", "beleidsdomein": "Beleidsdomeinen", "partners": "Betrokken partners",
                        "type": "Soort actie", "label": "Nieuw", "status": "Status", "aanvullingen": "Aanvullingen"},
               sections=True, theme_style="name", nr_style="text", merge_theme=False, domain_style="code"),
    2023: dict(sheet="Data-actieplan 2023", readme=False, title_rows=["Vlaams data-actieplan 2023"],
               headers={"nr": "Nr", "thema": "Thema", "actie": "Actie", "omschrijving": "Omschrijving",
                        "trekker": "Trekker", "beleidsdomein": "Beleidsdomein", "partners": "Partners", "type": "Type",
                        "label": "Label", "jaar": "Jaar", "status": "Status",
                        "aanvullingen": "Aanvullingen en toekomstige stappen", "contact": "Contactpunt"},
               sections=True, theme_style="name", nr_style="numeric", merge_theme=True, domain_style="mixed"),
    2024: dict(sheet="Acties", readme=False, title_rows=[],
               headers={"nr": "Actienr", "actie": "Naam actie", "thema": "Actiedomein", "trekker": "Lead",
                        "beleidsdomein": "Domein", "type": "Soort actie", "label": "Label", "jaar": "Startjaar",
                        "status": "Status", "omschrijving": "Omschrijving", "partners": "Partners",
                        "aanvullingen": "Toekomstige stappen"},
               sections=False, theme_style="number", nr_style="dot", merge_theme=False, domain_style="names"),
}
STATUS_WORDS = {2022: {"lopend": ["lopend"], "afgerond": ["afgerond"]},
                2023: {"lopend": ["lopend", "Lopend", "in uitvoering"], "afgerond": ["afgerond", "Afgerond"]},
                2024: {"lopend": ["in uitvoering", "lopend", "gepland"], "afgerond": ["voltooid", "afgerond"]}}


def domain_text(action: Action, style: str, rng: random.Random) -> str:
    """The Beleidsdomein cell as a person might type it: codes, full names, or a mix."""
    codes = getattr(action, "source_domains", action.domains) if rng.random() < 0.3 else action.domains
    if style == "code":
        return "; ".join(codes)
    if style == "names":
        return " / ".join(DOMAIN_NAMES[c] if c != CENTRAL else "DV/VSA" for c in codes)
    pieces = [DOMAIN_NAMES[c] if rng.random() < 0.3 else c for c in codes]
    return rng.choice([", ", "; ", "\n"]).join(pieces) if len(pieces) > 1 else pieces[0]


def cell_values(action: Action, year: int, layout: dict, rng: random.Random) -> dict:
    """The values of one action's row, keyed like the layout's headers."""
    lead_separator = "\n" if action.type == "synergie" and year == 2023 else "; "
    return {
        "nr": action.nr.replace(",", ".") if layout["nr_style"] == "dot" else action.nr,
        "thema": action.theme if layout["theme_style"] == "number" else THEME_NAMES[action.theme],
        "actie": action.title + ("\u00a0" if rng.random() < 0.05 else ""),
        "omschrijving": action.description,
        "trekker": lead_separator.join(action.leads),
        "beleidsdomein": domain_text(action, layout["domain_style"], rng),
        "partners": action.partners,
        "type": action.type,
        "label": "nieuw" if action.jaar == year else "",
        "jaar": action.jaar,
        "status": rng.choice(STATUS_WORDS[year][action.status]),
        "aanvullingen": action.progress.get(year, ""),
        "contact": f"data@{action.leads[0].split(' ')[0].lower()}.vlaanderen.be" if rng.random() < 0.3 else "",
    }


def write_plan(actions: list[Action], year: int, path: Path) -> None:
    """Write one year's plan workbook in that year's layout."""
    layout, rng = LAYOUTS[year], random.Random(f"layout-{year}")
    book = openpyxl.Workbook()
    sheet = book.active
    if layout["readme"]:
        sheet.title = "Leeswijzer"
        sheet["A1"] = f"Data-actieplan {year}: leeswijzer"
        sheet["A3"] = "Elke rij op het tabblad met acties is één actie. Synthetische voorbeelddata."
        sheet = book.create_sheet(layout["sheet"])
    else:
        sheet.title = layout["sheet"]
    for row, text in enumerate(layout["title_rows"], start=1):
        sheet.cell(row, 1, text).font = Font(bold=True, size=14 if row == 1 else 11)
    header_row = len(layout["title_rows"]) + (2 if layout["title_rows"] else 1)
    keys = list(layout["headers"])
    for col, key in enumerate(keys, start=1):
        sheet.cell(header_row, col, layout["headers"][key]).font = Font(bold=True)
    row = header_row
    for theme in range(1, 7):
        block = sorted((a for a in actions if a.theme == theme), key=lambda a: a.seq)
        if layout["sections"]:
            row += 1
            sheet.cell(row, 1, f"Thema {theme} - {THEME_NAMES[theme]}").font = Font(bold=True)
        first = row + 1
        for action in block:
            row += 1
            values = cell_values(action, year, layout, rng)
            for col, key in enumerate(keys, start=1):
                cell = sheet.cell(row, col, values[key] if values[key] != "" else None)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            write_number(sheet.cell(row, keys.index("nr") + 1), action.nr, layout["nr_style"], rng)
        if layout["merge_theme"] and row > first:
            col = keys.index("thema") + 1
            sheet.merge_cells(start_row=first, end_row=row, start_column=col, end_column=col)
    book.save(path)


def write_number(cell, nr: str, style: str, rng: random.Random) -> None:
    """Some plans hold action numbers as numbers; the number format keeps 4,10 apart from 4,1."""
    if style != "numeric" or rng.random() < 0.6:
        return
    theme, seq = nr.split(",")
    cell.value = float(f"{theme}.{seq}")
    cell.number_format = "0." + "0" * len(seq)


def write_annotations(actions: list[Action], year: int, path: Path) -> None:
    """The analysts' annotations: nature per action and the duplicates, in that year's CSV dialect."""
    delimiter, bom = {2022: (";", True), 2023: (",", False), 2024: (";", True)}[year]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(["Nr", "Aard", "Dubbel met", "Opmerking"])
    for action in sorted(actions, key=lambda a: (a.theme, a.seq)):
        note = f"herneemt actie {action.dubbel_met}" if action.dubbel_met else ""
        if action.aard or action.dubbel_met:
            writer.writerow([action.nr, action.aard, action.dubbel_met, note])
    path.write_text(("\ufeff" if bom else "") + buffer.getvalue(), encoding="utf-8")


def write_coder_annotations(actions: list[Action], year: int, out: Path) -> list[Path]:
    """Two analysts' own annotations before reconciliation (``annotations-<year>.a.csv`` and ``.b.csv``).

    Both start from the reconciled annotations. Coder a leaves the nature of every
    ninth action open; coder b calls every thirteenth annotated action the other
    nature, misses every fifth duplicate and tags every eleventh action with a
    concern the rules did not find. The report lists exactly these disagreements.
    """
    ordered = [a for a in sorted(actions, key=lambda a: (a.theme, a.seq)) if a.aard or a.dubbel_met]
    other = {"strategisch": "operationeel", "operationeel": "strategisch", "": ""}
    duplicates = [a.nr for a in ordered if a.dubbel_met]
    rows = {coder: [] for coder in "ab"}
    for index, action in enumerate(ordered):
        rows["a"].append([action.nr, "" if index % 9 == 4 else action.aard, action.dubbel_met, "", ""])
        missed = action.dubbel_met and duplicates.index(action.nr) % 5 == 2
        rows["b"].append([action.nr, other[action.aard] if index % 13 == 6 else action.aard,
                          "" if missed else action.dubbel_met, "", "zorgpunten.open_data" if index % 11 == 3 else ""])
    written = []
    for coder, coder_rows in rows.items():
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
        writer.writerow(["Nr", "Aard", "Dubbel met", "Opmerking", "Labels"])
        writer.writerows(coder_rows)
        path = out / f"annotations-{year}.{coder}.csv"
        path.write_text("\ufeff" + buffer.getvalue(), encoding="utf-8")
        written.append(path)
    return written


def generate(out: Path) -> list[Path]:
    """Write all sample plans and annotations into ``out``; return the files written."""
    design = json.loads((ROOT / "data/sample/design-2023.json").read_text(encoding="utf-8"))
    actions = build_2023(design)
    texts_2023(actions)
    plans = {2022: plan_2022(actions), 2023: actions, 2024: plan_2024(actions)}
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for year, plan in plans.items():
        write_plan(plan, year, out / f"plan-{year}.xlsx")
        write_annotations(plan, year, out / f"annotations-{year}.csv")
        written += [out / f"plan-{year}.xlsx", out / f"annotations-{year}.csv"]
    written += write_coder_annotations(plans[2024], 2024, out)
    return written


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "data/sample", help="folder to write into")
    for path in generate(parser.parse_args().out):
        print(f"wrote {path}")
