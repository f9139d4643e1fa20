"""Read the analysts' annotations (nature and duplicates per action) and join them to the plan.

The file is a CSV keyed by ``Nr``: UTF-8 with or without a byte-order mark,
separated by ``,`` or ``;``. Without a file every action is ``onbepaald`` and
nothing is a duplicate.
"""

import csv
import io
from pathlib import Path

import pandas as pd

from pipeline.config import clean, fold, word
from pipeline.errors import InputError, Problem, fail_if
from pipeline.taxonomy import entry_keys, parse_overrides
from pipeline.validate import NR_PATTERN

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
    """Read an annotations CSV into a frame with columns nr, aard, dubbel_met, opmerking, rij."""
    path = Path(path)
    if not path.exists():
        raise InputError(Problem(path.name, f"the annotations file does not exist ({path})"))
    text = decode(path)
    if not text.strip():
        raise InputError(Problem(path.name, "the annotations file is empty; expected a header line "
                                            "Nr, Aard, Dubbel met, Opmerking"))
    header_line = text.splitlines()[0]
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader)
    index = {fold(name): key for key, name in COLUMNS.items()}
    keys = [index.get(fold(name)) for name in header]
    if "nr" not in keys:
        raise InputError(Problem(path.name, f"no 'Nr' column in the header {header}; expected the columns "
                                            f"{', '.join(COLUMNS.values())} separated by ',' or ';'", row=1))
    rows = []
    for line_number, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        record = dict.fromkeys(COLUMNS, "")
        record.update({key: clean(value) for key, value in zip(keys, values) if key})
        record["rij"] = line_number
        rows.append(record)
    frame = pd.DataFrame(rows, columns=[*COLUMNS, "rij"])
    frame["nr"] = frame["nr"].map(normalise_nr)
    frame["dubbel_met"] = frame["dubbel_met"].map(normalise_nr)
    frame.attrs["file"] = path.name
    return frame


def normalise_nr(text: str) -> str:
    """Write an action number as ``T,N`` whatever the decimal sign."""
    compact = clean(text).replace(" ", "")
    match = NR_PATTERN.match(compact)
    return f"{match.group(1)},{match.group(2)}" if match else compact


def check_annotations(annotations: pd.DataFrame, plan: pd.DataFrame) -> list[Problem]:
    """Problems: unknown or repeated Nr, an Aard outside the vocabulary, a bad or circular Dubbel met."""
    file = annotations.attrs.get("file", "annotations")
    known = set(plan["nr"])
    problems, seen = [], {}
    for row in annotations.itertuples():
        if row.nr not in known:
            problems.append(Problem(file, f"action '{row.nr}' is not in the plan", row=row.rij, column="Nr"))
        elif row.nr in seen:
            problems.append(Problem(file, f"action {row.nr} is annotated twice (first on line {seen[row.nr]})",
                                    row=row.rij, column="Nr"))
        seen.setdefault(row.nr, row.rij)
        if row.aard and word(row.aard) not in NATURES:
            problems.append(Problem(file, f"'{row.aard}' is not allowed; expected strategisch, operationeel or empty",
                                    row=row.rij, column="Aard"))
        if row.dubbel_met:
            if row.dubbel_met == row.nr:
                problems.append(Problem(file, f"action {row.nr} cannot be a duplicate of itself",
                                        row=row.rij, column="Dubbel met"))
            elif row.dubbel_met not in known:
                problems.append(Problem(file, f"'{row.dubbel_met}' is not an action of the plan; expected the "
                                              f"number of the action this one repeats", row=row.rij, column="Dubbel met"))
    known_tags = entry_keys()
    for row in annotations.itertuples():
        added, removed = parse_overrides(row.labels)
        for key in sorted((added | removed) - known_tags):
            problems.append(Problem(file, f"'{key}' is not a tag of data/taxonomy.yaml; expected e.g. "
                                          f"zorgpunten.open_data or -europa.ai_act", row=row.rij, column="Labels"))
    problems += find_cycles(annotations, file)
    return problems


def find_cycles(annotations: pd.DataFrame, file: str) -> list[Problem]:
    """Duplicates that point at each other in a circle (a repeats b repeats a) have no original."""
    target = {r.nr: r.dubbel_met for r in annotations.itertuples() if r.dubbel_met and r.dubbel_met != r.nr}
    line = dict(zip(annotations["nr"], annotations["rij"]))
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
    aard = by_nr["aard"].map(lambda v: word(v) or UNDETERMINED)
    result["aard"] = result["nr"].map(aard).fillna(UNDETERMINED)
    result["dubbel_met"] = result["nr"].map(by_nr["dubbel_met"]).fillna("")
    result["labels"] = result["nr"].map(by_nr["labels"]).fillna("")
    return result
