"""The tagger: rules with context guards, suggestions on weak evidence, analysts' overrides, what counts."""

from conftest import text_actions as actions

from pipeline.analysis import taxonomy


def tags_of(frame, nr, dimension=None):
    tags = taxonomy.tag(frame)
    chosen = tags[(tags["nr"] == nr) & ((tags["dimensie"] == dimension) if dimension else True)]
    return {row.sleutel: (row.bron, row.bewijs) for row in chosen.itertuples()}


def test_sharing_counts_only_with_a_government_counterparty():
    frame = actions(("3,1", "Gegevens delen met de lokale besturen", ""),
                    ("3,2", "Burgers delen hun ervaringen met bedrijven", ""))
    shared = tags_of(frame, "3,1", "doelstellingen")
    assert shared["datadeling"][0] == "regel" and "lokale besturen" in shared["datadeling"][1]
    assert tags_of(frame, "3,2", "doelstellingen")["datadeling"] == ("suggestie", "delen")


def test_the_ai_act_needs_a_regulatory_cue():
    frame = actions(("1,1", "Beoordelingskader voor AI-toepassingen", ""), ("2,1", "Opleiding AI voor iedereen", ""))
    assert tags_of(frame, "1,1", "europa")["ai_act"][0] == "regel"
    assert tags_of(frame, "2,1", "europa")["ai_act"][0] == "suggestie"


def test_data_literacy_is_about_government_staff_not_job_seekers():
    frame = actions(("4,1", "Opleiding datavisualisatie voor medewerkers van de Vlaamse overheid", ""),
                    ("4,2", "Opleiding digitale vaardigheden voor werkzoekenden", ""))
    assert tags_of(frame, "4,1", "zorgpunten")["datageletterdheid"][0] == "regel"
    assert "datageletterdheid" not in tags_of(frame, "4,2", "zorgpunten")
    assert "digital_decade" in tags_of(frame, "4,2", "europa")


def test_word_families_and_compounds_are_found():
    frame = actions(("5,1", "Kwaliteitsnormen voor adresgegevens", "De gegevens worden gepubliceerd en ontsloten."))
    found = tags_of(frame, "5,1", "doelstellingen")
    assert found["kwaliteit"] == ("regel", "kwaliteitsnormen")
    assert {"gepubliceerd", "ontsloten"} <= set(found["vindbaarheid"][1].split("; "))


def test_an_open_databroker_or_an_open_data_standard_is_not_open_data():
    frame = actions(("5,2", "Traject open databroker voor steden", ""), ("5,4", "Een open datastandaard voor gemeenten", ""))
    assert "open_data" not in tags_of(frame, "5,2", "zorgpunten")
    assert "open_data" not in tags_of(frame, "5,4", "zorgpunten")
    assert "vindbaarheid" not in tags_of(frame, "5,4", "doelstellingen")


def test_images_taken_to_map_something_are_new_data():
    """Thermographic maps, aerial photos and facade scans collect data, as sensors and counting posts do (point 48 of
    data/evaluation/README.md)."""
    frame = actions(("4,1", "Een thermografische kaart van de daken", ""),
                    ("4,2", "De stad laat gevelscans maken", "Een vliegtuig met een warmtecamera overvliegt de gemeente."))
    assert tags_of(frame, "4,1", "doelstellingen")["kwaliteit"] == ("regel", "thermografische")
    assert tags_of(frame, "4,2", "doelstellingen")["kwaliteit"][0] == "regel"


def test_themes_tag_with_the_theme_as_evidence():
    assert tags_of(actions(("3,7", "Iets", "")), "3,7", "actiedomeinen") == {"ecosysteem": ("regel", "thema 3")}


def test_analysts_add_remove_and_confirm_and_only_counted_tags_count():
    frame = actions(("3,1", "Burgers delen hun ervaringen", ""), ("3,2", "Burgers delen hun ervaringen", ""),
                    ("5,1", "Publicatie van bodemdata als open data", ""),
                    labels=["doelstellingen.datadeling", "", "-zorgpunten.open_data europa.data_act"])
    tags = taxonomy.tag(frame)
    confirmed = tags[(tags["nr"] == "3,1") & (tags["sleutel"] == "datadeling")]
    assert confirmed[["bron", "bewijs"]].values.tolist() == [["analist", "delen"]]
    assert tags_of(frame, "5,1", "europa")["data_act"] == ("analist", "annotaties")
    assert "open_data" not in tags_of(frame, "5,1", "zorgpunten")
    assert len(taxonomy.counted(tags)) == len(tags) - 1




def test_every_rule_phrase_is_written_in_lower_case_and_every_requires_has_phrases_to_tag():
    for dimension, entry in taxonomy.qualified_entries():
        for name in taxonomy.RULE_LISTS:
            assert all(p == p.lower() for p in entry.get(name, [])), (dimension, entry["key"], name)
        assert not entry.get("requires") or entry.get("any"), (dimension, entry["key"])


def test_nature_suggestions_show_their_evidence():
    frame = actions(("1,1", "Roadmap en beleidskader voor data", ""), ("3,1", "Dashboard en API", ""),
                    ("3,2", "Iets", ""))
    frame["aard"] = ["onbepaald", "onbepaald", "strategisch"]
    suggestions = taxonomy.suggest_nature(frame).set_index("nr")
    assert suggestions.loc["1,1", "suggestie"] == "strategisch" and "roadmap" in suggestions.loc["1,1", "woorden"]
    assert suggestions.loc["3,1", "suggestie"] == "operationeel"
    assert "3,2" not in suggestions.index  # annotated actions get no suggestion




def test_evidence_names_each_word_once_in_the_order_the_text_names_the_phrases():
    frame = actions(("2,4", "Opleidingen voor medewerkers en opleidingen in datascience", ""))
    literacy = tags_of(frame, "2,4", "zorgpunten")["datageletterdheid"]
    assert literacy[0] == "regel"
    words = literacy[1].split("; ")
    assert len(words) == len(set(words)) and words[0] == "opleidingen"


def test_an_analyst_overrules_a_veto_and_a_removal_beats_an_addition():
    frame = actions(("5,2", "Traject open databroker voor steden", ""), ("5,3", "Open data voor steden", ""),
                    labels=["zorgpunten.open_data", "zorgpunten.open_data -zorgpunten.open_data"])
    assert tags_of(frame, "5,2", "zorgpunten")["open_data"] == ("analist", "annotaties")
    assert "open_data" not in tags_of(frame, "5,3", "zorgpunten")


def test_a_plan_without_words_gets_only_the_tags_of_its_themes():
    tags = taxonomy.tag(actions(("3,1", "", ""), ("1,2", "...", "")))
    assert set(tags["bewijs"]) <= {"thema 3", "thema 1"} and len(tags) >= 2
