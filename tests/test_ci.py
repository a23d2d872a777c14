"""CI and grading platforms: the pytest plugin, the Gradescope bundle, the example CI files (read as
YAML, and their commands run as written), the GitHub step summary, and every command's exit codes."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
import xmlschema
from junitparser import Error as JError
from junitparser import JUnitXml

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


GITHUB_EXAMPLE = ROOT / "examples" / "ci" / "github-actions.yml"
GITLAB_EXAMPLE = ROOT / "examples" / "ci" / "gitlab-ci.yml"
GRADE = "grader check compile_adam.py --format junit --output grader-junit.xml"
ANNOTATE = "python -m grader.report.annotate grader-junit.xml"
INSTALL = "pip install -r requirements.txt"


def read_yaml(path: Path) -> Any:
    """The subset of YAML the CI examples use (block mappings and sequences, plain, quoted and
    flow-sequence scalars, comments), read without adding PyYAML to the test dependencies."""
    lines = []
    for raw in path.read_text().splitlines():
        text = re.sub(r"(^|\s)#.*$", "", raw).rstrip()  # the examples have no '#' inside a value
        if text.strip():
            lines.append((len(text) - len(text.lstrip()), text.strip()))
    value, end = _block(lines, 0, lines[0][0])
    assert end == len(lines), f"unread YAML from {lines[end]}"
    return value


def _block(lines: list[tuple[int, str]], index: int, indent: int) -> tuple[Any, int]:
    if lines[index][1].startswith("- "):
        items = []
        while index < len(lines) and lines[index][0] == indent and lines[index][1].startswith("- "):
            item = lines[index][1][2:]
            if re.match(r"[\w.-]+:(\s|$)", item):  # a mapping starts on the dash's line
                lines[index] = (indent + 2, item)
                value, index = _block(lines, index, indent + 2)
            else:
                value, index = _scalar(item), index + 1
            items.append(value)
        return items, index
    mapping = {}
    while index < len(lines) and lines[index][0] == indent:
        key, _, rest = lines[index][1].partition(":")
        index += 1
        if rest.strip():
            mapping[key] = _scalar(rest.strip())
        else:
            mapping[key], index = _block(lines, index, lines[index][0])
    return mapping, index


def _scalar(text: str) -> Any:
    if text.startswith("[") and text.endswith("]"):
        return [_scalar(item.strip()) for item in text[1:-1].split(",")]
    return text[1:-1] if text[:1] in "\"'" and text[-1:] == text[:1] else text


def github_steps() -> list[dict[str, Any]]:
    return read_yaml(GITHUB_EXAMPLE)["jobs"]["grade"]["steps"]


def github_commands() -> list[str]:
    """The commands of the GitHub example's ``run:`` steps, in order."""
    return [step["run"] for step in github_steps() if "run" in step]


def grading(commands: list[str]) -> list[str]:
    """The commands that grade (each starts TensorFlow when the submission runs)."""
    return [command for command in commands if command.startswith(("grader check", "grader batch", "pytest"))]


def test_github_example_grades_once_then_annotates_from_the_junit_file():
    assert github_commands() == [INSTALL, GRADE, ANNOTATE]
    assert grading(github_commands()) == [GRADE]
    annotate = next(step for step in github_steps() if step.get("run") == ANNOTATE)
    assert annotate["if"] == "always()"  # the grading step fails the job on anything below full marks


def test_github_example_caches_pip_and_keeps_the_junit_file_as_an_artifact():
    steps = {step["uses"].partition("@")[0]: step for step in github_steps() if "uses" in step}
    setup = steps["actions/setup-python"]["with"]
    assert setup["cache"] == "pip" and INSTALL.endswith(setup["cache-dependency-path"])
    upload = steps["actions/upload-artifact"]
    assert upload["if"] == "always()" and upload["with"]["path"] == "grader-junit.xml"


def test_gitlab_example_reports_junit_caches_pip_and_grades_as_github_does():
    job = read_yaml(GITLAB_EXAMPLE)["grade"]
    assert job["script"] == [INSTALL, GRADE]
    assert job["artifacts"]["when"] == "always" and job["artifacts"]["reports"]["junit"] == "grader-junit.xml"
    assert job["variables"]["PIP_CACHE_DIR"] == "$CI_PROJECT_DIR/.cache/pip"
    assert job["cache"]["paths"] == [".cache/pip"] and job["cache"]["key"]["files"] == ["requirements.txt"]
    assert grading(job["script"]) == grading(github_commands())


def run_github_example(repo: Path, summary: Path) -> list[subprocess.CompletedProcess[str]]:
    """The GitHub example's commands, as written, in ``repo`` (the install is this virtualenv)."""
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "GITHUB_STEP_SUMMARY": str(summary),
           "GITHUB_ACTIONS": "true"}
    commands = github_commands()
    assert commands[0] == INSTALL
    return [subprocess.run(shlex.split(command), cwd=repo, env=env, capture_output=True, text=True, timeout=300,
                           check=False)
            for command in commands[1:]]


def read_junit(path: Path) -> JUnitXml:
    xmlschema.XMLSchema(str(ROOT / "tests" / "data" / "junit.xsd")).validate(str(path))
    return JUnitXml.fromfile(str(path))


def test_ci_example_reports_a_submission_that_cannot_run_as_an_error_on_its_line(tmp_path):
    """A syntax error is found before any worker starts: the whole example runs without TensorFlow."""
    repo = student_repo(tmp_path, "syntax_error.py")
    summary = tmp_path / "summary.md"
    graded, annotated = run_github_example(repo, summary)
    assert (graded.returncode, annotated.returncode, annotated.stderr) == (1, 0, ""), graded.stderr
    [suite] = list(read_junit(repo / "grader-junit.xml"))
    assert (suite.tests, suite.failures, suite.errors, suite.skipped) == (6, 0, 1, 5)
    [error] = next(case for case in suite if case.name == "submission").result
    assert isinstance(error, JError) and error.type == "syntax"
    assert re.search(r"^::error file=compile_adam\.py,line=8,title=compile-adam / submission \(syntax\)::"
                     r"Syntax error in compile_adam\.py, line 8", annotated.stdout, re.MULTILINE)
    assert "::notice file=compile_adam.py,title=compile-adam::0/10 points (error)" in annotated.stdout
    assert "syntax" in summary.read_text()


@pytest.mark.slow
@pytest.mark.parametrize(("example", "code", "failed"), [("correct.py", 0, []), ("one_hot_loss.py", 1, ["loss"])],
                         ids=["full-marks", "partial-marks"])
def test_ci_example_commands_in_a_student_repository(tmp_path, example, code, failed):
    repo = student_repo(tmp_path, example)
    summary = tmp_path / "summary.md"
    graded, annotated = run_github_example(repo, summary)
    assert (graded.returncode, annotated.returncode) == (code, 0), graded.stderr[-2000:]
    [suite] = list(read_junit(repo / "grader-junit.xml"))
    assert suite.errors == 0 and [case.name for case in suite if not case.is_passed] == failed
    # the run's measured time, each case's share as measured: they add up (to the written milliseconds)
    assert 0 < suite.time == pytest.approx(sum(case.time or 0 for case in suite), abs=1e-9)
    assert [line.split("::")[1] for line in annotated.stdout.splitlines() if line.startswith("::error")] == \
        [f"error file=compile_adam.py,title=compile-adam / {name} (failed)" for name in failed]
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
