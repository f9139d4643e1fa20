"""Parse and check every column of the raw plan table against the contract.

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
NR_LINES = re.compile(NR_PATTERN.pattern, re.MULTILINE)  # the same, line by line in a column joined by line ends
THEME_NUMBER = re.compile(r"^(?:thema\s*)?([1-6])(?:\s*[-.:)]\s*.*)?$")


def nr_order(nr: str) -> tuple[int, ...]:
    """Sort key of an action number ``T,N``: by theme, then by number (``1,10`` after ``1,9``)."""
    return tuple(int(part) for part in nr.split(","))


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


@cache
def split_domains(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Split a cleaned Beleidsdomein cell into domain codes; returns (codes, unknown or empty pieces)."""
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


@cache
def split_leads(text: str) -> tuple[str, ...]:
    """Split a cleaned Trekker cell on ``;``, ``/`` and line breaks; commas and ``en`` stay inside names."""
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


def build_plan(table: dict, year: int, file: str, sheet: str, headers: dict[str, str], checked: dict | None = None):
    """Validate the raw columns into the plan frame; returns (frame, problems).

    ``table`` holds one list per column key (raw cell values), ``rij`` (row numbers),
    ``nr_general`` and ``extra`` ({header: list}). Repeated values (themes, types,
    domains, years) are parsed once each, so a large plan costs little more than
    reading it. ``checked`` is :func:`check_other_columns` of the same table, done earlier
    (the reader does it while the sheet's number formats are still being read).
    """
    checked = checked or check_other_columns(table, year, file, sheet, headers)
    problems = list(checked["problems"])
    rows, size = table["rij"], len(table["rij"])
    problem = problem_adder(problems, rows, file, sheet, headers)
    numbers = action_numbers(table.get("nr") or [""] * size)
    if numbers is not None:  # every cell is a well-formed number: nothing to report cell by cell
        valid = [True] * size
    else:
        nr_texts = [clean(value).replace(" ", "") for value in table.get("nr") or [""] * size]
        matches = [NR_PATTERN.match(t) for t in nr_texts]
        numbers = [f"{m.group(1)},{m.group(2)}" if m else t for m, t in zip(matches, nr_texts)]
        valid = [bool(m) for m in matches]
        for index, (m, t) in enumerate(zip(matches, nr_texts)):
            if not t:
                problem(index, "nr", "the action number is missing; expected T,N such as 3,57", NR_PHASE)
            elif not m:
                problem(index, "nr", f"'{t}' is not an action number; expected T,N such as 3,57", NR_PHASE)
    for index, (nr, ok, theme) in enumerate(zip(numbers, valid, checked["thema_nr"])):
        if ok and theme is not None and int(nr[0]) != theme:  # a valid number starts with its theme, 1-6
            problem(index, "thema", f"theme {theme} does not match action number {nr} (theme {nr[0]})", THEME_PHASE)
    frame = pd.DataFrame({"rij": rows, "nr": numbers, **checked["columns"]})
    check_numbers(numbers, valid, table.get("nr_general") or [False] * size, rows,
                  lambda index, key, message: problem(index, key, message, NUMBERS_PHASE))
    for index, code in enumerate(table.get("nr_unreadable") or []):
        if code is not None:
            problem(index, "nr", f"the number has the number format '{code}', which does not show an action number "
                                 f"(a date or a fraction, say); format the cell as text or as 0.00", NUMBERS_PHASE)
    if frame.empty:
        problems.append((NUMBERS_PHASE + 1, Problem(file, "the table has a header but no actions", sheet)))
    problems.sort(key=lambda item: (item[1].row or 0, item[0]))  # stable: a row's problems in the order checked
    return frame, [p for _, p in problems]


NR_PHASE, THEME_PHASE, COLUMNS_PHASE, NUMBERS_PHASE = range(4)  # the order a row's problems are listed in


def problem_adder(problems: list, rows: list[int], file: str, sheet: str, headers: dict[str, str]):
    """A function that records one problem of a column at a row index, with the phase that orders it."""
    def problem(index, key, message, phase=COLUMNS_PHASE):
        name = headers.get(key, plan_format()["columns"][key]["header"])
        problems.append((phase, Problem(file, message, sheet, rows[index], name)))
    return problem


def check_other_columns(table: dict, year: int, file: str, sheet: str, headers: dict[str, str]) -> dict:
    """Check every column but the action number: ``{"columns": the frame's other columns, "thema_nr": theme
    numbers, "problems": [(phase, Problem)]}``. Only the Nr column depends on the cells' number formats."""
    problems: list = []
    rows = table["rij"]
    size = len(rows)
    problem = problem_adder(problems, rows, file, sheet, headers)

    def column(key):
        return table.get(key) or [""] * size

    free_text = ("actie", "omschrijving", "partners", "aanvullingen")
    text = {key: list(map(clean, column(key))) if key in free_text else parse_each(column(key), clean)
            for key in plan_format()["columns"] if key != "nr"}
    theme_numbers = parse_each(column("thema"), parse_theme)
    names = ", ".join(t["name"] for t in themes())
    for index, theme in enumerate(theme_numbers):
        if theme is None:
            problem(index, "thema", f"unknown theme '{text['thema'][index]}'; expected 1-6 or one of {names}",
                    THEME_PHASE)
    for key in ("actie", "trekker", "beleidsdomein"):
        for index, value in enumerate(text[key]):
            if not value:
                problem(index, key, "the cell is empty; expected a value")
    domains = parse_each(text["beleidsdomein"], lambda v: domains_in(v, year))
    for index, (_, bad) in enumerate(domains):
        for message in bad:
            problem(index, "beleidsdomein", f"{message}; expected known domain codes or names separated by ; / , or 'en'")
    vocab = {kind: vocabulary(kind) for kind in ("type", "label", "status")}
    kinds = {}
    for kind in ("type", "status"):
        kinds[kind] = parse_each(text[kind], lambda v, k=kind: vocab[k].get(word(v)))
        expected = ", ".join(sorted(set(vocab[kind])))
        for index, value in enumerate(kinds[kind]):
            if value is None:
                problem(index, kind, f"'{text[kind][index]}' is not allowed; expected one of: {expected}")
    labels = parse_each(text["label"], word)
    for index, label in enumerate(labels):
        if label and label not in vocab["label"]:
            problem(index, "label", f"'{text['label'][index]}' is not allowed; expected 'nieuw' or empty")
    new = [label in vocab["label"] for label in labels]
    judged = {pair: judge_year(*pair, year) for pair in set(zip(text["jaar"], new))}  # few distinct (Jaar, nieuw)
    years = []
    for index, pair in enumerate(zip(text["jaar"], new)):
        value, message = judged[pair]
        if message:
            problem(index, "jaar", message)
        years.append(value)
    theme_keys = {t["nr"]: t["key"] for t in themes()}
    columns = {
        "thema_nr": theme_numbers, "thema": [theme_keys.get(t) for t in theme_numbers],
        "actie": text["actie"], "omschrijving": text["omschrijving"], "trekker": text["trekker"],
        "trekkers": [list(p) for p in parse_each(text["trekker"], split_leads)],
        "domeinen": [list(codes) for codes, _ in domains], "partners": text["partners"],
        "type": kinds["type"], "status": kinds["status"], "nieuw": new, "jaar": years,
        "aanvullingen": text["aanvullingen"],
        **{header: list(map(clean, values)) for header, values in table.get("extra", {}).items()}}
    return {"columns": columns, "thema_nr": theme_numbers, "problems": problems}


def domains_in(text: str, year: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A cleaned Beleidsdomein cell as the domains in force in ``year``, and what is wrong with it."""
    codes, bad = split_domains(text)
    mapped, era_bad = _era_domains(codes, year)
    return mapped, bad + era_bad


def judge_year(raw: str, nieuw: bool, year: int) -> tuple[int, str | None]:
    """The action's first plan year, from the Jaar cell (cleaned text) or the default from its label, and what is
    wrong with it (None when nothing is)."""
    if raw == "":
        return (year if nieuw else year - 1), None
    value = parse_year(raw)
    if value is None:
        return year, f"'{raw}' is not a year; expected a year such as {year}"
    if value > year:
        return value, f"{value} is after the plan year {year}: does --year match the plan?"
    if nieuw and value != year:
        return value, f"the action is labelled 'nieuw' but its year is {value}; expected {year}"
    if not nieuw and value == year:
        return value, f"the action is not labelled 'nieuw' but its year is the plan year {year}"
    return value, None


def parse_each(values: list, parse) -> list:
    """``parse`` of every value, called once per distinct value (a column repeats most of its values)."""
    parsed = {value: parse(value) for value in set(values)}
    return list(map(parsed.__getitem__, values))


def action_numbers(cells: list) -> list[str] | None:
    """The Nr column as ``T,N`` numbers, when every cell is text that is a well-formed action number; else None.

    One substitution over the column joined by line ends does what cleaning and
    matching each cell would, for the usual column where nothing is wrong: a cell
    with a line end, a tab or a non-breaking space, an empty cell or a malformed
    number leaves it to the cell-by-cell check, which names the cell.
    """
    try:
        joined = "\n".join(cells)
    except TypeError:  # a cell that is not text
        return None
    if joined.count("\n") != len(cells) - 1 or any(mark in joined for mark in ("\r", "\t", "\u00a0")):
        return None
    squeezed = joined.replace(" ", "")
    if NR_LINES.subn("", squeezed)[1] != len(cells):  # a literal replacement: no template to expand per match
        return None
    return squeezed.replace(".", ",").split("\n")  # every line is T,N or T.N: its one separator becomes a comma


def check_numbers(numbers: list[str], valid: list[bool], general: list[bool], rows: list[int], problem) -> None:
    """Action numbers are unique, and a General-format number is not ambiguous (4.1: 4,1 or 4,10?)."""
    if not any(general) and all(valid) and len(set(numbers)) == len(numbers):
        return  # the usual plan: every number valid, none twice, none in the General format
    long_themes = {nr.split(",")[0] for nr, ok in zip(numbers, valid) if ok and len(nr.split(",")[1]) > 1}
    first: dict[str, int] = {}
    for index, (nr, ok) in enumerate(zip(numbers, valid)):
        if not ok:
            continue
        if nr in first:
            problem(index, "nr", f"action number {nr} appears twice (first in row {first[nr]}); expected unique numbers")
        else:
            first[nr] = rows[index]
        theme, sequence = nr.split(",")
        if general[index] and len(sequence) == 1 and theme in long_themes:
            problem(index, "nr", f"the number {nr.replace(',', '.')} has no number format, so {nr} and "
                                 f"{nr}0 look alike; format the cell as text or as 0.00")
