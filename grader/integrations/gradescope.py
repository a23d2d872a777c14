"""``grader gradescope-bundle``: the autograder zip Gradescope expects, and the runner inside it.

The zip holds, at its root, ``setup.sh`` (makes a venv of the targeted Python and installs this
grader into it), ``run_autograder`` (grades the submission into results.json with
``python -m grader.integrations.gradescope``), ``constraints.txt`` (the versions to install),
and ``grader-src/``: the package (with a pyproject.toml made from this installation's metadata),
the base templates, and a course folder with the exercise, its reference solution and templates.

Versions: the bundle targets one Python (``--python``; by default the base image's ``python3``
when the pins allow it, else this installation's Python). ``constraints.txt`` pins TensorFlow,
Keras and keras-grader to exactly the versions installed here, so the image grades as the
instructor's machine does; a bundle whose TensorFlow or Keras cannot be installed on the
targeted Python is refused. Their main dependencies (numpy, ml-dtypes, h5py, protobuf,
tensorboard, scikit-learn) are pinned as well when their installed version supports that
Python, and otherwise left to pip (numpy 2.3 and later have no build for Python 3.10).

``run_autograder`` always leaves a valid results.json, even when grading itself fails, because
Gradescope shows "autograder failed to execute correctly" for anything else. Its extra_data
says which protections confined the submission (Gradescope's container usually forbids
namespaces, and the sandbox then keeps its limits, Landlock and seccomp).

Runs in: the tool's own process (CLI, pytest, Gradescope's container); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import zipfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from grader.course.course import lesson_root
from grader.course.exercise import Exercise
from grader.errors import ExerciseError, UsageError

if TYPE_CHECKING:
    from grader.grading.policy import CourseSettings

# Gradescope's Ubuntu base images and the python3 each ships (the image picked in the assignment's settings).
IMAGES = {"ubuntu-18.04": "3.6", "ubuntu-20.04": "3.8", "ubuntu-22.04": "3.10", "ubuntu-24.04": "3.12"}
DEFAULT_IMAGE = "ubuntu-22.04"
SUPPORTED_PYTHONS = ("3.10", "3.11", "3.12", "3.13")
EXACT = ("tensorflow", "keras")  # pinned (with keras-grader, the bundled source), or no bundle
DEPENDENCIES = ("numpy", "ml-dtypes", "h5py", "protobuf", "tensorboard", "scikit-learn")  # pinned where they can be
OUTPUT_LIMIT = 2 * 1024**2  # bytes of results.json text a fallback message may hold, far below Gradescope's limit

SETUP_SH = """#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image: a venv of Python
# {python} (the image's own when it has that version, else a standalone build fetched by uv)
# with this grader and the versions in constraints.txt. AUTOGRADER_ROOT exists for tests.
set -euo pipefail
PYTHON_VERSION="{python}"
SOURCE="$(cd "$(dirname "${{BASH_SOURCE[0]}}")" && pwd)"
ROOT="${{AUTOGRADER_ROOT:-/autograder}}"
VENV="$ROOT/venv"

is_target() {{
  "$1" -c "import sys; sys.exit(sys.version_info[:2] != tuple(map(int, '$PYTHON_VERSION'.split('.'))))" 2>/dev/null
}}

if [ -z "${{GRADER_SKIP_APT:-}}" ] && command -v apt-get >/dev/null; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \\
    python3 python3-venv python3-pip ca-certificates curl
fi

python=""
for candidate in "python$PYTHON_VERSION" python3; do
  if command -v "$candidate" >/dev/null && is_target "$candidate"; then
    python="$(command -v "$candidate")"
    break
  fi
done
if [ -z "$python" ] || ! "$python" -m venv "$VENV"; then
  # No Python $PYTHON_VERSION with venv here: uv installs a standalone build where every user can read it.
  export UV_INSTALL_DIR="$ROOT/uv" UV_PYTHON_INSTALL_DIR="$ROOT/python"
  curl -LsSf https://astral.sh/uv/install.sh | sh
  "$ROOT/uv/uv" venv --seed --python "$PYTHON_VERSION" "$VENV"
fi
"$VENV/bin/python" -m pip install --upgrade pip
"$VENV/bin/python" -m pip install -c "$SOURCE/constraints.txt" "$SOURCE/grader-src"
"""

RUN_AUTOGRADER = """#!/usr/bin/env bash
# Gradescope runs this for every submission. AUTOGRADER_ROOT and GRADER_BIN exist for tests.
set -uo pipefail
ROOT="${{AUTOGRADER_ROOT:-/autograder}}"
GRADER="${{GRADER_BIN:-$ROOT/venv/bin/grader}}"
RESULTS="$ROOT/results/results.json"
mkdir -p "$ROOT/results"
rm -f "$RESULTS"

GRADER_COURSE="$ROOT/source/grader-src" "$(dirname "$GRADER")/python" -m grader.integrations.gradescope \\
  --root "$ROOT" --exercise {exercise}
status=$?
if [ ! -s "$RESULTS" ]; then
  # A valid results.json that says what went wrong, instead of no file at all.
  printf '%s\\n' "{{\\"score\\": 0.0, \\"max_score\\": {max_score}, \\"output\\": \\"The autograder could not grade \\
this submission (exit code $status). Please tell your instructor.\\", \\"tests\\": []}}" > "$RESULTS"
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


@dataclass(frozen=True)
class Target:
    """What a bundle installs on: the Gradescope base image and the Python the venv is made of."""

    image: str = DEFAULT_IMAGE
    python: str | None = None  # major.minor; None: the image's python3 when the pins allow it, else this one's


def build_bundle(exercise: Exercise, destination: Path, target: Target = Target()) -> Path:
    """Write the autograder zip for ``exercise`` to ``destination``; return its path.

    Raises UsageError when TensorFlow or Keras as installed here cannot be installed on the
    targeted Python."""
    import grader
    from grader.grading.policy import CourseSettings

    python = target_python(target)
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
        _add_text(bundle, "setup.sh", SETUP_SH.format(python=python), executable=True)
        _add_text(bundle, "run_autograder", RUN_AUTOGRADER.format(
            exercise=exercise.id, max_score=float(exercise.max_score)), executable=True)
        _add_text(bundle, "constraints.txt", constraints(python), executable=False)
        _add_text(bundle, "grader-src/pyproject.toml", _pyproject(python), executable=False)
        _add_text(bundle, "grader-src/grader.toml", _course_config(exercise, CourseSettings.load()), executable=False)
        for name, path in sorted(files.items()):
            bundle.write(path, f"grader-src/{name}")
    return destination


def target_python(target: Target) -> str:
    """The Python (major.minor) the bundle is for: ``target.python``, else the image's python3
    when it is supported and the exact pins allow it, else the Python running now."""
    if target.image not in IMAGES:
        raise UsageError(f"unknown image {target.image!r}: choose one of {', '.join(IMAGES)}")
    if target.python is not None:
        if target.python not in SUPPORTED_PYTHONS:
            raise UsageError(f"--python {target.python}: the grader runs on Python {', '.join(SUPPORTED_PYTHONS)}")
        _require_exact_pins(target.python)
        return target.python
    image_python = IMAGES[target.image]
    if image_python in SUPPORTED_PYTHONS and not _unsupported(EXACT, image_python):
        return image_python
    return f"{sys.version_info.major}.{sys.version_info.minor}"


def pins(python: str) -> tuple[dict[str, str], dict[str, str]]:
    """The versions installed here, {name: version}, that ``python`` can install, and
    {name: why not} for the dependencies left to pip."""
    from grader import __version__

    pinned, left = {"keras-grader": __version__}, {}
    for name in (*EXACT, *DEPENDENCIES):
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
        reason = _unsupported((name,), python).get(name)
        if reason:
            left[name] = reason
        else:
            pinned[name] = version
    return pinned, left


def constraints(python: str) -> str:
    """constraints.txt: the exact versions of this installation that Python ``python`` can install."""
    pinned, left = pins(python)
    here = f"{sys.version_info.major}.{sys.version_info.minor}"
    lines = [f"# Made by `grader gradescope-bundle` from the instructor's installation (Python {here}), "
             f"for Python {python}.", *(f"{name}=={version}" for name, version in pinned.items())]
    lines += [f"# not pinned, pip picks a release for Python {python}: {reason}" for reason in left.values()]
    return "\n".join(lines) + "\n"


def read_constraints(text: str) -> dict[str, str]:
    """{name: version} from a constraints.txt ``constraints`` wrote."""
    pairs = (line.split("==", 1) for line in text.splitlines() if "==" in line and not line.startswith("#"))
    return {name.strip(): version.strip() for name, version in pairs}


def _require_exact_pins(python: str) -> None:
    problems = _unsupported(EXACT, python)
    if problems:
        raise UsageError(f"cannot bundle for Python {python}: " + "; ".join(problems.values()) +
                         ". Bundle for the Python you run (--python "
                         f"{sys.version_info.major}.{sys.version_info.minor}; setup.sh installs it), or install "
                         f"versions that support Python {python} here")


def _unsupported(names: Sequence[str], python: str) -> dict[str, str]:
    """{name: why} for the installed ``names`` whose Requires-Python excludes ``python``."""
    try:
        from packaging.specifiers import InvalidSpecifier, SpecifierSet
    except ImportError:  # packaging comes with TensorFlow and Keras; without it nothing can be checked
        return {}
    found = {}
    for name in names:
        try:
            requires = metadata.metadata(name).get("Requires-Python") or ""
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
        try:
            allowed = SpecifierSet(requires).contains(f"{python}.99")
        except InvalidSpecifier:
            allowed = True
        if not allowed:
            found[name] = f"{name} {version} needs Python {requires}"
    return found


def _files(folder: Path) -> list[Path]:
    return [p for p in sorted(folder.rglob("*")) if p.is_file() and "__pycache__" not in p.parts]


def _pyproject(python: str) -> str:
    """This installation's own metadata (name, version, dependencies) as a pyproject.toml for ``python``."""
    from grader import __version__

    try:
        requires = [r for r in metadata.requires("keras-grader") or [] if "extra ==" not in r]
    except metadata.PackageNotFoundError:
        raise ExerciseError("the Gradescope bundle needs keras-grader installed (pip install keras-grader)") from None
    return PYPROJECT.format(version=__version__, python=f"=={python}.*", dependencies=json.dumps(requires))


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


# The runner: what run_autograder starts in Gradescope's container for each submission.

def find_submission(folder: Path, stub_name: str) -> Path | None:
    """The file to grade: the stub's name (.py, then .ipynb), else the first .py or .ipynb file."""
    for name in (f"{stub_name}.py", f"{stub_name}.ipynb"):
        if (folder / name).is_file():
            return folder / name
    candidates = sorted(p for p in folder.glob("**/*") if p.is_file() and p.suffix in (".py", ".ipynb")
                        and len(p.relative_to(folder).parts) <= 2)
    return candidates[0] if candidates else None


def message_results(message: str, max_score: float) -> dict[str, Any]:
    """A results.json that gives no points and says why, in ``output``."""
    return {"score": 0.0, "max_score": float(max_score), "output": message[:OUTPUT_LIMIT], "output_format": "md",
            "stdout_visibility": "hidden", "tests": []}


def grade_submission(root: Path, exercise_id: str) -> dict[str, Any]:
    """results.json for the submission in ``root``/submission (Gradescope's layout), with the
    protections that confined it and the versions that graded it in extra_data."""
    from grader.contract.limits import Limits
    from grader.course.exercise import find_exercise, load_catalogue
    from grader.grading.pipeline import Grader
    from grader.grading.policy import CourseSettings
    from grader.report.gradescope_writer import results_json
    from grader.runner.client import Engine
    from grader.runner.sandbox import protections

    exercise = find_exercise(exercise_id, load_catalogue())
    submission = find_submission(root / "submission", exercise.stub_name)
    if submission is None:
        return message_results(f"No .py or .ipynb file was submitted. Upload {exercise.stub_name}.py or "
                               f"{exercise.stub_name}.ipynb.", exercise.max_score)
    settings = CourseSettings.load()
    with Engine(packages=settings.packages) as engine:
        report = Grader(engine, None, settings.policy).grade_file(submission, exercise)
        extra = {"submission": submission.name, "versions": dict(engine.versions),
                 "sandbox": protections(engine.sandbox, Limits(timeout=exercise.timeout))}
    return results_json(report, extra_data=extra)


def run_autograder(root: Path, exercise_id: str) -> int:
    """Grade into ``root``/results/results.json, whatever happens; 0, or 1 when grading failed."""
    results = root / "results" / "results.json"
    results.parent.mkdir(parents=True, exist_ok=True)
    status = 0
    try:
        document = grade_submission(root, exercise_id)
    except Exception as exc:  # noqa: BLE001 - the student still gets a results.json that says what happened
        status = 1
        document = message_results(f"The autograder could not grade this submission ({type(exc).__name__}: "
                                   f"{exc}). Please tell your instructor.", 0.0)
    from grader.report.base import standard_json

    results.write_text(json.dumps(standard_json(document), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return status


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m grader.integrations.gradescope",
                                     description="Grade a Gradescope submission into results/results.json.")
    parser.add_argument("--root", default=os.environ.get("AUTOGRADER_ROOT", "/autograder"),
                        help="Gradescope's folder, holding submission/ and results/ (default: /autograder)")
    parser.add_argument("--exercise", required=True, help="the exercise id")
    args = parser.parse_args(argv)
    return run_autograder(Path(args.root), args.exercise)


if __name__ == "__main__":
    sys.exit(main())
