"""Phrase matching: folded, at word boundaries, with Dutch word families, run-ons and compounds."""

import re
from collections import defaultdict

import pytest

from pipeline.analysis.rules import WORD, PhraseIndex, by_text, evidence, family_key, find_all, fold_text, phrase_pattern, stemmer


def families_of(texts: list[str]) -> dict[str, set[str]]:
    """Word families as the index builds them: the texts' words by the family key of their Snowball stem."""
    families = defaultdict(set)
    for word in {w for text in texts for w in WORD.findall(text)}:
        families[family_key(stemmer().stemWord(word))].add(word)
    return families


@pytest.mark.parametrize("phrases, text, found", [
    (["ontsluit*"], "Ontsluiting van data", ["ontsluiting"]),
    (["api"], "een API voor", ["api"]),
    (["api"], "de apicultuur", []),
    (["*indicator*"], "gezondheidsindicatoren", ["gezondheidsindicatoren"]),
    (["datageletterdheid*"], "DATAGELETTERDHEID", ["datageletterdheid"]),
    (["artificiele intelligentie"], "artificiële  intelligentie", ["artificiele  intelligentie"]),
    (["publicatie"], "twee publicaties", ["publicaties"]),
    (["delen"], "de gegevens werden gedeeld", ["gedeeld"]),
    (["koppelen"], "het agentschap koppelt gegevens", ["koppelt"]),
    (["publiceren"], "het publiceert kaarten en publiceerde ze", ["publiceert", "publiceerde"]),
    (["koppelt"], "gegevens worden gekoppeld", ["gekoppeld"]),
    (["wet"], "we weten het", []),
    (["*deling"], "betere gegevensdeling", ["gegevensdeling"]),
    (["ai-*"], "een AI-beoordelingskader en AI", ["ai-beoordelingskader"]),
    (["ai"], "AI en een kaart", ["ai"]),
    (["view- en downloaddienst*"], "view- en downloaddiensten", ["view- en downloaddiensten"]),
])
def test_phrases_match_as_written_and_as_their_word_family(phrases, text, found):
    assert evidence(text, phrases) == found


def test_the_family_key_joins_what_the_dutch_stemmer_leaves_apart():
    """Snowball keeps the verb ending -t and the closed-syllable spelling; short stems keep their last letter."""
    words = ["publiceren", "publiceert", "gepubliceerd", "koppelt", "koppelen", "verzamelt", "verzameld",
             "indicator", "indicatoren", "maart", "maar"]
    stems = {word: family_key(stemmer().stemWord(word)) for word in words}
    assert stems["publiceren"] == stems["publiceert"] == stems["gepubliceerd"]
    assert stems["koppelt"] == stems["koppelen"] and stems["verzamelt"] == stems["verzameld"]
    assert stems["indicator"] == stems["indicatoren"]
    assert stems["maart"] != stems["maar"] and family_key("wet") == "wet" and family_key("data") == "data"


def test_a_longer_match_stands_for_every_phrase_it_fulfils():
    index = PhraseIndex({"open data*", "open databroker*"}, ["een open databroker"])
    assert index.find("een open databroker") == {"open data*": ["open databroker"], "open databroker*": ["open databroker"]}


def test_find_all_folds_and_keeps_one_result_per_text():
    assert find_all(["Één API", "niets"], ["api", "een"]) == [{"een": ["een"], "api": ["api"]}, {}]
    assert fold_text("Coöperatieve") == "cooperatieve"


def test_the_shortcuts_find_what_every_pattern_finds_at_every_word_start():
    """The index skips patterns where the word itself is the match, or where the text lacks the phrase's rest;
    it must find exactly what running every phrase's pattern at every word start finds."""
    phrases = {"ontsluit*", "open data*", "open data-richtlijn", "e-learning*", "data", "gegevens delen",
               "*deling", "ai-*", "kwaliteit van de dienstverlening", "view- en downloaddienst*", "data space*",
               "open *deling", "eigenaar *data*", "eigenaar van * data"}
    texts = [fold_text(t) for t in [
        "Ontsluitings-project en ontsluiting-, open-data en open  databroker",
        "De open data richtlijn en de open-datarichtlijn, e learning, elearning en e-learnings",
        "gegevens gedeeld, gegevens delen, data-deling en gegevensdeling; AI-verordening en AI -",
        "kwaliteit van de dienstverleningen, view- en downloaddiensten",
        "gegevens, delen; gegevens-delen, gegevens -\tdeelt en gegevens\u2003delen, kwaliteit van de",
        "dienstverlening (the phrase above must not run on into this text) en gegevens",
        "data spaces, data\u00a0space, data\tspace-x, data, space, data-spaces en open gegevensdeling, open-deling",
        "eigenaar opendatabank, eigenaar van de data, eigenaar-van-de data, eigenaar\n open data en data ",
    ]]
    index = PhraseIndex(phrases, texts)
    patterns = {p: re.compile(phrase_pattern(p, families_of(texts))) for p in phrases}
    table = by_text(index.find_many(texts), len(texts))  # all texts at once, joined
    for at, text in enumerate(texts):
        expected: dict[str, list[str]] = {}
        for token in WORD.finditer(text):
            for phrase in sorted(phrases):
                match = patterns[phrase].match(text, token.start())
                if match and match.group() not in expected.setdefault(phrase, []):
                    expected[phrase].append(match.group())
        expected = {p: words for p, words in expected.items() if words}
        assert index.find(text) == expected
        assert list(table[at].items()) == list(expected.items())
