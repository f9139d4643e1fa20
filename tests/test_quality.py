"""Information quality: four elements in the whole text, dates as dates, classes, per domain and the thinnest."""

import pandas as pd

from pipeline.analysis import quality


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


def test_a_day_number_a_version_and_a_duration_are_not_quantities():
    for note in ("Klaar op 12 maart.", "Versie 1.0 staat online.", "Melden binnen 72 uur.", "Rapport 2022/8.",
                 "Registreren binnen 7 kalenderdagen.", "Vijf werkdagen beschikbaar.", "Op maturiteitsniveau 3."):
        assert quality.score(frame(note)).iloc[0]["getal"] == 0, note
    for note in ("190.010 dossiers", "Acht steden doen mee.", "85% is open data", "29 miljoen euro"):
        assert quality.score(frame(note)).iloc[0]["getal"] == 1, note


def test_a_number_word_counts_only_as_written():
    scores = quality.score(frame("Acht rapporten.", "Het achtste rapport.", "Een vijftiental rapporten.",
                                 "Wageningen Environmental Research."))
    assert scores["getal"].tolist() == [1, 0, 1, 0]


def test_a_spelled_duration_a_series_number_and_a_rates_base_are_not_quantities():
    for note in ("Cijfers over tien jaar.", "Rapporten 2013 (30).", "Plaatsen per 100 kinderen.", "DHMV II is klaar."):
        row = quality.score(frame(note)).iloc[0]
        assert row["getal"] == 0 and row["eigenaar"] == 0, note
    for note in ("Tien gemeenten doen mee.", "Er zijn 30 plaatsen per gemeente."):
        assert quality.score(frame(note)).iloc[0]["getal"] == 1, note


def test_the_description_counts_too():
    row = quality.score(frame("", description="VDAB bouwt een dashboard.")).iloc[0]
    assert (row["resultaat"], row["eigenaar"], row["klasse"]) == (1, 1, "voldoende")


def test_generic_words_are_not_an_owner_or_a_deliverable():
    row = quality.score(frame("Loopt verder door de crisis.", description="Werk maken van data.")).iloc[0]
    assert (row["resultaat"], row["eigenaar"], row["klasse"]) == (0, 0, "niet_verifieerbaar")


def test_one_element_is_thin():
    assert quality.score(frame("Een handleiding.")).iloc[0]["klasse"] == "mager"


def test_thinnest_first_and_per_domain():
    scores = quality.score(frame("Loopt.", "", "De handleiding is opgeleverd in mei 2023 door team Data."))
    assert quality.thinnest(scores, 2)["nr"].tolist() == ["1,2", "1,1"]
    grid = quality.by_domain(scores, ["OMG", "WVG"])
    assert grid.loc["OMG", quality.CLASSES].sum() == 3 and grid.loc["WVG", quality.CLASSES].sum() == 0


def test_each_action_is_read_on_its_own():
    """All texts are read in one pass; a reference at the end of one must not take a number from the next."""
    plan = pd.DataFrame({"nr": ["1,1", "1,2"], "actie": ["Zie versie", "3 afdelingen gebruiken het"],
                         "omschrijving": "", "aanvullingen": "", "domeinen": [["OMG"]] * 2})
    assert quality.score(plan)["getal"].tolist() == [0, 1]
    assert quality.score(frame("Zie versie 3")).loc[0, "getal"] == 0
