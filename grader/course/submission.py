"""Loading a submission file into plain source code, without running any of it.

A ``.py`` file is one chunk; a notebook is one chunk per code cell, in order, so
that errors can name the cell. IPython syntax (``%magic``, ``%%cell_magic``,
``!shell``, ``obj?``) is turned into Python by IPython's own transformer, as a
notebook's kernel does (``%time x = f()`` becomes ``get_ipython().run_line_magic('time',
'x = f()')``); the child answers those calls (``grader.child.ipython_shell``), and each is
noted for the report.

Runs in: the user's process (CLI, notebook, pytest); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from grader.contract.results import Failure, FailureKind, SubmissionRejected

MAX_BYTES = 5 * 1024 * 1024

# What the notes say the child does with each magic (grader.child.ipython_shell).
RUN_MAGICS = frozenset({"time", "timeit", "prun", "capture"})
# A call IPython's transformer writes for a magic or a shell command.
_CALL_RE = re.compile(r"get_ipython\(\)\.(run_line_magic|run_cell_magic|system|getoutput)\((['\"])(.*?)\2")
# The notebook stub's own check cell (grader.course.render.CHECK_CELL), which is not the student's code.
_CHECK_CELL_LINE_RE = re.compile(r"from grader import check|check\([^()]*\)")


@dataclass(frozen=True)
class Chunk:
    label: str  # "compile_adam.py" or "cell 3", used in tracebacks
    code: str


@dataclass(frozen=True)
class Source:
    path: str
    kind: str  # "py" or "ipynb"
    chunks: tuple[Chunk, ...]
    notes: tuple[str, ...]
    text: str  # the decoded file, for the exercise marker
    sha256: str

    def normalised_code(self) -> str:
        """The code with comments, blank lines, trailing spaces and the check cell's lines dropped: for
        spotting untouched stubs (the .py and the .ipynb stub give the same)."""
        kept = []
        for chunk in self.chunks:
            for line in chunk.code.splitlines():
                stripped = line.rstrip()
                if stripped and not stripped.lstrip().startswith("#") and not _CHECK_CELL_LINE_RE.fullmatch(stripped):
                    kept.append(stripped)
        return "\n".join(kept)


def syntax_failure(source: Source) -> Failure | None:
    """The first chunk that Python cannot compile, as the student should see it: where, why, the
    line and a caret under the spot. Compiled here, in the grader's process (nothing runs: compile
    only parses and checks), so a syntax error is reported without starting TensorFlow. None when
    every chunk compiles, or when compiling fails in a way the child should judge (too deep, too big)."""
    import warnings

    for chunk in source.chunks:
        try:
            with warnings.catch_warnings():  # a student's "\d" is not the grader's warning to print
                warnings.simplefilter("ignore")
                compile(chunk.code, chunk.label, "exec", dont_inherit=True)
        except SyntaxError as exc:
            where = f"{chunk.label}, line {exc.lineno}" if exc.lineno else chunk.label
            reason = exc.msg if exc.msg.endswith((".", "?", "!")) else f"{exc.msg}."
            return Failure(FailureKind.SYNTAX, f"Syntax error in {where}: {reason}{_caret(exc)}", exc.lineno)
        except (ValueError, MemoryError, RecursionError, OverflowError):
            return None
    return None


def _caret(exc: SyntaxError) -> str:
    """The offending line with a caret (or carets) under the spot, indented; '' without the line."""
    if not exc.text or not exc.text.strip():
        return ""
    line = exc.text.rstrip("\n").expandtabs(4)
    indent = len(line) - len(line.lstrip())
    shown = line.strip()[:200]
    start = max((exc.offset or 1) - 1 - indent, 0)
    end = exc.end_offset - 1 - indent if exc.end_offset and exc.end_lineno == exc.lineno else start + 1
    width = min(max(end - start, 1), max(len(shown) - start, 1))
    return f"\n    {shown}\n    {' ' * min(start, len(shown))}{'^' * width}"


def load_source(path: Path) -> Source:
    """Read a .py or .ipynb submission; raise SubmissionRejected if it cannot be graded at all."""
    return parse_source(path.read_bytes(), path)


def parse_source(data: bytes, path: Path) -> Source:
    """``data`` as the content of a file called ``path`` (which need not exist)."""
    if len(data) > MAX_BYTES:
        raise SubmissionRejected(
            Failure(FailureKind.TOO_LARGE,
                    f"The file is {len(data):,} bytes; submissions are limited to {MAX_BYTES:,}.")
        )
    if b"\x00" in data:
        raise SubmissionRejected(Failure(FailureKind.ENCODING,
                                         "This is a binary file, not Python source or a notebook."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SubmissionRejected(
            Failure(FailureKind.ENCODING, f"The file is not valid UTF-8 text (byte {exc.start}). Save it as UTF-8.")
        ) from None
    if not text.strip():
        raise SubmissionRejected(Failure(FailureKind.EMPTY, "The file is empty."))
    digest = hashlib.sha256(data).hexdigest()
    if path.suffix.lower() == ".ipynb":
        chunks, notes = _notebook_chunks(text)
        kind = "ipynb"
    else:
        chunks, notes = (Chunk(path.name, text),), []
        kind = "py"
    return Source(str(path), kind, chunks, tuple(notes), text, digest)


def _notebook_chunks(text: str) -> tuple[tuple[Chunk, ...], list[str]]:
    import nbformat  # only notebooks pay for it

    try:
        raw = json.loads(text)
        notebook = nbformat.reads(text, as_version=4)
        nbformat.validate(notebook)
    except (json.JSONDecodeError, nbformat.ValidationError, KeyError, TypeError, AttributeError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise SubmissionRejected(
            Failure(FailureKind.INVALID_NOTEBOOK, f"This is not a valid Jupyter notebook: {reason}")) from None
    notes: list[str] = []
    if isinstance(raw, dict) and raw.get("nbformat", 4) < 4:
        notes.append(f"Converted the notebook from format v{raw.get('nbformat')} to v4.")
    chunks = []
    for number, cell in enumerate(notebook.cells, start=1):
        if cell.cell_type != "code":
            continue
        code, cell_notes = ipython_to_python(cell.source, f"cell {number}")
        notes += cell_notes
        chunks.append(Chunk(f"cell {number}", code))
    return tuple(chunks), notes


def ipython_to_python(code: str, label: str) -> tuple[str, list[str]]:
    """A notebook cell as the Python IPython would run, with a note for each magic or shell line.
    Line magics keep their line (tracebacks name the line the student wrote); a cell magic
    becomes one call holding the cell."""
    from IPython.core.inputtransformer2 import PromptStripper, TransformerManager

    manager = TransformerManager()
    # No prompt stripping: IPython 8 (the last for Python 3.10) takes a stub's bare `...` line for
    # a `... ` continuation prompt and drops it; IPython 9 keeps it, as Python does.
    manager.cleanup_transforms = [t for t in manager.cleanup_transforms if not isinstance(t, PromptStripper)]
    try:
        python = manager.transform_cell(code)
    except Exception:  # noqa: BLE001 - what IPython cannot read, Python reports as a syntax error
        return code, []
    if python.rstrip("\n") == code.rstrip("\n"):
        return code, []
    original = code.splitlines()
    notes = []
    body = _python_cell_body(python)
    if body is not None:  # %%time, %%capture...: IPython runs the cell's body as a cell, magics and all
        name, line, cell = body
        inner, inner_notes = ipython_to_python(cell, label)
        python = f"get_ipython().run_cell_magic({name!r}, {line!r}, {inner!r})\n"
        notes.append(f"{label}, line 1: {_what_happens('run_cell_magic', name, original[0].strip())}")
        return python, notes + [_shifted(note, label) for note in inner_notes]
    for number, line in enumerate(python.splitlines(), start=1):
        for call, _, name in _CALL_RE.findall(line):
            written = (original[number - 1] if number <= len(original) else "").strip()
            if call == "run_cell_magic":
                written = original[0].strip() if original else f"%%{name}"
            notes.append(f"{label}, line {number}: {_what_happens(call, name, written)}")
    return python, notes


def _python_cell_body(python: str) -> tuple[str, str, str] | None:
    """(magic, its line, the cell) when ``python`` is one call of a cell magic that runs Python."""
    import ast

    try:
        tree = ast.parse(python)
    except SyntaxError:
        return None
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Expr) or not isinstance(tree.body[0].value, ast.Call):
        return None
    call = tree.body[0].value
    arguments = [argument.value for argument in call.args if isinstance(argument, ast.Constant)]
    if not (isinstance(call.func, ast.Attribute) and call.func.attr == "run_cell_magic" and len(arguments) == 3
            and all(isinstance(argument, str) for argument in arguments) and arguments[0] in RUN_MAGICS):
        return None
    return arguments[0], arguments[1], arguments[2]


def _shifted(note: str, label: str) -> str:
    """A note about a cell magic's body, whose lines start one below the cell's (its %% line)."""
    match = re.match(rf"{re.escape(label)}, line (\d+): ", note)
    return f"{label}, line {int(match.group(1)) + 1}: {note[match.end():]}" if match else note


def _what_happens(call: str, name: str, written: str) -> str:
    shown = written if len(written) <= 80 else written[:77] + "..."
    if call in ("system", "getoutput") or name in ("pip", "conda", "sx", "system"):
        return f"did not run the shell command `{shown}` (submissions are graded in the course's environment)."
    if name in RUN_MAGICS:
        return f"ran `{shown}` once, as plain Python."
    if name == "writefile":
        return f"wrote the file `{shown}` asks for."
    if name in ("env", "set_env", "reset", "run"):
        return f"ran `{shown}`."
    return f"ignored `{shown}` (IPython only)."
