"""The tagger's rules, overrides and suggestions, and its quality against hand labels."""

import pandas as pd
import pytest

from pipeline import taxonomy


def actions(*rows):
    frame = pd.DataFrame(rows, columns=["nr", "actie", "omschrijving"])
    frame["thema_nr"] = frame["nr"].str.split(",").str[0].astype(int)
    frame["type"] = "individueel"
    return frame


@pytest.mark.parametrize("phrases, text, found", [
    (["ontsluit*"], "Ontsluiting van data", ["ontsluiting"]),
    (["api"], "een API voor", ["api"]),
    (["api"], "de apicultuur", []),
    (["*indicator*"], "gezondheidsindicatoren", ["gezondheidsindicatoren"]),
    (["datageletterdheid*"], "DATAGELETTERDHEID", ["datageletterdheid"]),
    (["artificiele intelligentie"], "artificiële  intelligentie", ["artificiele  intelligentie"]),
])
def test_phrases_match_at_word_starts_without_case_or_accents(phrases, text, found):
    assert taxonomy.evidence(text, phrases) == found


def test_exclusions_veto_and_theme_and_type_rules_apply():
    entry = {"any": ["open data*"], "none": ["geen open data"], "themes": [5], "types": ["synergie"]}
    assert taxonomy.entry_matches(entry, "open data over X", 3, "individueel")
    assert not taxonomy.entry_matches(entry, "open data, maar geen open data-portaal", 3, "individueel")
    assert taxonomy.entry_matches(entry, "iets anders", 5, "individueel")
    assert taxonomy.entry_matches(entry, "iets anders", 3, "synergie")


def test_tags_and_analyst_overrides():
    frame = actions(("5,1", "Publicatie van bodemdata als open data", ""),
                    ("2,1", "Opleiding voor medewerkers", "Met de VVSG."))
    frame["labels"] = ["-zorgpunten.open_data europa.data_act", ""]
    tags = taxonomy.tag(frame)
    first = set(tags.loc[tags["nr"] == "5,1", "sleutel"])
    assert "open_data" not in set(tags.loc[(tags["nr"] == "5,1") & (tags["dimensie"] == "zorgpunten"), "sleutel"])
    assert {"data_act", "vindbaarheid"} <= first
    assert tags.loc[(tags["nr"] == "5,1") & (tags["sleutel"] == "data_act"), "bron"].item() == "analist"
    second = set(tags.loc[tags["nr"] == "2,1", "sleutel"])
    assert {"datageletterdheid", "interbestuurlijk"} <= second


def test_coverage_counts_every_domain_and_lists_zeros():
    frame = actions(("1,1", "Beleidskader voor ethisch gebruik", ""))
    frame["domeinen"] = [["OMG", "WVG"]]
    frame["thema"] = "algemeen_kader"
    grid = taxonomy.coverage(taxonomy.tag(frame), frame, "doelstellingen", "domein", ["CJSM", "OMG", "WVG"])
    assert grid.loc["gebruik_ethiek"].tolist() == [0, 1, 1]
    assert grid.loc["kwaliteit"].sum() == 0


def test_the_gold_set_has_enough_hand_labelled_actions():
    gold = pd.read_csv(taxonomy.GOLD_FILE, dtype=str, keep_default_na=False)
    assert len(gold) >= 40 and gold["nr"].is_unique


def test_the_rules_reach_useful_precision_and_recall_on_the_hand_labels():
    scores = taxonomy.evaluate(pd.read_csv(taxonomy.GOLD_FILE, dtype=str, keep_default_na=False)).set_index("dimensie")
    assert set(scores.index) == {"doelstellingen", "zorgpunten", "europa"}
    assert (scores["precisie"] >= 0.7).all() and (scores["recall"] >= 0.7).all(), scores


def test_precision_and_recall_arithmetic():
    assert taxonomy.precision_recall({1, 2, 3, 4}, {1, 2, 5}) == (0.5, 2 / 3)


def test_nature_suggestions_show_their_evidence():
    frame = actions(("1,1", "Roadmap en beleidskader voor data", ""), ("3,1", "Dashboard en API", ""),
                    ("3,2", "Iets", ""))
    frame["aard"] = ["onbepaald", "onbepaald", "strategisch"]
    suggestions = taxonomy.suggest_nature(frame).set_index("nr")
    assert suggestions.loc["1,1", "suggestie"] == "strategisch" and "roadmap" in suggestions.loc["1,1", "woorden"]
    assert suggestions.loc["3,1", "suggestie"] == "operationeel"
    assert "3,2" not in suggestions.index  # annotated actions get no suggestion


def test_recommendations_follow_up_lists_the_evidence():
    frame = actions(("1,1", "Opmaak van een datastrategie voor VDAB", ""), ("2,1", "Opleiding data", ""))
    frame["nieuw"] = [True, False]
    follow_up = taxonomy.recommendations(taxonomy.tag(frame), frame).set_index("sleutel")
    assert follow_up.loc["eigen_strategie", "nummers"] == ["1,1"] and follow_up.loc["eigen_strategie", "nieuw"] == 1
    assert follow_up.loc["datageletterdheid", "acties"] == 1
    assert follow_up.loc["strategische_analyse", "acties"] == 0
