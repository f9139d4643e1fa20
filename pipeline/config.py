"""Project paths and the version-controlled configuration (the input contract as YAML).

Paths are anchored to the project root, so every command works from any folder.
YAML is read with the safe loader only: configuration is data, never code.
"""

import re
import unicodedata
from functools import cache
from pathlib import Path

import yaml

from pipeline.errors import InputError, Problem

ROOT = Path(__file__).resolve().parents[1]
CONFIG_DIR = ROOT / "config"
DATA_DIR = ROOT / "data"
SAMPLE_DIR = DATA_DIR / "sample"
REFERENCE_DIR = DATA_DIR / "reference"
NOTEBOOK_DIR = ROOT / "notebooks"
OUTPUT_DIR = ROOT / "output"
FORMAT_FILE = CONFIG_DIR / "plan-format.yaml"


SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # builds plain data only, never objects
MERGE_TAG = "tag:yaml.org,2002:merge"


class DuplicateKey(ValueError):
    """A mapping names one key twice: YAML would keep the last value and silently drop the first."""

    def __init__(self, key, first: int, second: int):
        super().__init__(f"the key '{key}' appears twice in one mapping, on lines {first} and {second}; "
                         "YAML keeps only the last, so the first would be silently lost: merge the two")


class UniqueKeyLoader(SAFE_LOADER):
    """The safe loader, refusing a mapping that repeats a key (an edited rule list would otherwise vanish)."""

    def construct_mapping(self, node, deep=False):
        lines = {}
        for key_node, _ in node.value:  # the mapping's own keys: a key merged in with << may be overridden here
            if key_node.tag == MERGE_TAG:
                continue
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, str | int | float | bool):
                continue
            line = key_node.start_mark.line + 1
            if key in lines:
                raise DuplicateKey(key, lines[key], line)
            lines[key] = line
        return super().construct_mapping(node, deep=deep)


def load_yaml(path: Path) -> dict:
    """Read one YAML file with the safe loader (libyaml's, where PyYAML was built with it: ten times faster).

    A key repeated in one mapping is an :class:`~pipeline.errors.InputError` naming the file and both lines.
    """
    with open(path, encoding="utf-8") as handle:
        loader = UniqueKeyLoader(handle)
        try:
            return loader.get_single_data()
        except DuplicateKey as error:
            raise InputError(Problem(str(path), str(error))) from None
        finally:
            loader.dispose()


@cache
def plan_format() -> dict:
    """The input contract: column aliases, vocabularies, themes and domains."""
    return load_yaml(FORMAT_FILE)


def fold(text: str) -> str:
    """Fold text for matching headers: no accents, no case, no spaces or punctuation."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\W_]+", "", plain.casefold())


SPACES = re.compile(r"[ \t]+")


def clean(text) -> str:
    """Trim a cell's text: non-breaking spaces become spaces, line ends are kept."""
    if text is None:
        return ""
    value = text if text.__class__ is str else str(text)
    if value.strip() == value and "  " not in value and "\n" not in value and "\u00a0" not in value \
            and "\t" not in value and "\r" not in value:
        return value  # the common case, checked with fast string methods: nothing to tidy
    value = value.replace("\u00a0", " ").replace("\r\n", "\n").replace("\r", "\n")
    lines = [SPACES.sub(" ", line).strip() for line in value.split("\n")]
    return "\n".join(line for line in lines if line)


@cache
def _word(text: str) -> str:
    return re.sub(r"\s+", " ", clean(text)).casefold()


def word(text) -> str:
    """Normalise a vocabulary word: trimmed, single-spaced, case-folded."""
    return _word(text if isinstance(text, str) else clean(text))


def domain_order(year: int) -> list[str]:
    """The domain codes in force in plan year ``year``, in the tables' order."""
    order = []
    for domain in plan_format()["domains"]:
        if domain.get("from", 0) <= year <= domain.get("until", 9999):
            order.append(domain["code"])
    # the central actors always come last, after KBBJ (the SERV's order)
    central = [d["code"] for d in plan_format()["domains"] if d.get("central")]
    return [code for code in order if code not in central] + central


def central_domains() -> set[str]:
    """Codes of the central actors (Digitaal Vlaanderen and the VSA)."""
    return {d["code"] for d in plan_format()["domains"] if d.get("central")}


def themes() -> list[dict]:
    """The six themes, in number order."""
    return sorted(plan_format()["themes"], key=lambda t: t["nr"])


def sample_plan(year: int) -> Path:
    """The project's synthetic plan workbook for ``year``."""
    return SAMPLE_DIR / f"plan-{year}.xlsx"


def sample_annotations(year: int) -> Path:
    """The project's synthetic annotations for ``year``."""
    return SAMPLE_DIR / f"annotations-{year}.csv"


def sample_years() -> list[int]:
    """Plan years for which the project ships a sample workbook."""
    return sorted(int(p.stem.split("-")[1]) for p in SAMPLE_DIR.glob("plan-*.xlsx"))
