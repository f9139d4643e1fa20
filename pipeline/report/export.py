"""Write the tables for other programs: ``tables.csv`` and ``tags.csv`` (the contracts), and the reconciliation.

The CSV files are byte-identical across runs on the same input by construction.
The workbook for people (``tables.xlsx``) is :mod:`pipeline.report.workbook`.
"""

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Text that Excel would evaluate as a formula is prefixed with a quote, so it stays text."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def tables_csv(tables: pd.DataFrame) -> str:
    """The contract's CSV text: header, one row per cell, ``\\n`` line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["tabel", "rij", "kolom", "waarde"])
    for row in tables.itertuples(index=False):
        writer.writerow([neutralise(row.tabel), neutralise(row.rij), neutralise(row.kolom), int(row.waarde)])
    return buffer.getvalue()


def write_reconciliation_csv(reconciliation: pd.DataFrame, path: Path) -> None:
    """Write ``reconciliation.csv``: ``tabel,rij,kolom,gepubliceerd,berekend,regel``, one row per flagged cell."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["tabel", "rij", "kolom", "gepubliceerd", "berekend", "regel"])
    for row in reconciliation.itertuples(index=False):
        writer.writerow([neutralise(row.tabel), neutralise(row.rij), neutralise(row.kolom), int(row.gepubliceerd),
                         int(row.berekend), neutralise(row.regel)])
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")


TAGS_COLUMNS = ["nr", "dimensie", "label", "bron", "bewijs"]
QUOTED = (",", '"', "\r", "\n")  # a field holding one of these is quoted


def tags_csv(tags: pd.DataFrame) -> str:
    """The ``tags.csv`` contract's text: ``nr,dimensie,label,bron,bewijs``, one row per tag, ``\\n`` line ends.

    ``label`` is the taxonomy key; ``bron`` is ``regel``, ``analist`` or ``suggestie``
    (coverage counts only the first two); ``bewijs`` holds the matched words.
    A plan of 100,000 actions has some 650,000 tags but far fewer distinct values:
    each distinct ``nr``, and each distinct rest of a row, is written as CSV once
    (:func:`csv_field`), and every row is then one ``nr`` joined to one rest.
    """
    nr_codes, nrs = pd.factorize(tags["nr"].astype(str).to_numpy(dtype=object))
    combined, values = np.zeros(len(tags), dtype=np.int64), []
    for name in ("dimensie", "sleutel", "bron", "bewijs"):
        codes, distinct = pd.factorize(tags[name].astype(str).to_numpy(dtype=object))
        combined = combined * max(len(distinct), 1) + codes
        values.append(distinct)
    rest_codes, rests = pd.factorize(combined)  # each distinct rest once, numbered as first met
    rest_fields = np.empty(len(rests), dtype=object)
    for at, code in enumerate(rests.tolist()):
        fields = []
        for distinct in reversed(values):
            code, here = divmod(code, max(len(distinct), 1))
            fields.append(csv_field(distinct[here]))
        rest_fields[at] = "," + ",".join(reversed(fields))
    nr_fields = np.array(csv_fields(list(nrs)), dtype=object)
    lines = nr_fields[nr_codes] + rest_fields[rest_codes.reshape(-1)]
    return "\n".join([",".join(TAGS_COLUMNS), *lines.tolist(), ""])


def csv_fields(values: list[str]) -> list[str]:
    """:func:`csv_field` of many values; one search over all of them first, as most need nothing done, or only
    quotes around a decimal comma (an action number such as ``1,60``)."""
    joined = "\n" + "\n".join(values)  # each value follows a line break: a formula's start is found after one
    if (joined.count("\n") == len(values)  # no value holds a line break of its own
            and not any(mark in joined for mark in QUOTED if mark not in ("\n", ","))
            and not any("\n" + start in joined for start in FORMULA_START)):
        return [f'"{value}"' if "," in value else value for value in values] if "," in joined else list(values)
    return [csv_field(value) for value in values]


def csv_field(value: str) -> str:
    """One text field as the csv module writes it (minimal quoting), formula text neutralised first."""
    value = neutralise(value)
    if any(mark in value for mark in QUOTED):
        return '"' + value.replace('"', '""') + '"'
    return value


def write_tables_csv(tables: pd.DataFrame, path: Path) -> None:
    """Write ``tables.csv`` (UTF-8)."""
    path.write_text(tables_csv(tables), encoding="utf-8", newline="")
