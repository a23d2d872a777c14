"""Render an exercise's Jinja2 template into the student's stub, as ``.py`` and as ``.ipynb``.

Templates are written in the percent format: ``# %%`` starts a code cell and
``# %% [markdown]`` a Markdown cell whose lines are comments. The ``.py`` stub is
that text as it is. The notebook has the same cells, rendered with ``notebook=True`` (so that its
instructions say "run the last cell" rather than "run grader check"), and then a "Check your work"
Markdown cell and the code cell ``CHECK_CELL``. Rendering is deterministic: the same exercise
always gives byte-identical files.

Runs in: the user's process (CLI, notebook, pytest); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2

from grader.course.course import lesson_root
from grader.course.exercise import Exercise
from grader.errors import ExerciseError

_CELL_RE = re.compile(r"^# %%(?P<markdown> \[markdown\])?[^\n]*$", re.MULTILINE)

# The notebook's last two cells. The untouched-stub test ignores the call (Source.normalised_code).
CHECK_HEADING = ("## Check your work\n\n"
                 "Save the notebook (Ctrl+S), then run the cell below: it grades the saved notebook in a "
                 "separate process and shows your score and feedback under the cell. Run it again after "
                 "each change.")
CHECK_CELL = "from grader import check\ncheck()"


def _environment(folder: Path) -> jinja2.Environment:
    """Templates from ``folder`` first, then the lesson's base templates (``_stub.py.j2``), so that
    a course's own template may extend the base without a copy of it."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(folder), str(lesson_root() / "templates")]),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # renders Python source, not HTML
    )


def render_text(exercise: Exercise, student: str | None = None, *, notebook: bool = False) -> str:
    """The stub as percent-format Python text: the student's variant, or the default one. With
    ``notebook``, the text the notebook is made from (its instructions name the check cell)."""
    variant = exercise.variant_for(student)
    try:
        instructions = jinja2.Template(exercise.instructions, undefined=jinja2.StrictUndefined).render(
            variant=variant)
        template = _environment(exercise.template.parent).get_template(exercise.template.name)
        text = template.render(exercise=exercise, instructions=instructions, variant=variant, student=student,
                               filename=f"{exercise.stub_name}.py", notebook=notebook)
    except jinja2.TemplateError as exc:
        raise ExerciseError(f"cannot render {exercise.template}: {exc}") from None
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def render_solution(exercise: Exercise, student: str | None = None) -> str:
    """The reference solution's source for the student's variant (solutions are Jinja templates too)."""
    try:
        template = _environment(exercise.solution.parent).get_template(exercise.solution.name)
        return template.render(variant=exercise.variant_for(student))
    except jinja2.TemplateError as exc:
        raise ExerciseError(f"cannot render the solution {exercise.solution}: {exc}") from None


def split_cells(text: str) -> list[tuple[str, str]]:
    """(cell_type, source) pairs from percent-format text; Markdown cells lose their '# ' prefixes."""
    cells: list[tuple[str, str]] = []
    matches = list(_CELL_RE.finditer(text))
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        body = text[match.end():end].strip("\n")
        if match.group("markdown"):
            lines = [line[2:] if line.startswith("# ") else line.lstrip("#") for line in body.splitlines()]
            cells.append(("markdown", "\n".join(lines).strip()))
        elif body.strip():
            cells.append(("code", body))
    return cells


def to_notebook(exercise: Exercise, text: str) -> str:
    """The notebook of percent-format ``text`` (``render_text(..., notebook=True)``), ending with
    the check cells."""
    import nbformat
    from nbformat import v4

    notebook = v4.new_notebook()
    notebook.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "grader": {"exercise": exercise.id},
    }
    cells = split_cells(text) + [("markdown", CHECK_HEADING), ("code", CHECK_CELL)]
    for number, (cell_type, source) in enumerate(cells):
        cell = v4.new_markdown_cell(source) if cell_type == "markdown" else v4.new_code_cell(source)
        cell["id"] = f"{exercise.id}-{number}"  # stable ids keep rendering byte-identical
        notebook.cells.append(cell)
    nbformat.validate(notebook)
    return nbformat.writes(notebook) + "\n"


def render_stub(exercise: Exercise, out_dir: Path, student: str | None = None) -> list[Path]:
    """Write ``<stub_name>.py`` and ``<stub_name>.ipynb`` into ``out_dir``; return their paths."""
    text = render_text(exercise, student)
    notebook = to_notebook(exercise, render_text(exercise, student, notebook=True))
    out_dir.mkdir(parents=True, exist_ok=True)
    py_path = out_dir / f"{exercise.stub_name}.py"
    nb_path = out_dir / f"{exercise.stub_name}.ipynb"
    py_path.write_text(text, encoding="utf-8")
    nb_path.write_text(notebook, encoding="utf-8")
    return [py_path, nb_path]
