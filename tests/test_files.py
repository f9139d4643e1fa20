"""The file checks before anything is unpacked: one plain sentence per kind of file that is not a usable workbook."""

import zipfile

import pytest

from pipeline.errors import InputError
from pipeline.input.files import check_file, limits


def refusal(path) -> str:
    with pytest.raises(InputError) as caught:
        check_file(path)
    assert len(caught.value.problems) == 1
    return caught.value.problems[0].message


def test_a_missing_file_an_empty_file_and_a_folder_are_each_named(tmp_path):
    assert refusal(tmp_path / "weg.xlsx").startswith("the file does not exist")
    (tmp_path / "leeg.xlsx").write_bytes(b"")
    assert refusal(tmp_path / "leeg.xlsx").startswith("the file is empty")
    assert refusal(tmp_path) == "this is a folder, not a plan workbook"


def test_an_old_xls_and_a_csv_under_an_xlsx_name_are_told_apart(tmp_path):
    (tmp_path / "oud.xlsx").write_bytes(b"\xd0\xcf\x11\xe0" + bytes(100))
    assert "old-style .xls or an encrypted workbook" in refusal(tmp_path / "oud.xlsx")
    (tmp_path / "tabel.xlsx").write_text("Nr;Actie\n1,1;Iets\n", encoding="utf-8")
    assert refusal(tmp_path / "tabel.xlsx") == "this is not an .xlsx workbook: the content is text (a CSV file?)"


def test_a_password_protected_part_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "slot.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    data = bytearray(path.read_bytes())
    for at in (6, data.rindex(b"PK\x01\x02") + 8):  # the encryption flag in the local and the central header
        data[at] |= 1
    path.write_bytes(bytes(data))
    assert "protected with a password" in refusal(path)


def test_each_limit_can_be_overridden_from_the_environment(monkeypatch):
    configured = limits()
    monkeypatch.setenv("PIPELINE_MAX_ROWS", "123")
    assert limits()["max_rows"] == 123 and limits()["max_file_mb"] == configured["max_file_mb"]
