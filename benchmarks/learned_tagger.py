"""Does the word model help the rules? Prints micro precision and recall per family, the rules alone and with it.

The word model (:mod:`pipeline.analysis.model`) is trained on the development
part of ``data/evaluation/`` only (``scripts/train_model.py``); it runs offline
from files in the project. By default this scores the held-out test part, with
the rules alone and with the model as the tagger joins them. Run:
``python benchmarks/learned_tagger.py``.

``--by-round`` asks the question on text that neither side has seen: for each
round of new actions (``ROUNDS``), the rules as they were before that round
(``data/taxonomy.yaml`` at the commit the evaluation README names) and a model
with today's settings trained on the ``dev`` actions of the earlier rounds only,
alone and added to the rules. It reads the old rules with ``git show``, so it
needs the repository. With ``--cuts`` it adds the two together from each of the
probabilities 0.5 to 0.8: the thresholds in ``data/model/model.yaml`` were chosen
on that table. With ``--vetoes`` it takes away, instead of the family's veto, the
rules' tags the model finds below each of the probabilities 0 to 0.2: the vetoes
were chosen on that table.

``--by-round --write`` writes the two tagger arms of ``--by-round`` (the rules
of their time, and joined with the model) and the quality classes to
``data/evaluation/unseen.csv``, which the method chapter reads; ``--by-round
--check`` computes them again and says whether the file still holds them.

``--by-round --quality`` scores the information-quality classes of the same
rounds with the quality lists of their time (today's code; a list that did not
exist yet, such as ``durations``, is today's) against the hand classes.

``--cv`` judges rules and model together on the development part, where the
committed model has seen the answers: five folds, the model trained on four and
its tags on the fifth, joined with the rules of today. Rules tuned on ``dev``
look better there than on unseen text, so read it to compare two versions of the
rules, not as a score.
"""

import subprocess
import sys
from functools import cache

import numpy as np
import pandas as pd
import yaml

from pipeline.analysis import measure, model, quality, taxonomy
from pipeline.analysis.rules import Tokens, fold_text

# Each round's new actions, and the commit whose rules first met them (data/evaluation/README.md), from round 4 on.
FIRST_ROUND = 4
ROUNDS = [("R198", "R230", "24d946c"), ("R231", "R250", "4f82f3a"), ("R251", "R270", "e54d3c8"),
          ("R271", "R290", "8ee5ac9"), ("R291", "R310", "7a0060f"), ("R311", "R330", "787c143"),
          ("R331", "R350", "2db03ca"), ("R351", "R370", "0e892b0"), ("R371", "R390", "b98d3a9"),
          ("R391", "R410", "51cbc95"), ("R411", "R430", "f80ac38"),
          ("R431", "R450", "015e5be"),
          ("R451", "R470", "eb91b84"), ("R471", "R490", "2cac0cb"),
          ("R491", "R510", "000e051"), ("R511", "R530", "c3bcd59"),
          ("R531", "R550", "440d3f8"), ("R551", "R570", "f008922"),
          ("R571", "R584", "8c58562"), ("R585", "R597", "f5b7b5c"),
          ("R598", "R609", "d1b06a2"),
          ("R610", "R625", "35860d0"), ("R626", "R639", "506a2fc"),
          ("R640", "R651", "f19dc8f"), ("R652", "R662", "3709863"),
          ("R663", "R671", "317b9bc"), ("R672", "R678", "5e765b6"),
          ("R679", "R687", "1a90698"),
          ("R688", "R694", "f057de2"), ("R695", "R703", "cad20d1"), ("R704", "R711", "f779a09"),
          ("R712", "R719", "cacb239"), ("R720", "R727", "0a8969a"),
          ("R728", "R733", "c8bfc12"), ("R734", "R739", "6e0f668"),
          ("R740", "R746", "fe34e88"), ("R747", "R754", "0272bbb"),
          ("R755", "R762", "f4e269c"), ("R763", "R769", "6e91ace")]


def in_round(actions: pd.DataFrame, lo: str, hi: str) -> pd.Series:
    """Which of ``actions`` belong to the round ``lo``-``hi``."""
    return (actions["id"] >= lo) & (actions["id"] <= hi)


@cache
def rules_of(commit: str) -> dict:
    """``data/taxonomy.yaml`` as it was at ``commit`` (read once per commit; not to be changed by its callers)."""
    return yaml.safe_load(subprocess.run(["git", "show", f"{commit}:data/taxonomy.yaml"], capture_output=True,
                                         text=True, check=True, cwd=measure.EVALUATION_DIR).stdout)


def quality_by_round() -> pd.DataFrame:
    """Hand class and score class of each action of the rounds, the score with the quality lists of the round's
    commit: how the information-quality score does on text its lists were not tuned on."""
    data = measure.evaluation_set()
    today = taxonomy.taxonomy()
    current = quality.taxonomy
    rows = []
    try:
        for lo, hi, commit in ROUNDS:
            then = rules_of(commit)
            spec = {**then, "quality": {**today["quality"], **then["quality"]}}
            quality.taxonomy = lambda spec=spec: spec
            here = data.actions[in_round(data.actions, lo, hi)]
            scores = quality.score(measure.as_plan(here))
            rows.append(pd.DataFrame({"hand": data.gold.loc[here["id"], "kwaliteit"].to_numpy(),
                                      "score": scores["klasse"].to_numpy()}))
    finally:
        quality.taxonomy = current
    return pd.concat(rows, ignore_index=True)


@cache
def round_tags(lo: str, hi: str, commit: str) -> pd.DataFrame:
    """The counted tags (all families) that the rules of ``commit`` give the actions ``lo``-``hi``: read once per
    round, for every family."""
    spec = rules_of(commit)
    actions = measure.evaluation_set().actions
    plan = measure.as_plan(actions[in_round(actions, lo, hi)])
    current, taxonomy.taxonomy = taxonomy.taxonomy, lambda: spec
    try:  # the rules alone: today's model has learned these actions
        return taxonomy.counted(taxonomy.tag(plan, taxonomy.text_matches(taxonomy.action_text(plan).tolist(), False)))
    finally:
        taxonomy.taxonomy = current


@cache
def round_reading(lo: str, hi: str) -> model.Reading:
    """The word model (today's settings) trained on the ``dev`` actions before ``lo``, reading the actions
    ``lo``-``hi``. One training serves every family: each entry is its own regression on the same features."""
    actions = measure.evaluation_set().actions.reset_index(drop=True)
    texts = taxonomy.action_text(measure.as_plan(actions))
    here = in_round(actions, lo, hi).to_numpy()
    earlier = ((actions["id"] < lo) & (actions["deel"] == "dev")).to_numpy()
    table = model.train(texts[earlier].tolist(), measure.targets(actions[earlier], list(model.settings()["families"])))
    return model.read(Tokens([fold_text(t) for t in texts[here]]), table)


def round_matrices(family: str, keys: list[str], actions, lo: str, hi: str, commit: str) -> np.ndarray:
    """The counted tags of one family that the rules of ``commit`` give the actions ``lo``-``hi``, as a 0/1 matrix."""
    here = actions[in_round(actions, lo, hi)]
    tags = round_tags(lo, hi, commit)
    position = {nr: at for at, nr in enumerate(here["id"])}
    found = np.zeros((len(here), len(keys)), dtype=int)
    for nr, key in zip(*tags.loc[tags["dimensie"] == family, ["nr", "sleutel"]].to_numpy().T):
        found[position[nr], keys.index(key)] = 1
    return found


def by_round_scores(family: str, cuts: tuple[float, ...] = (),
                    vetoes: tuple[float, ...] = ()) -> dict[str, tuple[int, int, int]]:
    """Right, found and expected tags over the rounds for the rules of their time, the word model
    (:mod:`pipeline.analysis.model`, its settings of today) trained on the earlier rounds' ``dev`` actions, and the
    two together as the tagger joins them (a tag of either, less the rules' tags the model doubts). ``cuts``: also
    the two together with the model's tags from each of these probabilities on, instead of the family's threshold
    (to choose it); ``vetoes``: also with the rules' tags the model finds below each of these probabilities taken
    away, instead of the vetoes of today, and per entry how many of the tags so taken away were right (``taken away
    below …``: right, taken away, taken away), to choose the vetoes."""
    data = measure.evaluation_set()
    actions = data.actions.reset_index(drop=True)
    keys = [entry["key"] for entry in taxonomy.entries(family)]
    gold = set(measure.label_set(data.gold, family))
    truth = np.array([[(nr, key) in gold for key in keys] for nr in actions["id"]], dtype=int)
    learns = family in model.settings()["families"]
    totals = {"rules": [0, 0, 0], "model": [0, 0, 0], "rules and model": [0, 0, 0]}
    totals.update({f"rules and model from {cut}": [0, 0, 0] for cut in cuts})
    totals.update({f"rules doubted below {floor}": [0, 0, 0] for floor in vetoes})
    totals.update({f"taken away below {floor}: {key}": [0, 0, 0] for floor in vetoes for key in keys})
    floors = model.vetoes([f"{family}.{key}" for key in keys])  # each entry's veto of today
    for lo, hi, commit in ROUNDS:
        here = in_round(actions, lo, hi).to_numpy()
        rules = round_matrices(family, keys, actions, lo, hi, commit)
        learned = np.zeros_like(rules)
        probability = np.zeros(rules.shape)
        if learns:
            reading = round_reading(lo, hi)
            picked = [at for at, entry in enumerate(reading.entries) if entry.split(".")[0] == family]
            columns = [keys.index(reading.entries[at].split(".")[1]) for at in picked]
            learned[:, columns] = reading.tagged[:, picked]
            probability[:, columns] = reading.probability[:, picked]
        doubted = learns & (probability < floors)  # where a rule's tag becomes a suggestion
        arms = [("rules", rules), ("model", learned), ("rules and model", (rules & ~doubted) | learned)]
        arms += [(f"rules and model from {cut}", (rules & ~doubted) | (probability >= cut)) for cut in cuts]
        taken = {floor: rules & learns & (probability < floor) for floor in vetoes}  # the rules' tags each would doubt
        arms += [(f"rules doubted below {floor}", (rules & ~gone) | learned) for floor, gone in taken.items()]
        for name, predicted in arms:
            totals[name][0] += int((predicted & truth[here]).sum())
            totals[name][1] += int(predicted.sum())
            totals[name][2] += int(truth[here].sum())
        for floor, gone in taken.items():
            for at, key in enumerate(keys):
                right, count = int((gone[:, at] & truth[here][:, at]).sum()), int(gone[:, at].sum())
                total = totals[f"taken away below {floor}: {key}"]
                total[0], total[1], total[2] = total[0] + right, total[1] + count, total[2] + count
    return {name: tuple(total) for name, total in totals.items()}


def main_by_round() -> None:
    cuts = (0.5, 0.6, 0.7, 0.8) if "--cuts" in sys.argv else ()
    vetoes = (0.0, 0.02, 0.05, 0.1, 0.15, 0.2) if "--vetoes" in sys.argv else ()
    print(f"{'family':16} {'arm':27} {'precision':>14} {'recall':>14}")
    for family in measure.FAMILIES:
        for name, (right, found, expected) in by_round_scores(family, cuts, vetoes).items():
            if name.startswith("taken away"):  # right among the tags taken away: no recall to show
                print(f"{family:16} {name:27} {right:>4}/{found:<4} {right / max(found, 1):.3f}")
                continue
            print(f"{family:16} {name:27} {right:>4}/{found:<4} {right / max(found, 1):.3f} "
                  f"{right:>4}/{expected:<4} {right / max(expected, 1):.3f}")


UNSEEN_FILE = measure.EVALUATION_DIR / "unseen.csv"
ARMS = {"rules": "regels", "rules and model": "regels_en_model"}


def computed_unseen() -> pd.DataFrame:
    """The rows of ``unseen.csv``: per family and arm, right, found and expected tags over the rounds, and one row
    for the quality classes (agreed, and all actions twice); with the number of rounds and of their actions."""
    data = measure.evaluation_set()
    actions = sum(int(in_round(data.actions, lo, hi).sum()) for lo, hi, _ in ROUNDS)
    rows = []
    for family in measure.FAMILIES:
        scores = by_round_scores(family)
        rows += [{"familie": family, "arm": name, "juist": scores[arm][0], "gevonden": scores[arm][1],
                  "verwacht": scores[arm][2]} for arm, name in ARMS.items()]
    classes = quality_by_round()
    rows.append({"familie": "kwaliteit", "arm": "score", "juist": measure.agreed(classes), "gevonden": len(classes),
                 "verwacht": len(classes)})
    return pd.DataFrame(rows).assign(rondes=len(ROUNDS), acties=actions)


def write_unseen() -> int:
    """Write ``unseen.csv``."""
    computed_unseen().to_csv(UNSEEN_FILE, index=False, lineterminator="\n")
    print(f"wrote {UNSEEN_FILE}")
    return 0


def check_unseen() -> int:
    """0 if ``unseen.csv`` holds what the rounds give today, else 1 with the rows that differ."""
    written = pd.read_csv(UNSEEN_FILE)
    computed = computed_unseen()
    if written.equals(computed):
        print(f"{UNSEEN_FILE} agrees with the rounds")
        return 0
    print(f"{UNSEEN_FILE} differs from the rounds; run --by-round --write\nwritten:\n{written}\ncomputed:\n{computed}")
    return 1


def cross_validated() -> dict[str, tuple[int, int, int, int, int]]:
    """Per family of the model: right and found tags of the rules alone on ``dev``, right and found of the rules
    joined with a model trained on the other four folds, and the expected tags."""
    from sklearn.model_selection import KFold

    data = measure.evaluation_set()
    dev = data.part("dev").reset_index(drop=True)
    plan = measure.as_plan(dev)
    texts = taxonomy.action_text(plan).tolist()
    families = list(model.settings()["families"])
    targets = measure.targets(dev, families)
    learned = set()
    for train, held in KFold(5, shuffle=True, random_state=0).split(texts):
        table = model.train([texts[at] for at in train], targets.iloc[train])
        tags = model.read(Tokens([fold_text(texts[at]) for at in held]), table).tags()
        learned |= {(dev["id"].iloc[held[at]], *entry.split(".")) for at, entry in zip(tags["text"], tags["entry"])}
    rules = taxonomy.counted(taxonomy.tag(plan, taxonomy.text_matches(texts, False)))
    rules = set(zip(rules["nr"], rules["dimensie"], rules["sleutel"]))
    result = {}
    for family in families:
        gold = {(nr, family, key) for nr, key in measure.label_set(data.gold, family) if nr in set(dev["id"])}
        alone = {tag for tag in rules if tag[1] == family}
        joined = alone | {tag for tag in learned if tag[1] == family}
        result[family] = (len(alone & gold), len(alone), len(joined & gold), len(joined), len(gold))
    return result


def main() -> None:
    if "--by-round" in sys.argv and ("--write" in sys.argv or "--check" in sys.argv):
        sys.exit(write_unseen() if "--write" in sys.argv else check_unseen())
    if "--by-round" in sys.argv and "--quality" in sys.argv:
        classes = quality_by_round()
        agreement = measure.agreement_row("rondes", measure.agreed(classes), len(classes))
        print(f"quality classes, rounds {FIRST_ROUND}-{FIRST_ROUND + len(ROUNDS) - 1}, lists of their time: "
              f"{agreement['gelijk']}/{agreement['acties']} {agreement['aandeel']:.3f}")
        print(measure.confusion(classes).to_string())
        return
    if "--by-round" in sys.argv:
        main_by_round()
        return
    if "--cv" in sys.argv:
        print(f"{'family':16} {'rules alone':>12} {'rules and model':>16} {'expected':>9}")
        for family, (right, found, joined_right, joined, expected) in cross_validated().items():
            print(f"{family:16} {right:>5}/{found:<6} {joined_right:>8}/{joined:<7} {expected:>9}")
        return
    print(f"{'family':16} {'arm':18} {'precision':>14} {'recall':>14}")
    for learned, name in ((False, "rules"), (True, "rules and model")):
        scores = measure.tagger_scores("test", learned).set_index("familie")
        for family in measure.FAMILIES:
            right, found, expected = scores.loc[family, ["juist", "gevonden", "verwacht"]]
            print(f"{family:16} {name:18} {right:>4}/{found:<4} {right / max(found, 1):.2f}  "
                  f"{right:>4}/{expected:<4} {right / max(expected, 1):.2f}")


if __name__ == "__main__":
    main()
