"""Parse and check every field of the raw plan records against the contract.

Each check appends a :class:`~pipeline.errors.Problem` instead of raising, so one
run lists everything that is wrong. Multi-valued cells (leads, domains) are
split here, with known domain names taken out whole before the rest is split.
"""

import re
from functools import cache

import pandas as pd

from pipeline.config import clean, plan_format, themes, word
from pipeline.errors import Problem

NR_PATTERN = re.compile(r"^([1-6])[,.](\d+)$")
THEME_NUMBER = re.compile(r"^(?:thema\s*)?([1-6])(?:\s*[-.:)]\s*.*)?$")


@cache
def domain_names() -> dict[str, str]:
    """Map each domain code, name and alias (normalised) to its code."""
    names = {}
    for domain in plan_format()["domains"]:
        for name in [domain["code"], domain["name"], *domain.get("aliases", [])]:
            names[word(name)] = domain["code"]
    return names


@cache
def domain_pattern() -> re.Pattern:
    """A regex that finds known domain names whole, longest first."""
    names = sorted(domain_names(), key=len, reverse=True)
    alternatives = "|".join(re.escape(name) for name in names)
    return re.compile(rf"(?<![\w&])({alternatives})(?![\w&])", re.IGNORECASE)


def split_domains(text: str) -> tuple[list[str], list[str]]:
    """Split a Beleidsdomein cell into domain codes; returns (codes, unknown or empty pieces)."""
    codes, bad = _split_domains(clean(text))
    return list(codes), list(bad)


@cache
def _split_domains(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    found = []

    def take(match):
        found.append(domain_names()[word(match.group(1))])
        return "\x00"

    rest = domain_pattern().sub(take, text.replace("\n", ";"))
    pieces = separator_pattern("beleidsdomein").split(rest)
    pieces = [piece.strip() for piece in pieces]
    bad = []
    for position, piece in enumerate(pieces):
        if piece == "" and 0 < position < len(pieces) - 1:
            bad.append("an empty piece between two separators")
        elif piece not in ("", "\x00"):
            bad.append(f"unknown domain '{piece}'")
    return tuple(dict.fromkeys(found)), tuple(bad)


@cache
def separator_pattern(field: str) -> re.Pattern:
    """A regex that splits a multi-valued cell on the configured separators."""
    separators = plan_format()["separators"][field]
    return re.compile("|".join(re.escape(s) for s in separators if s != "\n" or field != "beleidsdomein"),
                      re.IGNORECASE)


def era_domains(codes: list[str], year: int) -> tuple[list[str], list[str]]:
    """Map retired domains forward to their successor in ``year``; list domains not yet in force."""
    mapped, bad = _era_domains(tuple(codes), year)
    return list(mapped), list(bad)


@cache
def _era_domains(codes: tuple[str, ...], year: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    by_code = {d["code"]: d for d in plan_format()["domains"]}
    mapped, bad = [], []
    for code in codes:
        domain = by_code[code]
        if year < domain.get("from", 0):
            bad.append(f"domain '{code}' exists only from {domain['from']}, not in a {year} plan")
            continue
        while year > by_code[code].get("until", 9999):
            code = by_code[code]["successor"]
        mapped.append(code)
    return tuple(dict.fromkeys(mapped)), tuple(bad)


def split_leads(text: str) -> list[str]:
    """Split a Trekker cell on ``;``, ``/`` and line breaks; commas and ``en`` stay inside names."""
    return list(_split_leads(clean(text)))


@cache
def _split_leads(text: str) -> tuple[str, ...]:
    pieces = separator_pattern("trekker").split(text)
    return tuple(piece.strip() for piece in pieces if piece.strip())


@cache
def theme_names() -> dict[str, int]:
    """Each theme's name and aliases (normalised) mapped to its number."""
    return {word(name): theme["nr"] for theme in themes() for name in [theme["name"], *theme["aliases"]]}


def parse_theme(value) -> int | None:
    """The theme number of a Thema cell given by number or by name, or None."""
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        value = str(int(value))
    key = word(value)
    if key in theme_names():
        return theme_names()[key]
    match = THEME_NUMBER.match(key)
    return int(match.group(1)) if match else None


def vocabulary(kind: str) -> dict[str, str]:
    """Map each accepted spelling of a ``kind`` word (type, label, status) to its canonical value."""
    return {word(alias): key for key, aliases in plan_format()["vocabularies"][kind].items() for alias in aliases}


YEAR = re.compile(r"(19|20)\d\d")


def parse_year(value) -> int | None:
    """A Jaar cell as a whole year, or None when it is not one."""
    text = clean(value).removesuffix(".0")
    return int(text) if YEAR.fullmatch(text) else None


def build_plan(records: list[dict], year: int, file: str, sheet: str, headers: dict[str, str]):
    """Validate raw records into the plan frame; returns (frame, problems)."""
    problems: list[Problem] = []
    theme_keys = {t["nr"]: t["key"] for t in themes()}
    vocab = {kind: vocabulary(kind) for kind in ("type", "label", "status")}
    rows = []

    def problem(record, key, message):
        column = headers.get(key, plan_format()["columns"][key]["header"])
        problems.append(Problem(file, message, sheet, record["rij"], column))

    for record in records:
        text = {key: clean(value) for key, value in record.items() if key not in ("rij", "extra", "nr_general")}
        row = {"rij": record["rij"]}
        nr_text = text.get("nr", "").replace(" ", "")
        match = NR_PATTERN.match(nr_text)
        if not nr_text:
            problem(record, "nr", "the action number is missing; expected T,N such as 3,57")
        elif not match:
            problem(record, "nr", f"'{nr_text}' is not an action number; expected T,N such as 3,57")
        row["nr"] = f"{match.group(1)},{match.group(2)}" if match else nr_text
        row["nr_general"] = record.get("nr_general", False)
        theme_nr = parse_theme(record.get("thema"))
        if theme_nr is None:
            names = ", ".join(t["name"] for t in themes())
            problem(record, "thema", f"unknown theme '{text.get('thema', '')}'; expected 1-6 or one of {names}")
        elif match and int(match.group(1)) != theme_nr:
            problem(record, "thema", f"theme {theme_nr} does not match action number {row['nr']} (theme {match.group(1)})")
        row["thema_nr"] = theme_nr
        row["thema"] = theme_keys.get(theme_nr)
        for key in ("actie", "trekker", "beleidsdomein"):
            if not text.get(key):
                problem(record, key, "the cell is empty; expected a value")
        row["actie"] = text.get("actie", "")
        row["omschrijving"] = text.get("omschrijving", "")
        row["trekker"] = text.get("trekker", "")
        row["trekkers"] = list(_split_leads(row["trekker"]))
        codes, bad = _split_domains(text.get("beleidsdomein", ""))
        codes, era_bad = _era_domains(codes, year)
        for message in bad + era_bad:
            problem(record, "beleidsdomein", f"{message}; expected known domain codes or names "
                                             f"separated by ; / , or 'en'")
        row["domeinen"] = list(codes)
        row["partners"] = text.get("partners", "")
        for kind in ("type", "status"):
            value = vocab[kind].get(word(text.get(kind, "")))
            if value is None:
                expected = ", ".join(sorted(set(vocab[kind])))
                problem(record, kind, f"'{text.get(kind, '')}' is not allowed; expected one of: {expected}")
            row[kind] = value
        label = word(text.get("label", ""))
        if label and label not in vocab["label"]:
            problem(record, "label", f"'{text.get('label', '')}' is not allowed; expected 'nieuw' or empty")
        row["nieuw"] = label in vocab["label"]
        row["jaar"] = check_year(record, text.get("jaar", ""), row["nieuw"], year, problem)
        row["aanvullingen"] = text.get("aanvullingen", "")
        row.update(record.get("extra", {}))
        rows.append(row)
    check_numbers(rows, records, problem)
    frame = pd.DataFrame(rows)
    if frame.empty:
        problems.append(Problem(file, "the table has a header but no actions", sheet))
        frame = pd.DataFrame(columns=["nr", "thema_nr", "thema", "actie", "domeinen", "type", "nieuw", "jaar", "status"])
    return frame.drop(columns=["nr_general"], errors="ignore"), problems


def check_year(record, raw: str, nieuw: bool, year: int, problem) -> int:
    """The action's first plan year: the Jaar cell (cleaned text), or the default from its label."""
    if raw == "":
        return year if nieuw else year - 1
    value = parse_year(raw)
    if value is None:
        problem(record, "jaar", f"'{raw}' is not a year; expected a year such as {year}")
        return year
    if value > year:
        problem(record, "jaar", f"{value} is after the plan year {year}: does --year match the plan?")
    elif nieuw and value != year:
        problem(record, "jaar", f"the action is labelled 'nieuw' but its year is {value}; expected {year}")
    elif not nieuw and value == year:
        problem(record, "jaar", f"the action is not labelled 'nieuw' but its year is the plan year {year}")
    return value


def check_numbers(rows: list[dict], records: list[dict], problem) -> None:
    """Action numbers are unique, and a General-format number is not ambiguous (4.1: 4,1 or 4,10?)."""
    first_row = {}
    long_themes = {r["nr"].split(",")[0] for r in rows if NR_PATTERN.match(r["nr"]) and len(r["nr"].split(",")[1]) > 1}
    for row, record in zip(rows, records):
        nr = row["nr"]
        if not NR_PATTERN.match(nr):
            continue
        if nr in first_row:
            problem(record, "nr", f"action number {nr} appears twice (first in row {first_row[nr]}); "
                                  f"expected unique numbers")
        else:
            first_row[nr] = row["rij"]
        theme, sequence = nr.split(",")
        if row["nr_general"] and len(sequence) == 1 and theme in long_themes:
            problem(record, "nr", f"the number {nr.replace(',', '.')} has no number format, so {nr} and "
                                  f"{nr}0 look alike; format the cell as text or as 0.00")
