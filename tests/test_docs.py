"""The project's own contract documents (docs/) name everything the configuration accepts and counts."""

import re

from pipeline.config import ROOT, plan_format, themes
from pipeline.report.labels import catalogue

PLAN_DOC = (ROOT / "docs/plan-format.md").read_text(encoding="utf-8")
TABLES_DOC = (ROOT / "docs/tables.md").read_text(encoding="utf-8")


def test_every_header_and_alias_of_the_configuration_is_documented():
    for column in plan_format()["columns"].values():
        row = next((line for line in PLAN_DOC.splitlines() if line.startswith(f"| {column['header']} |")), None)
        assert row is not None, column["header"]
        assert ("| yes |" in row) == column["required"], column["header"]
        for alias in column["aliases"]:
            assert alias in row, (column["header"], alias)


def test_every_word_theme_and_domain_is_documented():
    for words in plan_format()["vocabularies"].values():
        for spellings in words.values():
            for spelling in spellings:
                assert f"`{spelling}`" in PLAN_DOC, spelling
    for theme in themes():
        assert re.search(rf"\| {theme['nr']} \| {re.escape(theme['name'])}", PLAN_DOC), theme["name"]
        assert f"`{theme['key']}`" in TABLES_DOC
    for domain in plan_format()["domains"]:
        assert f"| {domain['code']} |" in PLAN_DOC, domain["code"]
        for alias in domain["aliases"]:
            assert alias in PLAN_DOC, alias


def test_every_row_key_of_t1_and_t2_is_documented_with_its_t2_mark():
    from pipeline.analysis.tables import wide
    from pipeline.study import load, resolve_inputs

    tables = load(resolve_inputs(2023))[1]
    in_t2 = set(wide(tables, "T2").index)
    for key in wide(tables, "T1").index:
        row = next(line for line in TABLES_DOC.splitlines() if line.startswith(f"| {key} |"))
        assert row.endswith("| yes |") == (key in in_t2), key
        assert key in catalogue("nl")["rows"]
