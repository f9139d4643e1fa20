"""Find the taxonomy's phrases in action texts: folded, with Dutch word families, compounds and evidence words.

A phrase is written in ``data/taxonomy.yaml`` as plain words. Matching is case-
and accent-insensitive. A word without ``*`` also matches the other forms of its
word family (the Dutch Snowball stemmer decides: ``publicatie`` finds
``publicaties`` and ``gepubliceerd``); a trailing ``*`` lets the word run on
(``ontsluit*`` finds ``ontsluiting``); a leading ``*`` lets it close a compound
(``*deling`` finds ``gegevensdeling``).

:class:`PhraseIndex` does this for a whole plan at once: the families come from
the plan's own vocabulary, each distinct word is matched once against the
phrases' first words, and :meth:`PhraseIndex.find_many` finds the matches of all
texts as one table, on whole columns (:class:`Tokens` splits all texts into
words once).
"""

import os
import re
import unicodedata
from collections import defaultdict
from functools import cache, cached_property
from itertools import chain

import numpy as np
import pandas as pd
import Stemmer

WORD = re.compile(r"\w+")
SPLIT = re.compile(r"(\w+)")  # a text as [between, word, between, word, …, after]
SPACE = re.compile(r"\s+")
SEPARATOR = "\x00"  # joins many texts into one: not a word character, a space or a hyphen; no rule pattern spans it
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


DOUBLE_VOWEL = re.compile(r"([aeou])\1")


def family_key(stem: str) -> str:
    """The key that joins a Snowball stem to the other stems of its word family.

    The Dutch stemmer leaves the verb ending ``-t`` (``publiceert``, ``deelt``) and
    the closed-syllable spelling (``publiceer`` from ``gepubliceerd``, ``publicer``
    from ``publiceren``, ``indicatoor`` from ``indicatoren``): a final ``t`` or ``d``
    of a stem of six letters or more goes, and then a doubled vowel is written once
    if five letters or more remain. Short stems stay as they are, so that ``maart``
    and ``maar``, ``wet`` and ``weet``, ``en`` and ``een`` stay apart (and so do
    ``deelt`` and ``delen``: the rules list such short forms themselves).
    """
    if len(stem) >= 6 and stem[-1] in "td":
        stem = stem[:-1]
    return DOUBLE_VOWEL.sub(r"\1", stem) if len(stem) >= 5 else stem


def family_keys(words: list[str]) -> list[str]:
    """Each word's family key (:func:`family_key` of its stem)."""
    return [family_key(stem) for stem in stemmer().stemWords(words)]


def word_forms(word: str, families: dict[str, set[str]]) -> set[str]:
    """A phrase word and the texts' words of its family."""
    return families.get(family_keys([word])[0], set()) | {word}


def word_pattern(word: str, families: dict[str, set[str]]) -> str:
    """The regex for one word of a phrase: its family, or a run-on or compound pattern."""
    body = word.strip("*")
    trailing = "-" if body.endswith("-") else ""  # "ai-*": the hyphen must be there
    core = re.escape(body.removesuffix("-")).replace(r"\-", r"[\s-]?") + trailing
    start = r"\w*" if word.startswith("*") else ""
    end = r"[\w-]*" if word.endswith("*") else ""
    if not start and not end and "-" not in word:
        forms = word_forms(word, families)
        core = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
        return f"(?:{core})"
    return start + core + end


def phrase_pattern(phrase: str, families: dict[str, set[str]]) -> str:
    """The regex for a phrase: its words in order, whitespace or hyphens between them, at word boundaries."""
    body = r"[\s-]+".join(word_pattern(w, families) for w in fold_text(phrase).split())
    return rf"(?<!\w){body}(?!\w)"


def required_text(phrase: str, families: dict[str, set[str]]) -> str:
    """A piece of text every match of a phrase of more words (or with a hyphen) holds after its first word part.

    For a word with a family it is what all forms begin with; otherwise the longest
    piece between hyphens. Where a text lacks it, the phrase's pattern need not run.
    """
    pieces = []
    for position, word in enumerate(fold_text(phrase).split()):
        body = word.strip("*")
        if "-" in body or "*" in word:
            parts = body.split("-")
            pieces += parts[1:] if position == 0 else parts
        elif position:
            pieces.append(os.path.commonprefix(sorted(word_forms(word, families))))
    return max(pieces, key=len, default="")


def first_part(phrase: str, families: dict[str, set[str]]) -> str:
    """A regex for the one word-character run a phrase must start with.

    That is its first word, unless the word has a hyphen: ``e-learning`` may be
    written ``e-learning``, ``e learning`` or ``elearning``, so its first run is
    ``e``, ``elearning`` or ``elearning…``.
    """
    word = fold_text(phrase).split()[0]
    if "-" not in word:
        return word_pattern(word, families)
    pieces = word.strip("*").split("-")
    rest = r"\w*" if word.endswith("*") else ""
    for piece in reversed(pieces[1:]):
        rest = f"(?:{re.escape(piece)}{rest})?"
    return (r"\w*" if word.startswith("*") else "") + re.escape(pieces[0]) + rest


class PhraseIndex:
    """Every phrase of the rules, compiled against the vocabulary of the texts it will read.

    Each distinct word of the texts is matched once against the phrases' first
    words; at each word of a text only the phrases that can start there are tried.
    So every phrase is found at every word start (they may overlap: "beschikbaar
    voor onderzoek"), and 100,000 actions take seconds (:meth:`find_many`).

    Most phrases are one word without a hyphen: where such a phrase can start, the
    word itself is the match, and no pattern is run. A run-on word (``ontsluit*``)
    is the match too unless a hyphen follows it (``ontsluitings-project``); only
    then, and for phrases of more words, is the phrase's pattern run, and only when
    the text holds what the rest of the phrase needs (:func:`required_text`).
    """

    WHOLE, RUN_ON, PATTERN = 0, 1, 2  # how a phrase that may start at a word is confirmed there

    def __init__(self, phrases: set[str], texts: "list[str] | Tokens"):
        words = texts.words if isinstance(texts, Tokens) else WORD.findall("\n".join(texts))
        vocabulary = sorted(set(words))
        families: dict[str, set[str]] = defaultdict(set)
        for word, stem in zip(vocabulary, family_keys(vocabulary)):
            families[stem].add(word)
        self.phrases = sorted(phrases)  # a phrase's number in find_many's table is its place here
        self.families = families
        self.patterns: dict[str, re.Pattern] = {}  # compiled when first needed: most phrases never are
        # word -> (phrase, how it is confirmed, text the rest of the phrase needs), in phrase order
        starts: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
        lines = "\n".join(vocabulary)
        for phrase in self.phrases:
            how = self.confirmation(phrase)
            needed = required_text(phrase, families) if how == self.PATTERN else ""
            for match in re.finditer(f"^(?:{first_part(phrase, families)})$", lines, re.MULTILINE):
                starts[match.group(0)].append((phrase, how, needed))
        self.starts = {word: tuple(candidates) for word, candidates in starts.items()}
        # phrase number -> its second word, for the phrases of plain words (see may_go_on)
        self.seconds = {at: word for at, phrase in enumerate(self.phrases) if (word := second_word(phrase))}

    @classmethod
    def confirmation(cls, phrase: str) -> int:
        """Whether the word a phrase may start at is its whole match (one word, no hyphen), a run-on, or neither."""
        words = fold_text(phrase).split()
        if len(words) > 1 or "-" in words[0]:
            return cls.PATTERN
        return cls.RUN_ON if words[0].endswith("*") else cls.WHOLE

    def pattern(self, phrase: str) -> re.Pattern:
        """The phrase's compiled pattern, against the families of the texts' words."""
        if phrase not in self.patterns:
            self.patterns[phrase] = re.compile(phrase_pattern(phrase, self.families))
        return self.patterns[phrase]

    def may_go_on(self, tokens: "Tokens", phrase: np.ndarray, token: np.ndarray) -> np.ndarray:
        """Whether each phrase that may start at its ``token`` can go on there: a check that every match passes.

        A phrase of plain words (:func:`second_word`) whose first word is followed by
        a gap without a hyphen can only match if that gap is all whitespace and the
        next word is one its second word allows. Elsewhere only the pattern can tell.
        """
        possible = ~np.isin(phrase, list(self.seconds)) | tokens.hyphen_after_gap[token]
        ahead = np.flatnonzero(~possible & tokens.space_after[token] & (token + 1 < len(tokens.codes)))
        if len(ahead):
            count = len(tokens.words)
            allowed = np.concatenate([number * count + self.allowed_words(tokens, word)
                                      for number, word in self.seconds.items()] or [np.zeros(0, np.int64)])
            possible[ahead] = np.isin(phrase[ahead] * count + tokens.codes[token[ahead] + 1], allowed)
        return possible

    def allowed_words(self, tokens: "Tokens", word: str) -> np.ndarray:
        """The codes of the texts' words that a phrase's (plain) word matches whole: its family, a run-on's words,
        or the words a compound part ends or is found in."""
        body = word.strip("*")
        if word == body:
            code = tokens.code_of
            return np.array([code[form] for form in word_forms(word, self.families) if form in code], dtype=np.int64)
        if word == body + "*":
            order, ordered = tokens.in_order
            return order[np.searchsorted(ordered, body):np.searchsorted(ordered, body + "\U0010ffff")]
        inside = str.endswith if word == "*" + body else str.__contains__
        return np.array([at for at, text in enumerate(tokens.words) if inside(text, body)], dtype=np.int64)

    def find(self, text: str) -> dict[str, list[str]]:
        """Per phrase found in one (folded) text: the words that matched it, in order, without repeats."""
        return by_text(self.find_many([text]), 1)[0]

    def find_many(self, texts: "list[str] | Tokens") -> pd.DataFrame:
        """:meth:`find` for many (folded) texts at once, as a table: ``text, token, phrase, word``.

        One row per phrase and word it matched in a text, in the order :meth:`find`
        meets them: ``token`` is the position of the word the match starts at,
        counted over all texts; ``phrase`` and ``word`` are categoricals (the phrases
        in :attr:`phrases` order). Each distinct word's phrases are spread over its
        occurrences with numpy; only the matches a word cannot confirm alone run a
        pattern, in Python.
        """
        tokens = texts if isinstance(texts, Tokens) else Tokens(texts)
        codes, words, text_of = tokens.codes, tokens.words, tokens.text_of
        number = {phrase: at for at, phrase in enumerate(self.phrases)}
        candidates = [self.starts.get(word, ()) for word in words]
        flat = list(chain.from_iterable(candidates))
        phrase_of = np.array([number[phrase] for phrase, _, _ in flat], dtype=np.int64)
        how_of = np.array([how for _, how, _ in flat], dtype=np.int64)
        token, slot = spread(np.array([len(c) for c in candidates], dtype=np.int64), codes)
        phrase, how, found = phrase_of[slot], how_of[slot], codes[token]
        kept = (how == self.WHOLE) | ((how == self.RUN_ON) & ~tokens.hyphen_after[token])
        pending = np.flatnonzero(~kept)
        longer = []  # the matches of the patterns, beyond one word
        if len(pending):
            needs, pieces = pd.factorize(np.array([needed for _, _, needed in flat], dtype=object))
            pending = pending[self.may_go_on(tokens, phrase[pending], token[pending])]
            pending = pending[tokens.holding(pieces, needs[slot[pending]], token[pending])]
            for row, word_at in zip(pending.tolist(), token[pending].tolist()):
                match = self.pattern(flat[slot[row]][0]).match(tokens.joined, tokens.starts[word_at])
                if match is not None:
                    kept[row], found[row] = True, len(words) + len(longer)
                    longer.append(match.group())
        vocabulary, remap = pd.factorize(np.concatenate([words, np.array(longer, dtype=object)]))[::-1]
        table = pd.DataFrame({"text": text_of[token[kept]], "token": token[kept], "phrase": phrase[kept],
                              "word": remap[found[kept]]})
        table = table[~table.duplicated(["text", "phrase", "word"])].reset_index(drop=True)
        table["phrase"] = pd.Categorical.from_codes(table["phrase"], categories=self.phrases)
        table["word"] = pd.Categorical.from_codes(table["word"], categories=vocabulary)
        return table


class Tokens:
    """Many texts split into words once: joined by a character no phrase can cross, then split.

    ``codes`` numbers every word occurrence by its distinct ``words``; ``text_of``
    tells which text it is in; ``starts`` where it starts in ``joined``.
    """

    def __init__(self, texts: list[str]):
        self.texts = texts
        self.joined = SEPARATOR.join(text.replace(SEPARATOR, " ") for text in texts)
        parts = SPLIT.split(self.joined)  # gap, word, gap, word, …, gap
        self.codes, self.words = pd.factorize(np.array(parts[1::2], dtype=object))
        gap_codes, gaps = pd.factorize(np.array(parts[0::2], dtype=object))
        self.text_of = np.cumsum(np.array([g.count(SEPARATOR) for g in gaps], dtype=np.int64)[gap_codes])[:-1]
        self.hyphen_after = np.array([gap.startswith("-") for gap in gaps], dtype=bool)[gap_codes[1:]]
        lengths = np.empty(len(parts), dtype=np.int64)  # each distinct word's and gap's length, measured once
        lengths[1::2] = np.fromiter(map(len, self.words), dtype=np.int64, count=len(self.words))[self.codes]
        lengths[0::2] = np.fromiter(map(len, gaps), dtype=np.int64, count=len(gaps))[gap_codes]
        self.starts = (np.cumsum(lengths) - lengths)[1::2]
        gap_after = gap_codes[1:]  # the gap after each word: whitespace only, or holding a hyphen
        self.space_after = np.array([SPACE.fullmatch(gap) is not None for gap in gaps], dtype=bool)[gap_after]
        self.hyphen_after_gap = np.array(["-" in gap for gap in gaps], dtype=bool)[gap_after]

    @cached_property
    def code_of(self) -> dict[str, int]:
        """Each distinct word's code."""
        return {word: at for at, word in enumerate(self.words)}

    @cached_property
    def in_order(self) -> tuple[np.ndarray, np.ndarray]:
        """The distinct words' codes in the words' sorted order, and the words so sorted (to find a prefix's words)."""
        order = np.argsort(self.words, kind="stable")
        return order, self.words[order]

    def holding(self, pieces, piece: np.ndarray, token: np.ndarray) -> np.ndarray:
        """Whether the text of each ``token`` holds its ``piece``: one check per distinct word, not per text."""
        at = self.text_of[token]
        wanted = at * len(pieces) + piece
        inside = [[k for k, p in enumerate(pieces) if p in word] for word in self.words]
        word_of, piece_of = spread(np.array([len(found) for found in inside], dtype=np.int64), self.codes)
        flat = np.array(list(chain.from_iterable(inside)), dtype=np.int64)
        held = np.isin(wanted, self.text_of[word_of] * len(pieces) + flat[piece_of])
        odd = np.array([p != "" and not WORD.fullmatch(p) for p in pieces], dtype=bool)  # a piece that spans words
        for row in np.flatnonzero(~held & odd[piece]).tolist():
            held[row] = pieces[piece[row]] in self.texts[at[row]]
        return held


def second_word(phrase: str) -> str:
    """The second word of a phrase of plain words (no hyphen, no lone ``*``), or ""."""
    words = fold_text(phrase).split()
    if len(words) < 2 or "-" in phrase or words[1].strip("*") == "":
        return ""
    return words[1]


def spread(per_item: np.ndarray, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For occurrences of items (``codes``) that each own ``per_item`` entries of a flat list: one row per
    occurrence and entry, as (occurrence, entry's place in the flat list)."""
    per_occurrence = per_item[codes]
    occurrence = np.repeat(np.arange(len(codes)), per_occurrence)
    first_entry = np.repeat(np.cumsum(per_item)[codes] - per_occurrence, per_occurrence)
    first_row = np.repeat(np.cumsum(per_occurrence) - per_occurrence, per_occurrence)
    return occurrence, first_entry + np.arange(len(occurrence)) - first_row


def joined_codes(codes: np.ndarray, vocabulary: np.ndarray) -> np.ndarray:
    """Each row of word codes (-1 for none) as its words, ``; ``-joined: each distinct row is joined once (a large
    plan has hundreds of thousands of rows but a few hundred distinct ones). Each row is numbered among the distinct
    rows first, word position by word position, then each distinct row is joined as text."""
    key = np.zeros(len(codes), dtype=np.int64)
    for column in codes.T:  # a row's number among the distinct rows, word by word (stays below the row count)
        key = pd.factorize(key * (len(vocabulary) + 1) + column + 1)[0]
    number, first = np.unique(key, return_index=True)
    texts = np.array(["; ".join(vocabulary[c] for c in codes[at] if c >= 0) for at in first], dtype=object)
    return texts[np.searchsorted(number, key)]


def evidence(text: str, phrases: list[str]) -> list[str]:
    """The phrases' occurrences in ``text``, in order, without repeats (one text; for the rules of one entry)."""
    return list(dict.fromkeys(word for words in find_all([text], phrases)[0].values() for word in words))


def find_all(texts, phrases) -> list[dict[str, list[str]]]:
    """:meth:`PhraseIndex.find` for many texts against one set of phrases (texts are folded here)."""
    tokens = Tokens([fold_text(t) for t in texts])
    return by_text(PhraseIndex(set(phrases), tokens).find_many(tokens), len(tokens.texts))


def by_text(table: pd.DataFrame, count: int) -> list[dict[str, list[str]]]:
    """:meth:`PhraseIndex.find_many`'s table as one ``{phrase: words}`` per text, in the order of the matches."""
    found: list[dict[str, list[str]]] = [{} for _ in range(count)]
    for at, phrase, word in zip(table["text"].tolist(), table["phrase"].tolist(), table["word"].tolist()):
        found[at].setdefault(phrase, []).append(word)
    return found
