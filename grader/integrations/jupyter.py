"""``from grader import check; check()``: grade the notebook you are working in, from a cell.

The grading happens exactly as ``grader check`` does it, in a separate sandboxed process, on the
*saved* notebook file. In a Jupyter kernel the cell shows one output: a line while the worker
starts TensorFlow, replaced by the report (an HTML fragment from ``grader.report.html_writer``,
with the text report as its plain-text alternative). When the saved file is older than the cells
run before ``check()``, the report says so: unsaved changes are not graded. It does not save the
notebook itself: only the classic notebook's Javascript could, and JupyterLab shows such Javascript
as an error.

To know when cells ran, importing this module inside IPython registers a ``pre_run_cell`` callback
(``CellClock``) with the shell; the clock lives in the shell's event list, not in this module.

Runs in: the tool's own process (Jupyter kernel, pytest, Gradescope's container); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import collections
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from grader.contract.markers import SANDBOX_MARKER
from grader.errors import UsageError

if TYPE_CHECKING:
    from grader.contract.results import Report

STALE_NOTEBOOK = ("The saved notebook is older than the cells you ran: save it (Ctrl+S) and run check() again. "
                  "This report grades the saved version.")
# A save this close before a cell started still counts as after it (coarse file-system clocks).
MTIME_SLACK = 0.1


def check(path: str | os.PathLike[str] | None = None, *, exercise: str | None = None,
          display: bool = True) -> Report | None:
    """Grade ``path`` (default: this notebook) in a separate process.

    With ``display`` (the default), show the report under the cell (as text outside IPython) and
    return None, so that the notebook shows the report and no ``Report(...)`` repr under it. With
    ``display=False``, show nothing and return the ``Report``, for programs. Returns None at once,
    showing nothing, while the grader itself runs the notebook (in its sandbox).

    The notebook is found from Jupyter's ``JPY_SESSION_NAME`` or VS Code's ``__vsc_ipynb_file__``,
    else as the only notebook in the current folder that carries a grader marker line. The saved
    file is graded; a warning says so when it is older than the cells that ran before this one.
    """
    if os.environ.get(SANDBOX_MARKER):  # this very cell, while the grader runs the notebook
        return None
    notebook = Path(path) if path is not None else _this_notebook()
    if not notebook.is_file():
        raise UsageError(f"no such file: {notebook}")
    if not display:
        return _grade(notebook, exercise, on_start=None)
    view = ReportView(notebook.name)
    warning = stale_warning(notebook.stat().st_mtime, previous_cell_started()) if notebook.suffix == ".ipynb" else None
    try:
        report = _grade(notebook, exercise, on_start=view.starting)
    except BaseException:
        view.stopped()
        raise
    view.show(report, warnings=[warning] if warning else [])
    return None


def _grade(notebook: Path, exercise: str | None, on_start: Any) -> Report:
    """The Report of ``notebook``, graded as ``grader check`` grades it; ``on_start`` is called if a
    worker has to start."""
    from grader.course.exercise import detect_exercise_id, find_exercise, load_catalogue
    from grader.grading.pipeline import Grader
    from grader.grading.policy import CourseSettings
    from grader.runner.client import Engine

    catalogue = load_catalogue()
    exercise_id = exercise or detect_exercise_id(notebook.read_text(encoding="utf-8", errors="replace"))
    if exercise_id is None:
        raise UsageError(f"{notebook.name} has no '# grader: exercise=ID' line; pass exercise='ID'")
    chosen = find_exercise(exercise_id, catalogue)
    course = CourseSettings.load()
    with Engine(packages=course.packages, on_start=on_start) as engine:
        return Grader(engine, policy=course.policy).grade_file(notebook, chosen)


def _this_notebook() -> Path:
    session = os.environ.get("JPY_SESSION_NAME")
    if session and session.endswith(".ipynb") and Path(session).is_file():
        return Path(session)
    shell = _shell()
    vscode = shell.user_ns.get("__vsc_ipynb_file__") if shell is not None else None
    if vscode:
        return Path(vscode)
    from grader.course.exercise import detect_exercise_id

    marked = [p for p in sorted(Path.cwd().glob("*.ipynb"))
              if detect_exercise_id(p.read_text(encoding="utf-8", errors="replace"))]
    if len(marked) == 1:
        return marked[0]
    raise UsageError("cannot tell which notebook this is; call check('your_notebook.ipynb')"
                     + (f" (found {len(marked)} graded notebooks here)" if marked else ""))


class ReportView:
    """Where ``check()`` shows its output: in a Jupyter kernel, one display that the report replaces;
    elsewhere (a script, terminal IPython), plain text."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.in_kernel = getattr(_shell(), "kernel", None) is not None
        self._handle: Any = None  # the IPython DisplayHandle, once something is shown

    def starting(self) -> None:
        """While the worker starts: say why the next seconds are quiet."""
        message = f"Grading {self.name}: starting TensorFlow in a separate process (a few seconds)…"
        if not self.in_kernel:
            print(message, file=sys.stderr, flush=True)
            return
        from grader.report.html_writer import notebook_progress

        self._put({"text/plain": message, "text/html": notebook_progress(message)})

    def stopped(self) -> None:
        """Grading raised: the progress line must not stay as if it still ran."""
        if self._handle is not None:
            from grader.report.html_writer import notebook_progress

            message = f"Grading {self.name} stopped: see the error below."
            self._put({"text/plain": message, "text/html": notebook_progress(message)})

    def show(self, report: Report, *, warnings: list[str]) -> None:
        if not self.in_kernel:
            import io

            from grader.report import get_writer

            stream = io.StringIO()
            for warning in warnings:
                stream.write(f"Warning: {warning}\n\n")
            get_writer("text").write(report, stream)
            print(stream.getvalue())
            return
        from grader.report.html_writer import notebook_fragment, notebook_text

        self._put({"text/plain": notebook_text(report, warnings=warnings),
                   "text/html": notebook_fragment(report, warnings=warnings)})

    def _put(self, bundle: dict[str, str]) -> None:
        from IPython.display import display

        if self._handle is None:
            self._handle = display(bundle, raw=True, display_id=True)
        else:
            self._handle.update(bundle, raw=True)


def stale_warning(saved: float, previous_cell_started: float | None) -> str | None:
    """``STALE_NOTEBOOK`` when the notebook file, last written at ``saved`` (its mtime), is older
    than the start of the cell run before ``check()``'s (None: unknown, or no such cell)."""
    if previous_cell_started is None or saved >= previous_cell_started - MTIME_SLACK:
        return None
    return STALE_NOTEBOOK


def previous_cell_started() -> float | None:
    """When the cell before the current one started (``time.time()``), as the shell's ``CellClock``
    saw it; before the clock saw one, the kernel's start if any cell ran since (a lower bound);
    None outside IPython or when no cell ran before this one."""
    shell = _shell()
    if shell is None or _cells_run_before(shell) < 1:
        return None
    clock = CellClock.of(shell)
    started = clock.before(shell.execution_count) if clock is not None else None
    return started if started is not None else _kernel_started(shell)


def _cells_run_before(shell: Any) -> int:
    """How many cells ran before the current one: its input history holds '' then every cell, this one
    included (stored before it runs; IPython versions differ in when ``execution_count`` grows)."""
    history = getattr(getattr(shell, "history_manager", None), "input_hist_raw", None)
    return len(history) - 2 if history is not None else 0


class CellClock:
    """A ``pre_run_cell`` callback: when the last few cells of one shell started."""

    def __init__(self, shell: Any) -> None:
        self.shell = shell
        self.starts: collections.deque[tuple[int, float]] = collections.deque(maxlen=4)  # (count, time)

    def __call__(self, info: Any = None) -> None:
        if info is None or getattr(info, "store_history", True):  # not the front end's silent requests
            self.starts.append((self.shell.execution_count, time.time()))

    def before(self, count: int) -> float | None:
        """When the latest cell numbered below ``count`` started, if the clock saw it."""
        return max((started for number, started in self.starts if number < count), default=None)

    @classmethod
    def of(cls, shell: Any) -> CellClock | None:
        return next((c for c in shell.events.callbacks.get("pre_run_cell", ()) if isinstance(c, cls)), None)

    @classmethod
    def register(cls, shell: Any) -> None:
        """Start the shell's clock, once per shell."""
        if cls.of(shell) is None:
            shell.events.register("pre_run_cell", cls(shell))


def _kernel_started(shell: Any) -> float | None:
    """When this IPython session began (its history session; else the process's start)."""
    try:
        started = shell.history_manager.get_session_info(shell.history_manager.session_number)[1]
        return started.timestamp()
    except Exception:  # noqa: BLE001 - history off or another IPython: the process's start instead
        pass
    try:
        import psutil

        return psutil.Process().create_time()
    except Exception:  # noqa: BLE001 - no psutil: no lower bound, no warning
        return None


def _shell() -> Any:
    """The running IPython shell, or None (without importing IPython when nothing did)."""
    if "IPython" not in sys.modules:
        return None
    try:
        return sys.modules["IPython"].get_ipython()
    except AttributeError:  # IPython half-imported
        return None


def _start_clock() -> None:
    shell = None if os.environ.get(SANDBOX_MARKER) else _shell()
    if shell is not None and hasattr(shell, "events"):
        CellClock.register(shell)


_start_clock()  # on `import grader` in a kernel: cells run from now on are timed
