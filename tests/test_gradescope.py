"""Gradescope, as Gradescope runs it: the bundle's pins and scripts, results.json against the
documented fields, the sandbox in a container that forbids namespaces, and a bundle installed
into a fresh Python 3.10 venv by its own setup.sh."""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

from grader.contract.results import CheckResult, Failure, Report
from grader.course.exercise import find_exercise, load_catalogue
from grader.errors import UsageError
from grader.integrations import gradescope
from grader.integrations.gradescope import Target, build_bundle, read_constraints
from grader.report.gradescope_writer import OUTPUT_TAIL, results_json
from grader.runner.landlock import Confinement
from tests.conftest import ROOT

EXAMPLES = ROOT / "examples" / "compile-adam"
TOP_LEVEL = {"score": float, "max_score": float, "execution_time": float, "output": str, "output_format": str,
             "test_output_format": str, "test_name_format": str, "stdout_visibility": str, "tests": list}
TEST_FIELDS = {"name": str, "score": float, "max_score": float, "status": str, "output": str, "visibility": str}
FORMATS = ("text", "html", "simple_format", "md", "ansi")  # Gradescope's output formats
VISIBILITIES = ("hidden", "after_due_date", "after_published", "visible")


def check(id: str, status: str, score: float, points: float, message: str = "", **extra) -> CheckResult:
    return CheckResult(id, status, score, points, message, **extra)


def assert_documented(results: dict) -> None:
    """results.json holds Gradescope's documented fields, with their types and values."""
    for key, kind in TOP_LEVEL.items():
        if key in results:
            assert isinstance(results[key], kind), key
    assert isinstance(results["score"], float) and isinstance(results["output"], str)
    assert results.get("output_format", "simple_format") in FORMATS
    assert results.get("stdout_visibility", "hidden") in VISIBILITIES
    for test in results["tests"]:
        assert {key: type(value) for key, value in test.items()} == TEST_FIELDS
        assert test["status"] in ("passed", "failed") and test["visibility"] in VISIBILITIES
    if results["tests"]:
        assert sum(t["score"] for t in results["tests"]) == pytest.approx(results["score"])
    json.dumps(results, allow_nan=False)


# results.json from reports built by hand: no TensorFlow.

def test_a_skipped_check_is_a_failed_test_named_skipped_with_no_points():
    report = Report("compile-adam", "s.py", (check("loss", "skipped", 0, 3, "Not graded: the file has a syntax error."),),
                    error=Failure("syntax", "Syntax error, line 8"), errored=True)
    results = results_json(report)
    assert_documented(results)
    assert results["tests"] == [{"name": "loss (skipped)", "score": 0.0, "max_score": 3.0, "status": "failed",
                                 "output": "Not graded: the file has a syntax error.", "visibility": "visible"}]


def test_feedback_is_markdown_with_the_students_text_shown_as_written():
    report = Report("compile-adam", "s.py", (check("loss", "failed", 0, 3, "Use <one-hot> *labels*", hint="a_b"),))
    results = results_json(report)
    assert results["output_format"] == results["test_output_format"] == "md"
    assert results["tests"][0]["output"] == "Use &lt;one-hot&gt; \\*labels\\*\n\n**Hint:** a\\_b"


def test_the_students_printed_output_is_included_and_bounded():
    printed = "epoch 1\n" + "x" * (2 * OUTPUT_TAIL) + "\n``` not a fence\nlast line\n"
    output = results_json(Report("compile-adam", "s.py", (), output=printed))["output"]
    assert "### Your program's output" in output and output.endswith("last line\n````")
    assert "epoch 1" not in output and "characters are not shown" in output
    assert len(output) < OUTPUT_TAIL + 500


def test_each_check_keeps_its_visibility_and_extra_data_reaches_the_instructor():
    checks = tuple(check(f"c{i}", "passed", 1, 1, visibility=v) for i, v in enumerate(VISIBILITIES))
    results = results_json(Report("compile-adam", "s.py", checks), extra_data={"sandbox": {"namespaces": "none"}})
    assert [t["visibility"] for t in results["tests"]] == list(VISIBILITIES)
    assert results["extra_data"] == {"sandbox": {"namespaces": "none"}}


# The bundle.

class FakeMetadata:
    """importlib.metadata for an installation with the given (version, Requires-Python) per package."""

    PackageNotFoundError = metadata.PackageNotFoundError

    def __init__(self, installed: dict[str, tuple[str, str]]) -> None:
        self.installed = installed

    def version(self, name: str) -> str:
        if name not in self.installed:
            raise metadata.PackageNotFoundError(name)
        return self.installed[name][0]

    def metadata(self, name: str) -> dict[str, str]:
        self.version(name)
        return {"Requires-Python": self.installed[name][1]}

    def requires(self, name: str) -> list[str]:
        return metadata.requires(name) or []


NEW_NUMPY = FakeMetadata({"tensorflow": ("2.21.0", ">=3.10"), "keras": ("3.12.4", ">=3.10"),
                          "numpy": ("2.4.6", ">=3.11"), "h5py": ("3.14.0", ">=3.9")})


def test_a_dependency_without_a_release_for_the_target_python_is_left_to_pip(monkeypatch):
    monkeypatch.setattr(gradescope, "metadata", NEW_NUMPY)
    text = gradescope.constraints("3.10")
    assert read_constraints(text) == {"keras-grader": gradescope_version(), "tensorflow": "2.21.0",
                                      "keras": "3.12.4", "h5py": "3.14.0"}
    assert "not pinned, pip picks a release for Python 3.10: numpy 2.4.6 needs Python >=3.11" in text
    assert read_constraints(gradescope.constraints("3.11"))["numpy"] == "2.4.6"


def test_a_bundle_for_a_python_the_installed_keras_does_not_support_is_refused(monkeypatch):
    monkeypatch.setattr(gradescope, "metadata", FakeMetadata({"tensorflow": ("2.21.0", ">=3.10"),
                                                              "keras": ("3.15.1", ">=3.11")}))
    with pytest.raises(UsageError, match="keras 3.15.1 needs Python >=3.11"):
        gradescope.target_python(Target(python="3.10"))
    here = f"{sys.version_info.major}.{sys.version_info.minor}"
    assert gradescope.target_python(Target(image="ubuntu-22.04")) == here  # the image's 3.10 would not do
    assert gradescope.target_python(Target(image="ubuntu-24.04")) == "3.12"


def gradescope_version() -> str:
    from grader import __version__

    return __version__


def test_the_bundle_pins_the_versions_installed_here_and_its_scripts_parse(tmp_path):
    exercise = find_exercise("compile-adam", load_catalogue())
    here = f"{sys.version_info.major}.{sys.version_info.minor}"
    with zipfile.ZipFile(build_bundle(exercise, tmp_path / "b.zip", Target(python=here))) as bundle:
        pins = read_constraints(bundle.read("constraints.txt").decode())
        for name in ("setup.sh", "run_autograder"):
            (tmp_path / name).write_bytes(bundle.read(name))
        assert f'PYTHON_VERSION="{here}"' in bundle.read("setup.sh").decode()
    assert pins["tensorflow"] == metadata.version("tensorflow") and pins["keras"] == metadata.version("keras")
    for name in ("setup.sh", "run_autograder"):
        subprocess.run(["bash", "-n", str(tmp_path / name)], check=True)
        if shutil.which("shellcheck"):
            subprocess.run(["shellcheck", "-s", "bash", str(tmp_path / name)], check=True)


# The sandbox where namespaces cannot be created, as in Docker's default seccomp profile.

DENY_NAMESPACES = r'''
import ctypes, os, sys
# Docker's default seccomp profile, in short: unshare and setns fail with EPERM, clone with any
# namespace flag too, and clone3 with ENOSYS (so that glibc falls back to clone).
LD, JEQ, JSET, RET = 0x20, 0x15, 0x45, 0x06
ALLOW, ERRNO, EPERM, ENOSYS = 0x7FFF0000, 0x00050000, 1, 38
NAMESPACES = 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000 | 0x40000000 | 0x00020000
program = [(LD, 0, 0, 4), (JEQ, 1, 0, 0xC000003E), (RET, 0, 0, ALLOW), (LD, 0, 0, 0),
           (JEQ, 0, 1, 272), (RET, 0, 0, ERRNO | EPERM), (JEQ, 0, 1, 308), (RET, 0, 0, ERRNO | EPERM),
           (JEQ, 0, 1, 435), (RET, 0, 0, ERRNO | ENOSYS), (JEQ, 0, 3, 56), (LD, 0, 0, 16),
           (JSET, 0, 1, NAMESPACES), (RET, 0, 0, ERRNO | EPERM), (RET, 0, 0, ALLOW)]

class Instruction(ctypes.Structure):
    _fields_ = [("code", ctypes.c_uint16), ("jt", ctypes.c_uint8), ("jf", ctypes.c_uint8), ("k", ctypes.c_uint32)]

class Program(ctypes.Structure):
    _fields_ = [("len", ctypes.c_uint16), ("filter", ctypes.POINTER(Instruction))]

libc = ctypes.CDLL(None, use_errno=True)
array = (Instruction * len(program))(*(Instruction(*i) for i in program))
assert libc.prctl(38, 1, 0, 0, 0) == 0  # no_new_privs: the filter needs it, and keeps across exec
assert libc.prctl(22, 2, ctypes.byref(Program(len(program), array)), 0, 0) == 0
assert libc.unshare(0x10000000 | 0x20000000) == -1 and ctypes.get_errno() == EPERM
os.execv(sys.executable, [sys.executable, *sys.argv[1:]])
'''


@pytest.mark.slow
@pytest.mark.skipif(platform.machine() != "x86_64", reason="the filter in the test is written for x86_64")
def test_without_namespaces_the_sandbox_keeps_limits_landlock_and_seccomp_and_grades_correctly(tmp_path):
    (tmp_path / "deny_namespaces.py").write_text(DENY_NAMESPACES)
    (tmp_path / "submission").mkdir()
    shutil.copy(EXAMPLES / "one_hot_loss.py", tmp_path / "submission" / "compile_adam.py")
    result = subprocess.run([sys.executable, str(tmp_path / "deny_namespaces.py"), "-m",
                             "grader.integrations.gradescope", "--root", str(tmp_path), "--exercise", "compile-adam"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    results = json.loads((tmp_path / "results" / "results.json").read_text())
    assert_documented(results)
    assert (results["score"], results["max_score"]) == (7.0, 10.0)
    sandbox = results["extra_data"]["sandbox"]
    assert sandbox["namespaces"] == "none available"
    assert sandbox["seccomp"].startswith("on") and sandbox["limits"].startswith("60 s wall clock")
    assert sandbox["capabilities"] == "all dropped, no new privileges"
    if Confinement.build([], []) is not None:  # this kernel has Landlock
        assert not sandbox["landlock"].startswith("not available")


# A bundle installed by its own setup.sh into a fresh Python 3.10 venv, graded as Gradescope runs it.

def python310() -> str:
    """The Python 3.10 interpreter itself (not a launcher such as a pyenv shim: setup.sh finds it on PATH)."""
    candidates = [shutil.which("python3.10"), *map(str, sorted(Path.home().glob(".pyenv/versions/3.10.*/bin/python3.10")))]
    code = "import sys; print(sys.executable if sys.version_info[:2] == (3, 10) else '')"
    for candidate in filter(None, candidates):
        real = subprocess.run([candidate, "-c", code], capture_output=True, text=True).stdout.strip()
        if real:
            return real
    if os.environ.get("CI"):
        pytest.fail("Python 3.10 is needed for the Gradescope test under CI (python3.10 on PATH, or pyenv)")
    pytest.skip("no Python 3.10 here (python3.10 on PATH, or pyenv)")


def pip_install(python: Path, *arguments: str) -> None:
    result = subprocess.run([str(python), "-m", "pip", "install", "--quiet", *arguments],
                            capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, result.stderr[-3000:]


def installed_versions(python: Path, names: list[str]) -> dict[str, str]:
    code = "import json, sys, importlib.metadata as m; print(json.dumps({n: m.version(n) for n in sys.argv[1:]}))"
    return json.loads(subprocess.run([str(python), "-c", code, *names], capture_output=True, text=True,
                                     check=True, cwd=python.parent).stdout)  # not this checkout's metadata


def make_bundle(python: str, work: Path, root: Path) -> tuple[Path, dict[str, str]]:
    """A bundle for Python 3.10 from the instructor's environment, and that environment's versions.

    This environment, when its TensorFlow and Keras support Python 3.10. Otherwise (Keras 3.13
    and later need 3.11) the instructor is a Python 3.10 venv at the root's venv/, with the grader
    installed from this checkout; setup.sh then installs the bundle into that same venv, so the
    test installs TensorFlow once either way."""
    bundle = work / "autograder.zip"
    if not gradescope._unsupported(gradescope.EXACT, "3.10"):
        build_bundle(find_exercise("compile-adam", load_catalogue()), bundle, Target(python="3.10"))
        with zipfile.ZipFile(bundle) as archive:
            names = list(read_constraints(archive.read("constraints.txt").decode()))
        return bundle, {name: metadata.version(name) for name in names}
    instructor = root / "venv"
    subprocess.run([python, "-m", "venv", str(instructor)], check=True)
    pip_install(instructor / "bin" / "python", str(ROOT))
    made = subprocess.run([str(instructor / "bin" / "grader"), "gradescope-bundle", "-e", "compile-adam",
                           "--python", "3.10", "--out", str(bundle)], cwd=work, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    with zipfile.ZipFile(bundle) as archive:
        names = list(read_constraints(archive.read("constraints.txt").decode()))
    return bundle, installed_versions(instructor / "bin" / "python", names)


@pytest.fixture(scope="module")
def gradescope_root(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """An autograder root whose Python 3.10 venv setup.sh made (Gradescope's layout: source/,
    venv/, run_autograder), and the bundle's pins, checked against the instructor's versions."""
    python = python310()
    work = tmp_path_factory.mktemp("gradescope")
    root = work / "autograder"
    root.mkdir()
    bundle, instructors = make_bundle(python, work, root)
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(root / "source")
        pins = read_constraints(archive.read("constraints.txt").decode())
        (root / "run_autograder").write_bytes(archive.read("run_autograder"))
    assert pins == instructors
    env = {**os.environ, "AUTOGRADER_ROOT": str(root), "GRADER_SKIP_APT": "1",
           "PATH": f"{Path(python).parent}{os.pathsep}{os.environ['PATH']}"}
    setup = subprocess.run(["bash", str(root / "source" / "setup.sh")], cwd=root / "source", env=env,
                           capture_output=True, text=True, timeout=1800)
    assert setup.returncode == 0, setup.stderr[-3000:]
    return root, pins


def run_autograder(root: Path, submission: str | None) -> dict:
    shutil.rmtree(root / "submission", ignore_errors=True)
    (root / "submission").mkdir()
    if submission is not None:
        (root / "submission" / "compile_adam.py").write_text(submission)
    env = {key: value for key, value in os.environ.items() if key not in ("GRADER_BIN", "GRADER_COURSE")}
    result = subprocess.run(["bash", str(root / "run_autograder")], cwd=root, capture_output=True, text=True,
                            env={**env, "AUTOGRADER_ROOT": str(root)}, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    results = json.loads((root / "results" / "results.json").read_text())
    assert_documented(results)
    return results


@pytest.mark.slow
def test_the_bundle_installs_on_python_310_with_the_instructors_exact_versions(gradescope_root):
    root, pins = gradescope_root
    venv_python = root / "venv" / "bin" / "python"
    assert subprocess.run([str(venv_python), "-c", "import sys; print(sys.version_info[:2])"], capture_output=True,
                          text=True, check=True).stdout.strip() == "(3, 10)"
    assert {"keras-grader", "tensorflow", "keras"} <= set(pins)
    assert installed_versions(venv_python, list(pins)) == pins
    where = subprocess.run([str(venv_python), "-c", "import grader; print(grader.__file__)"], capture_output=True,
                           text=True, check=True, cwd=root).stdout.strip()
    assert Path(where).is_relative_to(root / "venv")  # the bundle's grader, not this checkout's


@pytest.mark.slow
@pytest.mark.parametrize(("example", "score"), [("correct.py", 10.0), ("one_hot_loss.py", 7.0)],
                         ids=["full-marks", "partial-marks"])
def test_run_autograder_on_python_310_scores_as_documented(gradescope_root, example, score):
    results = run_autograder(gradescope_root[0], (EXAMPLES / example).read_text())
    assert (results["score"], results["max_score"]) == (score, 10.0)
    assert results["extra_data"]["versions"]["tensorflow"] == gradescope_root[1]["tensorflow"]
    assert results["extra_data"]["sandbox"]["limits"]


@pytest.mark.slow
@pytest.mark.parametrize(("submission", "message"), [
    ((EXAMPLES / "syntax_error.py").read_text(), "Syntax error"),
    (None, "No .py or .ipynb file was submitted"),
], ids=["syntax-error", "nothing-submitted"])
def test_run_autograder_on_python_310_explains_what_it_could_not_grade(gradescope_root, submission, message):
    results = run_autograder(gradescope_root[0], submission)
    assert results["score"] == 0.0 and message in results["output"]
