"""Project paths and the version-controlled configuration (the input contract as YAML).

Paths are anchored to the project root, so every command works from any folder.
YAML is read with the safe loader only: configuration is data, never code.
"""

import re
import unicodedata
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CONFIG_DIR = ROOT / "config"
DATA_DIR = ROOT / "data"
SAMPLE_DIR = DATA_DIR / "sample"
REFERENCE_DIR = DATA_DIR / "reference"
NOTEBOOK_DIR = ROOT / "notebooks"
OUTPUT_DIR = ROOT / "output"
FORMAT_FILE = CONFIG_DIR / "plan-format.yaml"


SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # builds plain data only, never objects


def load_yaml(path: Path) -> dict:
    """Read one YAML file with the safe loader (libyaml's, where PyYAML was built with it: ten times faster)."""
    with open(path, encoding="utf-8") as handle:
        loader = SAFE_LOADER(handle)
        try:
            return loader.get_single_data()
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
