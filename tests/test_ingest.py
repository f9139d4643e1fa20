"""Reading workbooks: every variation the contract allows, and every way a file can be wrong."""

import re
import sys
import zipfile

import pytest
from conftest import HEADERS, action, write_workbook

from pipeline.child import ChildCall
from pipeline.errors import InputError
from pipeline.input.ingest import read_plan


def messages(error: InputError) -> str:
    return str(error)


def test_reads_a_plain_table(plan_file):
    plan = read_plan(plan_file([action(), action("3,57", "Ecosysteem", label="nieuw")]), 2023)
    assert list(plan["nr"]) == ["1,1", "3,57"]
    assert list(plan["thema"]) == ["algemeen_kader", "ecosysteem"]
    assert list(plan["jaar"]) == [2022, 2023]
    assert list(plan["nieuw"]) == [False, True]


def test_header_below_title_rows_and_on_a_later_sheet(plan_file):
    path = plan_file([action()], title_rows=("Data-actieplan 2023", "Versie 3", ""), first_sheets=("Leeswijzer",))
    plan = read_plan(path, 2023)
    assert plan.attrs["sheet"] == "Acties"
    assert plan["rij"].tolist() == [5]


def test_header_aliases_case_accents_and_punctuation(plan_file):
    headers = ["ACTIE NR", "actiedomein", "Naam actie", "Trekker(s)", "Beleidsdomeinen", "Soort actie", "Nieuw",
               "Opgenomen in", "STATUS", "Toekomstige stappen", "Eigen kolom"]
    row = ["2,3", "2", "Titel", "VDAB", "WSE", "Individueel", "NIEUW", 2023, " Gepland ", "Volgende stap", "x"]
    plan = read_plan(plan_file([row], headers=headers), 2023)
    first = plan.iloc[0]
    assert (first["nr"], first["thema"], first["status"], first["nieuw"]) == ("2,3", "datageletterdheid", "lopend", True)
    assert first["aanvullingen"] == "Volgende stap"
    assert first["Eigen kolom"] == "x"


def test_section_headings_and_empty_rows_are_skipped(plan_file):
    rows = [["Thema 1 - Algemeen kader"], action("1,1"), [None] * 9, [None, None, "Thema 3 - Ecosysteem"],
            action("3,1", "Ecosysteem")]
    plan = read_plan(plan_file(rows), 2023)
    assert plan["nr"].tolist() == ["1,1", "3,1"]


def test_merged_cells_give_their_value_to_every_cell(plan_file):
    rows = [action("4,1", "Datagovernance"), action("4,2", None), action("4,3", None)]
    plan = read_plan(plan_file(rows, merges=("B2:B4",)), 2023)
    assert plan["thema"].tolist() == ["datagovernance"] * 3


def test_numeric_numbers_are_read_through_their_format(plan_file):
    rows = [action(4.1, "Datagovernance"), action(4.1, "Datagovernance"), action(4.15, "Datagovernance")]
    path = plan_file(rows, formats={"A2": "0.0", "A3": "0.00", "A4": "General"})
    assert read_plan(path, 2023)["nr"].tolist() == ["4,1", "4,10", "4,15"]


def test_a_general_number_that_could_mean_two_actions_is_refused(plan_file):
    rows = [action(4.1, "Datagovernance"), action("4,12", "Datagovernance")]
    with pytest.raises(InputError, match=r"row 2, column 'Nr': the number 4.1 has no number format"):
        read_plan(plan_file(rows), 2023)


def test_number_with_a_dot_and_spaces(plan_file):
    assert read_plan(plan_file([action(" 3.57 ", "Ecosysteem")]), 2023)["nr"].tolist() == ["3,57"]


def test_spaces_non_breaking_spaces_and_line_breaks_are_trimmed(plan_file):
    plan = read_plan(plan_file([action(actie="\u00a0Titel  met  ruimte \n", trekker=" VDAB \n")]), 2023)
    assert plan.iloc[0]["actie"] == "Titel met ruimte"
    assert plan.iloc[0]["trekkers"] == ["VDAB"]


def test_leads_split_on_semicolon_slash_and_line_break_but_not_on_comma_or_en(plan_file):
    lead = "Agentschap Zorg en Gezondheid; VDAB/Departement Omgeving\nVMM, afdeling Lucht"
    plan = read_plan(plan_file([action(trekker=lead)]), 2023)
    assert plan.iloc[0]["trekkers"] == ["Agentschap Zorg en Gezondheid", "VDAB", "Departement Omgeving",
                                        "VMM, afdeling Lucht"]


@pytest.mark.parametrize("cell, expected", [
    ("OMG", ["OMG"]),
    ("omg; wvg", ["OMG", "WVG"]),
    ("Welzijn, Volksgezondheid en Gezin, Omgeving", ["WVG", "OMG"]),
    ("DV/VSA en KBBJ", ["DV&VSA", "KBBJ"]),
    ("Digitaal Vlaanderen\nVlaamse Statistische Autoriteit", ["DV&VSA"]),
    ("OMG / OMG", ["OMG"]),
])
def test_domains_by_code_or_name_with_every_separator(plan_file, cell, expected):
    assert read_plan(plan_file([action(domein=cell)]), 2023).iloc[0]["domeinen"] == expected


def test_retired_domains_are_mapped_forward_in_2024(plan_file):
    plan = read_plan(plan_file([action(domein="EWI; Werk en Sociale Economie; LV", jaar=2023)]), 2024)
    assert plan.iloc[0]["domeinen"] == ["WEWILS"]


def test_theme_by_number_name_or_alias(plan_file):
    rows = [action("4,1", 4), action("4,2", "Data governance"), action("4,3", "datagovernance")]
    assert read_plan(plan_file(rows), 2023)["thema"].tolist() == ["datagovernance"] * 3


def test_year_defaults_from_the_label(plan_file):
    rows = [action("1,1", label="nieuw"), action("1,2")]
    headers = [h for h in HEADERS if h != "Jaar"]
    rows = [r[:7] + r[8:] for r in rows]
    assert read_plan(plan_file(rows, headers=headers), 2023)["jaar"].tolist() == [2023, 2022]


@pytest.mark.parametrize("word, status", [("in uitvoering", "lopend"), ("Nog niet gestart", "lopend"),
                                          ("voltooid", "afgerond"), ("AFGEROND", "afgerond")])
def test_status_aliases(plan_file, word, status):
    assert read_plan(plan_file([action(status=word)]), 2023).iloc[0]["status"] == status


def test_xlsm_is_accepted(tmp_path):
    path = write_workbook(tmp_path / "plan.xlsm", [action()])
    assert len(read_plan(path, 2023)) == 1


# --- every validation error, located by file, sheet, row and column -------------------------------------------

@pytest.mark.parametrize("row, expected", [
    (action(nr=None), r"row 2, column 'Nr': the action number is missing"),
    (action(nr="3-57", thema="Ecosysteem"), r"row 2, column 'Nr': '3-57' is not an action number"),
    (action(nr="3,57a", thema="Ecosysteem"), r"'3,57a' is not an action number"),
    (action(nr="1,4", thema="Ecosysteem"), r"column 'Thema': theme 3 does not match action number 1,4"),
    (action(thema="Cultuur"), r"column 'Thema': unknown theme 'Cultuur'"),
    (action(domein="OMG;;WVG"), r"column 'Beleidsdomein': an empty piece between two separators"),
    (action(domein="OMG; Sport"), r"column 'Beleidsdomein': unknown domain 'Sport'"),
    (action(domein="WEWILS"), r"domain 'WEWILS' exists only from 2024, not in a 2023 plan"),
    (action(type_="gezamenlijk"), r"column 'Type': 'gezamenlijk' is not allowed; expected one of"),
    (action(label="oud"), r"column 'Label': 'oud' is not allowed"),
    (action(status="stopgezet"), r"column 'Status': 'stopgezet' is not allowed"),
    (action(jaar=2025), r"column 'Jaar': 2025 is after the plan year 2023"),
    (action(label="nieuw", jaar=2021), r"labelled 'nieuw' but its year is 2021"),
    (action(actie=None), r"column 'Actie': the cell is empty"),
    (action(trekker="#REF!"), r"column 'Trekker': the cell holds the error value #REF!"),
])
def test_each_validation_error_names_file_sheet_row_and_column(plan_file, row, expected):
    with pytest.raises(InputError) as caught:
        read_plan(plan_file([row]), 2023)
    assert "plan.xlsx, sheet 'Acties', row 2" in messages(caught.value)
    assert re.search(expected, messages(caught.value))


def test_duplicate_numbers_name_the_first_row(plan_file):
    with pytest.raises(InputError, match=r"row 3, column 'Nr': action number 1,1 appears twice \(first in row 2\)"):
        read_plan(plan_file([action(), action()]), 2023)


def test_all_problems_are_reported_together(plan_file):
    with pytest.raises(InputError) as caught:
        read_plan(plan_file([action(status="x"), action("1,2", domein="Sport"), action("1,2")]), 2023)
    assert len(caught.value.problems) == 3
    assert "3 problems found" in str(caught.value)


def test_missing_column_lists_the_headers_found_and_the_config_file(plan_file):
    headers = [h for h in HEADERS if h != "Status"]
    with pytest.raises(InputError) as caught:
        read_plan(plan_file([action()[:-1]], headers=headers), 2023)
    text = str(caught.value)
    assert "Status" in text and "Beleidsdomein" in text and "plan-format.yaml" in text


def test_a_column_given_twice(plan_file):
    headers = HEADERS + ["Titel"]
    with pytest.raises(InputError, match=r"column 'Actie' appears twice"):
        read_plan(plan_file([action() + ["Nog een titel"]], headers=headers), 2023)


@pytest.mark.parametrize("content, expected", [
    (b"", "the file is empty"),
    (b"Nr;Thema;Actie\n1,1;1;x\n", re.escape("the content is text (a CSV file?)")),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old-style .xls or an encrypted workbook"),
    (b"PK\x03\x04" + b"\x00" * 20, "damaged"),
])
def test_wrong_file_types_get_one_clear_sentence(tmp_path, content, expected):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(content)
    with pytest.raises(InputError, match=expected) as caught:
        read_plan(path, 2023)
    assert len(caught.value.problems) == 1


def test_a_truncated_workbook(tmp_path, plan_file):
    data = plan_file([action()]).read_bytes()
    path = tmp_path / "half.xlsx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match="half.xlsx"):
        read_plan(path, 2023)
    assert not zipfile.is_zipfile(path)


def test_a_missing_file(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        read_plan(tmp_path / "nergens.xlsx", 2023)


def test_a_heading_merged_across_the_row_is_skipped_and_a_horizontal_merge_fills_each_cell(plan_file):
    rows = [["Thema 1 - Algemeen kader"] + [None] * 8, action("1,1", trekker="DV", domein=None), action("1,2")]
    path = plan_file(rows, merges=("A2:I2", "D3:E3"))  # the heading row, and Trekker merged into Beleidsdomein
    plan = read_plan(path, 2023)
    assert plan["nr"].tolist() == ["1,1", "1,2"]
    assert (plan.iloc[0]["trekker"], plan.iloc[0]["domeinen"]) == ("DV", ["DV&VSA"])


def test_a_merged_number_cell_keeps_the_top_left_number_format(plan_file):
    rows = [action(4.1, "Datagovernance"), action(None, "Datagovernance", actie="Tweede regel")]
    path = plan_file(rows, merges=("A2:A3",), formats={"A2": "0.00"})
    with pytest.raises(InputError, match=r"row 3, column 'Nr': action number 4,10 appears twice \(first in row 2\)"):
        read_plan(path, 2023)


def test_the_garbage_collector_is_paused_only_while_reading(plan_file):
    import gc

    read_plan(plan_file([action()]), 2023)
    assert gc.isenabled()
    with pytest.raises(InputError):
        read_plan(plan_file([action(status="x")]), 2023)
    assert gc.isenabled()
    gc.disable()
    try:
        read_plan(plan_file([action()]), 2023)
        assert not gc.isenabled()  # a caller's own choice is kept
    finally:
        gc.enable()


@pytest.mark.parametrize("text", ["#N/A", "  #DIV/0! ", "\u00a0#VALUE!"])
def test_an_error_value_typed_as_text_is_refused(plan_file, text):
    with pytest.raises(InputError, match=r"row 2, column 'Actie': the cell holds the error value"):
        read_plan(plan_file([action(actie=text)]), 2023)


def test_a_hash_in_ordinary_text_is_kept(plan_file):
    plan = read_plan(plan_file([action(actie="Team #2 bouwt een #REF-koppeling")]), 2023)
    assert plan.iloc[0]["actie"] == "Team #2 bouwt een #REF-koppeling"


def test_numbers_are_read_as_excel_displays_them_not_by_counting_decimals(plan_file):
    rows = [action(1.6), action(1.2, thema="Algemeen kader"), action(1.1), action(2.5, thema="Datageletterdheid")]
    path = plan_file(rows, formats={"A2": "0.##", "A3": "0.0#", "A4": "@", "A5": "#,##0.00"})
    assert list(read_plan(path, 2023)["nr"]) == ["1,6", "1,2", "1,1", "2,50"]


def test_a_number_format_that_shows_no_action_number_is_named(plan_file):
    path = plan_file([action(1.5)], formats={"A2": "mm-dd-yy"})
    with pytest.raises(InputError, match=r"row 2, column 'Nr': the number has the number format 'mm-dd-yy'"):
        read_plan(path, 2023)


def test_a_formula_without_a_saved_result_is_explained_from_the_sheet_xml(plan_file):
    path = plan_file([action(actie="=CONCAT(\"a\",\"b\")")])
    with pytest.raises(InputError, match=r"column 'Actie': the cell holds the formula =CONCAT"):
        read_plan(path, 2023)


@pytest.fixture
def forking(monkeypatch):
    """The XML pass runs in a child process (where early work is started) even if a thread is left running."""
    if not sys.platform.startswith("linux"):
        pytest.skip("the child processes are a Linux feature")
    monkeypatch.setattr(ChildCall, "usable", staticmethod(lambda: True))


def test_early_work_gets_the_checked_columns_of_the_plan(plan_file, forking):
    """``early`` is given the checked columns before the plan is complete; they are the plan's columns."""
    path = plan_file([action("1,1", actie="  Een  actie "), action("1,2", jaar=2022)])
    seen = []
    plan = read_plan(path, 2023, early=seen.append)
    assert len(seen) == 1 and {"actie", "thema_nr", "type"} <= set(seen[0])
    assert all(plan[name].tolist() == list(values) for name, values in seen[0].items())
    assert seen[0]["actie"][0] == "Een actie"


def test_early_work_is_not_started_on_a_plan_with_bad_columns(plan_file, forking):
    path = plan_file([action("1,1", trekker="")])
    seen = []
    with pytest.raises(InputError):
        read_plan(path, 2023, early=seen.append)
    assert seen == []
