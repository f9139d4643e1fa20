"""Phrase matching: folded, at word boundaries, with Dutch word families, run-ons and compounds."""

import pytest

from pipeline.rules import PhraseIndex, evidence, find_all, fold_text


@pytest.mark.parametrize("phrases, text, found", [
    (["ontsluit*"], "Ontsluiting van data", ["ontsluiting"]),
    (["api"], "een API voor", ["api"]),
    (["api"], "de apicultuur", []),
    (["*indicator*"], "gezondheidsindicatoren", ["gezondheidsindicatoren"]),
    (["datageletterdheid*"], "DATAGELETTERDHEID", ["datageletterdheid"]),
    (["artificiele intelligentie"], "artificiële  intelligentie", ["artificiele  intelligentie"]),
    (["publicatie"], "twee publicaties", ["publicaties"]),
    (["delen"], "de gegevens werden gedeeld", ["gedeeld"]),
    (["*deling"], "betere gegevensdeling", ["gegevensdeling"]),
    (["ai-*"], "een AI-beoordelingskader en AI", ["ai-beoordelingskader"]),
    (["ai"], "AI en een kaart", ["ai"]),
    (["view- en downloaddienst*"], "view- en downloaddiensten", ["view- en downloaddiensten"]),
])
def test_phrases_match_as_written_and_as_their_word_family(phrases, text, found):
    assert evidence(text, phrases) == found


def test_a_longer_match_stands_for_every_phrase_it_fulfils():
    index = PhraseIndex({"open data*", "open databroker*"}, ["een open databroker"])
    assert index.find("een open databroker") == {"open data*": ["open databroker"], "open databroker*": ["open databroker"]}


def test_find_all_folds_and_keeps_one_result_per_text():
    assert find_all(["Één API", "niets"], ["api", "een"]) == [{"een": ["een"], "api": ["api"]}, {}]
    assert fold_text("Coöperatieve") == "cooperatieve"
