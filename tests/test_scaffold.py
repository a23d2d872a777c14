"""grader new: an exercise scaffolded from a reference solution works at once, as files only, and
its stub gives nothing away (no docstring, no comments, the student's part blanked)."""

from __future__ import annotations

import ast

import pytest

from grader.cli import main
from grader.course.course import load_course
from grader.course.exercise import load_catalogue
from grader.course.scaffold import scaffold

SOLUTION = '''"""Reference: the answer is Adam with a learning rate of 0.003."""
from tensorflow import keras
from tensorflow.keras import layers, models

settings = {"units": 256, "note": f"{1 + 1} layers"}  # braces are Python, not Jinja
# the secret: 256 relu units
model = models.Sequential([layers.Dense(settings["units"], activation="relu", input_shape=(64,)),
                           layers.Dense(10, activation="softmax")])
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.003),
              loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])
'''

FUNCTIONAL = '''from sklearn.datasets import load_digits
import keras
from keras.layers import Dense

X = load_digits().data
inputs = keras.Input(shape=(64,))
hidden = Dense(32, activation="relu")(inputs)
outputs = Dense(10, activation="softmax")(hidden)
net = keras.Model(inputs, outputs)
net.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
net.summary()
'''


@pytest.fixture
def course(tmp_path, monkeypatch):
    assert main(["init", str(tmp_path / "course")]) == 0
    monkeypatch.chdir(tmp_path / "course")  # found as git finds .git: from the working folder
    return tmp_path / "course"


def stub_code(course, exercise_id):
    exercise = load_catalogue(course)[exercise_id]
    return exercise.stub_py.read_text()


@pytest.mark.slow
def test_scaffolded_exercise_grades_its_reference_and_its_stub(course, tmp_path, capsys):
    solution = tmp_path / "adam_lr.py"
    solution.write_text(SOLUTION)
    assert main(["new", "adam-learning-rate", "--from", str(solution)]) == 0
    out = capsys.readouterr().out
    assert "scores 10/10" in out and "the instructions still say TODO" in out  # what is left to write
    stub = course / "exercises" / "adam-learning-rate" / "adam_learning_rate.py"
    text = stub.read_text()
    assert "# grader: exercise=adam-learning-rate" in text and "YOUR CODE HERE" in text
    assert "model.compile(optimizer" not in text and 'settings = {"units": 256' in text
    assert "0.003" not in text and "the secret" not in text and "braces are Python" not in text
    assert main(["check", str(stub), "--format", "json"]) == 1  # the untouched stub: not attempted
    assert '"not_attempted"' in capsys.readouterr().out
    assert main(["lint", "--quick"]) == 1  # the TODO instructions are still to write
    assert "instructions still say TODO" in capsys.readouterr().out


@pytest.mark.parametrize("part", ["model", "both"])
def test_the_model_part_is_blanked_in_the_stub_for_a_functional_model(course, tmp_path, part):
    solution = tmp_path / "functional.py"
    solution.write_text(FUNCTIONAL)
    scaffold("functional-net", solution, course, part)
    text = stub_code(course, "functional-net")
    ast.parse(text)  # the stub is valid Python
    assert "Dense(32" not in text and "keras.Input(" not in text and "keras.Model(" not in text
    assert "X = load_digits().data" in text and "net.summary()" in text
    assert ("net.compile(" in text) == (part == "model")
    toml = (course / "exercises" / "functional-net" / "exercise.toml").read_text()
    assert 'model_variable = "net"' in toml
    assert ("[checks.optimizer]" in toml) == (part == "both")


def test_new_outside_a_course_writes_nothing(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GRADER_COURSE", raising=False)
    (tmp_path / "ref.py").write_text(SOLUTION)
    assert main(["new", "fresh-one", "--from", "ref.py"]) == 2
    assert "no course here" in capsys.readouterr().err and "Traceback" not in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ref.py"]


@pytest.mark.slow
def test_a_reference_that_cannot_be_graded_leaves_nothing_behind(tmp_path, monkeypatch, capsys):
    course = tmp_path / "empty"
    course.mkdir()
    (course / "grader.toml").write_text('[course]\nname = "bare"\n')  # no exercises/, solutions/, templates/
    monkeypatch.chdir(course)
    (tmp_path / "broken.py").write_text(SOLUTION + "raise RuntimeError('the reference is broken')\n")
    assert main(["new", "broken-ref", "--from", str(tmp_path / "broken.py")]) == 3
    err = capsys.readouterr().err
    assert "the reference" in err and "Traceback" not in err
    assert sorted(p.name for p in course.iterdir()) == ["grader.toml"]


@pytest.mark.parametrize(("argv", "message"), [
    (["new", "compile-adam", "--from", "x.py"], "exists already, in the built-in lesson"),
    (["new", "Bad_Id", "--from", "x.py"], "lowercase words"),
    (["new", "fresh-one", "--from", "missing.py"], "cannot read the solution"),
    (["new", "fresh-one", "--from", "nomodel.py", "--student-writes", "model"], "cannot find where"),
    (["new", "fresh-one", "--from", "nomodel.py", "--student-writes", "compile"], "calls no"),
], ids=["existing-id", "bad-id", "missing-solution", "no-model", "no-compile"])
def test_scaffold_refuses_bad_requests(course, argv, message, capsys):
    (course / "x.py").write_text(SOLUTION)
    (course / "nomodel.py").write_text("x = 1\n")
    before = sorted(p for p in course.rglob("*"))
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert sorted(p for p in course.rglob("*")) == before


def test_a_new_course_folder_has_its_settings_and_folders(course):
    loaded = load_course(course)
    assert loaded.lesson and loaded.name == "course" and loaded.timeout == 60 and loaded.memory == 4 * 1024**3
    assert all((course / name).is_dir() for name in ("exercises", "solutions", "templates"))


def test_new_in_a_bare_course_makes_the_folders_and_extends_the_packaged_base_template(tmp_path):
    course = tmp_path / "bare"
    course.mkdir()
    (course / "grader.toml").write_text('[course]\nname = "bare"\n')  # no exercises/, solutions/, templates/
    (tmp_path / "ref.py").write_text(SOLUTION)
    exercise = scaffold("adam-rate", tmp_path / "ref.py", course, "compile")
    assert not (course / "templates" / "_stub.py.j2").exists()  # the base comes from the grader itself
    assert exercise.stub_py.read_text().startswith("# %% [markdown]\n# # Adam rate")
    assert (course / "solutions" / "adam_rate.py").read_text() == SOLUTION


def test_what_the_student_writes_is_asked_only_on_a_terminal(tmp_path, monkeypatch):
    from grader.cli import new

    (tmp_path / "ref.py").write_text(FUNCTIONAL)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert new._ask_part(tmp_path / "ref.py") == "compile"  # the default: the solution compiles
    answers = iter(["nonsense", "both"])
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    assert new._ask_part(tmp_path / "ref.py") == "both"
