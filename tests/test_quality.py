"""Information quality: signals, classes, per domain and the thinnest actions."""

import pandas as pd

from pipeline import quality


def frame(*notes, description="Een omschrijving."):
    return pd.DataFrame({"nr": [f"1,{i + 1}" for i in range(len(notes))], "actie": "x", "domeinen": [["OMG"]] * len(notes),
                         "omschrijving": description, "aanvullingen": list(notes)})


def test_empty_notes_are_not_verifiable():
    scores = quality.score(frame("", description=""))
    assert scores.loc[0, "score"] == 0 and scores.loc[0, "klasse"] == "niet_verifieerbaar"


def test_signals_are_found():
    note = "In juni 2023 leverde het Departement Omgeving de handleiding op; 12 afdelingen gebruiken ze al."
    row = quality.score(frame(note)).iloc[0]
    assert (row["resultaat"], row["periode"], row["getal"], row["eigenaar"]) == (1, 1, 1, 1)
    assert row["klasse"] == "gedetailleerd"


def test_a_year_is_a_period_not_a_number():
    row = quality.score(frame("Loopt verder in 2024.")).iloc[0]
    assert row["periode"] == 1 and row["getal"] == 0


def test_thin_notes():
    assert quality.score(frame("Loopt.")).iloc[0]["klasse"] == "mager"


def test_thinnest_first_and_per_domain():
    scores = quality.score(frame("Loopt.", "", "De handleiding is opgeleverd in mei 2023 door team Data."))
    assert quality.thinnest(scores, 2)["nr"].tolist() == ["1,2", "1,1"]
    grid = quality.by_domain(scores, ["OMG", "WVG"])
    assert grid.loc["OMG", quality.CLASSES].sum() == 3 and grid.loc["WVG", quality.CLASSES].sum() == 0
