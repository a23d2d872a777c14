"""Runs in the sandboxed child, in the student's thread: a stand-in for IPython's shell.

A notebook's cells reach the child as IPython itself turns them into Python
(``grader.course.submission`` uses IPython's own ``TransformerManager``): ``%time x = f()`` becomes
``get_ipython().run_line_magic('time', 'x = f()')``, a ``%%capture`` cell
``get_ipython().run_cell_magic('capture', '', body)``, ``!pip install`` ``get_ipython().system(...)``.
This shell answers those calls as a notebook would, for what a grade needs:

- magics that run Python (``%time``, ``%timeit``, ``%prun``, ``%%time``, ``%%timeit``,
  ``%%capture``, ``%%prun``) run their statement or cell once, in the notebook's namespace, and
  ``%time`` returns the value of an expression as IPython does;
- ``%%writefile`` writes its file (in the submission's own folder), ``%run`` runs a file written so,
  ``%env``/``%set_env`` set an environment variable, ``%reset -f`` empties the namespace;
- shell commands (``!pip install``, ``%pip``, ``%conda``) and everything about display, extensions,
  configuration and introspection do nothing: the grading environment is the course's, and there
  is no screen.

Runs in: the sandboxed child, next to student code; its names are bound in the worker before any student code exists.
"""

from __future__ import annotations

import io
import os
import shlex
import sys
from contextlib import redirect_stderr, redirect_stdout
from typing import Any

# Magics that run the Python they are given, once (their options are dropped).
RUNS_PYTHON = frozenset({"time", "timeit", "prun"})
CELL_RUNS_PYTHON = frozenset({"time", "timeit", "prun", "capture"})
# Options of %timeit and %prun that take a value, which precede the statement.
VALUED_OPTIONS = {"timeit": frozenset("nrp"), "prun": frozenset("sTDlr")}


class CapturedIO:
    """What ``%%capture name`` assigns: the cell's output, as IPython's ``CapturedIO`` offers it."""

    def __init__(self, stdout: str, stderr: str) -> None:
        self.stdout, self.stderr, self.outputs = stdout, stderr, []

    def show(self) -> None:
        print(self.stdout, end="")
        print(self.stderr, end="", file=sys.stderr)

    __call__ = show

    def __str__(self) -> str:
        return self.stdout


class NotebookShell:
    """What ``get_ipython()`` returns while a notebook is graded."""

    def __init__(self, namespace: dict[str, Any]) -> None:
        self.user_ns = namespace

    def __repr__(self) -> str:
        return "<grader's stand-in for IPython (graded notebook)>"

    def run_line_magic(self, name: str, line: str, _stack_depth: int = 1) -> Any:
        if name in RUNS_PYTHON:
            statement = _statement(name, line)
            return self._run(statement, _caller_line(), value=name == "time") if statement.strip() else None
        if name in ("env", "set_env"):
            _set_env(line)
        elif name == "reset" and "-f" in line.split():
            for key in [key for key in self.user_ns if not key.startswith("__") and key not in ("get_ipython", "display")]:
                del self.user_ns[key]
        elif name == "run":
            path = line.split()[-1] if line.split() else ""
            if path.endswith(".py") and os.path.isfile(path):
                with open(path, encoding="utf-8") as file:
                    exec(compile(file.read(), path, "exec"), self.user_ns)  # noqa: S102 - the student's own file
        return None

    def run_cell_magic(self, name: str, line: str, cell: str) -> Any:
        if name in CELL_RUNS_PYTHON:
            label, number = _caller_line()
            first = (label, number + 1)  # the cell's body starts below its %% line
            if name != "capture":
                return self._run(cell, first)
            stdout, stderr = io.StringIO(), io.StringIO()
            with redirect_stdout(stdout), redirect_stderr(stderr):
                self._run(cell, first)
            target = line.split()[0] if line.split() and line.split()[0].isidentifier() else None
            if target:
                self.user_ns[target] = CapturedIO(stdout.getvalue(), stderr.getvalue())
            return None
        if name == "writefile":
            words = shlex.split(line) if line.strip() else []
            paths = [word for word in words if not word.startswith("-")]
            if paths:
                mode = "a" if "-a" in words or "--append" in words else "w"
                with open(paths[0], mode, encoding="utf-8") as file:
                    file.write(cell)
        return None

    def system(self, command: str) -> None:
        return None

    def getoutput(self, command: str) -> list[str]:
        return []

    def _run(self, code: str, first_line: tuple[str, int], value: bool = False) -> Any:
        """Run ``code`` in the notebook's namespace, as if it stood on the caller's line (tracebacks
        then name the cell and line the student wrote it on)."""
        label, line = first_line
        padding = "\n" * max(0, line - 1)
        if value:
            try:
                expression = compile(padding + code.strip(), label, "eval")
            except SyntaxError:
                pass
            else:
                return eval(expression, self.user_ns)  # noqa: S307 - the student's own notebook, in its sandbox
        exec(compile(padding + code, label, "exec"), self.user_ns)  # noqa: S102
        return None


def _statement(magic: str, line: str) -> str:
    """The statement a ``%timeit``/``%prun`` line runs, its options dropped (``-n1 -r1 f()``)."""
    if magic == "time":
        return line
    words = line.split(" ")
    valued = VALUED_OPTIONS.get(magic, frozenset())
    while words and words[0].startswith("-") and len(words[0]) > 1:
        option = words.pop(0)
        if option[1:] in valued and words:  # "-n 1": the value is the next word
            words.pop(0)
    return " ".join(words)


def _set_env(line: str) -> None:
    """``%env NAME=value`` or ``%env NAME value``."""
    text = line.strip()
    if "=" in text:
        name, value = text.split("=", 1)
    elif " " in text:
        name, value = text.split(None, 1)
    else:
        return
    if name.strip():
        os.environ[name.strip()] = value.strip()


def _caller_line() -> tuple[str, int]:
    """The cell (its label) and line the magic was called from, two frames up."""
    frame = sys._getframe(2)
    return frame.f_code.co_filename, frame.f_lineno
