"""Loading submissions: .py and notebooks, IPython syntax, and files that cannot be graded."""

from __future__ import annotations

import json

import nbformat
import pytest
from nbformat import v4

from grader.contract.results import SubmissionRejected
from grader.course.submission import MAX_BYTES, ipython_to_python, load_source
from tests.conftest import ROOT


def write_notebook(path, *cells, version=4):
    notebook = v4.new_notebook()
    notebook.cells = [v4.new_code_cell(c) if not c.startswith("#md ") else v4.new_markdown_cell(c[4:]) for c in cells]
    path.write_text(nbformat.writes(notebook), encoding="utf-8")
    return path


def test_notebook_code_cells_are_chunks_in_order_and_markdown_is_dropped(tmp_path):
    path = write_notebook(tmp_path / "n.ipynb", "a = 1", "#md # Title", "b = a + 1")
    source = load_source(path)
    assert [(c.label, c.code) for c in source.chunks] == [("cell 1", "a = 1"), ("cell 3", "b = a + 1")]


@pytest.mark.parametrize(
    ("line", "becomes"),
    [("%matplotlib inline", "get_ipython().run_line_magic('matplotlib', 'inline')"),
     ("!pip install tensorflow", "get_ipython().system('pip install tensorflow')"),
     ("files = !ls", "files = get_ipython().getoutput('ls')"),
     ("  %time x = 1", "get_ipython().run_line_magic('time', 'x = 1')"),
     ("x = %time f()", "x = get_ipython().run_line_magic('time', 'f()')"),
     ("model.fit?", "get_ipython().run_line_magic('pinfo', 'model.fit')")],
    ids=["line-magic", "shell", "shell-assignment", "indented-magic", "magic-value", "help"],
)
def test_ipython_lines_become_the_calls_ipython_makes(line, becomes):
    code, notes = ipython_to_python(line, "cell 1")
    assert code.strip() == becomes
    assert notes and notes[0].startswith("cell 1, line 1: ")


@pytest.mark.parametrize("line", ["x = 5 % 3", "a != b", "print('%d' % 3)"], ids=["modulo", "not-equal", "format"])
def test_python_that_looks_like_ipython_is_kept(line):
    assert ipython_to_python(line, "cell 1") == (line, [])


def test_a_line_magic_keeps_its_line_number_for_tracebacks():
    code, _ = ipython_to_python("a = 1\n%time b = 2\nc = 3", "cell 2")
    assert code.splitlines()[1] == "get_ipython().run_line_magic('time', 'b = 2')"
    assert code.splitlines()[2] == "c = 3"


def test_a_cell_magic_hands_its_whole_cell_to_the_shell():
    code, notes = ipython_to_python("%%time\nx = 1\ny = 2", "cell 2")
    assert code.strip() == "get_ipython().run_cell_magic('time', '', 'x = 1\\ny = 2\\n')"
    assert notes == ["cell 2, line 1: ran `%%time` once, as plain Python."]


def test_shell_commands_are_noted_as_not_run():
    _, notes = ipython_to_python("%pip install -q pandas\n!ls", "cell 4")
    assert all("did not run the shell command" in note for note in notes) and len(notes) == 2


def test_old_notebook_format_is_converted(tmp_path):
    v3 = {"nbformat": 3, "nbformat_minor": 0, "metadata": {},
          "worksheets": [{"cells": [{"cell_type": "code", "input": "x = 1", "language": "python",
                                     "outputs": [], "metadata": {}}]}]}
    path = tmp_path / "old.ipynb"
    path.write_text(json.dumps(v3))
    source = load_source(path)
    assert [c.code for c in source.chunks] == ["x = 1"]
    assert any("v3" in note for note in source.notes)


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [("empty.py", b"  \n\n", "empty"),
     ("latin1.py", "x = 'caf\u00e9'".encode("latin-1"), "encoding"),
     ("binary.py", b"\x7fELF\x00\x01", "encoding"),
     ("broken.ipynb", b"{not json", "invalid_notebook"),
     ("wrong-shape.ipynb", b'{"cells": 3}', "invalid_notebook"),
     ("huge.py", b"#" * (MAX_BYTES + 1), "too_large")],
    ids=["empty", "not-utf8", "binary", "invalid-json", "not-a-notebook", "too-large"],
)
def test_files_that_cannot_be_graded_are_rejected_with_a_kind(tmp_path, name, content, kind):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(SubmissionRejected) as caught:
        load_source(path)
    assert caught.value.failure.kind == kind


def test_rendered_py_and_ipynb_stubs_normalise_to_the_same_code():
    stub_dir = ROOT / "exercises" / "compile-adam"
    assert load_source(stub_dir / "compile_adam.py").normalised_code() == \
        load_source(stub_dir / "compile_adam.ipynb").normalised_code()


def test_notebook_with_magics_grades_full_marks(grade_code):
    notebook = v4.new_notebook()
    notebook.cells = [
        v4.new_code_cell("%matplotlib inline\n!pip install tensorflow\nfrom tensorflow.keras import layers, models"),
        v4.new_markdown_cell("## Model"),
        v4.new_code_cell("%%time\nmodel = models.Sequential()\n"
                         "model.add(layers.Dense(512, activation='relu', input_shape=(64,)))\n"
                         "model.add(layers.Dense(10, activation='softmax'))"),
        v4.new_code_cell("model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', "
                         "metrics=['accuracy'])\ndisplay(model)"),
    ]
    report = grade_code(nbformat.writes(notebook), suffix=".ipynb")
    assert report.score == 10
    assert len(report.notes) == 3  # %matplotlib, !pip, %%time


def test_notebook_exception_names_the_cell(grade_code):
    notebook = v4.new_notebook()
    notebook.cells = [v4.new_code_cell("x = 1"), v4.new_code_cell("y = undefined_name")]
    report = grade_code(nbformat.writes(notebook), suffix=".ipynb")
    assert report.error.kind == "exception"
    assert "cell 2, line 1" in report.error.message
