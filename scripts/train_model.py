"""Train the word model (pipeline/analysis/model.py) on the development part of the evaluation set.

Writes ``data/model/weights.csv``. The test part is never read, so the held-out
figures stay held out. Run it after the evaluation set or ``data/model/model.yaml``
changes; ``tests/test_model.py`` checks that the committed weights are what it
writes. Run: ``python scripts/train_model.py``.
"""

import pandas as pd

from pipeline.analysis import measure, model, taxonomy


def trained_weights() -> pd.DataFrame:
    """The weights the development part gives."""
    data = measure.evaluation_set()
    dev = data.part("dev")
    texts = taxonomy.action_text(measure.as_plan(dev)).tolist()
    return model.train(texts, measure.targets(dev, list(model.settings()["families"])))


def main() -> None:
    table = trained_weights()
    table.to_csv(model.WEIGHTS_FILE, float_format=f"%.{model.DECIMALS}f")
    print(f"{model.WEIGHTS_FILE}: {table.shape[0] - 1} features, {table.shape[1]} entries")


if __name__ == "__main__":
    main()
