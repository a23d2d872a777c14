"""``grader gradescope-bundle``: the autograder zip Gradescope expects.

The zip holds, at its root, ``setup.sh`` (installs Python and this grader) and
``run_autograder`` (grades the first submission file into results.json), plus
``grader-src/``: the package, the exercise, its reference solution and the templates.
``run_autograder`` always leaves a valid results.json, even when grading itself fails,
because Gradescope shows "autograder failed to execute correctly" for anything else.

Runs in: the tool's own process (Jupyter kernel, pytest, Gradescope's container); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from grader.course.exercise import Exercise, course_root

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

PACKAGE_FILES = ("pyproject.toml", "README.md")
PACKAGE_FOLDERS = ("grader", "templates")


def build_bundle(exercise: Exercise, destination: Path) -> Path:
    """Write the autograder zip for ``exercise`` to ``destination``; return its path."""
    root = course_root()
    destination.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(destination, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        _add_text(bundle, "setup.sh", SETUP_SH, executable=True)
        _add_text(bundle, "run_autograder", RUN_AUTOGRADER.format(
            stub=exercise.stub_name, exercise=exercise.id, max_score=float(exercise.max_score)), executable=True)
        files = [root / name for name in PACKAGE_FILES]
        for folder in PACKAGE_FOLDERS:
            files += [p for p in sorted((root / folder).rglob("*")) if p.is_file() and "__pycache__" not in p.parts]
        files += [p for p in sorted(exercise.directory.rglob("*")) if p.is_file()]
        files.append(exercise.solution)
        for path in files:
            bundle.write(path, f"grader-src/{path.relative_to(root).as_posix()}")
    return destination


def _add_text(bundle: zipfile.ZipFile, name: str, text: str, *, executable: bool) -> None:
    info = zipfile.ZipInfo(name)
    info.external_attr = (0o755 if executable else 0o644) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    bundle.writestr(info, text)
