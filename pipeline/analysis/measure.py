"""Measure the tagger, the information-quality score and the duplicate finder on real action texts.

The evaluation set (``data/evaluation/``) holds Flemish government data actions
paraphrased from public pages, each with its source URL, labelled twice by the
codebook and reconciled into ``gold.csv``. It was split once into a development
part, on which the rules are tuned and the word model is trained, and a held-out
test part, on which they never were; the report quotes test figures only, with 95%
Wilson intervals. On the development part the model has seen the answers, so
rules are tuned there with the model off (``learned=False``).
"""

from dataclasses import dataclass
from functools import cache

import pandas as pd

from pipeline.analysis import quality, similarity, taxonomy
from pipeline.analysis.stats import cohen_kappa, matches, wilson
from pipeline.config import DATA_DIR

EVALUATION_DIR = DATA_DIR / "evaluation"
FAMILIES = ["doelstellingen", "principes", "zorgpunten", "europa"]
CATEGORIES = ["aard", "kwaliteit"]


def read(name: str) -> pd.DataFrame:
    return pd.read_csv(EVALUATION_DIR / name, dtype=str, keep_default_na=False)


@dataclass(frozen=True)
class EvaluationSet:
    """The actions, the two labelling passes, the reconciled gold labels and the split."""
    actions: pd.DataFrame
    gold: pd.DataFrame
    first: pd.DataFrame
    second: pd.DataFrame
    pairs: pd.DataFrame

    def part(self, name: str | None) -> pd.DataFrame:
        """The actions of one part (``dev`` or ``test``), or all of them."""
        return self.actions if name is None else self.actions[self.actions["deel"] == name]


@cache
def evaluation_set() -> EvaluationSet:
    split = read("split.csv")
    actions = read("actions.csv").merge(split, on="id", validate="1:1")
    return EvaluationSet(actions, read("gold.csv").set_index("id"), read("labels-a.csv").set_index("id"),
                         read("labels-b.csv").set_index("id"), read("pairs.csv"))


def label_set(frame: pd.DataFrame, family: str) -> set[tuple[str, str]]:
    """The (id, key) pairs of one family in a label frame indexed by id."""
    return {(i, key) for i, cell in frame[family].items() for key in cell.split(";") if key}


def as_plan(actions: pd.DataFrame) -> pd.DataFrame:
    """The evaluation actions in the shape the tagger and the quality score read."""
    return pd.DataFrame({"nr": actions["id"], "actie": actions["actie"], "omschrijving": actions["omschrijving"],
                         "aanvullingen": actions["aanvullingen"], "domeinen": [[] for _ in range(len(actions))]})


def targets(actions: pd.DataFrame, families: list[str]) -> pd.DataFrame:
    """The gold labels of some evaluation actions as one 0/1 column per ``family.key`` entry (to train a model)."""
    columns = {}
    for family in families:
        labels = label_set(evaluation_set().gold, family)
        for entry in taxonomy.entries(family):
            columns[f"{family}.{entry['key']}"] = [int((nr, entry["key"]) in labels) for nr in actions["id"]]
    return pd.DataFrame(columns, index=actions.index)


@cache
def predicted_tags(part: str | None = None, learned: bool = True) -> pd.DataFrame:
    """The tagger's tags (rules, model and suggestions; without ``learned``, the rules alone) on one part."""
    plan = as_plan(evaluation_set().part(part))
    return taxonomy.tag(plan, taxonomy.text_matches(taxonomy.action_text(plan).tolist(), learned))


def family_tags(part: str | None, family: str,
                learned: bool = True) -> tuple[dict[tuple[str, str], str], set[tuple[str, str]]]:
    """The counted tags of one family on one part, ``(id, key) -> evidence``, and the gold ``(id, key)`` pairs."""
    data = evaluation_set()
    ids = set(data.part(part)["id"])
    tags = taxonomy.counted(predicted_tags(part, learned))
    chosen = tags[tags["dimensie"] == family]
    found = dict(zip(zip(chosen["nr"], chosen["sleutel"]), chosen["bewijs"]))
    return found, {p for p in label_set(data.gold, family) if p[0] in ids}


def score_row(family: str, part: str, actions: int, right: int, found: int, expected: int) -> dict:
    """One family's micro precision and recall with their 95% intervals: a row of :func:`tagger_scores`."""
    p_low, p_high = wilson(right, found)
    r_low, r_high = wilson(right, expected)
    return {"familie": family, "deel": part, "acties": actions, "verwacht": expected, "gevonden": found,
            "juist": right, "precisie": right / found if found else 1.0, "p_laag": p_low, "p_hoog": p_high,
            "recall": right / expected if expected else 1.0, "r_laag": r_low, "r_hoog": r_high}


def tagger_scores(part: str | None = None, learned: bool = True) -> pd.DataFrame:
    """Micro precision and recall of the counted tags per family, with 95% intervals (without ``learned``, of the
    rules alone)."""
    ids = set(evaluation_set().part(part)["id"])
    rows = []
    for family in FAMILIES:
        found, expected = family_tags(part, family, learned)
        found = set(found)
        rows.append(score_row(family, part or "alle", len(ids), len(found & expected), len(found), len(expected)))
    return pd.DataFrame(rows)


def unseen_figures() -> pd.DataFrame:
    """``unseen.csv``, written by ``benchmarks/learned_tagger.py --by-round --write``: per family and arm
    (``regels``, the rules of their time; ``regels_en_model``, joined with a word model trained on the earlier rounds
    only), right, found and expected tags over the rounds of new actions, each round measured before any rule was
    tuned on it; one row ``kwaliteit`` for the quality classes (agreed, all, all); the rounds and their actions."""
    counts = ("juist", "gevonden", "verwacht", "rondes", "acties")
    return read("unseen.csv").astype(dict.fromkeys(counts, int))


def unseen_scores(learned: bool = True) -> pd.DataFrame:
    """:func:`tagger_scores` on the rounds of new actions (:func:`unseen_figures`), where neither the rules nor the
    model had met the text: the best estimate for a plan the tagger has not seen (the test part has been measured
    after every tuning, so its figures are an upper bound)."""
    figures = unseen_figures()
    arm = figures[figures["arm"] == ("regels_en_model" if learned else "regels")]
    return pd.DataFrame([score_row(r.familie, "rondes", r.acties, r.juist, r.gevonden, r.verwacht)
                         for r in arm.itertuples()])


def unseen_quality() -> dict:
    """:func:`quality_agreement` on the rounds of new actions, each scored with the word lists of its time."""
    row = unseen_figures().set_index("familie").loc["kwaliteit"]
    return {**agreement_row("rondes", int(row["juist"]), int(row["gevonden"])), "rondes": int(row["rondes"])}


def tagger_errors(part: str, family: str, learned: bool = False) -> pd.DataFrame:
    """Missed and wrong tags of one family on one part, with the action title (for tuning the rules on ``dev``
    only: by default the rules alone, as the model has learned the ``dev`` answers)."""
    actions = evaluation_set().part(part).set_index("id")
    evidence, expected = family_tags(part, family, learned)
    rows = [{"id": i, "sleutel": k, "fout": "gemist", "bewijs": "", "actie": actions.at[i, "actie"]}
            for i, k in sorted(expected - set(evidence))]
    rows += [{"id": i, "sleutel": k, "fout": "onterecht", "bewijs": evidence[(i, k)], "actie": actions.at[i, "actie"]}
             for i, k in sorted(set(evidence) - expected)]
    return pd.DataFrame(rows, columns=["id", "sleutel", "fout", "bewijs", "actie"])


def agreement() -> pd.DataFrame:
    """Agreement of the two labelling passes per family: Cohen's kappa and the share of equal decisions.

    For the multi-label families every (action, key) decision is one item, so a
    kappa near 1 means the two passes tagged the same keys on the same actions.
    """
    data = evaluation_set()
    ids = list(data.gold.index)
    rows = []
    for family in FAMILIES:
        keys = sorted({k for frame in (data.first, data.second) for _, k in label_set(frame, family)})
        a, b = label_set(data.first, family), label_set(data.second, family)
        first = [(i, k) in a for i in ids for k in keys]
        second = [(i, k) in b for i in ids for k in keys]
        rows.append({"familie": family, "beslissingen": len(first), "kappa": cohen_kappa(first, second),
                     "gelijk": matches(first, second) / len(first)})
    for category in CATEGORIES:
        first, second = data.first.loc[ids, category].tolist(), data.second.loc[ids, category].tolist()
        rows.append({"familie": category, "beslissingen": len(ids), "kappa": cohen_kappa(first, second),
                     "gelijk": matches(first, second) / len(ids)})
    return pd.DataFrame(rows)


@cache
def quality_classes(part: str | None = None) -> pd.DataFrame:
    """Per action of one part: the hand class and the class of the quality score."""
    data = evaluation_set()
    actions = data.part(part)
    scores = quality.score(as_plan(actions))
    return pd.DataFrame({"id": actions["id"].to_numpy(), "hand": data.gold.loc[actions["id"], "kwaliteit"].to_numpy(),
                         "score": scores["klasse"].to_numpy()})


def agreed(classes: pd.DataFrame) -> int:
    """How many actions of a table of classes (``hand``, ``score``) have the score's class equal to the hand class."""
    return int((classes["hand"] == classes["score"]).sum())


def agreement_row(part: str, equal: int, total: int) -> dict:
    """The quality classes' agreement on one part (``equal`` of ``total`` actions), with its 95% interval."""
    low, high = wilson(equal, total)
    return {"deel": part, "acties": total, "gelijk": equal, "aandeel": equal / total, "laag": low, "hoog": high}


def quality_agreement(part: str | None = None) -> dict:
    """How often the score's class equals the hand class on one part, with a 95% interval."""
    classes = quality_classes(part)
    return agreement_row(part or "alle", agreed(classes), len(classes))


def confusion(classes: pd.DataFrame) -> pd.DataFrame:
    """Hand classes (rows) against the score's classes (columns) of a table of classes (``hand``, ``score``)."""
    return pd.crosstab(classes["hand"], classes["score"]).reindex(index=quality.CLASSES, columns=quality.CLASSES,
                                                                   fill_value=0)


def quality_confusion(part: str | None = None) -> pd.DataFrame:
    """Hand classes (rows) against the score's classes (columns) on one part."""
    return confusion(quality_classes(part))


def pair_judgements(part: str | None = None) -> pd.DataFrame:
    """Every pair of actions within one part: its hand judgement (dubbel, verwant or los) and the finder's similarity."""
    data = evaluation_set()
    actions = data.part(part).reset_index(drop=True)
    scores = similarity.similarities(similarity.duplicate_texts(actions))
    judged = {frozenset((r.id_a, r.id_b)): r.oordeel for r in data.pairs.itertuples()}
    ids = actions["id"].tolist()
    rows = [{"id_a": ids[i], "id_b": ids[j], "score": float(scores[i, j]),
             "oordeel": judged.get(frozenset((ids[i], ids[j])), "los")}
            for i in range(len(ids)) for j in range(i + 1, len(ids))]
    return pd.DataFrame(rows)


def duplicate_scores(threshold: float, part: str | None = None) -> dict:
    """Precision and recall of "similarity at least ``threshold``" for the hand-judged duplicates of one part."""
    pairs = pair_judgements(part)
    proposed = pairs["score"] >= threshold
    real = pairs["oordeel"] == "dubbel"
    right = int((proposed & real).sum())
    return {"deel": part or "alle", "drempel": threshold, "dubbels": int(real.sum()), "voorgesteld": int(proposed.sum()),
            "juist": right, "precisie": right / int(proposed.sum()) if proposed.any() else None,
            "recall": right / int(real.sum()) if real.any() else None}
