"""Does a learned model beat the rules on the held-out real actions? Prints micro precision and recall per family.

A one-vs-rest logistic regression on word and character TF-IDF of title and
description is trained on the development part of ``data/evaluation/`` only and
scored on the test part, beside the rules. It runs offline from files in the
project. Run: ``python benchmarks/learned_tagger.py``.

``--by-round`` asks the question on text that neither side has seen: for each
round of new actions (rounds 4 to 28), the rules as they were before that round
(``data/taxonomy.yaml`` at the commit the evaluation README names) and a model
trained on the ``dev`` actions of the earlier rounds only, alone and added to the
rules. It reads the old rules with ``git show``, so it needs the repository.
"""

import subprocess
import sys

import numpy as np
import yaml
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.preprocessing import MultiLabelBinarizer

from pipeline.analysis import measure, similarity, taxonomy


def learned_scores(family: str) -> tuple[float, float]:
    data = measure.evaluation_set()
    dev, test = data.part("dev"), data.part("test")
    labels = {i: [k for k in data.gold.at[i, family].split(";") if k] for i in data.actions["id"]}
    binarizer = MultiLabelBinarizer().fit(labels.values())
    texts = taxonomy.action_text(measure.as_plan(data.actions)).tolist()
    rows = similarity.vectors(texts)
    is_dev = data.actions["deel"].eq("dev").to_numpy()
    target = binarizer.transform([labels[i] for i in dev["id"]])
    keep = target.sum(axis=0) > 0
    model = OneVsRestClassifier(LogisticRegression(C=10, max_iter=2000, class_weight="balanced"))
    model.fit(rows[is_dev], target[:, keep])
    predicted = np.zeros((len(test), len(binarizer.classes_)), dtype=int)
    predicted[:, keep] = model.predict(rows[~is_dev])
    truth = binarizer.transform([labels[i] for i in test["id"]])
    right = int((predicted & truth).sum())
    return right / max(int(predicted.sum()), 1), right / max(int(truth.sum()), 1)


# Each round's new actions, and the commit whose rules first met them (data/evaluation/README.md).
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
          ("R640", "R651", "f19dc8f"), ("R652", "R662", "3709863")]


def round_matrices(family: str, keys: list[str], actions, lo: str, hi: str, commit: str) -> np.ndarray:
    """The counted tags of one family that the rules of ``commit`` give the actions ``lo``-``hi``, as a 0/1 matrix."""
    shown = subprocess.run(["git", "show", f"{commit}:data/taxonomy.yaml"], capture_output=True, text=True,
                           check=True, cwd=measure.EVALUATION_DIR).stdout
    current, taxonomy.taxonomy = taxonomy.taxonomy, lambda: yaml.safe_load(shown)
    try:
        here = actions[(actions["id"] >= lo) & (actions["id"] <= hi)]
        tags = taxonomy.counted(taxonomy.tag(measure.as_plan(here)))
    finally:
        taxonomy.taxonomy = current
    position = {nr: at for at, nr in enumerate(here["id"])}
    found = np.zeros((len(here), len(keys)), dtype=int)
    for nr, key in zip(*tags.loc[tags["dimensie"] == family, ["nr", "sleutel"]].to_numpy().T):
        found[position[nr], keys.index(key)] = 1
    return found


def by_round_scores(family: str, cut: float = 0.5) -> dict[str, tuple[int, int, int]]:
    """Right, found and expected tags over rounds 4-28 for the rules of their time, the model trained on the earlier
    rounds, and the two together (a tag of either)."""
    data = measure.evaluation_set()
    actions = data.actions.reset_index(drop=True)
    keys = [entry["key"] for entry in taxonomy.entries(family)]
    gold = set(measure.label_set(data.gold, family))
    truth = np.array([[(nr, key) in gold for key in keys] for nr in actions["id"]], dtype=int)
    rows = similarity.vectors(taxonomy.action_text(measure.as_plan(actions)).tolist())
    totals = {"rules": [0, 0, 0], "learned": [0, 0, 0], "rules or learned": [0, 0, 0]}
    for lo, hi, commit in ROUNDS:
        here = ((actions["id"] >= lo) & (actions["id"] <= hi)).to_numpy()
        earlier = ((actions["id"] < lo) & (actions["deel"] == "dev")).to_numpy()
        rules = round_matrices(family, keys, actions, lo, hi, commit)
        learned = np.zeros_like(rules)
        for column in range(len(keys)):
            if truth[earlier, column].sum() >= 3:  # too few examples to learn from: the model stays silent
                model = LogisticRegression(C=10, max_iter=2000, class_weight="balanced")
                model.fit(rows[earlier], truth[earlier, column])
                learned[:, column] = model.predict_proba(rows[here])[:, 1] >= cut
        for name, predicted in (("rules", rules), ("learned", learned), ("rules or learned", rules | learned)):
            totals[name][0] += int((predicted & truth[here]).sum())
            totals[name][1] += int(predicted.sum())
            totals[name][2] += int(truth[here].sum())
    return {name: tuple(total) for name, total in totals.items()}


def main_by_round() -> None:
    print(f"{'family':16} {'arm':18} {'precision':>14} {'recall':>14}")
    for family in measure.FAMILIES:
        for name, (right, found, expected) in by_round_scores(family).items():
            print(f"{family:16} {name:18} {right:>4}/{found:<4} {right / max(found, 1):.2f}  "
                  f"{right:>4}/{expected:<4} {right / max(expected, 1):.2f}")


def main() -> None:
    if "--by-round" in sys.argv:
        main_by_round()
        return
    rules = measure.tagger_scores("test").set_index("familie")
    print(f"{'family':16} {'rules P':>8} {'rules R':>8} {'learned P':>10} {'learned R':>10}")
    for family in measure.FAMILIES:
        precision, recall = learned_scores(family)
        print(f"{family:16} {rules.at[family, 'precisie']:8.2f} {rules.at[family, 'recall']:8.2f} "
              f"{precision:10.2f} {recall:10.2f}")


if __name__ == "__main__":
    main()
