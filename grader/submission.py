"""Loading a submission file into plain source code, without running any of it.

A ``.py`` file is one chunk; a notebook is one chunk per code cell, in order, so
that errors can name the cell. IPython syntax (``%magic``, ``%%cell_magic``,
``!shell``) is not Python: it is neutralised here and noted for the report.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from grader.results import Failure, SubmissionRejected

MAX_BYTES = 5 * 1024 * 1024

# Cell magics whose body is ordinary Python: keep the body, drop the magic line.
PYTHON_BODY_CELL_MAGICS = {"time", "timeit", "capture", "prun"}

_LINE_MAGIC_RE = re.compile(r"^(\s*)(?:[%!]|[\w.,\s]+=\s*[%!])")


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
        """The code with comments, blank lines and trailing spaces dropped: for spotting untouched stubs."""
        kept = []
        for chunk in self.chunks:
            for line in chunk.code.splitlines():
                stripped = line.rstrip()
                if stripped and not stripped.lstrip().startswith("#"):
                    kept.append(stripped)
        return "\n".join(kept)


def load_source(path: Path) -> Source:
    """Read a .py or .ipynb submission; raise SubmissionRejected if it cannot be graded at all."""
    return parse_source(path.read_bytes(), path)


def parse_source(data: bytes, path: Path) -> Source:
    """``data`` as the content of a file called ``path`` (which need not exist)."""
    if len(data) > MAX_BYTES:
        raise SubmissionRejected(
            Failure("too_large", f"The file is {len(data):,} bytes; submissions are limited to {MAX_BYTES:,}.")
        )
    if b"\x00" in data:
        raise SubmissionRejected(Failure("encoding", "This is a binary file, not Python source or a notebook."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SubmissionRejected(
            Failure("encoding", f"The file is not valid UTF-8 text (byte {exc.start}). Save it as UTF-8.")
        ) from None
    if not text.strip():
        raise SubmissionRejected(Failure("empty", "The file is empty."))
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
            Failure("invalid_notebook", f"This is not a valid Jupyter notebook: {reason}")) from None
    notes: list[str] = []
    if isinstance(raw, dict) and raw.get("nbformat", 4) < 4:
        notes.append(f"Converted the notebook from format v{raw.get('nbformat')} to v4.")
    chunks = []
    for number, cell in enumerate(notebook.cells, start=1):
        if cell.cell_type != "code":
            continue
        code, cell_notes = neutralise_ipython(cell.source, f"cell {number}")
        notes += cell_notes
        chunks.append(Chunk(f"cell {number}", code))
    return tuple(chunks), notes


def neutralise_ipython(code: str, label: str) -> tuple[str, list[str]]:
    """Replace IPython-only lines with ``pass`` (keeping indentation and line numbers)."""
    lines = code.splitlines()
    notes: list[str] = []
    first = lines[0].strip() if lines else ""
    if first.startswith("%%"):
        magic = first[2:].split()[0] if len(first) > 2 else ""
        if magic in PYTHON_BODY_CELL_MAGICS:
            notes.append(f"{label}: ran the body of '%%{magic}' without the magic.")
            lines[0] = "pass"
        else:
            notes.append(f"{label}: skipped a '%%{magic}' cell (not Python).")
            return "\n".join("" for _ in lines), notes
    for index, line in enumerate(lines):
        match = _LINE_MAGIC_RE.match(line)
        if match and not _is_python(line):
            notes.append(f"{label}, line {index + 1}: ignored IPython command {line.strip()!r}.")
            lines[index] = f"{match.group(1)}pass"
    return "\n".join(lines), notes


def _is_python(line: str) -> bool:
    """True when a line that looks like a magic is really Python (``a != b``, ``x = 5 % 3``)."""
    try:
        compile(line.strip(), "<line>", "exec")
    except SyntaxError:
        return False
    return True
