"""The configuration reader: YAML as plain data, and a repeated key refused rather than silently dropped."""

import pytest

from pipeline import config
from pipeline.errors import InputError


def test_a_yaml_file_is_read_as_plain_data(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text("entries:\n  - key: a\n    any: [x, y]\n", encoding="utf-8")
    assert config.load_yaml(path) == {"entries": [{"key": "a", "any": ["x", "y"]}]}


def test_a_repeated_key_is_refused_with_the_file_and_both_lines(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text("entries:\n  - key: a\n    none: [x]\n    any: [y]\n    none: [z]\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        config.load_yaml(path)
    message = str(caught.value)
    assert str(path) in message and "'none'" in message and "lines 3 and 5" in message


def test_the_same_key_in_two_mappings_is_fine(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text("- key: a\n  none: [x]\n- key: b\n  none: [y]\n", encoding="utf-8")
    assert [entry["none"] for entry in config.load_yaml(path)] == [["x"], ["y"]]


def test_a_merged_key_may_be_overridden(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text("base: &b {a: 1, c: 3}\nderived:\n  <<: *b\n  a: 2\n", encoding="utf-8")
    assert config.load_yaml(path)["derived"] == {"a": 2, "c": 3}


@pytest.mark.parametrize("path", sorted([*config.CONFIG_DIR.rglob("*.yaml"), *config.DATA_DIR.rglob("*.yaml")]),
                         ids=lambda path: str(path.relative_to(config.ROOT)))
def test_the_projects_configuration_repeats_no_key(path):
    config.load_yaml(path)
