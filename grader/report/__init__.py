"""Report writers, registered by format name. Results never render themselves; writers do.

A writer subclasses ``grader.report.base.Writer`` and is listed once in ``WRITERS``.

Runs in: the user's process (CLI, notebook, pytest); imports no TensorFlow or Keras.
"""

from __future__ import annotations

from types import MappingProxyType

from grader.errors import unknown_name
from grader.report.base import Writer
from grader.report.github_writer import GithubWriter
from grader.report.gradescope_writer import GradescopeWriter
from grader.report.html_writer import HtmlWriter
from grader.report.json_writer import JsonWriter
from grader.report.junit_writer import JunitWriter
from grader.report.markdown_writer import MarkdownWriter
from grader.report.prairielearn_writer import PrairieLearnWriter
from grader.report.text_writer import TextWriter

WRITERS: MappingProxyType[str, type[Writer]] = MappingProxyType(
    {cls.name: cls for cls in (TextWriter, JsonWriter, MarkdownWriter, HtmlWriter, JunitWriter,
                               GradescopeWriter, PrairieLearnWriter, GithubWriter)}
)


def get_writer(name: str) -> Writer:
    """The writer registered as ``name``, or a UsageError that suggests the nearest names."""
    if name not in WRITERS:
        raise unknown_name("format", name, list(WRITERS))
    return WRITERS[name]()


__all__ = ["WRITERS", "Writer", "get_writer"]
