"""``grader gradescope-bundle``: the autograder zip Gradescope expects.

The zip holds, at its root, ``setup.sh`` (installs Python and this grader) and
``run_autograder`` (grades the first submission file into results.json), plus
``grader-src/``: the package (with a pyproject.toml made from this installation's metadata),
the base templates, and a course folder with the exercise, its reference solution and templates.
``run_autograder`` always leaves a valid results.json, even when grading itself fails,
because Gradescope shows "autograder failed to execute correctly" for anything else.

Runs in: the tool's own process (Jupyter kernel, pytest, Gradescope's container); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from grader.course.course import lesson_root
from grader.course.exercise import Exercise
from grader.errors import ExerciseError

if TYPE_CHECKING:
    from grader.grading.policy import CourseSettings

SETUP_SH = """#!/usr/bin/env bash
# Gradescope runs this once, when it builds the autograder image.
set -euo pipefail
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y python3 python3-venv python3-pip
python3 -m venv /autograder/venv
/autograder/venv/bin/pip install --upgrade pip
/autograder/venv/bin/pip install /autograder/source/grader-src
"""

RUN_AUTOGRADER = """#!/usr/bin/env bash
# Gradescope runs this for every submission. AUTOGRADER_ROOT and GRADER_BIN exist for tests.
set -uo pipefail
ROOT="${{AUTOGRADER_ROOT:-/autograder}}"
GRADER="${{GRADER_BIN:-$ROOT/venv/bin/grader}}"
RESULTS="$ROOT/results/results.json"
mkdir -p "$ROOT/results"

fallback() {{
  # A valid results.json that says what went wrong, instead of no file at all.
  printf '%s\\n' "{{\\"score\\": 0.0, \\"max_score\\": {max_score}, \\"output\\": \\"$1\\", \\"tests\\": []}}" > "$RESULTS"
}}

submission=""
for name in "{stub}.py" "{stub}.ipynb"; do
  if [ -f "$ROOT/submission/$name" ]; then submission="$ROOT/submission/$name"; break; fi
done
if [ -z "$submission" ]; then
  submission=$(find "$ROOT/submission" -maxdepth 2 -type f \\( -name '*.py' -o -name '*.ipynb' \\) | sort | head -n 1)
fi
if [ -z "$submission" ]; then
  fallback "No .py or .ipynb file was submitted. Upload {stub}.py or {stub}.ipynb."
  exit 0
fi

GRADER_COURSE="$ROOT/source/grader-src" "$GRADER" check "$submission" --exercise {exercise} \\
  --format gradescope --output "$RESULTS"
status=$?
if [ "$status" -ge 2 ] || [ ! -s "$RESULTS" ]; then
  fallback "The autograder could not grade this submission (grader exit code $status). Please tell your instructor."
fi
exit 0
"""

# grader-src/ is a project pip can install: this package, with the lesson's base templates as its
# lesson (no exercises), and beside it a course folder holding only the bundled exercise.
PYPROJECT = """[build-system]
requires = ["setuptools>=68"]
build-backend = "setuptools.build_meta"

[project]
name = "keras-grader"
version = "{version}"
requires-python = "{python}"
dependencies = {dependencies}

[project.scripts]
grader = "grader.cli:main"

[tool.setuptools.packages.find]
include = ["grader*"]

[tool.setuptools.package-data]
grader = ["lesson/**/*"]
"""


def build_bundle(exercise: Exercise, destination: Path) -> Path:
    """Write the autograder zip for ``exercise`` to ``destination``; return its path."""
    import grader
    from grader.grading.policy import CourseSettings

    package, lesson = Path(grader.__file__).resolve().parent, lesson_root()
    root = exercise.root or exercise.directory.parents[1]
    files: dict[str, Path] = {}
    for path in _files(package):
        if path.relative_to(package).parts[0] != "lesson":
            files[f"grader/{path.relative_to(package).as_posix()}"] = path
    for path in _files(lesson / "templates"):
        files[f"grader/lesson/templates/{path.relative_to(lesson / 'templates').as_posix()}"] = path
    course_files = [*_files(exercise.directory), exercise.solution,
                    *(p for p in exercise.template.parent.iterdir() if p.is_file())]
    for path in course_files:
        files[path.relative_to(root).as_posix()] = path
    destination.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(destination, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        _add_text(bundle, "setup.sh", SETUP_SH, executable=True)
        _add_text(bundle, "run_autograder", RUN_AUTOGRADER.format(
            stub=exercise.stub_name, exercise=exercise.id, max_score=float(exercise.max_score)), executable=True)
        _add_text(bundle, "grader-src/pyproject.toml", _pyproject(), executable=False)
        _add_text(bundle, "grader-src/grader.toml", _course_config(exercise, CourseSettings.load()), executable=False)
        for name, path in sorted(files.items()):
            bundle.write(path, f"grader-src/{name}")
    return destination


def _files(folder: Path) -> list[Path]:
    return [p for p in sorted(folder.rglob("*")) if p.is_file() and "__pycache__" not in p.parts]


def _pyproject() -> str:
    """This installation's own metadata (name, version, Python, dependencies) as a pyproject.toml."""
    from importlib import metadata

    from grader import __version__

    try:
        meta = metadata.metadata("keras-grader")
        requires = [r for r in metadata.requires("keras-grader") or [] if "extra ==" not in r]
        python = meta.get("Requires-Python") or ">=3.11"
    except metadata.PackageNotFoundError:
        raise ExerciseError("the Gradescope bundle needs keras-grader installed (pip install keras-grader)") from None
    return PYPROJECT.format(version=__version__, python=python, dependencies=json.dumps(requires))


def _course_config(exercise: Exercise, settings: CourseSettings) -> str:
    """grader-src/grader.toml: the bundled exercise alone, with the course's policy and environment."""
    lines = ["[course]", f"name = {json.dumps(exercise.title)}", "lesson = false", "", "[integrity]"]
    lines += [f"{json.dumps(kind)} = {json.dumps(action)}" for kind, action in sorted(settings.policy.actions.items())]
    lines += ["", "[environment]", f"packages = {json.dumps(list(settings.packages))}", ""]
    return "\n".join(lines)


def _add_text(bundle: zipfile.ZipFile, name: str, text: str, *, executable: bool) -> None:
    info = zipfile.ZipInfo(name)
    info.external_attr = (0o755 if executable else 0o644) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    bundle.writestr(info, text)
