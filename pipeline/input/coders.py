"""Two analysts annotate the same plan apart; this compares them, as the OGP's IRM double-codes commitments.

Beside ``annotations-2024.csv`` (the reconciled file) the coders' own files are
``annotations-2024.a.csv`` and ``annotations-2024.b.csv``. Each is read and
checked like any annotations file. The report then shows the agreement per field
and lists every disagreement for reconciliation. Without a reconciled file, only
what both coders wrote counts: a nature or duplicate they disagree on stays
undetermined, and only the tags both added (or both removed) apply.
"""

from pathlib import Path

import pandas as pd

from pipeline.analysis.stats import cohen_kappa, matches
from pipeline.analysis.taxonomy import parse_overrides
from pipeline.config import word
from pipeline.errors import fail_if
from pipeline.input.annotations import UNDETERMINED, check_annotations, read_annotations
from pipeline.input.validate import nr_order

CODERS = ("a", "b")
FIELDS = ["aard", "dubbel_met", "labels"]


def coder_files(annotations: Path) -> tuple[Path, Path] | None:
    """The two coders' files beside an annotations file (``X.a.csv`` and ``X.b.csv`` for ``X.csv``), if both exist."""
    pair = tuple(annotations.with_name(f"{annotations.stem}.{coder}.csv") for coder in CODERS)
    return pair if all(path.exists() for path in pair) else None


def normalise_labels(cell: str) -> str:
    """A Labels cell in one spelling: added keys, then removed ones, each sorted."""
    added, removed = parse_overrides(cell)
    return " ".join(sorted(added) + [f"-{key}" for key in sorted(removed)])


def coded(annotations: pd.DataFrame, plan: pd.DataFrame) -> pd.DataFrame:
    """One coder's fields for every action of the plan (an action they left out has empty fields)."""
    fail_if(check_annotations(annotations, plan))
    by_nr = annotations.set_index("nr")
    frame = pd.DataFrame({"nr": plan["nr"]})
    frame["aard"] = frame["nr"].map(by_nr["aard"].map(lambda v: word(v) or UNDETERMINED)).fillna(UNDETERMINED)
    frame["dubbel_met"] = frame["nr"].map(by_nr["dubbel_met"]).fillna("")
    frame["labels"] = frame["nr"].map(by_nr["labels"].map(normalise_labels)).fillna("")
    return frame.set_index("nr")


def read_coders(pair: tuple[Path, Path], plan: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Both coders' fields for every action. Raises InputError, naming the file, line and column."""
    first, second = (coded(read_annotations(path), plan) for path in pair)
    return first, second


def agreement(first: pd.DataFrame, second: pd.DataFrame) -> pd.DataFrame:
    """Per field: the actions compared, how many were coded alike, the share and Cohen's kappa."""
    rows = []
    for field in FIELDS:
        a, b = first[field].tolist(), second[field].tolist()
        equal = matches(a, b)
        rows.append({"veld": field, "acties": len(a), "gelijk": equal, "aandeel": equal / len(a) if a else 1.0,
                     "kappa": cohen_kappa(a, b) if a else 1.0})
    return pd.DataFrame(rows)


def disagreements(first: pd.DataFrame, second: pd.DataFrame) -> pd.DataFrame:
    """Every action and field the coders filled in differently: ``nr, veld, codeur_a, codeur_b``, in plan order."""
    rows = [{"nr": nr, "veld": field, "codeur_a": first.at[nr, field], "codeur_b": second.at[nr, field]}
            for field in FIELDS for nr in first.index if first.at[nr, field] != second.at[nr, field]]
    frame = pd.DataFrame(rows, columns=["nr", "veld", "codeur_a", "codeur_b"])
    return frame.sort_values("nr", key=lambda s: s.map(nr_order), kind="stable").reset_index(drop=True)


def consensus(first: pd.DataFrame, second: pd.DataFrame) -> pd.DataFrame:
    """Annotations that hold only what both coders wrote, in the shape :func:`~pipeline.input.annotations.annotate` joins."""
    aard = first["aard"].where(first["aard"] == second["aard"], UNDETERMINED).replace(UNDETERMINED, "")
    duplicate = first["dubbel_met"].where(first["dubbel_met"] == second["dubbel_met"], "")
    labels = [" ".join(sorted(set(a.split()) & set(b.split()))) for a, b in zip(first["labels"], second["labels"])]
    frame = pd.DataFrame({"nr": first.index, "aard": aard.to_numpy(), "dubbel_met": duplicate.to_numpy(),
                          "opmerking": "", "labels": labels})
    frame["rij"] = range(2, len(frame) + 2)
    frame.attrs["file"] = "consensus of the two coders"
    return frame
