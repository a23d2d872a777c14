"""The grader command: exit codes, the JSON contract, usage errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from grader.cli import EXIT_FAILED, EXIT_PASSED, EXIT_USAGE, main
from tests.conftest import ROOT

GOOD = ("from tensorflow.keras import layers, models\nmodel = models.Sequential()\n"
        "model.add(layers.Dense(512, activation='relu', input_shape=(64,)))\n"
        "model.add(layers.Dense(10, activation='softmax'))\n")
COMPILE = "model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])\n"
MARKER = "# grader: exercise=compile-adam\n"


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "grader", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)


def test_missing_file_is_a_usage_error(capsys, tmp_path):
    assert main(["check", str(tmp_path / "nope.py")]) == EXIT_USAGE
    assert "no such file" in capsys.readouterr().err


def test_unknown_exercise_suggests_the_nearest(capsys, tmp_path):
    path = tmp_path / "a.py"
    path.write_text(GOOD)
    assert main(["check", str(path), "--exercise", "compile-adm"]) == EXIT_USAGE
    assert "Did you mean 'compile-adam'" in capsys.readouterr().err


def test_file_without_marker_asks_for_the_exercise(capsys, tmp_path):
    path = tmp_path / "a.py"
    path.write_text(GOOD)
    assert main(["check", str(path)]) == EXIT_USAGE
    assert "--exercise" in capsys.readouterr().err


def test_bad_option_value_is_a_usage_error(capsys, tmp_path):
    path = tmp_path / "a.py"
    path.write_text(MARKER + GOOD)
    with pytest.raises(SystemExit) as exited:
        main(["check", str(path), "--timeout", "-3"])
    assert exited.value.code == EXIT_USAGE
    assert "must be positive" in capsys.readouterr().err


def test_untouched_stub_exits_1_without_starting_tensorflow(capsys):
    stub = ROOT / "exercises" / "compile-adam" / "compile_adam.py"
    assert main(["check", str(stub), "--format", "json"]) == EXIT_FAILED
    report = json.loads(capsys.readouterr().out)
    assert report["error"]["kind"] == "not_attempted" and report["score"] == 0


def test_list_shows_each_exercise_with_its_points(capsys):
    assert main(["list"]) == EXIT_PASSED
    out = capsys.readouterr().out
    assert "compile-adam" in out and "10" in out


@pytest.mark.slow
def test_full_marks_exit_0_and_json_is_exactly_one_object(tmp_path):
    path = tmp_path / "compile_adam.py"
    path.write_text(MARKER + GOOD + COMPILE)
    result = run_cli("check", str(path), "--format", "json")
    assert result.returncode == EXIT_PASSED, result.stderr
    report = json.loads(result.stdout)  # fails if anything else was printed on stdout
    assert set(report) >= {"exercise", "submission", "status", "score", "max_score", "checks", "error"}
    assert (report["status"], report["score"], report["max_score"], report["error"]) == ("passed", 10, 10, None)
    assert [c["id"] for c in report["checks"]] == ["optimizer", "loss", "metrics", "layers", "params"]
    for entry in report["checks"]:
        assert set(entry) >= {"id", "status", "score", "max_score", "message", "expected", "actual"}


@pytest.mark.slow
def test_partial_marks_exit_1_and_text_report_shows_table_and_total(tmp_path):
    path = tmp_path / "compile_adam.py"
    path.write_text(MARKER + GOOD + COMPILE.replace("sparse_categorical_crossentropy", "categorical_crossentropy"))
    result = run_cli("check", str(path))
    assert result.returncode == EXIT_FAILED
    assert "loss" in result.stdout and "FAIL" in result.stdout and "0/3" in result.stdout
    assert "Score: 7/10 (failed)" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.slow
def test_errored_submission_exits_1_and_writes_the_report_to_output(tmp_path):
    path = tmp_path / "compile_adam.py"
    path.write_text(MARKER + "raise RuntimeError('boom')\n")
    out = tmp_path / "report.json"
    result = run_cli("check", str(path), "--format", "json", "--output", str(out), "--timeout", "30")
    assert result.returncode == EXIT_FAILED
    assert result.stdout == ""
    report = json.loads(out.read_text())
    assert report["status"] == "error" and report["error"]["kind"] == "exception"
    assert "RuntimeError: boom" in report["error"]["message"]


def test_broken_course_material_exits_3_without_a_traceback(capsys, tmp_path, monkeypatch):
    (tmp_path / "exercises" / "bad").mkdir(parents=True)
    (tmp_path / "exercises" / "bad" / "exercise.toml").write_text("id = 'bad'\n")  # no title, no checks
    monkeypatch.setenv("GRADER_COURSE", str(tmp_path))
    assert main(["list"]) == 3
    err = capsys.readouterr().err
    assert "course error" in err and "Traceback" not in err


def test_version_names_what_grades_without_starting_tensorflow(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == EXIT_PASSED
    out = capsys.readouterr().out
    assert out.startswith("keras-grader ") and "TensorFlow 2." in out and "Keras 3." in out and "tested with" in out


def test_an_unknown_integrity_detector_is_a_usage_error_that_suggests_the_nearest(capsys, tmp_path):
    path = tmp_path / "a.py"
    path.write_text(MARKER + GOOD + COMPILE)
    assert main(["check", str(path), "--integrity", "grpah=refuse"]) == EXIT_USAGE
    assert "Did you mean 'graph'" in capsys.readouterr().err


@pytest.mark.slow
def test_a_course_that_refuses_a_detector_withholds_the_score_with_the_evidence(tmp_path):
    path = tmp_path / "compile_adam.py"
    path.write_text(MARKER + GOOD + COMPILE + "def relu(x):\n    return x * (x > 0)\nmodel.layers[0].activation = relu\n")
    flagged = json.loads(run_cli("check", str(path), "--format", "json").stdout)
    assert (flagged["score"], flagged["needs_review"]) == (10, True)
    assert [(f["kind"], f["action"]) for f in flagged["findings"]] == [("activations", "flag")]
    result = run_cli("check", str(path), "--format", "json", "--integrity", "activations=refuse")
    refused = json.loads(result.stdout)
    assert result.returncode == EXIT_FAILED and (refused["status"], refused["score"]) == ("error", 0)
    assert refused["error"]["kind"] == "tampered" and "a function of the submission's own" in refused["error"]["message"]
    assert [(f["kind"], f["action"]) for f in refused["findings"]] == [("activations", "refuse")]


@pytest.mark.slow
def test_doctor_reports_versions_environment_and_each_integrity_check():
    result = run_cli("doctor")
    assert result.returncode == EXIT_PASSED, result.stderr
    assert "Grades with: tensorflow 2." in result.stdout and "keras 3." in result.stdout
    assert "matplotlib.pyplot" in result.stdout and "pandas" in result.stdout
    for detector in ("keras-code", "planted-callable", "cached-steps", "layer-state"):
        assert detector in result.stdout
    assert "off:" not in result.stdout  # every detector has what it reads on the Keras CI installs
