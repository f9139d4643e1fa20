"""Find the taxonomy's phrases in action texts: folded, with Dutch word families, compounds and evidence words.

A phrase is written in ``data/taxonomy.yaml`` as plain words. Matching is case-
and accent-insensitive. A word without ``*`` also matches the other forms of its
word family (the Dutch Snowball stemmer decides: ``publicatie`` finds
``publicaties`` and ``gepubliceerd``); a trailing ``*`` lets the word run on
(``ontsluit*`` finds ``ontsluiting``); a leading ``*`` lets it close a compound
(``*deling`` finds ``gegevensdeling``).

:class:`PhraseIndex` does this for a whole plan at once: the families come from
the plan's own vocabulary, each distinct word is matched once against the
phrases' first words, and a text is then read word by word.
"""

import re
import unicodedata
from collections import defaultdict
from functools import cache

import Stemmer

WORD = re.compile(r"\w+")
LANGUAGE = "dutch"


@cache
def combining_marks() -> dict[int, None]:
    """A str.translate table that drops the combining marks of the Basic Multilingual Plane."""
    return {cp: None for cp in range(0x10000) if unicodedata.combining(chr(cp))}


def fold_text(text: str) -> str:
    """Lower case without accents, so rules match however a plan writes a word."""
    text = str(text)
    if text.isascii():
        return text.casefold()
    return unicodedata.normalize("NFKD", text).translate(combining_marks()).casefold()


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


def first_part(phrase: str, families: dict[str, set[str]]) -> str:
    """A regex for the one word-character run a phrase must start with (its first word, up to a hyphen)."""
    word = fold_text(phrase).split()[0]
    if "-" not in word:
        return word_pattern(word, families)
    head = word.split("-")[0]
    return (r"\w*" if word.startswith("*") else "") + re.escape(head.lstrip("*"))


class PhraseIndex:
    """Every phrase of the rules, compiled against the vocabulary of the texts it will read.

    Each distinct word of the texts is matched once against the phrases' first
    words; a text is then read word by word, and only the phrases that can start
    at a word are tried there. So every phrase is found at every word start (they
    may overlap: "beschikbaar voor onderzoek"), and 100,000 actions take seconds.
    """

    def __init__(self, phrases: set[str], texts: list[str]):
        vocabulary = sorted({w for text in texts for w in WORD.findall(text)})
        families: dict[str, set[str]] = defaultdict(set)
        for word, stem in zip(vocabulary, stemmer().stemWords(vocabulary)):
            families[stem].add(word)
        self.patterns = {p: re.compile(phrase_pattern(p, families)) for p in sorted(phrases)}
        self.starts: dict[str, list[str]] = defaultdict(list)  # word -> phrases that may start with it
        lines = "\n".join(vocabulary)
        for phrase in sorted(phrases):
            for match in re.finditer(f"^(?:{first_part(phrase, families)})$", lines, re.MULTILINE):
                self.starts[match.group(0)].append(phrase)

    def find(self, text: str) -> dict[str, list[str]]:
        """Per phrase found in the (folded) text: the words that matched it, in order, without repeats."""
        hits: dict[str, list[str]] = {}
        starts = self.starts
        for token in WORD.finditer(text):
            for phrase in starts.get(token.group(0), ()):
                match = self.patterns[phrase].match(text, token.start())
                if match:
                    words = hits.setdefault(phrase, [])
                    if match.group(0) not in words:
                        words.append(match.group(0))
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
