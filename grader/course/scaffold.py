"""``grader new ID --from SOLUTION.py``: scaffold an exercise from an instructor's reference solution.

It writes ``exercises/ID/exercise.toml``, ``templates/ID.py.j2`` and ``solutions/<stub>.py`` into
the course folder, then renders the stubs. The stub is the solution without its docstring and
comments, with the part the student must write (the compile call, the model, or both) replaced by
a placeholder. Only files are written, never the engine; on any failure none of them remains.
The instructor then writes the instructions and hints (``grader lint`` says what is left).

Runs in: the user's process (CLI, notebook, pytest); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

from grader.course.authoring import Created
from grader.course.exercise import Exercise, load_exercise
from grader.errors import UsageError

ID_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")

# What the student writes, and the checks (with points) that grade it.
PARTS = {
    "compile": {"optimizer": 2, "loss": 3, "metrics": 1, "layers": 2, "params": 2},
    "model": {"layers": 5, "params": 5},
    "both": {"optimizer": 2, "loss": 2, "metrics": 1, "layers": 3, "params": 2},
}
PLACEHOLDER = {
    "compile": "call {model}.compile(...) with an optimizer, a loss and metrics",
    "model": "build {model}: its input and its layers",
    "both": "build {model}, then compile it with an optimizer, a loss and metrics",
}
# Calls that make a model or a layer, however they are imported.
MODEL_CALLS = {"Sequential", "Model", "Input", "InputLayer"}

EXERCISE_TOML = '''# Scaffolded by `grader new` from {source}. Write the title, instructions and hints, then run
# `grader lint` until it reports nothing left to do.
id = "{id}"
title = "{title}"
stub_name = "{stub}"
template = "templates/{id}.py.j2"
solution = "solutions/{stub}.py"
model_variable = "{model}"
labels = "{labels}"  # integer | one_hot | binary | continuous: decides what 'accuracy' means

instructions = """
TODO: in your own words, what the student must {task}, naming every setting the checks compare.
"""
{checks}'''

CHECK_TABLE = '''
[checks.{id}]
points = {points}
# hint = "shown when this check fails"
'''


def scaffold(exercise_id: str, solution: Path, root: Path, part: str, labels: str = "integer",
             created: Created | None = None) -> Exercise:
    """Write the new exercise's files under ``root``, stubs included, and return it. With ``created``,
    the caller's ``with`` block removes them all if it fails later (grading the reference, say)."""
    if not ID_RE.match(exercise_id):
        raise UsageError(f"exercise ids are lowercase words joined by hyphens, like 'sgd-momentum'; "
                         f"got {exercise_id!r}")
    folder = root / "exercises" / exercise_id
    if folder.exists():
        raise UsageError(f"exercise {exercise_id!r} already exists in {folder}")
    try:
        code = solution.read_text(encoding="utf-8")
        tree = ast.parse(code)
    except (OSError, UnicodeDecodeError, SyntaxError, ValueError) as exc:
        raise UsageError(f"cannot read the solution {solution}: {exc}") from None
    compile_call = compile_statement(tree)
    model = _receiver(compile_call) or "model"
    if part in ("compile", "both") and compile_call is None:
        raise UsageError(f"{solution.name} calls no <model>.compile(...) at the top level, so there is no compile "
                         "call for the student to write; use --student-writes model")
    blanks = _blanked_lines(tree, compile_call, model, part)
    if not blanks:
        raise UsageError(f"cannot find where {solution.name} builds its model (a Sequential, Model or Input call, "
                         f"or statements that assign or add to {model!r}); use --student-writes compile")
    stub = exercise_id.replace("-", "_")
    task = {"compile": "compile", "model": "build", "both": "build and compile"}[part]
    with created or Created() as made:
        made.file(folder / "exercise.toml", EXERCISE_TOML.format(
            source=solution.name, id=exercise_id, title=exercise_id.replace("-", " ").capitalize(), stub=stub,
            model=model, labels=labels, task=task,
            checks="".join(CHECK_TABLE.format(id=c, points=p) for c, p in PARTS[part].items())))
        made.file(root / "templates" / f"{exercise_id}.py.j2",
                  stub_template(code, tree, blanks, PLACEHOLDER[part].format(model=model)))
        made.file(root / "solutions" / f"{stub}.py", code)
        from grader.course.render import render_stub

        exercise = load_exercise(folder, root)
        made.paths += render_stub(exercise, folder)
    return exercise


def compile_statement(tree: ast.Module) -> ast.stmt | None:
    """The last top-level statement that calls ``<something>.compile(...)``."""
    found = None
    for statement in tree.body:
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
            function = statement.value.func
            if isinstance(function, ast.Attribute) and function.attr == "compile":
                found = statement
    return found


def _receiver(statement: ast.stmt | None) -> str | None:
    if statement is None:
        return None
    function = statement.value.func  # type: ignore[attr-defined]
    return function.value.id if isinstance(function.value, ast.Name) else None


def _layer_names(tree: ast.Module) -> set[str]:
    """Names imported from a Keras layers module (``from keras.layers import Dense``)."""
    return {alias.asname or alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
            and (node.module or "").endswith("layers") for alias in node.names}


def _builds_model(statement: ast.stmt, model: str, layer_names: set[str]) -> bool:
    """Whether a top-level statement is part of making the model."""
    if isinstance(statement, (ast.Import, ast.ImportFrom)):
        return False
    targets = statement.targets if isinstance(statement, ast.Assign) else \
        [statement.target] if isinstance(statement, (ast.AnnAssign, ast.AugAssign)) else []
    if any(isinstance(target, ast.Name) and target.id == model for target in targets):
        return True
    for node in ast.walk(statement):
        if not isinstance(node, ast.Call):
            continue
        function = node.func
        name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")
        if name in MODEL_CALLS or name in layer_names:
            return True
        if isinstance(function, ast.Attribute):
            owner = function.value
            if isinstance(owner, ast.Name) and owner.id == model and name in ("add", "build"):
                return True
            if (isinstance(owner, ast.Name) and owner.id == "layers") or \
                    (isinstance(owner, ast.Attribute) and owner.attr == "layers"):
                return True
    return False


def _blanked_lines(tree: ast.Module, compile_call: ast.stmt | None, model: str, part: str) -> range | None:
    """The source lines (1-based, end exclusive) that the placeholder replaces."""
    before = tree.body if compile_call is None else tree.body[:tree.body.index(compile_call)]
    layer_names = _layer_names(tree)
    building = [s for s in before if _builds_model(s, model, layer_names)]
    if part == "compile":
        assert compile_call is not None
        return range(_first_line(compile_call), (compile_call.end_lineno or compile_call.lineno) + 1)
    if not building:
        return None
    last = compile_call if part == "both" else building[-1]
    assert last is not None
    return range(_first_line(building[0]), (last.end_lineno or last.lineno) + 1)


def _first_line(statement: ast.stmt) -> int:
    decorators = getattr(statement, "decorator_list", [])
    return min([statement.lineno, *(d.lineno for d in decorators)])


def stub_template(code: str, tree: ast.Module, blanks: range, placeholder: str) -> str:
    """The Jinja template of the stub: the solution without docstring and comments, ``blanks`` replaced."""
    dropped = set(blanks)
    if tree.body and isinstance(tree.body[0], ast.Expr) and isinstance(tree.body[0].value, ast.Constant) \
            and isinstance(tree.body[0].value.value, str):
        dropped |= set(range(tree.body[0].lineno, (tree.body[0].end_lineno or tree.body[0].lineno) + 1))
    comments = _comment_columns(code)
    lines: list[str] = []
    for number, line in enumerate(code.splitlines(), start=1):
        if number == blanks.start:
            lines += [f"# >>> YOUR CODE HERE: {placeholder}", "...", "# <<< END OF YOUR CODE"]
        if number in dropped:
            continue
        if number in comments:
            line = line[:comments[number]].rstrip()
            if not line:
                continue
        lines.append(line)
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    # Raw: the solution's own braces (dicts, f-strings) are Python, not Jinja.
    return ('{% extends "_stub.py.j2" %}\n{% block body %}\n# %%\n{% raw %}\n' + text +
            "\n{% endraw %}\n{% endblock %}\n")


def _comment_columns(code: str) -> dict[int, int]:
    """Line number -> the column where that line's comment starts."""
    columns = {}
    for token in tokenize.generate_tokens(io.StringIO(code).readline):
        if token.type == tokenize.COMMENT:
            columns[token.start[0]] = token.start[1]
    return columns
