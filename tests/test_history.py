"""Year on year: matching on Nr and on title, every fate, completion rates across the domain merger."""

import pandas as pd
import pytest

from pipeline.analysis import history


def plan(rows, year):
    frame = pd.DataFrame(rows, columns=["nr", "actie", "domeinen", "jaar", "status", "dubbel_met"])
    frame["thema"] = "ecosysteem"
    frame["type"] = "individueel"
    frame["aard"] = "onbepaald"
    return frame


@pytest.fixture
def pair():
    before = plan([
        ("3,1", "Datawarehouse voor verkeerstellingen", ["MOW"], 2022, "lopend", ""),
        ("3,2", "Ontsluiting van bodemdata via een API", ["OMG"], 2022, "lopend", ""),
        ("3,3", "Koppeling van vacaturedata met partners", ["WSE"], 2022, "lopend", ""),
        ("3,4", "Dashboard over zorgregistraties", ["WVG"], 2022, "lopend", ""),
        ("3,5", "Migratie van steundossiers naar de cloud", ["EWI"], 2022, "lopend", ""),
        ("3,6", "Registratie van erfgoedcollecties", ["CJSM"], 2022, "afgerond", ""),
        ("3,7", "Tweede datawarehouse voor verkeerstellingen", ["MOW"], 2023, "lopend", "3,1"),
    ], 2023)
    after = plan([
        ("3,1", "Datawarehouse voor verkeerstellingen", ["MOW"], 2022, "lopend", ""),  # continued
        ("3,2", "Ontsluiting van bodemdata via een API", ["OMG"], 2022, "afgerond", ""),  # completed
        ("3,4", "Een heel ander onderwerp over begrotingen", ["FB"], 2024, "lopend", ""),  # number reused
        ("3,9", "Ontsluiten van bodemdata via een API", ["OMG"], 2024, "lopend", "3,2"),  # new duplicate
        ("3,12", "Migratie van steundossiers naar een cloudplatform", ["WEWILS"], 2022, "lopend", ""),  # renumbered
    ], 2024)
    return before, after


def test_every_action_gets_one_fate(pair):
    fates = history.fates(*pair, 2024).set_index(["nr_vorig", "nr"])["lot"]
    assert fates[("3,1", "3,1")] == "voortgezet"
    assert fates[("3,2", "3,2")] == "afgerond"
    assert fates[("", "3,9")] == "dubbel"
    assert fates[("3,5", "3,12")] == "voortgezet"
    assert fates[("3,3", "")] == "stil_geschrapt"          # running, absent, never reported completed
    assert fates[("3,4", "")] == "stil_geschrapt"          # its number now belongs to another action
    assert fates[("", "3,4")] == "nieuw"
    assert fates[("3,6", "")] == "eerder_afgerond"
    assert fates[("3,7", "")] == "dubbel_opgeruimd"


def test_a_renumbered_action_is_matched_on_title_with_its_score(pair):
    matches = history.match(pair[0], pair[1], 2024).set_index("nr")
    assert matches.loc["3,12", "nr_vorig"] == "3,5" and matches.loc["3,12", "methode"] == "titel"
    assert 0.75 <= matches.loc["3,12", "score"] < 1
    assert "3,4" not in matches.index  # same number, unrelated title: not the same action


def test_new_actions_are_never_matched_on_title(pair):
    before, after = pair
    after = pd.concat([after, plan([("3,20", "Koppeling van vacaturedata met partners", ["WSE"], 2024, "lopend", "")],
                                   2024)])
    fates = history.fates(before, after, 2024)
    assert fates.set_index("nr").loc["3,20", "lot"] == "nieuw"


def test_transitions_add_up(pair):
    grid = history.transitions(history.fates(*pair, 2024))
    assert grid.loc["lopend", "totaal"] == 5 and grid.loc["totaal", "totaal"] == 9
    assert grid.loc["lopend", "stil_geschrapt"] == 2


def test_completion_rates_use_the_domain_crosswalk(pair):
    rates = history.completion_rates(history.fates(*pair, 2024), "domein")
    assert "WEWILS" in rates.index and "EWI" not in rates.index  # EWI's action counted under WEWILS
    assert rates.loc["OMG", "aandeel_afgerond"] == 1.0


def test_long_running_and_central_share():
    now = plan([("1,1", "a", ["DV&VSA"], 2022, "lopend", ""), ("1,2", "b", ["OMG"], 2024, "lopend", ""),
                ("1,3", "c", ["OMG", "DV&VSA"], 2023, "lopend", ""), ("1,4", "d", ["OMG"], 2022, "afgerond", "")], 2024)
    assert history.long_running(now, 2024)["nr"].tolist() == ["1,1", "1,3"]
    shares = history.central_share(now, 2024).set_index("groep")
    assert shares.loc["alle", "centraal"] == 2 and shares.loc["alle", "totaal"] == 3
    assert shares.loc["2024", "aandeel"] == 0
