"""The pipeline for one submission: source -> isolated run -> ModelSpec -> checks -> Report.

Runs in: the user's process (CLI, notebook, pytest); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import dataclasses
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from grader.contract.limits import Limits
from grader.contract.protocol import Inspection
from grader.contract.results import (
    CheckResult,
    Failure,
    FailureKind,
    Finding,
    Report,
    SubmissionRejected,
)
from grader.contract.spec import ModelSpec
from grader.course.exercise import Exercise, detect_student
from grader.course.render import render_solution, render_text
from grader.course.submission import Source, load_source, parse_source, syntax_failure
from grader.errors import ExerciseError
from grader.grading.checks import CHECKS, CheckContext, needing
from grader.grading.feedback import input_advice
from grader.grading.policy import IntegrityPolicy
from grader.integrity import DETECTORS, off_note
from grader.runner.client import Engine


@dataclass
class Grader:
    """Grades submissions for any exercise through one Engine, computing each reference once."""

    engine: Engine
    limits: Limits | None = None  # None: each exercise's own timeout with the default limits
    policy: IntegrityPolicy = field(default_factory=IntegrityPolicy)  # what integrity findings do
    _references: dict[tuple[str, str], ModelSpec] = field(default_factory=dict)
    _stubs: dict[tuple[str, ...], str | None] = field(default_factory=dict)  # normalised stub code per variant

    def limits_for(self, exercise: Exercise) -> Limits:
        return self.limits or Limits(timeout=exercise.timeout)

    def reference(self, exercise: Exercise, student: str | None = None) -> ModelSpec:
        """The reference solution's spec (for the student's variant), through the same path as any submission."""
        try:
            if exercise.variants:
                source = parse_source(render_solution(exercise, student).encode(), exercise.solution)
            else:
                source = load_source(exercise.solution)
        except (OSError, SubmissionRejected) as exc:
            raise ExerciseError(f"cannot load the reference solution {exercise.solution}: {exc}") from None
        key = (exercise.id, source.sha256)
        if key not in self._references:
            inspection = self._inspect(source, exercise, Limits(timeout=max(exercise.timeout, 120.0)))
            spec = inspection.spec
            if spec is None or not spec.built or (needs_compile(exercise) and not spec.compiled):
                reason = inspection.failure.message if inspection.failure else \
                    "its model is not built" + (" and compiled" if needs_compile(exercise) else "")
                raise ExerciseError(f"the reference solution of {exercise.id} cannot be graded: {reason}")
            self._references[key] = spec
        return self._references[key]

    def grade_file(self, path: Path, exercise: Exercise, student: str | None = None) -> Report:
        """Grade ``path``; ``student`` picks the variant (default: the one its stub's marker records)."""
        started = time.monotonic()
        try:
            source = load_source(path)
        except SubmissionRejected as rejected:
            return failure_report(exercise, str(path), rejected.failure, started=started)
        return self.grade_source(source, exercise, started=started, student=student)

    def grade_source(self, source: Source, exercise: Exercise, *, started: float | None = None,
                     student: str | None = None) -> Report:
        started = time.monotonic() if started is None else started
        if student is None and exercise.variants:
            student = detect_student(source.text)
        if self._is_untouched_stub(source, exercise, student):
            failure = Failure(FailureKind.NOT_ATTEMPTED,
                              "This is the exercise's stub, unchanged: nothing to grade yet. "
                              "Write your code where the stub says YOUR CODE HERE, then check again.")
            return failure_report(exercise, source.path, failure, started=started, errored=False)
        syntax = syntax_failure(source)  # found here, before any worker starts
        if syntax is not None:
            return failure_report(exercise, source.path, syntax, started=started, notes=source.notes)
        expected = self.reference(exercise, student)
        inspection = self._inspect(source, exercise, self.limits_for(exercise))
        findings = self.policy.apply(inspection.findings)
        notes = source.notes + inspection.notes + self._detector_notes()
        refused = [finding for finding in findings if finding.action == "refuse"]
        if refused:
            return failure_report(exercise, source.path, refusal(refused[0]), started=started, inspection=inspection,
                                  findings=findings, notes=notes)
        if inspection.spec is None:
            failure = inspection.failure or Failure(FailureKind.CRASHED, "The submission produced no model.")
            return failure_report(exercise, source.path, failure, started=started, inspection=inspection,
                                  findings=findings, notes=notes)
        actual = inspection.spec
        if exercise.exports:
            actual = dataclasses.replace(actual, submitted=inspection.exports or {})
        results = tuple(_timed_check(CheckContext(expected, actual, config, exercise.labels))
                        for config in exercise.checks)
        return Report(
            exercise=exercise.id, title=exercise.title, submission=source.path, checks=results,
            error=inspection.failure or _model_problem(actual, exercise, expected),
            notes=notes + tuple(review_note(finding) for finding in findings), output=inspection.output,
            elapsed=time.monotonic() - started, findings=findings,
        )

    def _detector_notes(self) -> tuple[str, ...]:
        """One note per integrity detector the running Keras switched off."""
        return tuple(off_note(kind, reason) for kind, reason in sorted(self.engine.detectors.items()) if reason)

    def _is_untouched_stub(self, source: Source, exercise: Exercise, student: str | None) -> bool:
        """The submission's code is the stub's (the student's own variant, when it has one)."""
        # Two courses (or tests) may each have an exercise of one id: the template and text are in the key.
        key = (exercise.id, str(exercise.template), exercise.title, exercise.instructions,
               json.dumps(exercise.variant_for(student), sort_keys=True, default=str))
        if key not in self._stubs:  # rendered once per variant: the student's id is only in a comment
            try:
                stub = parse_source(render_text(exercise, student).encode(), exercise.stub_py)
                self._stubs[key] = stub.normalised_code()
            except (ExerciseError, SubmissionRejected):
                self._stubs[key] = None
        return source.normalised_code() == self._stubs[key]

    def _inspect(self, source: Source, exercise: Exercise, limits: Limits) -> Inspection:
        trial = needing("trial")
        behaviour = next((dict(c.options) for c in exercise.checks if c.id in trial), None)
        return self.engine.inspect(source, model_variable=exercise.model_variable, labels=exercise.labels,
                                   limits=limits, behaviour=behaviour, exports=exercise.exports,
                                   refuse=self.policy.refused)


def needs_compile(exercise: Exercise) -> bool:
    """Whether the exercise grades compile settings (some only ask for the architecture)."""
    compile_checks = needing("compile")
    return any(check.id in compile_checks for check in exercise.checks)


def _model_problem(spec: ModelSpec, exercise: Exercise, expected: ModelSpec) -> Failure | None:
    """A model that was graded but is not ready for what the exercise asks (``expected`` is the
    reference's spec), as a Failure that explains it."""
    if not spec.compiled and needs_compile(exercise):
        return Failure(FailureKind.NOT_COMPILED,
                       "The model is built but not compiled, so it cannot be trained yet. The "
                       "layer and parameter checks were still graded.")
    if not spec.built:
        return Failure(FailureKind.NOT_BUILT, "The model has no input shape, so Keras cannot build it: it has no "
                       f"weights, output shapes or parameter counts yet. {input_advice(expected.input_shape)}.")
    return None


def refusal(finding: Finding) -> Failure:
    """The Failure of a submission whose score the course's policy withholds for ``finding``."""
    title = DETECTORS[finding.kind].title if finding.kind in DETECTORS else finding.kind
    advice = (" Submissions may not modify Keras, Python's built-ins or the grader: build and compile the model "
              "with the ordinary Keras API." if finding.kind in ("keras-code", "planted-callable") else "")
    return Failure(FailureKind.TAMPERED, f"Not graded: {title} ({finding.evidence}). Your instructor will review this "
                   f"submission.{advice}")


def review_note(finding: Finding) -> str:
    """What a student reads about a flagged finding: neutral, and the score stands."""
    title = DETECTORS[finding.kind].title if finding.kind in DETECTORS else finding.kind
    return (f"Your instructor will look at this submission: {title} ({finding.evidence}). This note does not change "
            "your score.")


def _timed_check(context: CheckContext) -> CheckResult:
    """Run one check, with the time it took (JUnit reports it per testcase)."""
    started = time.perf_counter()
    result = CHECKS[context.config.id]().run(context)
    return dataclasses.replace(result, elapsed=time.perf_counter() - started)


def failure_report(
    exercise: Exercise,
    submission: str,
    failure: Failure,
    *,
    started: float | None = None,
    errored: bool = True,
    inspection: Inspection | None = None,
    findings: tuple[Finding, ...] = (),
    notes: tuple[str, ...] | None = None,
) -> Report:
    """A report whose checks are all skipped because of ``failure``."""
    reason = "not attempted" if failure.kind is FailureKind.NOT_ATTEMPTED else f"not graded: {failure.kind}"
    checks = tuple(
        CheckResult(id=config.id, status="skipped", score=0.0, max_score=config.points,
                    message=f"Skipped ({reason}).", visibility=str(config.options.get("visibility", "visible")))
        for config in exercise.checks
    )
    return Report(
        exercise=exercise.id, title=exercise.title, submission=submission, checks=checks, error=failure,
        errored=errored, notes=notes if notes is not None else inspection.notes if inspection else (),
        output=inspection.output if inspection else "",
        elapsed=time.monotonic() - started if started is not None else 0.0, findings=findings,
    )


