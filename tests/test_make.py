"""The Makefile's promises to a new user, checked with make's dry run (nothing is built)."""

import subprocess

from pipeline.config import ROOT


def make(*arguments):
    return subprocess.run(["make", "-n", *arguments], cwd=ROOT, capture_output=True, text=True)


def test_the_english_edition_has_its_own_folder():
    english = make("report", "YEAR=2024", "LANG=en")
    assert english.returncode == 0 and "--out output/2024-en" in english.stdout and "--lang en" in english.stdout
    dutch = make("report", "YEAR=2024")
    assert "--out output/2024 " in dutch.stdout or dutch.stdout.rstrip().endswith("--out output/2024")


def test_a_venv_whose_interpreter_is_gone_says_how_to_recover(tmp_path):
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "pyvenv.cfg").write_text("home = /nonexistent/python3.12/bin\n")
    (venv / "bin" / "python").symlink_to("/nonexistent/python3.12/bin/python3.12")
    result = make("report", f"VENV={venv}")
    assert result.returncode != 0
    assert "was made by a Python that no longer runs here (/nonexistent/python3.12/bin)" in result.stderr
    assert f"rm -rf {venv}" in result.stderr


def test_lab_opens_on_the_project_root():
    assert f"--ServerApp.root_dir={ROOT}" in make("lab").stdout
