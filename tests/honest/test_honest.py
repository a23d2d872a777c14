"""The honest corpus: realistic, valid student files, each graded as its exercise's instructions imply.

Nobody wrote these for the grader: they are the many ways students write (logging and warnings
set-up, seeds, callbacks, plots, pandas tables, tf.data, saving and reloading, their own training
loops, notebooks full of IPython magics), across every exercise. Each case in
``cases/<exercise>/`` starts with header lines (a notebook has a ``.expect`` sidecar):

    # honest: what the file is
    # expect-score: the points its instructions imply, decided before it was ever graded
    # expect-failed: the checks that must not pass, or none
    # expect-kind: a whole-submission problem such as not_compiled (optional; default none)

The property: no honest file is ever refused, flagged, or called unsupported, and each gets exactly
its points. A false accusation or a wrong grade for valid code is the worst failure a grader can
have.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from grader.course.exercise import Exercise
from grader.grading.pipeline import Grader

CASES = Path(__file__).parent / "cases"
HEADER_RE = re.compile(r"^# (honest|expect-score|expect-failed|expect-kind):\s*(.*?)\s*$", re.MULTILINE)


def expectations(path: Path) -> dict[str, str]:
    sidecar = path.with_suffix(".expect")
    text = sidecar.read_text() if sidecar.exists() else path.read_text(encoding="utf-8")[:4000]
    return dict(HEADER_RE.findall(text))


def case_paths() -> list[Path]:
    return sorted(path for path in CASES.glob("*/*") if path.suffix in (".py", ".ipynb"))


def test_the_corpus_covers_every_exercise_with_enough_files(catalogue: dict[str, Exercise]):
    paths = case_paths()
    assert len(paths) >= 120
    assert {path.parent.name for path in paths} == set(catalogue)
    assert all({"honest", "expect-score", "expect-failed"} <= set(expectations(path)) for path in paths)


@pytest.mark.parametrize("path", case_paths(), ids=lambda path: f"{path.parent.name}/{path.name}")
def test_an_honest_file_gets_the_grade_its_instructions_imply(path: Path, session_grader: Grader,
                                                              catalogue: dict[str, Exercise]):
    expected = expectations(path)
    report = session_grader.grade_file(path, catalogue[path.parent.name])
    summary = (report.score, report.status, report.error and report.error.kind,
               report.error and report.error.message[:400], [c.id for c in report.checks if c.status != "passed"])
    assert report.findings == (), (summary, report.findings)
    kind = None if expected.get("expect-kind", "none") == "none" else expected["expect-kind"]
    assert (report.error.kind if report.error else None) == kind, summary
    failed = set() if expected["expect-failed"] == "none" else {name.strip() for name in expected["expect-failed"].split(",")}
    assert {check.id for check in report.checks if check.status != "passed"} == failed, summary
    assert report.score == pytest.approx(float(expected["expect-score"])), summary
