"""Refuse, in one plain sentence, a file that is not a plan workbook this reader can open safely.

These checks run before anything is decompressed: a missing or empty file, an old
.xls or encrypted workbook, a CSV under an .xlsx name, a damaged archive, a file or
part over the size limits (a zip bomb), password-protected or exotically compressed
parts. The limits are configuration (``config/plan-format.yaml``), each overridable
by an environment variable.
"""

import os
import zipfile
from pathlib import Path

from pipeline.config import FORMAT_FILE, plan_format
from pipeline.errors import InputError, Problem


def check_file(path: Path) -> None:
    """Refuse files that are not an .xlsx workbook, with one clear sentence each."""
    name = path.name
    if not path.exists():
        raise InputError(Problem(name, f"the file does not exist ({path})"))
    if path.is_dir():
        raise InputError(Problem(name, "this is a folder, not a plan workbook"))
    size = path.stat().st_size
    if size == 0:
        raise InputError(Problem(name, "the file is empty (0 bytes); expected an .xlsx workbook"))
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(Problem(name, "this is an old-style .xls or an encrypted workbook; "
                                       "save it as an unprotected .xlsx workbook"))
    if not head.startswith(b"PK"):
        kind = "text (a CSV file?)" if _looks_like_text(path) else "not a zip archive"
        raise InputError(Problem(name, f"this is not an .xlsx workbook: the content is {kind}"))
    if path.suffix.lower() not in {".xlsx", ".xlsm"}:
        raise InputError(Problem(name, f"expected an .xlsx or .xlsm workbook, got '{path.suffix}'"))
    if not zipfile.is_zipfile(path):
        raise InputError(Problem(name, "the workbook is damaged (a truncated or corrupt zip archive)"))
    check_size(path)


def limits() -> dict[str, float]:
    """The resource limits from the configuration, each overridable by ``PIPELINE_<NAME>``."""
    configured = plan_format()["limits"]
    return {name: float(os.environ.get(f"PIPELINE_{name.upper()}", value)) for name, value in configured.items()}


def check_size(path: Path) -> None:
    """Refuse a workbook that is too big, or inflates too much, before anything is decompressed."""
    limit, name = limits(), path.name
    megabytes = path.stat().st_size / 2**20
    if megabytes > limit["max_file_mb"]:
        raise InputError(Problem(name, f"the file is {megabytes:.0f} MB, over the limit of {limit['max_file_mb']:.0f} MB "
                                       f"(limits in {FORMAT_FILE.name})"))
    with zipfile.ZipFile(path) as archive:
        parts = archive.infolist()
        inflated = sum(part.file_size for part in parts) / 2**20
        if inflated > limit["max_uncompressed_mb"]:
            raise InputError(Problem(name, f"the workbook inflates to {inflated:.0f} MB, over the limit of "
                                           f"{limit['max_uncompressed_mb']:.0f} MB; is it a zip bomb? "
                                           f"(limits in {FORMAT_FILE.name})"))
        for part in parts:
            if part.flag_bits & 1:
                raise InputError(Problem(name, f"the part {part.filename} is protected with a password; save the "
                                               "workbook again without protection"))
            if part.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                method = {9: "Deflate64", 12: "bzip2", 14: "LZMA", 93: "Zstandard"}.get(part.compress_type,
                                                                                      f"number {part.compress_type}")
                raise InputError(Problem(name, f"the part {part.filename} is compressed with {method}, which this "
                                               "reader cannot unpack; save the workbook again from Excel or "
                                               "LibreOffice (they use the standard Deflate)"))
            if part.compress_size and part.file_size / part.compress_size > limit["max_ratio"] and part.file_size > 2**20:
                raise InputError(Problem(name, f"the part {part.filename} inflates {part.file_size // part.compress_size}"
                                               f" times, over the limit of {limit['max_ratio']:.0f}; is it a zip bomb?"))


def _looks_like_text(path: Path) -> bool:
    with open(path, "rb") as handle:
        sample = handle.read(2048)
    return b"\x00" not in sample and all(b >= 9 for b in sample)
