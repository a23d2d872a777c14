"""The rendered notebooks run in a real Jupyter kernel (nbclient + ipykernel) once the reference
solution fills the placeholder: the stubs students get are sound, not just well-formed."""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from grader.course.render import CHECK_CELL, render_solution
from tests.conftest import ROOT

EXERCISES = sorted(p.name for p in (ROOT / "exercises").iterdir() if (p / "exercise.toml").is_file())


@pytest.mark.slow
@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_stub_notebook_with_the_solution_runs_in_a_kernel(catalogue, exercise_id, tmp_path):
    exercise = catalogue[exercise_id]
    notebook = nbformat.read(exercise.stub_ipynb, as_version=4)
    # The student's part: the placeholder cell, or (fix-the-bug, which has none) the cell with the bug.
    marker = "YOUR CODE HERE" if "YOUR CODE HERE" in exercise.stub_py.read_text() else "model.compile("
    [placeholder] = [cell for cell in notebook.cells if marker in cell.source]
    placeholder.source = render_solution(exercise)
    assert notebook.cells[-1].source == CHECK_CELL
    notebook.cells.pop()  # its check() would grade the saved stub: tests/test_notebook_check.py runs it
    client = NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": tmp_path}})
    client.execute()  # raises CellExecutionError, with the cell and traceback, if any cell fails
    errors = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.get("outputs", [])
              if output.get("output_type") == "error"]
    assert errors == []


@pytest.mark.slow
def test_a_notebook_grades_itself_from_a_cell_in_isolation(catalogue, tmp_path):
    exercise = catalogue["compile-adam"]
    notebook = nbformat.read(exercise.stub_ipynb, as_version=4)
    [placeholder] = [cell for cell in notebook.cells if "YOUR CODE HERE" in cell.source]
    placeholder.source = ("model.compile(optimizer='adam', loss='categorical_crossentropy', "
                          "metrics=['accuracy'])")
    notebook.cells[-1] = nbformat.v4.new_code_cell(  # the stub's check cell, asking for the Report
        "from grader import check\nimport sys\nreport = check(display=False)\n"
        "if report is not None:  # None while the grader itself runs this notebook\n"
        "    print('GRADED', report.score, report.max_score, 'tensorflow' in sys.modules)")
    path = tmp_path / "compile_adam.ipynb"
    nbformat.write(notebook, path)  # saved first: check() grades the saved file
    NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": tmp_path}}).execute()
    outputs = notebook.cells[-1].outputs
    text = "".join(o.get("text", "") for o in outputs)
    assert {o.output_type for o in outputs} == {"stream"}  # display=False: the Report back, nothing shown
    # 7/10, found as the only marked notebook in the folder; the kernel imported TensorFlow for the
    # student's own cells, but grading ran elsewhere (the score comes from the rebuilt model).
    assert "GRADED 7.0 10.0 True" in text
