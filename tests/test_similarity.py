"""Text similarity: reworded duplicates are proposed, lookalike templates of other domains are not."""

import pandas as pd

from pipeline.analysis import similarity


def plan(rows, year=2024):
    frame = pd.DataFrame(rows, columns=["nr", "actie", "domeinen", "jaar", "dubbel_met"])
    frame["omschrijving"] = ""
    frame["status"] = "lopend"
    return frame


def test_character_ngrams_bring_compounds_and_rewordings_together():
    scores = similarity.similarities(["Gegevensdeling met gemeenten", "Deling van gegevens met gemeenten",
                                      "Begroting kinderopvang"])
    assert scores[0, 1] > 0.4 > scores[0, 2]


def test_two_letter_words_such_as_ai_count():
    scores = similarity.similarities(["AI beleid", "AI kader", "het beleid"])
    assert scores[0, 1] > 0


def test_a_reworded_new_action_is_proposed_as_duplicate_of_its_domain_s_carried_action(monkeypatch):
    monkeypatch.setitem(similarity.settings(), "duplicate_threshold", 0.5)  # the threshold itself is measured elsewhere
    frame = plan([
        ("3,1", "Ontsluiting van bodemdata via een API", ["OMG"], 2023, ""),
        ("3,2", "Ontsluiting van vacaturedata via een API", ["WSE"], 2023, ""),
        ("3,9", "Ontsluiten van bodemdata via een API", ["OMG"], 2024, "3,1"),
        ("3,10", "Ontsluiten van vacaturedata via een API", ["OMG"], 2024, ""),
    ])
    candidates = similarity.duplicate_candidates(frame, 2024)
    assert list(zip(candidates["nr"], candidates["dubbel_van"])) == [("3,9", "3,1")]
    measured = similarity.measure_duplicates(frame, 2024)
    assert (measured["precisie"], measured["recall"]) == (1.0, 1.0)


def test_synergy_pairs_come_from_different_domains_only():
    frame = plan([
        ("2,1", "Opleiding datavisualisatie voor beleidsmedewerkers", ["OMG"], 2023, ""),
        ("2,2", "Opleiding datavisualisatie voor beleidsmedewerkers van VDAB", ["WSE"], 2023, ""),
        ("2,3", "Opleiding datavisualisatie voor medewerkers", ["OMG"], 2023, ""),
    ])
    pairs = similarity.synergy_candidates(frame)
    assert len(pairs) >= 1
    assert all(set(p.split(" / ")[0].split("+")).isdisjoint(p.split(" / ")[1].split("+")) for p in pairs["domeinen"])


def test_similarity_is_one_for_identical_and_zero_for_unrelated_texts():
    scores = similarity.similarities(["bodemdata ontsluiten", "bodemdata ontsluiten", "kinderopvang begroting"])
    assert round(scores[0, 1], 6) == 1.0 and scores[0, 2] < 0.1


def test_a_plan_without_running_actions_has_no_synergy_pairs():
    """Found by the fuzz test: when every action is finished there is nothing to compare, and no error."""
    frame = plan([("1,1", "Opleiding datavisualisatie", ["OMG"], 2023, "")])
    frame["status"] = "afgerond"
    assert similarity.synergy_candidates(frame).empty
    assert similarity.similarities([]).shape == (0, 0)
