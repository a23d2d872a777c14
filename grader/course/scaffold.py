"""``grader new ID --from SOLUTION.py``: scaffold an exercise from an instructor's reference solution.

It writes ``exercises/ID/exercise.toml``, ``templates/ID.py.j2`` (the solution, with its
``compile(...)`` call turned into the student's placeholder, or a placeholder appended when it
compiles nothing) and ``solutions/<stub>.py``, then renders the stubs. Only files are written:
adding an exercise never touches the engine. The instructor then edits the title, instructions,
points and hints.

Runs in: the user's process (CLI, notebook, pytest); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from grader.course.exercise import load_exercise
from grader.errors import UsageError

ID_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")

EXERCISE_TOML = '''# Scaffolded by `grader new` from {source}: edit the title, instructions, points and hints.
id = "{id}"
title = "{title}"
stub_name = "{stub}"
template = "templates/{id}.py.j2"
solution = "solutions/{stub}.py"
labels = "integer"  # integer | one_hot | binary | continuous: decides what 'accuracy' means

instructions = """
TODO: tell the student what to build or compile, in your own words.
"""
{checks}'''

CHECK_TABLE = '''
[checks.{id}]
points = {points}
hint = "TODO: a hint shown when this check fails."
'''


def scaffold(exercise_id: str, solution: Path, root: Path) -> list[Path]:
    """Write the new exercise's files under ``root``; return them, stubs included."""
    if not ID_RE.match(exercise_id):
        raise UsageError(f"exercise ids are lowercase words joined by hyphens, like 'sgd-momentum'; "
                         f"got {exercise_id!r}")
    folder = root / "exercises" / exercise_id
    if folder.exists():
        raise UsageError(f"exercise {exercise_id!r} already exists in {folder}")
    try:
        code = solution.read_text(encoding="utf-8")
        tree = ast.parse(code)
    except (OSError, UnicodeDecodeError, SyntaxError) as exc:
        raise UsageError(f"cannot read the solution {solution}: {exc}") from None
    stub = exercise_id.replace("-", "_")
    compile_call = _compile_statement(tree)
    checks = ("optimizer", "loss", "metrics", "layers", "params") if compile_call else ("layers", "params")
    points = {"optimizer": 2, "loss": 3, "metrics": 1, "layers": 2, "params": 2} if compile_call else \
        {"layers": 5, "params": 5}
    title = exercise_id.replace("-", " ").capitalize()

    folder.mkdir(parents=True)
    written = [folder / "exercise.toml", root / "templates" / f"{exercise_id}.py.j2", root / "solutions" / f"{stub}.py"]
    written[0].write_text(EXERCISE_TOML.format(
        source=solution.name, id=exercise_id, title=title, stub=stub,
        checks="".join(CHECK_TABLE.format(id=c, points=points[c]) for c in checks)), encoding="utf-8")
    written[1].write_text(_template(code, compile_call), encoding="utf-8")
    written[2].write_text(code, encoding="utf-8")

    from grader.course.render import render_stub

    exercise = load_exercise(folder, root)
    return written + render_stub(exercise, folder)


def _compile_statement(tree: ast.Module) -> ast.stmt | None:
    """The last top-level statement that calls ``<something>.compile(...)``."""
    found = None
    for statement in tree.body:
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
            function = statement.value.func
            if isinstance(function, ast.Attribute) and function.attr == "compile":
                found = statement
    return found


def _template(code: str, compile_call: ast.stmt | None) -> str:
    lines = code.splitlines()
    placeholder = ["# >>> YOUR CODE HERE", "...", "# <<< END OF YOUR CODE"]
    if compile_call is not None:
        start, end = compile_call.lineno - 1, compile_call.end_lineno or compile_call.lineno
        lines = lines[:start] + placeholder + lines[end:]
    else:
        lines += ["", *placeholder]
    # Raw: the solution's own braces (dicts, f-strings) are Python, not Jinja.
    body = "{% raw %}\n" + "\n".join(lines) + "\n{% endraw %}"
    return '{% extends "_stub.py.j2" %}\n{% block body %}\n# %%\n' + body + "\n{% endblock %}\n"
