"""Tag actions with the strategy's objectives, principles and action domains, the SERV's concerns and EU initiatives.

The rules are data (``data/taxonomy.yaml``): phrases that tag (``any``), phrases
that veto (``none``), a context that must be present too (``requires``: a
government counterparty for data sharing, a regulatory cue for the AI Act), weak
phrases that only suggest (``weak``), themes and types. Every tag carries the
words it rests on. A tag whose evidence is weak is a *suggestion*: listed with its
evidence, never counted, until an analyst confirms it in the annotations
(``Labels``). Where the phrases miss an action's wording, a word model trained on
real actions (:mod:`pipeline.analysis.model`) may add a counted tag with its own
evidence words, and make a phrase's tag a suggestion where it finds it very
unlikely. How well the two do is measured on real action texts
(:mod:`pipeline.analysis.measure`).
"""

import re
from functools import cache
from typing import NamedTuple

import numpy as np
import pandas as pd

from pipeline.analysis import model
from pipeline.analysis.rules import PhraseIndex, Tokens, find_all, fold_text, joined_codes, spread
from pipeline.config import DATA_DIR, load_yaml

TAXONOMY_FILE = DATA_DIR / "taxonomy.yaml"
TEXT_FIELDS = ["actie", "omschrijving"]
COUNTED = ("regel", "analist")  # the tags.csv ``bron`` values that count; the third is ``suggestie``
RULE_LISTS = ("any", "none", "requires", "weak")


@cache
def taxonomy() -> dict:
    """The framework and its rules."""
    return load_yaml(TAXONOMY_FILE)


def label(item: dict, language: str = "nl") -> str:
    """An entry's label in the report's language (``label_<language>``, else the Dutch ``label``)."""
    return item.get(f"label_{language}", item["label"])


def joined_text(plan: pd.DataFrame, fields: list[str]) -> pd.Series:
    """The given text columns of each action as one text, a space between them (a missing column counts as empty)."""
    if plan.empty:
        return pd.Series("", index=plan.index, dtype=object)
    columns = [plan[f].fillna("").astype(str) if f in plan else pd.Series("", index=plan.index) for f in fields]
    return columns[0].str.cat(columns[1:], sep=" ")


def action_text(plan: pd.DataFrame) -> pd.Series:
    """Title and description of each action as one text (what the action is, not how it is going)."""
    return joined_text(plan, TEXT_FIELDS)


def entry_keys() -> set[str]:
    """Every qualified tag key: ``dimension.key``."""
    return {f"{dim}.{e['key']}" for dim, spec in taxonomy()["dimensions"].items() for e in spec["entries"]}


def parse_overrides(labels: str) -> tuple[set[str], set[str]]:
    """An annotation's Labels cell: (tags to add, tags to remove)."""
    add, remove = set(), set()
    for item in re.split(r"[;,\s]+", labels or ""):
        if item:
            (remove if item.startswith("-") else add).add(item.lstrip("-+"))
    return add, remove


def qualified_entries() -> list[tuple[str, dict]]:
    return [(dim, e) for dim, spec in taxonomy()["dimensions"].items() for e in spec["entries"]]


def rule_phrases() -> set[str]:
    return {p for _, e in qualified_entries() for name in RULE_LISTS for p in e.get(name, [])}


ANY, NONE, REQUIRES, WEAK = range(4)  # RULE_LISTS by number
THEME_RULE, RULE, SUGGESTION = 1, 2, 3  # verdicts (0: no tag)
EVIDENCE_LISTS = np.array([[False] * 4, [True, False, False, False], [True, False, True, False],
                           [True, False, False, True]])  # per verdict: the lists whose words are its evidence


class TextMatches(NamedTuple):
    """What the actions' texts alone tell the tagger: where the rules' phrases occur (:func:`role_rows`) and the
    word model's reading (:func:`pipeline.analysis.model.read`; None for the rules alone)."""

    phrases: pd.DataFrame
    model: model.Reading | None


def text_matches(texts: list[str], learned: bool = True) -> TextMatches:
    """The rules' phrases and the word model read in the actions' texts (:func:`action_text`); without
    ``learned``, the rules alone (to measure them apart).

    This is the part of :func:`tag` that reads only the texts, so it can start
    before the rest of the plan is known (see :class:`pipeline.contracts.Tagging`).
    """
    tokens = Tokens([fold_text(t) for t in texts])
    return TextMatches(role_rows(PhraseIndex(rule_phrases(), tokens).find_many(tokens), qualified_entries()),
                       model.read(tokens) if learned else None)


def tag(plan: pd.DataFrame, matches: TextMatches | None = None) -> pd.DataFrame:
    """Long table of tags: ``nr, dimensie, sleutel, bron, bewijs`` (bron: regel, analist or suggestie).

    An entry tags an action by rule when the action's theme or type is one of the
    entry's, or when one of its ``any`` phrases is found (with a ``requires`` phrase
    too, when the entry has those), and none of its ``none`` phrases is. An ``any``
    phrase without its context, or a ``weak`` phrase alone, makes a suggestion.
    Where the rules give no tag or only a suggestion, the word model
    (:mod:`pipeline.analysis.model`) gives a counted tag where it reaches its
    family's threshold, unless a ``none`` phrase vetoes it as it vetoes a rule;
    its evidence is ``model:`` and the words that weigh most for it. Where the model
    finds a phrase's counted tag very unlikely (below its family's veto), that tag is
    a suggestion (:func:`doubt_rules`). An analyst's
    ``key`` in Labels adds a tag (or confirms a suggestion), ``-key`` removes it.
    ``bewijs`` holds the matched words, ``;``-separated, each once: the ``any``
    words first, phrase by phrase in the order the text first names them. All
    actions are judged at once, on whole columns. ``matches`` is
    :func:`text_matches` of the plan's texts, when it has been found already.
    """
    entries = qualified_entries()
    count = len(entries)
    matches = text_matches(action_text(plan).tolist()) if matches is None else matches
    found = matches.phrases
    found = found.assign(key=found["text"] * count + found["entry"])  # one key per (action, entry), in output order
    names = [f"{d}.{e['key']}" for d, e in entries]
    learned = model.no_keys() if matches.model is None else matches.model.keys(names)
    by_kind = tagged_by_kind(plan, entries)
    keys = np.sort(pd.unique(np.concatenate([found["key"].to_numpy(), by_kind.index.to_numpy(),
                                             learned["key"].to_numpy()])))
    lists = np.zeros((len(keys), 4), dtype=bool)
    lists[np.searchsorted(keys, found["key"].to_numpy()), found["list"].to_numpy()] = True
    kind = np.isin(keys, by_kind.index.to_numpy())
    needs_context = np.array([bool(e.get("requires")) for _, e in entries], dtype=bool)[keys % count]
    vetoed = lists[:, NONE]
    rule = lists[:, ANY] & (~needs_context | lists[:, REQUIRES])
    verdict = np.select([vetoed, kind, rule, lists[:, ANY] | lists[:, WEAK]], [0, THEME_RULE, RULE, SUGGESTION], 0)
    verdict = doubt_rules(matches.model, keys, verdict, names)
    words = evidence_words(found, keys, verdict)
    words = np.where(words == "", by_kind.reindex(keys, fill_value="").to_numpy(dtype=object), words)
    verdict, words = add_model_tags(matches.model, learned, keys, verdict, vetoed, words)
    tags = pd.DataFrame({"key": keys, "bron": np.where(verdict == SUGGESTION, "suggestie", "regel"), "bewijs": words,
                         "verdict": verdict})
    tags = apply_overrides(tags, plan, entries)
    tags = tags[tags["verdict"] > 0]
    at, entry = tags["key"].to_numpy() // count, tags["key"].to_numpy() % count
    return pd.DataFrame({"nr": plan["nr"].to_numpy(dtype=object)[at],
                         "dimensie": np.array([d for d, _ in entries], dtype=object)[entry],
                         "sleutel": np.array([e["key"] for _, e in entries], dtype=object)[entry],
                         "bron": tags["bron"].to_numpy(dtype=object), "bewijs": tags["bewijs"].to_numpy(dtype=object)})


def doubt_rules(reading: model.Reading | None, keys: np.ndarray, verdict: np.ndarray,
                names: list[str]) -> np.ndarray:
    """The verdicts with a phrase's counted tag made a suggestion where the word model finds it very unlikely:
    below its family's veto (``vetoes`` in ``data/model/model.yaml``). On text the rules had not met, such tags
    were right in fewer than a third of cases. ``names`` are the entries' ``dimension.key`` in order."""
    if reading is None:
        return verdict
    column = {name: at for at, name in enumerate(reading.entries)}
    of_entry = np.array([column.get(name, -1) for name in names], dtype=np.int64)
    ruled = np.flatnonzero(verdict == RULE)
    text, place = keys[ruled] // len(names), of_entry[keys[ruled] % len(names)]
    read_ = place >= 0
    floor = model.vetoes(reading.entries)
    doubted = ruled[read_][reading.probability[text[read_], place[read_]] < floor[place[read_]]]
    if not len(doubted):
        return verdict
    verdict = verdict.copy()
    verdict[doubted] = SUGGESTION
    return verdict


def add_model_tags(reading: model.Reading | None, learned: pd.DataFrame, keys: np.ndarray, verdict: np.ndarray,
                   vetoed: np.ndarray, words: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The verdicts and evidence with the model's tags (``model: `` and its words), where the rules give none or
    only a suggestion and no ``none`` phrase vetoes."""
    verdict, words = verdict.copy(), words.copy()
    at = np.searchsorted(keys, learned["key"].to_numpy())
    open_ = ~vetoed[at] & np.isin(verdict[at], (0, SUGGESTION))
    if open_.any():
        verdict[at[open_]] = RULE
        found = reading.evidence(learned["text"].to_numpy()[open_], learned["column"].to_numpy()[open_])
        words[at[open_]] = np.array(["model: " + w for w in found], dtype=object)
    return verdict, words


def tagged_by_kind(plan: pd.DataFrame, entries: list[tuple[str, dict]]) -> pd.Series:
    """The (action, entry) keys an entry tags by the action's theme or type, with ``thema N`` or ``type T``."""
    themes = plan["thema_nr"] if "thema_nr" in plan else pd.Series([None] * len(plan))
    types = plan["type"] if "type" in plan else pd.Series([None] * len(plan))
    parts = []
    for i, (_, entry) in enumerate(entries):
        by_theme = themes.isin(entry.get("themes", [])).to_numpy()
        by_type = types.isin(entry.get("types", [])).to_numpy() & ~by_theme
        for mask, label in ((by_theme, "thema "), (by_type, "type ")):
            at = np.flatnonzero(mask)
            values = (themes if label == "thema " else types).to_numpy(dtype=object)[at]
            parts.append(pd.Series([f"{label}{v}" for v in values], index=at * len(entries) + i, dtype=object))
    found = pd.concat(parts) if parts else pd.Series(dtype=object)
    return found.sort_index()


def role_rows(hits: pd.DataFrame, entries: list[tuple[str, dict]]) -> pd.DataFrame:
    """The matches as one row per entry and list their phrase belongs to: ``text, entry, list, first, phrase, token,
    word`` (``phrase`` and ``word`` as codes; the words are in ``attrs["words"]``).

    ``first`` is where the action first names the phrase, so that a phrase's words keep their order.
    """
    phrases = list(hits["phrase"].cat.categories)
    roles = {phrase: [] for phrase in phrases}
    for i, (_, entry) in enumerate(entries):
        for number, name in enumerate(RULE_LISTS):
            for phrase in entry.get(name, []):
                roles[phrase].append((i, number))
    entry_of = np.array([i for p in phrases for i, _ in roles[p]], dtype=np.int64)
    list_of = np.array([n for p in phrases for _, n in roles[p]], dtype=np.int64)
    phrase = hits["phrase"].cat.codes.to_numpy().astype(np.int64)
    row, slot = spread(np.array([len(roles[p]) for p in phrases], dtype=np.int64), phrase)
    text, token = hits["text"].to_numpy(), hits["token"].to_numpy()
    # the rows come in the order of their words, so a (text, phrase) group's first row holds its first word
    group = pd.factorize(text * len(phrases) + phrase)[0]
    opens = group > np.maximum.accumulate(np.r_[-1, group[:-1]])  # group numbers are given in order of appearance
    first = token[opens][group]
    found = pd.DataFrame({"text": text[row], "entry": entry_of[slot], "list": list_of[slot], "first": first[row],
                          "phrase": phrase[row], "token": token[row], "word": hits["word"].cat.codes.to_numpy()[row]})
    found.attrs["words"] = np.asarray(hits["word"].cat.categories, dtype=object)
    return found


def evidence_words(found: pd.DataFrame, keys: np.ndarray, verdict: np.ndarray) -> np.ndarray:
    """Per key: the words of the lists its verdict rests on, ``; ``-joined, each once ("" where there are none)."""
    key, listed = found["key"].to_numpy(), found["list"].to_numpy()
    chosen = np.flatnonzero(EVIDENCE_LISTS[verdict[np.searchsorted(keys, key)], listed])
    order = chosen[np.lexsort([found["token"].to_numpy()[chosen], found["phrase"].to_numpy()[chosen],
                               found["first"].to_numpy()[chosen], listed[chosen] != ANY, key[chosen]])]
    codes = found["word"].to_numpy()[order].astype(np.int64)
    order = order[~pd.Series(key[order] * (codes.max(initial=0) + 1) + codes).duplicated().to_numpy()]
    words = np.full(len(keys), "", dtype=object)
    if len(order):
        group_keys = key[order]
        starts = np.flatnonzero(np.r_[True, group_keys[1:] != group_keys[:-1]])
        words[np.searchsorted(keys, group_keys[starts])] = joined_words(found["word"].to_numpy()[order], starts,
                                                                       found.attrs["words"])
    return words


def joined_words(codes: np.ndarray, starts: np.ndarray, vocabulary: np.ndarray) -> np.ndarray:
    """The ``; ``-joined words of each group of ``codes`` (groups begin at ``starts``), as rows of one grid padded
    with -1 (:func:`pipeline.analysis.rules.joined_codes`)."""
    lengths = np.diff(np.r_[starts, len(codes)])
    group = np.repeat(np.arange(len(starts)), lengths)
    grid = np.full((len(starts), lengths.max()), -1, dtype=np.int64)
    grid[group, np.arange(len(codes)) - starts[group]] = codes
    return joined_codes(grid, vocabulary)


def apply_overrides(tags: pd.DataFrame, plan: pd.DataFrame, entries: list[tuple[str, dict]]) -> pd.DataFrame:
    """The analysts' Labels: ``key`` adds a tag or confirms a suggestion (``analist``), ``-key`` removes one."""
    if "labels" not in plan:
        return tags
    count = len(entries)
    position = {f"{d}.{e['key']}": i for i, (d, e) in enumerate(entries)}
    added, removed = [], []
    for at, cell in enumerate(plan["labels"].tolist()):
        if cell:
            add, remove = parse_overrides(cell)
            added += [at * count + position[name] for name in add - remove if name in position]
            removed += [at * count + position[name] for name in remove if name in position]
    if not added and not removed:  # most actions carry no Labels: leave the tags as they are
        return tags
    added = np.array(added, dtype=np.int64)
    added = added[~np.isin(added, removed)]
    kept = ~np.isin(tags["key"].to_numpy(), removed)
    key, verdict = tags["key"].to_numpy()[kept], tags["verdict"].to_numpy()[kept]
    bron, bewijs = tags["bron"].to_numpy(dtype=object)[kept], tags["bewijs"].to_numpy(dtype=object)[kept]
    known = np.isin(key, added)
    bron[known & ~np.isin(verdict, (THEME_RULE, RULE))] = "analist"
    bewijs[known & (verdict == 0)] = "annotaties"
    verdict[known] = np.maximum(verdict[known], RULE)
    new = np.unique(added[~np.isin(added, key)])  # the keys are sorted: each new one goes in its place
    at = np.searchsorted(key, new)
    return pd.DataFrame({"key": np.insert(key, at, new), "bron": np.insert(bron, at, "analist"),
                         "bewijs": np.insert(bewijs, at, "annotaties"), "verdict": np.insert(verdict, at, RULE)})


def counted(tags: pd.DataFrame) -> pd.DataFrame:
    """The tags that count in coverage: rules and analysts, not suggestions."""
    return tags[tags["bron"].isin(COUNTED)] if "bron" in tags else tags


def entries(dimension: str) -> list[dict]:
    return taxonomy()["dimensions"][dimension]["entries"]


def suggest_nature(plan: pd.DataFrame) -> pd.DataFrame:
    """For actions without an annotated nature: a suggested class and the words it rests on."""
    words = taxonomy()["nature_words"]
    open_ = plan[plan["aard"] == "onbepaald"]
    hits = find_all(action_text(open_), {p for phrases in words.values() for p in phrases})
    rows = []
    for nr, title, found_words in zip(open_["nr"].tolist(), open_["actie"].tolist(), hits):
        found = {nature: [w for p in phrases for w in found_words.get(p, [])] for nature, phrases in words.items()}
        strategic, operational = len(found["strategisch"]), len(found["operationeel"])
        if strategic == operational:
            suggestion = "onbepaald"
        else:
            suggestion = "strategisch" if strategic > operational else "operationeel"
        rows.append({"nr": nr, "actie": title, "suggestie": suggestion,
                     "woorden": ", ".join(found["strategisch"] + found["operationeel"])})
    return pd.DataFrame(rows, columns=["nr", "actie", "suggestie", "woorden"])
