"""``grader lint``: is an exercise ready for students?

Static findings need no worker: every variant renders (stub and solution), no "TODO" is left in
what students read, and the instructions mention what each check compares. Graded findings use a
``Grade`` function (a warm worker, from the caller): the reference earns full marks, the rendered
stub is "not attempted", and the stub run as it is (placeholder left in) earns less than full marks,
so it does not give the answer away.

Runs in: the user's process (the `grader` command); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import itertools
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from grader.contract.results import Report
from grader.course.exercise import Exercise
from grader.errors import ExerciseError

Grade = Callable[[Path, Exercise, "str | None"], Report]

MAX_VARIANTS = 64
# What the instructions must mention for each check (any one of the words, case-insensitive).
MENTIONS = {
    "optimizer": ("optimizer", "adam", "sgd", "rmsprop", "adagrad", "adamw", "nadam"),
    "loss": ("loss", "crossentropy", "cross-entropy", "squared error", "absolute error"),
    "metrics": ("metric", "accuracy", "error"),
    "layers": ("layer",),
    "params": ("parameter",),
    "budget": ("parameter", "budget"),
    "behaviour": ("train", "fit", "learn"),
}
TODO_RE = re.compile(r"\bTODO\b")


def static_findings(exercise: Exercise) -> list[str]:
    """What is wrong with the exercise's text and templates, without running anything."""
    from grader.course.render import render_solution, render_text

    problems = []
    students = _variant_students(exercise)
    for student in students:
        variant = exercise.variant_for(student)
        label = f" (variant {variant})" if variant else ""
        try:
            text = render_text(exercise, student)
            render_solution(exercise, student)
        except ExerciseError as exc:
            problems.append(f"does not render{label}: {exc.message}")
            continue
        if student is students[0] and TODO_RE.search(text) and not TODO_RE.search(exercise.instructions):
            line = next(line for line in text.splitlines() if TODO_RE.search(line)).strip()
            problems.append(f"the stub still says TODO: {line[:100]!r}")
    for check in exercise.checks:
        if TODO_RE.search(check.hint):
            problems.append(f"the hint of check {check.id!r} still says TODO")
    instructions = exercise.instructions.lower()
    if TODO_RE.search(exercise.instructions):
        problems.append("the instructions still say TODO: write what the student must do, naming every setting "
                        f"the checks compare ({', '.join(check.id for check in exercise.checks)})")
        return problems
    for check in exercise.checks:
        words = () if check.options.get("unstated") else MENTIONS.get(check.id, ())
        if words and not any(word in instructions for word in words):
            problems.append(f"the instructions never mention what check {check.id!r} compares "
                            f"(none of: {', '.join(words[:3])})")
        for setting in check.options.get("compare", ()):
            named = str(setting).replace("_", " ")
            if named not in instructions and str(setting) not in instructions and "default" not in instructions:
                problems.append(f"check {check.id!r} compares {setting}, which the instructions never mention")
    return problems


def graded_findings(exercise: Exercise, grade: Grade) -> list[str]:
    """What grading the reference and the stub shows."""
    from grader.course.render import render_solution, render_text

    problems = []
    with tempfile.TemporaryDirectory(prefix="grader-lint-") as folder:
        stub = Path(folder) / f"{exercise.stub_name}.py"
        stub.write_text(render_solution(exercise), encoding="utf-8")  # solutions may be templates too
        reference = grade(stub, exercise, None)
        if reference.status != "passed":
            failing = ", ".join(c.id for c in reference.checks if c.status != "passed")
            why = reference.error.message if reference.error else f"checks not passed: {failing}"
            problems.append(f"the reference scores {reference.score:g}/{reference.max_score:g}: {why}")
        stub.write_text(render_text(exercise), encoding="utf-8")
        untouched = grade(stub, exercise, None)
        if untouched.error is None or untouched.error.kind != "not_attempted":
            problems.append(f"the untouched stub is not reported as 'not attempted' (status {untouched.status})")
        stub.write_text(render_text(exercise) + "\n# run as given\n", encoding="utf-8")
        as_given = grade(stub, exercise, None)
        if as_given.max_score and as_given.score >= as_given.max_score:
            problems.append("the stub, run as it is, already earns full marks: it gives the answer away")
    return problems


def _variant_students(exercise: Exercise) -> list[str | None]:
    """None (the default variant), then one student id per other variant, as far as MAX_VARIANTS."""
    wanted = len(list(itertools.product(*exercise.variants.values()))) if exercise.variants else 1
    students: list[str | None] = [None]
    seen = {repr(exercise.variant_for(None))}
    for number in itertools.count():
        if len(seen) >= min(wanted, MAX_VARIANTS) or number > 20 * MAX_VARIANTS:
            break
        student = f"lint-{number}"
        key = repr(exercise.variant_for(student))
        if key not in seen:
            seen.add(key)
            students.append(student)
    return students
