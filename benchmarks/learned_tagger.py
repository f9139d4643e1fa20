"""Does a learned model beat the rules on the held-out real actions? Prints micro precision and recall per family.

A one-vs-rest logistic regression on word and character TF-IDF of title and
description is trained on the development part of ``data/evaluation/`` only and
scored on the test part, beside the rules. It runs offline from files in the
project. Run: ``python benchmarks/learned_tagger.py``.
"""

import numpy as np
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


def main() -> None:
    rules = measure.tagger_scores("test").set_index("familie")
    print(f"{'family':16} {'rules P':>8} {'rules R':>8} {'learned P':>10} {'learned R':>10}")
    for family in measure.FAMILIES:
        precision, recall = learned_scores(family)
        print(f"{family:16} {rules.at[family, 'precisie']:8.2f} {rules.at[family, 'recall']:8.2f} "
              f"{precision:10.2f} {recall:10.2f}")


if __name__ == "__main__":
    main()
