"""environment.yml (for conda users) lists exactly the packages of pyproject.toml."""

import tomllib

import yaml

from pipeline.config import ROOT


def test_environment_yml_and_pyproject_agree():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = set(project["dependencies"]) | set(project["optional-dependencies"]["dev"])
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip = next(item["pip"] for item in environment["dependencies"] if isinstance(item, dict))
    assert set(pip) == wanted
    assert "python=3.11" in environment["dependencies"]
