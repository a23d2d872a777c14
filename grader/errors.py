"""The grader's exceptions.

A student's mistake is never one of these: it becomes data in a report
(``SubmissionFailure``). These are for the grader's callers::

    GraderError
     +-- UsageError        bad command-line input: unknown exercise, missing file (exit 2)
     +-- ExerciseError     the course material is broken: the reference fails, a template is missing
     +-- WorkerError       the TensorFlow worker died or answered nonsense (a grader bug)

Runs in: every process; imports only the standard library.
"""

from __future__ import annotations


class GraderError(Exception):
    """Base of every error the grader raises on purpose."""

    def __init__(self, message: str, **context: object) -> None:
        super().__init__(message)
        self.message = message
        self.context = context


class UsageError(GraderError):
    """The caller asked for something that does not exist or makes no sense."""


class ExerciseError(GraderError):
    """An exercise definition, template or reference solution is broken."""


class WorkerError(GraderError):
    """The worker process failed in a way no submission should be able to cause."""


def unknown_name(what: str, name: str, choices: list[str]) -> UsageError:
    """A UsageError for an unknown ``what`` that suggests the nearest of ``choices``."""
    import difflib

    close = difflib.get_close_matches(name, choices, n=3, cutoff=0.5)
    hint = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    return UsageError(f"unknown {what} {name!r}.{hint} Available: {', '.join(sorted(choices)) or 'none'}.")
