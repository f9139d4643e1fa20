"""The report's words: one catalogue per language under ``config/labels/``.

Notebooks and renderers never hold report text themselves; they ask for a key
here, so an English edition needs only another catalogue with the same keys.
"""

from functools import cache

from pipeline.config import CONFIG_DIR, load_yaml

LABEL_DIR = CONFIG_DIR / "labels"
DEFAULT_LANGUAGE = "nl"


@cache
def catalogue(language: str = DEFAULT_LANGUAGE) -> dict:
    """The whole catalogue for ``language``."""
    path = LABEL_DIR / f"{language}.yaml"
    if not path.exists():
        known = ", ".join(sorted(p.stem for p in LABEL_DIR.glob("*.yaml")))
        raise ValueError(f"no label catalogue for language '{language}' (known: {known})")
    return load_yaml(path)


def text(key: str, language: str = DEFAULT_LANGUAGE, **values) -> str:
    """The text at dotted ``key`` (e.g. ``rows.bruto``), with placeholders filled from ``values``."""
    node = catalogue(language)
    for part in key.split("."):
        node = node[part]
    return str(node).format(**values) if values else str(node)


def count_labels(year: int, carried: str, language: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """Row and column labels of the five count tables by key, with the real years filled in."""
    book = catalogue(language)
    columns = {key: str(value) for key, value in book["columns"].items() if isinstance(value, str)}
    rows = {key: str(value).format(year=year, carried=carried) for key, value in book["rows"].items()}
    return {**columns, **rows}


def domain_label(code: str, language: str = DEFAULT_LANGUAGE) -> str:
    """A domain as readers see it: a code with a label among the columns (``DV&VSA``) spelled out, others as is."""
    label = catalogue(language)["columns"].get(code)
    return str(label) if isinstance(label, str) else code


def theme_labels(language: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """The six themes' names by key."""
    from pipeline.config import themes

    return {t["key"]: text(f"rows.{t['key']}", language) for t in themes()}


def keys(node: dict, prefix: str = "") -> set[str]:
    """Every dotted key of a catalogue (used to check that editions agree)."""
    found = set()
    for name, value in node.items():
        path = f"{prefix}{name}"
        found |= keys(value, f"{path}.") if isinstance(value, dict) else {path}
    return found
