"""The public API is pinned: changing it is a decision, not an accident."""

import grader

EXPECTED = {
    "CHECKS", "Check", "CheckContext", "CheckResult", "CourseSettings", "DETECTORS", "Engine", "Exercise",
    "ExerciseError", "Failure", "Finding", "Grader", "GraderError", "IntegrityPolicy", "LayerSpec", "Limits", "LossSpec", "MetricSpec", "ModelSpec", "OptimizerSpec",
    "ParamCounts", "Report", "UsageError", "WRITERS", "WorkerError", "Writer", "__version__",
    "check", "find_exercise", "get_writer", "load_catalogue",
}


def test_all_is_exactly_the_public_api():
    assert set(grader.__all__) == EXPECTED


def test_every_exported_name_exists():
    for name in grader.__all__:
        assert hasattr(grader, name), name


def test_importing_the_package_does_not_import_tensorflow():
    import subprocess
    import sys

    code = "import sys, grader, grader.cli, grader.grading.pipeline; print('tensorflow' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"
