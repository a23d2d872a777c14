"""Stubs are rendered from templates deterministically, and the committed ones are up to date."""

from __future__ import annotations

import nbformat

from grader.course.render import render_stub, render_text, split_cells


def test_committed_stubs_match_a_fresh_render(catalogue, tmp_path):
    for exercise in catalogue.values():
        for path in render_stub(exercise, tmp_path / exercise.id):
            committed = exercise.directory / path.name
            assert committed.read_bytes() == path.read_bytes(), f"re-render {committed}: grader render --out ..."


def test_rendering_twice_is_byte_identical(compile_adam, tmp_path):
    first = [p.read_bytes() for p in render_stub(compile_adam, tmp_path / "a")]
    second = [p.read_bytes() for p in render_stub(compile_adam, tmp_path / "b")]
    assert first == second


def test_stub_carries_the_exercise_marker_and_a_placeholder(compile_adam):
    text = render_text(compile_adam)
    assert "# grader: exercise=compile-adam" in text
    assert "YOUR CODE HERE" in text
    region = text.split("YOUR CODE HERE")[1].split("END OF YOUR CODE")[0]
    code = [line for line in region.splitlines()[1:] if line.strip() and not line.startswith("#")]
    assert code == ["..."]


def test_notebook_stub_is_valid_and_has_the_same_cells(compile_adam):
    notebook = nbformat.read(compile_adam.stub_ipynb, as_version=4)
    nbformat.validate(notebook)
    assert notebook.metadata["grader"]["exercise"] == "compile-adam"
    cells = split_cells(render_text(compile_adam))
    # the first cell's instructions are worded for a notebook, and two check-your-work cells end it
    assert [(c.cell_type, c.source) for c in notebook.cells][1:-2] == cells[1:]
    assert [c.cell_type for c in notebook.cells[-2:]] == ["markdown", "code"]
    assert [c for c, _ in cells].count("markdown") >= 2


SOLUTION_LINE = "model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])"


def test_untouched_stubs_are_not_attempted(session_grader, compile_adam):
    for stub in (compile_adam.stub_py, compile_adam.stub_ipynb):
        report = session_grader.grade_file(stub, compile_adam)
        assert report.error.kind == "not_attempted"
        assert report.score == 0 and report.status == "failed"


def test_py_stub_with_the_placeholder_filled_in_passes(session_grader, compile_adam, tmp_path):
    filled = tmp_path / "compile_adam.py"
    filled.write_text(compile_adam.stub_py.read_text().replace("\n...\n", f"\n{SOLUTION_LINE}\n"))
    assert session_grader.grade_file(filled, compile_adam).status == "passed"


def test_notebook_stub_with_the_placeholder_filled_in_passes(session_grader, compile_adam, tmp_path):
    notebook = nbformat.read(compile_adam.stub_ipynb, as_version=4)
    placeholder = [cell for cell in notebook.cells if "YOUR CODE HERE" in cell.source]
    assert len(placeholder) == 1
    placeholder[0].source = placeholder[0].source.replace("\n...\n", f"\n{SOLUTION_LINE}\n")
    filled = tmp_path / "compile_adam.ipynb"
    nbformat.write(notebook, filled)
    assert session_grader.grade_file(filled, compile_adam).status == "passed"


def test_reference_solution_gets_full_marks(session_grader, compile_adam):
    report = session_grader.grade_file(compile_adam.solution, compile_adam)
    assert report.status == "passed" and report.score == 10


def test_reference_solution_as_a_notebook_gets_full_marks(session_grader, compile_adam, tmp_path):
    notebook = nbformat.v4.new_notebook()
    code = compile_adam.solution.read_text()
    notebook.cells = [nbformat.v4.new_code_cell(part) for part in code.split("\n\n") if part.strip()]
    assert len(notebook.cells) >= 3  # the docstring, the model, the compile call: several cells
    path = tmp_path / "solution.ipynb"
    nbformat.write(notebook, path)
    report = session_grader.grade_file(path, compile_adam)
    assert report.status == "passed" and report.score == 10
