"""Find the taxonomy's phrases in action texts: folded, with Dutch word families, compounds and evidence words.

A phrase is written in ``data/taxonomy.yaml`` as plain words. Matching is case-
and accent-insensitive. A word without ``*`` also matches the other forms of its
word family (the Dutch Snowball stemmer decides: ``publicatie`` finds
``publicaties`` and ``gepubliceerd``); a trailing ``*`` lets the word run on
(``ontsluit*`` finds ``ontsluiting``); a leading ``*`` lets it close a compound
(``*deling`` finds ``gegevensdeling``).

:class:`PhraseIndex` does this for a whole plan at once: the families come from
the plan's own vocabulary, one regular expression holds every phrase, and each
text is scanned once, so 100,000 actions take seconds, not minutes.
"""

import re
import unicodedata
from collections import defaultdict
from functools import cache

import Stemmer

WORD = re.compile(r"\w+")
LANGUAGE = "dutch"


def fold_text(text: str) -> str:
    """Lower case without accents, so rules match however a plan writes a word."""
    plain = unicodedata.normalize("NFKD", str(text))
    return "".join(ch for ch in plain if not unicodedata.combining(ch)).casefold()


@cache
def stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer(LANGUAGE)


def word_pattern(word: str, families: dict[str, set[str]]) -> str:
    """The regex for one word of a phrase: its family, or a run-on or compound pattern."""
    body = word.strip("*")
    trailing = "-" if body.endswith("-") else ""  # "ai-*": the hyphen must be there
    core = re.escape(body.removesuffix("-")).replace(r"\-", r"[\s-]?") + trailing
    start = r"\w*" if word.startswith("*") else ""
    end = r"[\w-]*" if word.endswith("*") else ""
    if not start and not end and "-" not in word:
        forms = families.get(stemmer().stemWord(word), set()) | {word}
        core = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
        return f"(?:{core})"
    return start + core + end


def phrase_pattern(phrase: str, families: dict[str, set[str]]) -> str:
    """The regex for a phrase: its words in order, whitespace or hyphens between them, at word boundaries."""
    body = r"[\s-]+".join(word_pattern(w, families) for w in fold_text(phrase).split())
    return rf"(?<!\w){body}(?!\w)"


class PhraseIndex:
    """Every phrase of the rules, compiled against the vocabulary of the texts it will read."""

    def __init__(self, phrases: set[str], texts: list[str]):
        vocabulary = {w for text in texts for w in WORD.findall(text)}
        words = sorted(vocabulary)
        families: dict[str, set[str]] = defaultdict(set)
        for word, stem in zip(words, stemmer().stemWords(words)):
            families[stem].add(word)
        self.patterns = {p: re.compile(phrase_pattern(p, families)) for p in sorted(phrases)}
        longest_first = sorted(self.patterns, key=lambda p: (len(p.split()), len(p)), reverse=True)
        # A lookahead finds a match at every word start, so phrases may overlap ("beschikbaar voor onderzoek").
        alternatives = "|".join(self.patterns[p].pattern for p in longest_first)
        self.scanner = re.compile(f"(?=({alternatives}))") if phrases else None
        self._owners: dict[str, tuple[tuple[str, str], ...]] = {}

    def owners(self, found: str) -> tuple[tuple[str, str], ...]:
        """The phrases that start a matched piece of text, with the words each covers (a longer match holds shorter ones)."""
        if found not in self._owners:
            matches = ((p, r.match(found)) for p, r in self.patterns.items())
            self._owners[found] = tuple((p, m.group(0)) for p, m in matches if m)
        return self._owners[found]

    def find(self, text: str) -> dict[str, list[str]]:
        """Per phrase found in the (folded) text: the words that matched it, in order, without repeats."""
        hits: dict[str, list[str]] = {}
        if self.scanner is None:
            return hits
        for match in self.scanner.finditer(text):
            for phrase, words_found in self.owners(match.group(1)):
                words = hits.setdefault(phrase, [])
                if words_found not in words:
                    words.append(words_found)
        return hits


def evidence(text: str, phrases: list[str]) -> list[str]:
    """The phrases' occurrences in ``text``, in order, without repeats (one text; for the rules of one entry)."""
    folded = fold_text(text)
    index = PhraseIndex(set(phrases), [folded])
    return list(dict.fromkeys(word for words in index.find(folded).values() for word in words))


def find_all(texts, phrases) -> list[dict[str, list[str]]]:
    """:meth:`PhraseIndex.find` for many texts against one set of phrases (texts are folded here)."""
    folded = [fold_text(t) for t in texts]
    index = PhraseIndex(set(phrases), folded)
    return [index.find(t) for t in folded]
