"""HTML pages from Jinja2 templates in templates/report/, always with autoescaping on:
names, messages and printed output come from students.

Runs in: the user's process (CLI, notebook, pytest); imports no TensorFlow or Keras.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, TextIO

import jinja2

from grader.contract.results import Report
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


class HtmlWriter(Writer):
    name = "html"
    suffix = ".html"

    def write(self, report: Report, stream: TextIO) -> None:
        stream.write(render_page("student.html.j2", report=report_to_dict(report), title=report.title,
                                 student=None, index_link=None))
