"""The word model beside the rules: its features, its scores, its evidence, how the tagger counts it, and that the
committed weights are what training on the development part gives."""

import runpy

import numpy as np
import pandas as pd
import pytest

from pipeline.analysis import model, taxonomy
from pipeline.analysis.rules import Tokens, family_keys, fold_text, joined_codes
from pipeline.config import ROOT


def weights_table(rows: dict[str, float], entry: str = "zorgpunten.open_data", intercept: float = 0.0):
    """A hand-written weights table of one entry: feature -> weight."""
    return pd.DataFrame({entry: [intercept, *rows.values()]}, index=[model.INTERCEPT, *rows])


def family(word: str) -> str:
    return f"f:{family_keys([word])[0]}"


def test_a_word_has_its_padded_ngrams_and_its_family():
    features = model.word_features(["delen"])[0]
    assert {"n: de", "n:del", "n:elen ", "n: dele"} <= set(features) and features[-1] == family("delen")
    assert "n: delen" not in features  # six characters: longer than the longest n-gram
    assert all(len(f) - 2 in range(3, 6) for f in features if f.startswith("n:"))


def test_a_text_scores_its_distinct_words_over_their_square_root_and_skips_numbers():
    table = weights_table({family("fietspad"): 1.0, family("kaart"): 2.0})
    tokens = Tokens([fold_text(t) for t in ("fietspaden 2024", "fietspad fietspaden kaart boom", "boom")])
    probability = model.text_scores(tokens, table)[0][:, 0]
    logits = np.log(probability / (1 - probability))
    assert logits == pytest.approx([1.0, (1 + 1 + 2) / np.sqrt(4), 0.0])


def test_evidence_is_the_heaviest_positive_words_largest_first():
    chosen = model.heaviest(np.array([0.5, 2.0, -1.0, 1.0, 3.0, 0.0]), np.array([0, 0, 0, 0, 1, 1]), 3, 2)
    assert chosen.tolist() == [[1, 3], [4, -1], [-1, -1]]
    words = joined_codes(np.array([[2, 0], [2, 0], [1, -1]]), np.array(["a", "b", "c"], dtype=object))
    assert words.tolist() == ["c; a", "c; a", "b"]


def test_training_learns_a_compound_from_its_parts():
    sharing = ["gegevens delen met gemeenten", "delen van gegevens tussen besturen", "gegevens uitwisselen met steden",
               "uitwisseling van gegevens met provincies"]
    other = ["opleiding voor werkzoekenden", "wegen onderhouden in de stad", "fietspaden aanleggen langs kanalen",
             "subsidie voor sportclubs en jeugdwerk"]
    targets = pd.DataFrame({"doelstellingen.datadeling": [1] * 4 + [0] * 4})
    table = model.train(sharing + other, targets)
    tokens = Tokens([fold_text(t) for t in ("een platform voor gegevensuitwisseling", "een plan voor sportvelden")])
    probability = model.text_scores(tokens, table)[0][:, 0]
    assert probability[0] > 0.5 > probability[1]


def test_an_entry_with_too_few_examples_gets_no_model():
    targets = pd.DataFrame({"zorgpunten.open_data": [1, 0, 0, 0], "doelstellingen.datadeling": [1, 1, 1, 0]})
    table = model.train(["open data", "wegen", "fietsen", "open kaarten"], targets)
    assert table.columns.tolist() == ["doelstellingen.datadeling"]


def test_the_tagger_counts_a_model_tag_unless_a_phrase_vetoes_or_an_analyst_removes_it(monkeypatch):
    monkeypatch.setattr(model, "weights", lambda: weights_table({family("fietspad"): 3.0}))
    plan = pd.DataFrame({"nr": ["1", "2", "3"], "actie": ["Kaart van de fietspaden", "Fietspaden in de open databroker",
                                                           "Fietspaden tellen"],
                         "omschrijving": ["", "", ""], "labels": ["", "", "-zorgpunten.open_data"]})
    tags = taxonomy.tag(plan)
    found = tags[(tags["dimensie"] == "zorgpunten") & (tags["sleutel"] == "open_data")]
    assert found[["nr", "bron", "bewijs"]].values.tolist() == [["1", "regel", "model: fietspaden"]]


def test_a_rule_the_model_finds_very_unlikely_only_suggests_where_its_family_has_a_veto(monkeypatch):
    table = pd.concat([weights_table({family("fietspad"): -6.0}),
                       weights_table({family("fietspad"): -6.0}, "doelstellingen.vindbaarheid")], axis=1)
    monkeypatch.setattr(model, "weights", lambda: table)
    assert model.vetoes(table.columns)[0] > 0 and model.vetoes(table.columns)[1] == 0
    plan = pd.DataFrame({"nr": ["1", "2"], "actie": ["Open data over fietspaden", "Open data over wegen"],
                         "omschrijving": ["", ""]})
    tags = taxonomy.tag(plan)
    chosen = tags[tags["sleutel"].isin(["open_data", "vindbaarheid"])]
    assert chosen[["nr", "sleutel", "bron"]].values.tolist() == [
        ["1", "vindbaarheid", "regel"], ["1", "open_data", "suggestie"],  # -6 / sqrt(3 words): below 0.05
        ["2", "vindbaarheid", "regel"], ["2", "open_data", "regel"]]
    assert chosen["bewijs"].tolist() == ["open data"] * 4  # a doubted tag keeps the words it rests on


def test_an_entry_s_own_veto_goes_before_its_family_s(monkeypatch):
    monkeypatch.setattr(model, "settings", lambda: {"vetoes": {"principes": 0.1, "principes.grondstof": 0.3}})
    assert model.vetoes(["principes.ontzorgen", "principes.grondstof", "zorgpunten.open_data"]).tolist() == [
        0.1, 0.3, 0.0]


def test_the_rules_alone_leave_the_model_out(monkeypatch):
    monkeypatch.setattr(model, "weights", lambda: weights_table({family("fietspad"): 3.0}))
    texts = ["Kaart van de fietspaden"]
    assert taxonomy.text_matches(texts).model.tags()["entry"].tolist() == ["zorgpunten.open_data"]
    assert taxonomy.text_matches(texts, learned=False).model is None


def test_committed_weights_are_what_training_on_the_development_part_gives():
    trained = runpy.run_path(str(ROOT / "scripts" / "train_model.py"))["trained_weights"]()
    committed = model.weights()
    assert committed.columns.tolist() == trained.columns.tolist()
    assert committed.index.tolist() == trained.index.tolist()
    assert np.allclose(committed.to_numpy(), trained.to_numpy(), atol=2 * 10 ** -model.DECIMALS)
