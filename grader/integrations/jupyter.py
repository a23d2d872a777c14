"""``from grader import check; check()``: grade the notebook you are working in, from a cell.

The grading happens exactly as ``grader check`` does it, in a separate sandboxed process, on the
*saved* notebook file (save first). The report is shown in the notebook as HTML.

Runs in: the tool's own process (Jupyter kernel, pytest, Gradescope's container); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import os
from pathlib import Path

from grader.errors import UsageError


def check(path: str | os.PathLike[str] | None = None, *, exercise: str | None = None, display: bool = True):
    """Grade ``path`` (default: this notebook) and show the report; returns the Report
    (None while the grader itself runs the notebook).

    The notebook is found from Jupyter's ``JPY_SESSION_NAME`` or VS Code's ``__vsc_ipynb_file__``,
    else as the only notebook in the current folder that carries a grader marker line.
    """
    from grader.contract.markers import SANDBOX_MARKER
    from grader.course.exercise import (
        detect_exercise_id,
        find_exercise,
        load_catalogue,
    )
    from grader.grading.pipeline import Grader
    from grader.grading.policy import CourseSettings
    from grader.runner.client import Engine

    if os.environ.get(SANDBOX_MARKER):  # this very cell, while the grader runs the notebook
        return None
    notebook = Path(path) if path is not None else _this_notebook()
    if not notebook.is_file():
        raise UsageError(f"no such file: {notebook}")
    catalogue = load_catalogue()
    exercise_id = exercise or detect_exercise_id(notebook.read_text(encoding="utf-8", errors="replace"))
    if exercise_id is None:
        raise UsageError(f"{notebook.name} has no '# grader: exercise=ID' line; pass exercise='ID'")
    chosen = find_exercise(exercise_id, catalogue)
    course = CourseSettings.load()
    with Engine(packages=course.packages) as engine:
        report = Grader(engine, policy=course.policy).grade_file(notebook, chosen)
    if display:
        _show(report)
    return report


def _this_notebook() -> Path:
    session = os.environ.get("JPY_SESSION_NAME")
    if session and session.endswith(".ipynb") and Path(session).is_file():
        return Path(session)
    try:
        shell = get_ipython()  # type: ignore[name-defined]  # noqa: F821 - defined inside IPython only
        vscode = shell.user_ns.get("__vsc_ipynb_file__")
        if vscode:
            return Path(vscode)
    except NameError:
        pass
    from grader.course.exercise import detect_exercise_id

    marked = [p for p in sorted(Path.cwd().glob("*.ipynb"))
              if detect_exercise_id(p.read_text(encoding="utf-8", errors="replace"))]
    if len(marked) == 1:
        return marked[0]
    raise UsageError("cannot tell which notebook this is; call check('your_notebook.ipynb')"
                     + (f" (found {len(marked)} graded notebooks here)" if marked else ""))


def _show(report) -> None:  # type: ignore[no-untyped-def]
    import io

    from grader.report import get_writer

    stream = io.StringIO()
    try:
        from IPython.display import HTML, display

        get_writer("html").write(report, stream)
        display(HTML(stream.getvalue()))
    except ImportError:  # plain Python: the text report
        get_writer("text").write(report, stream)
        print(stream.getvalue())
