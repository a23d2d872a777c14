"""How far one submission may go: time, memory, file size, output. Sent with every request from
the CLI to the worker, and read by the sandbox; imports only the standard library.

Runs in: every process; imports only the standard library.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Limits:
    """Bounds for one child process. Each field's ``help`` also feeds the CLI's --help."""

    timeout: float = field(default=60.0, metadata={
        "help": "wall-clock seconds before a submission and everything it started are stopped"})
    memory: int = field(default=4 * 1024**3, metadata={
        "help": "bytes of memory a submission may use beyond the preloaded TensorFlow"})
    file_size: int = field(default=64 * 1024**2, metadata={"help": "largest file a submission may write, in bytes"})
    output: int = field(default=1024**2, metadata={
        "help": "bytes of printed output kept for the report; the rest is dropped with a note"})
