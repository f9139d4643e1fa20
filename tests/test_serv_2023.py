"""The 2023 sample reproduces the SERV's published tables, cell for cell where they are consistent."""

import pytest

from pipeline.report.evaluation import broken_identities, compare_published, identities, mismatches, published_tables
from pipeline.study import load, resolve_inputs


@pytest.fixture(scope="module")
def computed():
    _, tables = load(resolve_inputs(2023))
    return tables


@pytest.fixture(scope="module")
def published():
    return published_tables(2023)


@pytest.fixture(scope="module")
def broken(computed, published):
    """The published cells that break the tables' own arithmetic."""
    return broken_identities(published, identities(computed, 2023))


def test_headline_counts_of_the_advice(computed, published):
    t1 = computed[computed["tabel"] == "T1"].set_index("rij")["waarde"]
    quoted = published[published["tabel"] == "T1"].set_index("rij")["waarde"]
    for key in ("acties_vorig", "afgerond_vorig", "acties_nieuw", "dubbel_nieuw", "synergie", "netto"):
        assert t1[key] == quoted[key]


@pytest.mark.parametrize("table", ["T1", "T3", "T4"])
def test_consistent_tables_match_cell_for_cell(computed, published, table):
    comparison = compare_published(computed, published[published["tabel"] == table])
    assert len(comparison) > 0
    assert mismatches(comparison).empty


def test_t2_differs_only_where_the_published_table_breaks_its_own_arithmetic(computed, published, broken):
    differing = mismatches(compare_published(computed, published[published["tabel"] == "T2"]))
    flagged = {cell for cells in broken["cellen"] for cell in cells}
    assert len(differing) > 0
    for row in differing.itertuples():
        assert (row.tabel, row.rij, row.kolom) in flagged, row


def test_t5_differs_only_in_rows_or_columns_with_broken_arithmetic(computed, published, broken):
    differing = mismatches(compare_published(computed, published[published["tabel"] == "T5"]))
    flagged = {cell for cells in broken["cellen"] for cell in cells if cell[0] == "T5"}
    rows, columns = {cell[1] for cell in flagged}, {cell[2] for cell in flagged}
    for row in differing.itertuples():
        assert row.rij in rows or row.kolom in columns, row


def test_the_computed_tables_are_internally_consistent(computed):
    assert broken_identities(computed, identities(computed, 2023)).empty


def test_every_published_cell_is_compared(computed, published):
    comparison = compare_published(computed, published)
    assert len(comparison) == len(published) and not comparison["berekend"].isna().any()
