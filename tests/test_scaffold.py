"""grader new: an exercise scaffolded from a reference solution works at once, as files only."""

from __future__ import annotations

import shutil

import pytest

from grader.cli import main
from tests.conftest import ROOT

SOLUTION = '''from tensorflow import keras
from tensorflow.keras import layers, models

settings = {"units": 256, "note": f"{1 + 1} layers"}  # braces are Python, not Jinja
model = models.Sequential([layers.Dense(settings["units"], activation="relu", input_shape=(64,)),
                           layers.Dense(10, activation="softmax")])
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.003),
              loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])
'''


@pytest.fixture
def course(tmp_path, monkeypatch):
    for folder in ("exercises", "solutions", "templates"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    monkeypatch.setenv("GRADER_COURSE", str(tmp_path))
    return tmp_path


@pytest.mark.slow
def test_scaffolded_exercise_grades_its_reference_and_its_stub(course, tmp_path, capsys):
    solution = tmp_path / "adam_lr.py"
    solution.write_text(SOLUTION)
    assert main(["new", "adam-learning-rate", "--from", str(solution)]) == 0
    assert "scores 10/10 (passed)" in capsys.readouterr().out
    stub = course / "exercises" / "adam-learning-rate" / "adam_learning_rate.py"
    text = stub.read_text()
    assert "# grader: exercise=adam-learning-rate" in text and "YOUR CODE HERE" in text
    assert "model.compile(" not in text and 'settings = {"units": 256' in text
    assert main(["check", str(stub), "--format", "json"]) == 1  # the untouched stub: not attempted
    assert '"not_attempted"' in capsys.readouterr().out


@pytest.mark.parametrize(("argv", "message"), [
    (["new", "compile-adam", "--from", "x.py"], "already exists"),
    (["new", "Bad_Id", "--from", "x.py"], "lowercase words"),
    (["new", "fresh-one", "--from", "missing.py"], "cannot read the solution"),
], ids=["existing-id", "bad-id", "missing-solution"])
def test_scaffold_refuses_bad_requests(course, argv, message, capsys):
    assert main(argv) == 2
    assert message in capsys.readouterr().err
