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
    assert f"python{project['requires-python']}" in environment["dependencies"]


def test_the_pipeline_environment_does_not_carry_jupyterlab():
    """JupyterLab has its own environment (make lab): its dependencies slow every nbformat import here."""
    import importlib.util

    for heavy in ("jupyterlab", "notebook", "rfc3987_syntax"):
        assert importlib.util.find_spec(heavy) is None, heavy
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    named = [d.split(">")[0].split("[")[0] for d in project["dependencies"] + project["optional-dependencies"]["dev"]]
    assert not {"jupyter", "jupyterlab", "notebook"} & set(named)
