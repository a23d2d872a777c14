"""The package's layout keeps its trust levels apart: imports go one way, and only where they may.

Each test imports modules in a fresh interpreter whose import system refuses the packages that
side must not load, so a stray import fails here rather than in a student's notebook."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "grader"

# Run in the CLI's (or a notebook's, or pytest's) process: never TensorFlow, never Keras.
WITHOUT_TENSORFLOW = ("grader", "grader.cli", "grader.contract", "grader.course", "grader.grading", "grader.report",
                      "grader.batch", "grader.integrations", "grader.runner.client", "grader.integrity")
# The trusted describer: Keras, but nothing that runs beside student code.
DESCRIBER = ("grader.describer", "grader.integrity")


def import_with_blocked(modules: tuple[str, ...], blocked: tuple[str, ...]) -> subprocess.CompletedProcess[str]:
    """Import every module of ``modules`` (subpackages walked whole) in a fresh interpreter where
    importing anything under ``blocked`` raises ImportError naming who asked for it."""
    code = textwrap.dedent(f"""
        import importlib, pkgutil, sys, traceback

        BLOCKED = {blocked!r}

        class Blocker:
            def find_spec(self, name, path=None, target=None):
                if any(name == root or name.startswith(root + ".") for root in BLOCKED):
                    who = [f"{{frame.filename}}:{{frame.lineno}}" for frame in traceback.extract_stack()
                           if "/grader/" in frame.filename]
                    raise ImportError(f"{{name}} imported by {{who[-1] if who else '?'}}")
                return None

        sys.meta_path.insert(0, Blocker())
        for name in {modules!r}:
            module = importlib.import_module(name)
            if hasattr(module, "__path__") and name != "grader":  # the top package: its __init__ only
                for info in pkgutil.walk_packages(module.__path__, name + "."):
                    importlib.import_module(info.name)
        print("imported")
    """)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_the_command_line_side_imports_no_tensorflow_or_keras():
    result = import_with_blocked(WITHOUT_TENSORFLOW, ("tensorflow", "keras", "tf_keras", "grader.child",
                                                      "grader.describer", "grader.runner.worker"))
    assert result.stdout.strip() == "imported", result.stderr[-2000:]


def test_the_describer_imports_nothing_that_runs_beside_student_code():
    result = import_with_blocked(DESCRIBER, ("grader.child",))
    assert result.stdout.strip() == "imported", result.stderr[-2000:]


def test_the_blocker_does_stop_an_import_it_is_given():
    result = import_with_blocked(("grader.child.export",), ("grader.integrity",))
    assert result.returncode != 0 and "grader.integrity imported by" in result.stderr


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda path: str(path.relative_to(ROOT)))
def test_no_module_is_over_500_lines(path: Path):
    lines = len(path.read_text().splitlines())
    assert lines <= 500, f"{lines} lines"

