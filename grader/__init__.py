"""Grade Keras exercises on loss functions and optimizers, with student code kept out of this process.

The pipeline: a submission's source runs in a sandboxed child of a warm
TensorFlow worker; only the model's plain config comes back; a process that
never ran student code rebuilds and describes it as a ``ModelSpec``; checks
compare that with the reference solution's spec; writers render the ``Report``.
"""

from __future__ import annotations

from grader.contract.limits import Limits
from grader.contract.results import CheckResult, Failure, Finding, Report
from grader.contract.spec import (
    LayerSpec,
    LossSpec,
    MetricSpec,
    ModelSpec,
    OptimizerSpec,
    ParamCounts,
)
from grader.course.exercise import Exercise, find_exercise, load_catalogue
from grader.errors import ExerciseError, GraderError, UsageError, WorkerError
from grader.grading.checks import CHECKS, Check, CheckContext
from grader.grading.pipeline import Grader
from grader.grading.policy import CourseSettings, IntegrityPolicy
from grader.integrations.jupyter import check
from grader.integrity import DETECTORS
from grader.report import WRITERS, Writer, get_writer
from grader.runner.client import Engine

__version__ = "0.2.0"

__all__ = [
    "CHECKS",
    "Check",
    "CheckContext",
    "CheckResult",
    "CourseSettings",
    "DETECTORS",
    "Engine",
    "Exercise",
    "ExerciseError",
    "Failure",
    "Finding",
    "Grader",
    "GraderError",
    "IntegrityPolicy",
    "LayerSpec",
    "Limits",
    "LossSpec",
    "MetricSpec",
    "ModelSpec",
    "OptimizerSpec",
    "ParamCounts",
    "Report",
    "UsageError",
    "WRITERS",
    "WorkerError",
    "Writer",
    "__version__",
    "check",
    "find_exercise",
    "get_writer",
    "load_catalogue",
]
