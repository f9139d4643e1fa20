"""The real-text evaluation set and the statistics reported from it."""

import pandas as pd
import pytest

from pipeline.analysis import measure, quality, taxonomy
from pipeline.analysis.stats import cohen_kappa, wilson

DATA = measure.evaluation_set()


def test_wilson_interval_matches_the_textbook():
    assert wilson(0, 10) == pytest.approx((0.0, 0.2775), abs=1e-4)
    assert wilson(5, 10) == pytest.approx((0.2366, 0.7634), abs=1e-4)
    assert wilson(0, 0) == (0.0, 1.0)


def test_cohen_kappa_matches_the_textbook():
    # 50 items: both yes 20, first yes second no 5, first no second yes 10, both no 15 -> kappa 0.4
    first = ["ja"] * 25 + ["nee"] * 25
    second = ["ja"] * 20 + ["nee"] * 5 + ["ja"] * 10 + ["nee"] * 15
    assert cohen_kappa(first, second) == pytest.approx(0.4)
    assert cohen_kappa(first, first) == 1.0


def test_the_set_holds_at_least_120_real_actions_each_with_a_public_source():
    actions = DATA.actions
    assert len(actions) >= 120 and actions["id"].is_unique
    assert actions["bron"].str.match(r"https?://[^\s/]+\.[^\s]+").all()
    assert (actions["actie"].str.len() > 0).all() and (actions["omschrijving"].str.len() > 0).all()


def test_the_split_is_fixed_and_the_held_out_part_is_large_enough():
    split = measure.read("split.csv")
    assert set(split["id"]) == set(DATA.actions["id"]) and set(split["deel"]) == {"dev", "test"}
    assert (split["deel"] == "test").sum() >= 40
    assert set(DATA.part("dev")["id"]).isdisjoint(DATA.part("test")["id"])


def test_every_label_is_a_taxonomy_key_or_a_known_class():
    keys = {dim: {e["key"] for e in taxonomy.entries(dim)} for dim in measure.FAMILIES}
    for frame in (DATA.gold, DATA.first, DATA.second):
        assert set(frame.index) == set(DATA.actions["id"])
        for family in measure.FAMILIES:
            assert {k for cell in frame[family] for k in cell.split(";") if k} <= keys[family], family
        assert set(frame["aard"]) <= {"strategisch", "operationeel"}
        assert set(frame["kwaliteit"]) <= set(quality.CLASSES)


def test_gold_is_the_first_pass_with_exactly_the_reconciled_disagreements_changed():
    reconciliation = measure.read("reconciliation.csv")
    differs = DATA.first != DATA.second
    assert differs.to_numpy().sum() == len(reconciliation)
    for row in reconciliation.itertuples():
        assert (DATA.first.at[row.id, row.veld], DATA.second.at[row.id, row.veld]) == (row.a, row.b)
        assert DATA.gold.at[row.id, row.veld] == row.gold and row.gold in (row.a, row.b) and row.reden
    unchanged = ~DATA.gold.index.isin(reconciliation["id"])
    assert DATA.gold[unchanged].equals(DATA.first[unchanged])


def test_judged_pairs_name_actions_of_the_set():
    pairs = DATA.pairs
    assert set(pairs["id_a"]) | set(pairs["id_b"]) <= set(DATA.actions["id"])
    assert set(pairs["oordeel"]) <= {"dubbel", "verwant"} and (pairs["oordeel"] == "dubbel").sum() >= 5


def test_tagger_scores_count_what_they_claim():
    gold_keys = measure.label_set(DATA.gold, "europa")
    test_ids = set(DATA.part("test")["id"])
    scores = measure.tagger_scores("test").set_index("familie")
    assert scores.loc["europa", "verwacht"] == sum(1 for i, _ in gold_keys if i in test_ids)
    assert (scores["juist"] <= scores[["verwacht", "gevonden"]].min(axis=1)).all()
    assert ((scores["p_laag"] <= scores["precisie"] + 1e-9) & (scores["precisie"] <= scores["p_hoog"] + 1e-9)).all()


def test_suggestions_do_not_count_in_the_scores():
    tags = measure.predicted_tags("dev")
    counted = taxonomy.counted(tags)
    assert set(counted["bron"]) <= {"regel", "analist"} and len(counted) <= len(tags)


def test_quality_confusion_adds_up_to_the_part():
    confusion = measure.quality_confusion("test")
    agreement = measure.quality_agreement("test")
    assert confusion.to_numpy().sum() == agreement["acties"] == len(DATA.part("test"))
    assert int(pd.Series(confusion.to_numpy().diagonal()).sum()) == agreement["gelijk"]


def test_duplicate_scores_count_the_judged_duplicates_of_the_part():
    ids = set(DATA.part("dev")["id"])
    inside = DATA.pairs[(DATA.pairs["oordeel"] == "dubbel") & DATA.pairs["id_a"].isin(ids) & DATA.pairs["id_b"].isin(ids)]
    assert measure.duplicate_scores(0.0, "dev")["dubbels"] == len(inside)
    assert measure.duplicate_scores(0.0, "dev")["recall"] == 1.0


def test_unseen_scores_are_the_rounds_file_with_intervals():
    figures = measure.unseen_figures()
    joined, rules = measure.unseen_scores(), measure.unseen_scores(learned=False)
    assert joined["familie"].tolist() == rules["familie"].tolist() == measure.FAMILIES
    assert (joined["verwacht"] == rules["verwacht"]).all() and (joined["juist"] <= joined["gevonden"]).all()
    row = figures[(figures["familie"] == "zorgpunten") & (figures["arm"] == "regels_en_model")].iloc[0]
    scored = joined.set_index("familie").loc["zorgpunten"]
    assert scored["precisie"] == row["juist"] / row["gevonden"] and scored["recall"] == row["juist"] / row["verwacht"]
    assert scored["p_laag"] < scored["precisie"] < scored["p_hoog"] and scored["acties"] == row["acties"]
    agreed = measure.unseen_quality()
    assert agreed["gelijk"] <= agreed["acties"] == row["acties"] and agreed["rondes"] == row["rondes"]


def test_the_rounds_file_holds_what_the_rounds_give():
    """``unseen.csv`` is written by a script from the rounds; computed again here (about two minutes: a model is
    trained for each round). It needs the commits whose rules first met each round."""
    import importlib.util
    import subprocess
    import sys

    script = measure.EVALUATION_DIR.parents[1] / "benchmarks" / "learned_tagger.py"
    spec = importlib.util.spec_from_file_location("learned_tagger", script)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    known = [subprocess.run(["git", "cat-file", "-e", f"{commit}^{{commit}}"], cwd=script.parent,
                            capture_output=True).returncode == 0 for _, _, commit in bench.ROUNDS]
    if not all(known):
        pytest.skip("the repository's history (the rounds' commits) is not here, e.g. in a shallow clone")
    run = subprocess.run([sys.executable, str(script), "--by-round", "--check"], cwd=script.parent,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
