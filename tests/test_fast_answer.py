"""A syntax error is answered at once: found in the grader's own process with Python's compiler,
before any TensorFlow worker starts, shown with its line and a caret, and the checks it stops
named in one line. Valid code, however students write it, is never called a syntax error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from grader.cli import main
from grader.course.submission import load_source, syntax_failure
from grader.runner.client import Engine

MARKER = "# grader: exercise=compile-adam\n"
MISSING_COMMA = MARKER + '''from tensorflow.keras import layers, models
model = models.Sequential([layers.Dense(512, activation="relu", input_shape=(64,)),
                           layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam",
              loss="sparse_categorical_crossentropy"
              metrics=["accuracy"])
'''
HONEST = Path(__file__).parent / "honest" / "cases"


@pytest.fixture
def no_worker(monkeypatch):
    def refuse(self):  # type: ignore[no-untyped-def]
        raise AssertionError("a TensorFlow worker was started")

    monkeypatch.setattr(Engine, "start", refuse)


def test_a_syntax_error_is_reported_with_its_line_and_a_caret_without_a_worker(tmp_path, capsys, no_worker):
    path = tmp_path / "compile_adam.py"
    path.write_text(MISSING_COMMA)
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "Syntax error in compile_adam.py, line 6: invalid syntax. Perhaps you forgot a comma?" in " ".join(out.split())
    # Python marks the string that a comma should follow, as its own traceback does.
    assert '\n    loss="sparse_categorical_crossentropy"\n         ^\n' in out
    assert "Not graded: optimizer, loss, metrics, layers, params." in out
    assert "SKIP" not in out and "Score: 0/10 (error)" in out


def test_an_error_only_the_compiler_finds_is_a_syntax_error_too(tmp_path, capsys, no_worker):
    path = tmp_path / "compile_adam.py"
    path.write_text(MARKER + "x = 1\nreturn x\n")  # parses, but does not compile
    assert main(["check", str(path), "--format", "json"]) == 1
    error = json.loads(capsys.readouterr().out)["error"]
    assert error["kind"] == "syntax" and error["line"] == 3
    assert error["message"].startswith("Syntax error in compile_adam.py, line 3: 'return' outside function.")


def test_a_syntax_error_in_a_notebook_names_the_cell(tmp_path, capsys, no_worker):
    import nbformat
    from nbformat import v4

    notebook = v4.new_notebook()
    notebook.cells = [v4.new_markdown_cell("# Compile"), v4.new_code_cell(MARKER + "import keras"),
                      v4.new_code_cell("model = keras.Sequential(\n")]
    path = tmp_path / "compile_adam.ipynb"
    path.write_text(nbformat.writes(notebook))
    assert main(["check", str(path), "--format", "json"]) == 1
    error = json.loads(capsys.readouterr().out)["error"]
    assert error["kind"] == "syntax" and error["message"].startswith("Syntax error in cell 3, line 1: '(' was never closed.")
    assert error["message"].endswith("\n    model = keras.Sequential(\n                            ^")


@pytest.mark.parametrize("path", sorted(p for p in HONEST.glob("*/*") if p.suffix in (".py", ".ipynb")),
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_honest_file_is_called_a_syntax_error(path):
    assert syntax_failure(load_source(path)) is None


def test_valid_code_with_warnings_of_its_own_prints_nothing_here(tmp_path, capfd):
    path = tmp_path / "a.py"
    path.write_text(MARKER + 'import re\npattern = re.compile("\\d+")\nassert (pattern, "tuple is always true")\n')
    assert syntax_failure(load_source(path)) is None
    assert capfd.readouterr().err == ""  # the student's SyntaxWarnings are not the grader's to print


def test_on_a_terminal_check_says_it_is_starting_tensorflow(tmp_path, monkeypatch, capsys):
    started = []
    monkeypatch.setattr(Engine, "start", lambda self: (self.on_start and self.on_start(), started.append(1),
                                                        (_ for _ in ()).throw(KeyboardInterrupt)))
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    path = tmp_path / "compile_adam.py"
    path.write_text(MARKER + "x = 1\n")
    assert main(["check", str(path)]) == 130  # stopped where the worker would start
    assert started and "Grading compile_adam.py: starting TensorFlow (a few seconds)..." in capsys.readouterr().err
