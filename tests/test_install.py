"""The published package works as a new user meets it: the wheel built from the sdist, installed with
its dependencies into a fresh venv, used from a folder far from any checkout, every command from
`list` to authoring a convolutional exercise."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from grader import __version__
from tests.conftest import ROOT

CONV_REFERENCE = '''"""Reference solution: the answer is a 3x3 convolution."""
from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers

digits = load_digits()
X = digits.data.reshape(-1, 8, 8, 1) / 16.0  # 8x8 images with one channel
y = digits.target

model = keras.Sequential([
    keras.Input(shape=(8, 8, 1)),
    layers.Conv2D(16, (3, 3), activation="relu"),  # secret: 16 filters of 3x3
    layers.MaxPooling2D((2, 2)),
    layers.Flatten(),
    layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
'''

INSTRUCTIONS = '''instructions = """
Digits images are 8x8 pixels with one channel. Build a small convolutional
network: a Conv2D layer of 16 filters with a 3x3 kernel and ReLU, a 2x2 max
pooling layer, a Flatten layer and a 10-unit softmax output (1,610 parameters).
Compile it with the Adam optimizer (default learning rate), the loss for integer
labels, and accuracy as its metric.
"""'''


def run(venv: Path, cwd: Path, *args: str, code: int = 0) -> str:
    env = {key: value for key, value in os.environ.items()
           if key not in ("GRADER_COURSE", "PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    result = subprocess.run([str(venv / "bin" / "grader"), *args], cwd=cwd, env=env, capture_output=True,
                            text=True, timeout=600)
    output = result.stdout + result.stderr
    assert result.returncode == code, f"grader {' '.join(args)} exited {result.returncode}:\n{output[-3000:]}"
    assert "Traceback" not in output
    return output


@pytest.fixture(scope="module")
def venv(tmp_path_factory):
    """A fresh venv with the wheel (built from the sdist, as `python -m build` does) and its dependencies."""
    folder = tmp_path_factory.mktemp("install")
    dist = folder / "dist"
    subprocess.run([sys.executable, "-m", "build", "--outdir", str(dist), str(ROOT)], check=True,
                   capture_output=True, timeout=600)
    wheel, sdist = next(dist.glob("*.whl")), next(dist.glob("*.tar.gz"))
    checked = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", str(wheel), str(sdist)],
                             capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    subprocess.run([sys.executable, "-m", "venv", str(folder / "venv")], check=True, timeout=300)
    subprocess.run([str(folder / "venv" / "bin" / "python"), "-m", "pip", "install", "--quiet",
                    "--disable-pip-version-check", str(wheel)], check=True, timeout=1800)
    return folder / "venv"


@pytest.mark.slow
def test_the_installed_wheel_works_from_any_folder(venv, tmp_path):
    work = tmp_path / "somewhere"
    work.mkdir()
    where = subprocess.run([str(venv / "bin" / "python"), "-c", "import grader; print(grader.__file__)"],
                           cwd=work, capture_output=True, text=True, check=True).stdout
    assert Path(where.strip()).is_relative_to(venv)  # not the checkout
    assert run(venv, work, "--version").startswith(f"keras-grader {__version__} ")
    listed = run(venv, work, "list")
    assert all(name in listed for name in ("compile-adam", "sgd-momentum", "train-digits"))
    run(venv, work, "render", "--exercise", "compile-adam", "--out", "stubs")
    assert "# grader: exercise=compile-adam" in (work / "stubs" / "compile_adam.py").read_text()
    (work / "answer.py").write_text((ROOT / "solutions" / "compile_adam.py").read_text())
    assert "10/10" in run(venv, work, "check", "answer.py", "--exercise", "compile-adam")

    run(venv, work, "init", "mycourse")
    course = work / "mycourse"
    (work / "conv_ref.py").write_text(CONV_REFERENCE)
    created = run(venv, course, "new", "conv-digits", "--from", "../conv_ref.py", "--student-writes", "both")
    assert "scores 10/10" in created and "instructions still say TODO" in created
    stub = (course / "exercises" / "conv-digits" / "conv_digits.py").read_text()
    assert "Conv2D" not in stub and "secret" not in stub and "Reference solution" not in stub
    assert "X = digits.data.reshape(-1, 8, 8, 1) / 16.0" in stub

    assert "instructions still say TODO" in run(venv, course, "lint", code=1)
    toml = course / "exercises" / "conv-digits" / "exercise.toml"
    text = toml.read_text()
    start = text.index("instructions = ")
    toml.write_text(text[:start] + INSTRUCTIONS + text[text.index('"""', text.index('"""', start) + 3) + 3:])
    assert "conv-digits: ready" in run(venv, course, "lint")

    (course / "mistake.py").write_text("# grader: exercise=conv-digits\n"
                                       + CONV_REFERENCE.replace("(3, 3)", "(5, 5)"))
    feedback = run(venv, course, "check", "mistake.py", "--format", "json", code=1)
    assert "5x5" in feedback and "3x3" in feedback and "kernel" in feedback
    packages = next((venv / "lib").glob("python3*/site-packages"))
    assert not (packages / "exercises").exists() and not (packages / "grader" / "lesson" / "exercises" / "conv-digits").exists()
