"""CI and grading platforms: the pytest plugin, the Gradescope bundle, the example CI files,
the GitHub step summary, and every command's exit codes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from grader.cli import main
from tests.conftest import ROOT

pytest_plugins = ["pytester"]
EXAMPLES = ROOT / "examples" / "compile-adam"
STUB = ROOT / "exercises" / "compile-adam" / "compile_adam.py"
BIN = Path(sys.executable).parent


def student_repo(folder: Path, example: str) -> Path:
    (folder / "pyproject.toml").write_text('[tool.grader]\nsubmissions = {"compile_adam.py" = "compile-adam"}\n')
    (folder / "compile_adam.py").write_text((EXAMPLES / example).read_text())
    return folder


@pytest.mark.slow
def test_pytest_plugin_reports_one_item_per_check_with_the_teaching_message(pytester):
    student_repo(pytester.path, "one_hot_loss.py")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-v")
    result.assert_outcomes(passed=4, failed=1)
    result.stdout.fnmatch_lines(["*compile_adam.py::loss FAILED*", "*categorical_crossentropy expects one-hot*",
                                 "*Hint: The labels are integers 0-9*"])


@pytest.mark.slow
def test_pytest_plugin_fails_every_check_of_a_broken_submission(pytester):
    student_repo(pytester.path, "syntax_error.py")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(failed=5)
    result.stdout.fnmatch_lines(["*syntax: Syntax error in compile_adam.py, line 8*"])


def test_pytest_plugin_is_silent_without_configuration(pytester):
    pytester.makepyfile(test_plain="def test_ok():\n    assert True\n")
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_pytest_plugin_names_an_unknown_exercise(pytester):
    (pytester.path / "pyproject.toml").write_text('[tool.grader]\nsubmissions = {"a.py" = "compile-adm"}\n')
    (pytester.path / "a.py").write_text("x = 1\n")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.stdout.fnmatch_lines(["*Did you mean 'compile-adam'*"])


def unpack_bundle(tmp_path: Path) -> Path:
    bundle = tmp_path / "autograder.zip"
    assert main(["gradescope-bundle", "--exercise", "compile-adam", "--out", str(bundle)]) == 0
    root = tmp_path / "autograder"
    with zipfile.ZipFile(bundle) as archive:
        names = archive.namelist()
        assert {"setup.sh", "run_autograder"} <= set(names)  # at the root of the zip, as Gradescope requires
        assert archive.getinfo("run_autograder").external_attr >> 16 & 0o111
        archive.extractall(root / "source")
    (root / "submission").mkdir()
    return root


def run_autograder(root: Path) -> dict:
    env = {**os.environ, "AUTOGRADER_ROOT": str(root), "GRADER_BIN": str(BIN / "grader")}
    result = subprocess.run(["bash", str(root / "source" / "run_autograder")], env=env, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads((root / "results" / "results.json").read_text())


@pytest.mark.slow
def test_gradescope_bundle_grades_a_submission_in_a_gradescope_layout(tmp_path):
    root = unpack_bundle(tmp_path)
    (root / "submission" / "compile_adam.py").write_text((EXAMPLES / "one_hot_loss.py").read_text())
    results = run_autograder(root)
    assert results["score"] == 7.0 and results["max_score"] == 10.0
    assert [(t["name"], t["status"]) for t in results["tests"]][1] == ("loss", "failed")


def test_gradescope_bundle_writes_valid_results_without_a_submission(tmp_path):
    root = unpack_bundle(tmp_path)
    results = run_autograder(root)
    assert results["score"] == 0.0 and results["tests"] == [] and "No .py or .ipynb" in results["output"]


def ci_commands(path: Path) -> list[str]:
    """The grading commands (grader ..., pytest ...) a CI example runs, in order."""
    lines = re.findall(r"^\s*(?:-\s*)?(?:run:\s*)?((?:grader|pytest) [^#\n]*)", path.read_text(), re.MULTILINE)
    return [line.strip() for line in lines]


def test_both_ci_examples_run_the_same_commands():
    github = ci_commands(ROOT / "examples" / "ci" / "github-actions.yml")
    assert github == ["grader check compile_adam.py --format junit --output grader-junit.xml",
                      "pytest -p no:cacheprovider"]
    assert ci_commands(ROOT / "examples" / "ci" / "gitlab-ci.yml") == github


@pytest.mark.slow
@pytest.mark.parametrize(("example", "codes"), [("correct.py", [0, 0]), ("one_hot_loss.py", [1, 1])],
                         ids=["full-marks", "partial-marks"])
def test_ci_example_commands_in_a_student_repository(tmp_path, example, codes):
    repo = student_repo(tmp_path, example)
    summary = tmp_path / "summary.md"
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "GITHUB_STEP_SUMMARY": str(summary)}
    results = [subprocess.run(command.split(), cwd=repo, env=env, capture_output=True, text=True, timeout=300)
               for command in ci_commands(ROOT / "examples" / "ci" / "github-actions.yml")]
    assert [r.returncode for r in results] == codes, [r.stdout[-2000:] for r in results]
    assert (repo / "grader-junit.xml").is_file()
    assert "| Check | Result | Points | Feedback |" in summary.read_text()


def test_step_summary_is_appended_when_github_sets_the_variable(tmp_path, monkeypatch, capsys):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert main(["check", str(STUB), "--format", "json"]) == 1  # not attempted: no TensorFlow needed
    text = summary.read_text()
    assert text.startswith("earlier step\n") and "not_attempted" in text
    json.loads(capsys.readouterr().out)  # stdout still holds exactly the JSON report


@pytest.mark.parametrize(("argv", "code"), [
    (["check", "missing.py"], 2),
    (["check", str(STUB), "--format", "junit"], 1),
    (["check", str(STUB), "--format", "yaml"], 2),
    (["batch", "no-such-folder", "--exercise", "compile-adam", "--out", "x"], 2),
    (["batch", str(EXAMPLES), "--exercise", "nope", "--out", "x"], 2),
    (["gradescope-bundle", "--exercise", "nope"], 2),
    (["render", "--exercise", "nope", "--out", "x"], 2),
    (["list"], 0),
], ids=["check-missing-file", "check-not-attempted", "check-unknown-format", "batch-missing-folder",
        "batch-unknown-exercise", "bundle-unknown-exercise", "render-unknown-exercise", "list"])
def test_exit_codes_without_tensorflow(argv, code, capsys):
    try:
        assert main(argv) == code
    except SystemExit as exited:  # argparse's own usage errors
        assert exited.code == code
    assert "Traceback" not in capsys.readouterr().err


def test_render_writes_both_stubs_and_exits_0(tmp_path, capsys):
    assert main(["render", "--exercise", "compile-adam", "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["compile_adam.ipynb", "compile_adam.py"]
    assert (tmp_path / "compile_adam.py").read_bytes() == STUB.read_bytes()
