"""Read the analysts' annotations (nature and duplicates per action) and join them to the plan.

The file is a CSV keyed by ``Nr``: UTF-8 with or without a byte-order mark,
separated by ``,`` or ``;``. Without a file every action is ``onbepaald`` and
nothing is a duplicate.
"""

import csv
import io
from pathlib import Path

import pandas as pd

from pipeline.analysis.taxonomy import entry_keys, parse_overrides
from pipeline.config import clean, fold, word
from pipeline.errors import InputError, Problem, fail_if
from pipeline.input.validate import NR_PATTERN

COLUMNS = {"nr": "Nr", "aard": "Aard", "dubbel_met": "Dubbel met", "opmerking": "Opmerking", "labels": "Labels"}
NATURES = ("strategisch", "operationeel")
UNDETERMINED = "onbepaald"


def decode(path: Path) -> str:
    """The file's text; UTF-8 (BOM optional), or a clear error naming the first bad byte's line."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(Problem(path.name, f"the file is not UTF-8 (byte {data[error.start]:#04x} on line "
                                            f"{line}); save it as 'CSV UTF-8'", row=line)) from None


def read_annotations(path: Path | str) -> pd.DataFrame:
    """Read an annotations CSV (see :func:`_read_annotations`), with the garbage collector paused as for plans."""
    from pipeline.input.ingest import collector_paused

    with collector_paused():
        return _read_annotations(Path(path))


def _read_annotations(path: Path) -> pd.DataFrame:
    """Read an annotations CSV into a frame with columns nr, aard, dubbel_met, opmerking, labels, rij.

    The csv module splits the lines (quoted fields may hold separators and line
    breaks); everything after that works on whole columns, so a file that annotates
    100,000 actions is read in a fraction of a second.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(Problem(path.name, f"the annotations file does not exist ({path})"))
    text = decode(path)
    if not text.strip():
        raise InputError(Problem(path.name, "the annotations file is empty; expected a header line "
                                            "Nr, Aard, Dubbel met, Opmerking"))
    header_line = text.splitlines()[0]
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise InputError(Problem(path.name, f"the file cannot be read as CSV ({error}); expected values separated "
                                            f"by '{delimiter}', with quotes around values that hold one")) from None
    header = records[0]
    index = {fold(name): key for key, name in COLUMNS.items()}
    keys = [index.get(fold(name)) for name in header]
    if "nr" not in keys:
        raise InputError(Problem(path.name, f"no 'Nr' column in the header {header}; expected the columns "
                                            f"{', '.join(COLUMNS.values())} separated by ',' or ';'", row=1))
    width = len(header)
    body = records[1:]
    if any(len(record) != width for record in body):
        body = [record[:width] + [""] * (width - len(record)) for record in body]
    columns = list(zip(*body)) if body else [()] * width
    raw = pd.DataFrame({col: pd.Series(values, dtype=object) for col, values in enumerate(columns)})
    raw.index = range(2, len(body) + 2)  # the record's line, counting the header as line 1
    if len(raw):
        blank = {value for values in columns for value in set(values) if not value.strip()}
        raw = raw[~raw.isin(blank).all(axis=1)]
    frame = pd.DataFrame({key: tidy(raw[keys.index(key)]) if key in keys else "" for key in COLUMNS}, index=raw.index)
    frame["rij"] = raw.index
    frame["nr"] = normalise_numbers(frame["nr"])
    frame["dubbel_met"] = normalise_numbers(frame["dubbel_met"])
    frame = frame.reset_index(drop=True)
    frame.attrs["file"] = path.name
    return frame


def tidy(values: pd.Series) -> pd.Series:
    """:func:`~pipeline.config.clean` on a column, computed once per distinct value."""
    distinct = {value: clean(value) for value in values.unique()}
    return values.map(distinct)


def normalise_nr(text: str) -> str:
    """Write an action number as ``T,N`` whatever the decimal sign."""
    compact = clean(text).replace(" ", "")
    match = NR_PATTERN.match(compact)
    return f"{match.group(1)},{match.group(2)}" if match else compact


def normalise_numbers(values: pd.Series) -> pd.Series:
    """:func:`normalise_nr` on a whole column (values already tidied); numbers written ``T,N`` pass unchanged."""
    needs = values.str.contains(r"[. ]", regex=True)
    if not needs.any():
        return values
    return values.where(~needs, values[needs].map(normalise_nr))


def check_annotations(annotations: pd.DataFrame, plan: pd.DataFrame) -> list[Problem]:
    """Problems: unknown or repeated Nr, an Aard outside the vocabulary, a bad or circular Dubbel met."""
    file = annotations.attrs.get("file", "annotations")
    frame = annotations
    known = frame["nr"].isin(plan["nr"])
    repeated = known & frame["nr"].duplicated()
    first_line = frame.groupby("nr")["rij"].transform("first") if repeated.any() else frame["rij"]
    aard = frame["aard"].map({value: word(value) for value in frame["aard"].unique()})
    bad_aard = (frame["aard"] != "") & ~aard.isin(NATURES)
    has_target = frame["dubbel_met"] != ""
    itself = has_target & (frame["dubbel_met"] == frame["nr"])
    unknown_target = has_target & ~itself & ~frame["dubbel_met"].isin(plan["nr"])
    tags = frame.loc[frame["labels"] != "", "labels"].str.split(r"[;,\s]+", regex=True).explode()
    tags = tags[tags != ""].str.lstrip("-+")
    bad_tags = frame.index.isin(tags[~tags.isin(entry_keys())].index)
    flagged = ~known | repeated | bad_aard | itself | unknown_target | bad_tags
    problems = []
    for row, nr_known, twice, aard_bad, self_ref, target_bad, first in zip(
            frame[flagged].itertuples(), known[flagged], repeated[flagged], bad_aard[flagged], itself[flagged],
            unknown_target[flagged], first_line[flagged]):
        if not nr_known:
            problems.append(Problem(file, f"action '{row.nr}' is not in the plan", row=row.rij, column="Nr"))
        elif twice:
            problems.append(Problem(file, f"action {row.nr} is annotated twice (first on line {first})",
                                    row=row.rij, column="Nr"))
        if aard_bad:
            problems.append(Problem(file, f"'{row.aard}' is not allowed; expected strategisch, operationeel or empty",
                                    row=row.rij, column="Aard"))
        if self_ref:
            problems.append(Problem(file, f"action {row.nr} cannot be a duplicate of itself",
                                    row=row.rij, column="Dubbel met"))
        elif target_bad:
            problems.append(Problem(file, f"'{row.dubbel_met}' is not an action of the plan; expected the "
                                          f"number of the action this one repeats", row=row.rij, column="Dubbel met"))
        added, removed = parse_overrides(row.labels)
        for key in sorted((added | removed) - entry_keys()):
            problems.append(Problem(file, f"'{key}' is not a tag of data/taxonomy.yaml; expected e.g. "
                                          f"zorgpunten.open_data or -europa.ai_act", row=row.rij, column="Labels"))
    problems.sort(key=lambda p: (p.column == "Labels", p.row))
    problems += find_cycles(annotations, file)
    return problems


def find_cycles(annotations: pd.DataFrame, file: str) -> list[Problem]:
    """Duplicates that point at each other in a circle (a repeats b repeats a) have no original."""
    pointing = annotations[(annotations["dubbel_met"] != "") & (annotations["dubbel_met"] != annotations["nr"])]
    target = dict(zip(pointing["nr"], pointing["dubbel_met"]))
    line = dict(zip(pointing["nr"], pointing["rij"]))
    problems, reported = [], set()
    for start in target:
        path, node = [], start
        while node in target and node not in path:
            path.append(node)
            node = target[node]
        if node in path and node == start and not reported & set(path):
            reported |= set(path)
            chain = " -> ".join([*path, start])
            problems.append(Problem(file, f"'Dubbel met' goes round in a circle ({chain}); expected one "
                                          f"original action", row=line[start], column="Dubbel met"))
    return problems


def annotate(plan: pd.DataFrame, annotations: pd.DataFrame | None) -> pd.DataFrame:
    """Join annotations to the plan: ``aard`` (default onbepaald) and ``dubbel_met`` per action."""
    result = plan.copy()
    result["aard"] = UNDETERMINED
    result["dubbel_met"] = ""
    result["labels"] = ""
    if annotations is None or annotations.empty:
        return result
    fail_if(check_annotations(annotations, plan))
    by_nr = annotations.set_index("nr")
    aard = by_nr["aard"].map({value: word(value) or UNDETERMINED for value in by_nr["aard"].unique()})
    result["aard"] = result["nr"].map(aard).fillna(UNDETERMINED)
    result["dubbel_met"] = result["nr"].map(by_nr["dubbel_met"]).fillna("")
    result["labels"] = result["nr"].map(by_nr["labels"]).fillna("")
    return result
