"""HTML pages from Jinja2 templates in templates/report/, always with autoescaping on:
names, messages and printed output come from students. Also the fragments that ``check()`` shows
under a notebook cell (``notebook_fragment``, ``notebook_progress``, ``notebook_text``): one ``<div class="grader-report">``
with a style scoped to it, not a page.

Runs in: the user's process (CLI, notebook, pytest); imports no TensorFlow or Keras.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path, PurePath
from typing import Any, TextIO

import jinja2

from grader.contract.results import Report, format_points
from grader.course.course import lesson_root
from grader.report.base import Writer
from grader.report.json_writer import report_to_dict


@lru_cache(maxsize=4)
def html_environment(templates: Path) -> jinja2.Environment:
    """One environment per template folder, so each template is compiled once per process."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=True,  # every template, whatever its file name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_page(template: str, **context: Any) -> str:
    return html_environment(lesson_root() / "templates" / "report").get_template(template).render(**context)


def notebook_fragment(report: Report, *, warnings: Sequence[str] = ()) -> str:
    """The report as a self-contained HTML fragment for a notebook's output: one root element of
    class ``grader-report``, whose style's selectors all start with ``.grader-report``; the submission
    by its file name only; ``warnings`` (about the notebook, not the grading) above the checks."""
    return render_page("notebook.html.j2", report=report_to_dict(report), title=report.title,
                       name=_file_name(report.submission), warnings=list(warnings), progress=None)


def notebook_progress(message: str) -> str:
    """A one-line fragment, styled as ``notebook_fragment``, for while the report is on its way."""
    return render_page("notebook.html.j2", report=None, progress=message, title="", name="", warnings=[])


def notebook_text(report: Report, *, warnings: Sequence[str] = ()) -> str:
    """The fragment's plain-text alternative (for front ends that show no HTML): the score, then
    one line a check. Plain text, not the text writer's Rich output, which draws itself in Jupyter."""
    lines = [f"Warning: {warning}" for warning in warnings]
    lines.append(f"{report.title or report.exercise} ({_file_name(report.submission)}): "
                 f"{format_points(report.score)}/{format_points(report.max_score)}, {report.status}")
    if report.error is not None:
        lines.append(f"{report.error.kind}: {report.error.message}")
    width = max((len(check.id) for check in report.checks), default=0)
    lines += [f"  {check.id:<{width}}  {check.status:<7}  {format_points(check.score)}/{format_points(check.max_score)}"
              f"  {check.message}" for check in report.checks]
    return "\n".join(lines) + "\n"


def _file_name(submission: str) -> str:
    """The last part of a path, whether it was written on Windows or POSIX."""
    return PurePath(submission.replace("\\", "/")).name or submission


class HtmlWriter(Writer):
    name = "html"
    suffix = ".html"

    def write(self, report: Report, stream: TextIO) -> None:
        stream.write(render_page("student.html.j2", report=report_to_dict(report), title=report.title,
                                 student=None, index_link=None))
