"""Grade Keras exercises on loss functions and optimizers, with student code kept out of this process.

The pipeline: a submission's source runs in a sandboxed child of a warm
TensorFlow worker; only the model's plain config comes back; a process that
never ran student code rebuilds and describes it as a ``ModelSpec``; checks
compare that with the reference solution's spec; writers render the ``Report``.
"""

from __future__ import annotations

from grader.checks import CHECKS, Check, CheckContext
from grader.engine import Engine
from grader.errors import ExerciseError, GraderError, UsageError, WorkerError
from grader.exercise import Exercise, find_exercise, load_catalogue
from grader.grading import Grader
from grader.integrity import DETECTORS
from grader.notebook import check
from grader.policy import CourseSettings, IntegrityPolicy
from grader.report import WRITERS, Writer, get_writer
from grader.results import CheckResult, Failure, Finding, Report
from grader.sandbox import Limits
from grader.spec import LayerSpec, LossSpec, MetricSpec, ModelSpec, OptimizerSpec, ParamCounts

__version__ = "0.1.0"

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
