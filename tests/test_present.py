"""Report objects: they keep their data, display themselves, and are numbered only when the report is rendered."""

import pandas as pd

from pipeline.report import markup
from pipeline.report.present import ANNEX_MIME, Chapter, Table, Text


def grid():
    return pd.DataFrame({"OMG": [3, 0.25], "Totaal": [5, 0.5]}, index=["bruto", "aandeel"])


def test_labels_and_percentages_change_what_is_shown_not_the_data():
    data = pd.DataFrame({"acties": [3, 4], "aandeel": [0.25, 0.5]}, index=["OMG", "MOW"])
    table = Table(data, "Titel", "t", labels={"acties": "Acties", "OMG": "Omgeving"}, percent=("aandeel",))
    assert table.data is data and data["aandeel"].tolist() == [0.25, 0.5]
    shown = table.shown()
    assert list(shown.columns) == ["Acties", "aandeel"] and list(shown.index) == ["Omgeving", "MOW"]
    assert shown["aandeel"].tolist() == ["25%", "50%"]


def test_cell_text_is_escaped():
    table = Table(pd.DataFrame({"actie": ["<script>alert(1)</script>"]}), "<b>", "t", row_headers=False)
    page = table.html()
    assert "<script>" not in page and "&lt;script&gt;" in page and "&lt;b&gt;" in page


def test_numbers_follow_document_order_and_rerunning_a_cell_changes_nothing():
    first, second = Table(grid(), "Eerste", "a"), Table(grid(), "Tweede", "b")
    assert first.html() == first.html()  # shown twice (a cell run twice): the same HTML
    page = markup.number_items(second.html() + first.html(), "nl")
    assert page.index("Tabel 1. Tweede") < page.index("Tabel 2. Eerste")
    assert 'data-kind="table"' not in page


def test_t5_columns_get_a_group_row_above_their_parts():
    data = pd.DataFrame([[1, 2, 3, 4, 5, 6, 9]], index=["totaal"],
                        columns=["beleidsdomeinen_2022", "beleidsdomeinen_2023", "beleidsdomeinen_totaal",
                                 "centraal_2022", "centraal_2023", "centraal_totaal", "totaal"])
    page = Table(data, "T5", "t5", labels={"beleidsdomeinen": "Beleidsdomeinen", "centraal": "Centraal",
                                           "totaal": "Totaal"}).html()
    assert page.count('scope="colgroup" colspan="3"') == 2
    assert '<th scope="col" rowspan="2">Totaal</th>' in page and page.count("<tr>") == 3


def test_no_header_cell_is_empty():
    page = Table(grid(), "Titel", "t").html()
    assert "<th scope=\"col\"></th>" not in page


def test_objects_offer_the_report_mimetype_and_plain_html():
    for block in (Table(grid(), "T", "t"), Text(["Een zin."]), Chapter("summary", "Samenvatting")):
        bundle = block._repr_mimebundle_()
        assert bundle[ANNEX_MIME] == bundle["text/html"] == block._repr_html_()


def test_download_links_follow_the_last_sentence():
    page = Text(["Download:"], links=("tables.csv",)).html()
    assert page == '<p class="downloads">Download: <a href="tables.csv">tables.csv</a></p>'


def test_values_are_written_plainly():
    assert [markup.format_value(v) for v in (3.0, float("nan"), None, ["a", "b"], 0.5)] == ["3", "", "", "a, b", "0.5"]
    assert markup.format_value(0.125, as_percent=True) == "12%"
