"""The rendered notebooks run in a real Jupyter kernel (nbclient + ipykernel) once the reference
solution fills the placeholder: the stubs students get are sound, not just well-formed."""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from grader.render import render_solution
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
    client = NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": tmp_path}})
    client.execute()  # raises CellExecutionError, with the cell and traceback, if any cell fails
    errors = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.get("outputs", [])
              if output.get("output_type") == "error"]
    assert errors == []
