"""What a plan's counted tags say: coverage per domain, counts per entry with suggestions left out, and the SERV
recommendations followed up."""

from conftest import text_actions as actions

from pipeline.analysis import coverage, taxonomy


def test_counts_leave_suggestions_out_and_list_zeros():
    frame = actions(("3,1", "Burgers delen hun ervaringen", ""), ("3,2", "Burgers delen hun ervaringen", ""),
                    labels=["doelstellingen.datadeling", ""])
    counts = coverage.counts(taxonomy.tag(frame), "doelstellingen")
    assert counts["datadeling"] == 1  # 3,1 is confirmed by an analyst, 3,2 is only a suggestion
    assert counts.index.tolist() == [e["key"] for e in taxonomy.entries("doelstellingen")] and counts["kwaliteit"] == 0


def test_coverage_counts_every_domain_and_lists_zeros():
    frame = actions(("1,1", "Beleidskader voor ethisch gebruik", ""))
    frame["domeinen"] = [["OMG", "WVG"]]
    frame["thema"] = "algemeen_kader"
    grid = coverage.coverage(taxonomy.tag(frame), frame, "doelstellingen", "domein", ["CJSM", "OMG", "WVG"])
    assert grid.loc["gebruik_ethiek"].tolist() == [0, 1, 1]
    assert grid.loc["kwaliteit"].sum() == 0


def test_recommendations_follow_up_lists_the_evidence():
    frame = actions(("1,1", "Opmaak van een datastrategie voor VDAB", ""), ("2,1", "Opleiding data voor medewerkers", ""))
    frame["nieuw"] = [True, False]
    follow_up = coverage.recommendations(taxonomy.tag(frame), frame).set_index("sleutel")
    assert follow_up.loc["eigen_strategie", "nummers"] == ["1,1"] and follow_up.loc["eigen_strategie", "nieuw"] == 1
    assert follow_up.loc["datageletterdheid", "acties"] == 1
    assert follow_up.loc["strategische_analyse", "acties"] == 0


def test_the_actions_behind_each_entry_are_the_counted_ones():
    frame = actions(("3,1", "Burgers delen hun ervaringen", ""), ("3,2", "Gegevens delen met de lokale besturen", ""))
    behind = coverage.actions_per_entry(taxonomy.tag(frame), "doelstellingen")
    assert behind["datadeling"] == ["3,2"] and behind["kwaliteit"] == []
