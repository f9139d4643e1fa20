"""A word model beside the rules: it tags what an action is about where the rules' phrases miss its wording.

The rules of ``data/taxonomy.yaml`` find on text they have not met about half of
the tags a person gives (``benchmarks/learned_tagger.py --by-round``). This model
reads an action's words differently: each distinct word of its title and
description is cut into character n-grams (so a compound shares its parts'
n-grams: ``gegevensuitwisseling`` with ``uitwisselen``) and joined to its Dutch
word family; a logistic regression per entry weighs those features. It is trained
by ``scripts/train_model.py`` on the development part of ``data/evaluation/``
only, offline, and its weights are a file in the project
(``data/model/weights.csv``), so every tag it gives can be traced to them.

A text's features are the sum of its words' features over the square root of its
number of words. So a text's score is a sum over its words, and each distinct
word is weighed once for a whole plan (:func:`text_scores`): 100,000 actions take
a fraction of a second. The words that weigh most for a tag are its evidence.
"""

from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from pipeline.analysis.rules import WORD, Tokens, family_keys, fold_text, joined_codes
from pipeline.config import DATA_DIR, load_yaml

MODEL_DIR = DATA_DIR / "model"
SETTINGS_FILE = MODEL_DIR / "model.yaml"
WEIGHTS_FILE = MODEL_DIR / "weights.csv"
INTERCEPT = "(intercept)"
DECIMALS = 4  # the weights file's precision: a text's probability moves by far less than the thresholds' steps


@cache
def settings() -> dict:
    return load_yaml(SETTINGS_FILE)


def word_features(words: list[str]) -> list[list[str]]:
    """Each (folded) word's features: its character n-grams (``n:`` and the n-gram, the word padded with a space)
    and its word family (``f:`` and the family key)."""
    low, high = settings()["ngrams"]
    features = []
    for word, family in zip(words, family_keys(words)):
        padded = f" {word} "
        grams = {padded[at:at + size] for size in range(low, high + 1) for at in range(len(padded) - size + 1)}
        features.append([f"n:{gram}" for gram in sorted(grams)] + [f"f:{family}"])
    return features


@cache
def stop_words() -> frozenset[str]:
    return frozenset(fold_text(word) for word in settings()["stop_words"])


def usable(word: str) -> bool:
    """Whether a (folded) word counts for the model: a number or a stop word says nothing about what an action
    is about."""
    return not word.isdigit() and word not in stop_words()


def text_words(texts: list[str]) -> list[list[str]]:
    """Each text's distinct usable words, folded."""
    return [sorted({w for w in WORD.findall(fold_text(text)) if usable(w)}) for text in texts]


def feature_pairs(words: list[str], names: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """Each word's known features, as (word's place, feature's column) pairs, word by word in order."""
    rows, columns = [], []
    for at, features in enumerate(word_features(words)):
        for feature in features:
            column = names.get(feature)
            if column is not None:
                rows.append(at)
                columns.append(column)
    return np.array(rows, dtype=np.int64), np.array(columns, dtype=np.int64)


def feature_rows(words: list[str], names: dict[str, int]):
    """One row per word, one column per known feature: 1 where the word has it (a SciPy sparse matrix, for
    training)."""
    from scipy import sparse

    rows, columns = feature_pairs(words, names)
    return sparse.csr_matrix((np.ones(len(rows)), (rows, columns)), shape=(len(words), len(names)))


def text_rows(words_per_text: list[list[str]], names: dict[str, int]):
    """Each text's features: the sum of its words' features over the square root of its number of words (a SciPy
    sparse matrix, for training)."""
    from scipy import sparse

    vocabulary = sorted({w for words in words_per_text for w in words})
    position = {w: at for at, w in enumerate(vocabulary)}
    counts = np.array([len(words) for words in words_per_text])
    rows = np.repeat(np.arange(len(words_per_text)), counts)
    columns = np.array([position[w] for words in words_per_text for w in words], dtype=np.int64)
    holds = sparse.csr_matrix((np.ones(len(columns)), (rows, columns)), shape=(len(words_per_text), len(vocabulary)))
    scale = sparse.diags(1 / np.sqrt(np.maximum(counts, 1)))
    return (scale @ holds @ feature_rows(vocabulary, names)).tocsr()


def train(texts: list[str], targets: pd.DataFrame) -> pd.DataFrame:
    """The weights of one logistic regression per target column (0/1 per text), as a table: one row per feature and
    one for the intercept, one column per target. A target with too few positive texts gets no column."""
    from sklearn.linear_model import LogisticRegression  # only training needs scikit-learn, not a tagged plan

    spec = settings()
    words_per_text = text_words(texts)
    seen = pd.Series([f for words in words_per_text for f in {f for fs in word_features(words) for f in fs}])
    frequency = seen.value_counts()
    names = {name: at for at, name in enumerate(sorted(frequency.index[frequency >= spec["min_texts"]]))}
    rows = text_rows(words_per_text, names)
    weights = {}
    for column in targets.columns:
        target = targets[column].to_numpy()
        if target.sum() >= spec["min_examples"]:
            fitted = LogisticRegression(C=spec["regularisation"], max_iter=5000, class_weight="balanced")
            fitted.fit(rows, target)
            weights[column] = np.r_[fitted.intercept_, fitted.coef_[0]]
    table = pd.DataFrame(weights, index=[INTERCEPT, *names]).round(DECIMALS)
    return table[(table != 0).any(axis=1) | (table.index == INTERCEPT)]


def thresholds(table: pd.DataFrame) -> np.ndarray:
    """The probability from which a tag of the model counts, for each entry (column) of a weights table."""
    return np.array([settings()["families"][entry.split(".")[0]] for entry in table.columns])


def vetoes(entries) -> np.ndarray:
    """The probability below which the model doubts a rule's tag, for each ``dimension.key`` entry: the entry's own
    veto, else its family's (0: never)."""
    floors = settings().get("vetoes") or {}
    return np.array([floors.get(entry, floors.get(entry.split(".")[0], 0.0)) for entry in entries], dtype=float)


@cache
def weights() -> pd.DataFrame:
    """The trained weights (``data/model/weights.csv``): features as rows, ``dimension.key`` entries as columns."""
    return pd.read_csv(WEIGHTS_FILE, index_col=0, keep_default_na=False)


def word_scores(words, table: pd.DataFrame, counted: np.ndarray) -> np.ndarray:
    """Each word's weight for each entry of a weights table (0 where ``counted``, :func:`usable` per word, is
    False)."""
    table = table.drop(index=INTERCEPT)
    names = {name: at for at, name in enumerate(table.index)}
    scores = np.zeros((len(words), table.shape[1]))
    rows, columns = feature_pairs(list(np.asarray(words, dtype=object)[counted]), names)
    if len(rows):  # a word's features' weights, added one by one in the columns' order (as a sparse product does)
        order = np.lexsort((columns, rows))
        rows, columns = np.flatnonzero(counted)[rows[order]], columns[order]
        first = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
        rank = np.arange(len(rows)) - np.repeat(first, np.diff(np.r_[first, len(rows)]))
        weights = table.to_numpy()
        for step in range(int(rank.max()) + 1):  # each word's first feature, then its second, …
            chosen = rank == step
            scores[rows[chosen]] += weights[columns[chosen]]
    return scores


def text_scores(tokens: Tokens, table: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """A weights table's probability of each entry for each text (texts x entries), and the texts' distinct words:
    the text and word code of each pair, sorted by text, and the words' weights (:func:`word_scores`)."""
    texts, count = len(tokens.texts), len(tokens.words)
    counted = np.array([usable(w) for w in tokens.words], dtype=bool)
    scores = word_scores(tokens.words, table, counted)
    kept = counted[tokens.codes]
    pairs = np.sort(tokens.text_of[kept] * count + tokens.codes[kept], kind="stable")  # in runs by text: quick
    text, code = np.divmod(pairs[np.r_[True, pairs[1:] != pairs[:-1]][:len(pairs)]], count)  # distinct words
    sizes = np.bincount(text, minlength=texts)
    sums = np.zeros((texts, scores.shape[1]))  # each text's words' weights, added one by one in the words' order
    for entry, weights in enumerate(np.ascontiguousarray(scores.T)):
        sums[:, entry] = np.bincount(text, weights=weights[code], minlength=texts)
    logits = sums / np.sqrt(np.maximum(sizes, 1))[:, None] + table.loc[INTERCEPT].to_numpy()
    return 1 / (1 + np.exp(-logits)), text, code, scores


@dataclass(frozen=True)
class Reading:
    """The model's reading of many texts: where it tags, and what the evidence of a tag needs (found only for the
    tags that are used, since the rules give most of them already)."""

    probability: np.ndarray  # texts x entries
    entries: np.ndarray  # each entry's ``dimension.key``
    tagged: np.ndarray  # texts x entries: its family's threshold (:func:`thresholds`) reached
    text: np.ndarray  # each text's distinct words, sorted by text: the text
    code: np.ndarray  # and the word's code in ``words``
    scores: np.ndarray  # each word's weight per entry (:func:`word_scores`)
    words: np.ndarray

    def tags(self) -> pd.DataFrame:
        """The model's tags: ``text, column, entry, probability``, by text and then entry."""
        at, column = np.nonzero(self.tagged)
        return pd.DataFrame({"text": at, "column": column, "entry": self.entries[column],
                             "probability": self.probability[at, column]})

    def keys(self, entries: list[str]) -> pd.DataFrame:
        """The tags as the tagger numbers them, given its ``dimension.key`` entries in order: ``key`` (text times
        the number of entries plus the entry's place), ``text`` and ``column``; entries it does not know are left
        out."""
        position = {name: at for at, name in enumerate(entries)}
        tags = self.tags()
        tags = tags[tags["entry"].isin(list(position))]
        text = tags["text"].to_numpy(dtype=np.int64)
        return pd.DataFrame({"key": text * len(entries) + tags["entry"].map(position).to_numpy(dtype=np.int64),
                             "text": text, "column": tags["column"].to_numpy(dtype=np.int64)})

    def evidence(self, text: np.ndarray, column: np.ndarray) -> np.ndarray:
        """For tags given as (text, column): the text's words that weigh most for it, ``; ``-joined."""
        count = settings()["evidence_words"]
        codes = np.full((len(text), count), -1, dtype=np.int64)
        for entry in np.unique(column):  # an entry at a time: its tags' texts' words, grouped by text
            rows = np.flatnonzero(column == entry)
            at, position = np.unique(text[rows], return_inverse=True)
            wanted = np.zeros(len(self.probability), dtype=bool)
            wanted[at] = True
            pair = np.flatnonzero(wanted[self.text])
            chosen = heaviest(self.scores[self.code[pair], entry], np.searchsorted(at, self.text[pair]), len(at), count)
            codes[rows] = np.where(chosen >= 0, self.code[pair[np.maximum(chosen, 0)]], -1)[position]
        return joined_codes(codes, self.words)


def no_keys() -> pd.DataFrame:
    """:meth:`Reading.keys` without a tag: for the rules alone."""
    return pd.DataFrame({name: np.zeros(0, dtype=np.int64) for name in ("key", "text", "column")})


def read(tokens: Tokens, table: pd.DataFrame | None = None) -> Reading:
    """The model's :class:`Reading` of the texts. ``table`` is a weights table; by default the trained one
    (:func:`weights`)."""
    table = weights() if table is None else table
    probability, text, code, scores = text_scores(tokens, table)
    return Reading(probability, table.columns.to_numpy(dtype=object), probability >= thresholds(table), text, code,
                   scores, tokens.words)


def heaviest(weight: np.ndarray, group: np.ndarray, groups: int, count: int) -> np.ndarray:
    """For each group (``group`` ascending, one value per item), the places of its ``count`` items of largest
    positive weight, largest first: a ``groups x count`` array, -1 where a group has fewer."""
    chosen = np.full((groups, count), -1, dtype=np.int64)
    if not len(weight):
        return chosen
    weight = weight.astype(float)  # a copy: the chosen are struck off it, rank by rank
    starts = np.searchsorted(group, np.arange(groups))
    has = np.bincount(group, minlength=groups) > 0
    for rank in range(count):
        best = np.full(groups, -np.inf)
        best[has] = np.maximum.reduceat(weight, starts[has])
        top = np.flatnonzero((weight == best[group]) & (weight > 0))
        first = np.ones(len(top), dtype=bool)
        first[1:] = group[top][1:] != group[top][:-1]
        top = top[first]  # the first of a group's ties
        chosen[group[top], rank] = top
        weight[top] = -np.inf
    return chosen
