"""``check()`` in a notebook: the stub's check cell, the untouched notebook stub, the report as a scoped
HTML fragment, the warning about an unsaved notebook, and how the fragment looks in Jupyter's CSS.

The kernel and browser tests are slow; .ci/run installs Chromium, and outside CI the browser tests are
skipped when it is missing (as in tests/test_browser.py).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest
from nbformat import v4

from grader.contract.results import CheckResult, Failure, Report
from grader.course.render import (
    CHECK_CELL,
    render_solution,
    render_stub,
    render_text,
    split_cells,
)
from grader.integrations.jupyter import (
    STALE_NOTEBOOK,
    CellClock,
    ReportView,
    stale_warning,
)
from grader.report.html_writer import (
    notebook_fragment,
    notebook_progress,
    notebook_text,
)

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"), reason="Chromium is not installed")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"]
SUMMARY = """Model: "sequential"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
│ dense (Dense)                   │ (None, 512)            │        33,280 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ dense_1 (Dense)                 │ (None, 10)             │         5,130 │
└─────────────────────────────────┴────────────────────────┴───────────────┘
 Total params: 38,410 (150.04 KB)
"""


def canned_report(message: str = "The loss is categorical_crossentropy, which expects one-hot labels.") -> Report:
    """A report as check() gets one (no TensorFlow needed): one check failed, with a hint."""
    return Report(
        exercise="compile-adam", title="Compile the wide Digits model with Adam",
        submission="/tmp/pytest-of-someone/pytest-7/test_x0/compile_adam.ipynb",
        checks=(CheckResult("optimizer", "passed", 2, 2, "The optimizer is Adam with the default learning rate."),
                CheckResult("loss", "failed", 0, 3, message, hint="The labels are integers 0-9: use "
                            "loss='sparse_categorical_crossentropy'."),
                CheckResult("metrics", "passed", 1, 1, "The metrics are ['accuracy']."),
                CheckResult("layers", "passed", 2, 2, "The layers match: Dense(512, relu), Dense(10, softmax)."),
                CheckResult("params", "passed", 2, 2, "38,410 parameters, all trainable.")),
        notes=("cell 2, line 1: ran `%time model.fit(...)` once, as plain Python.",), output=SUMMARY)


def style_selectors(html: str) -> list[str]:
    """Every selector of every rule in the fragment's <style> elements."""
    css = "".join(re.findall(r"<style>(.*?)</style>", html, re.DOTALL))
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    return [selector.strip() for rule in re.findall(r"([^{}]+)\{[^{}]*\}", css) for selector in rule.split(",")]


def assert_scoped_fragment(html: str) -> None:
    """One root element of class grader-report, and a style that styles nothing outside it."""
    assert re.match(r'\s*<div class="grader-report">', html) and html.rstrip().endswith("</div>")
    assert "<html" not in html and "<body" not in html
    selectors = style_selectors(html)
    assert selectors and all(re.match(r"\.grader-report(?![\w-])", selector) for selector in selectors), selectors


# --- the notebook stub --------------------------------------------------------------------------------------

def test_the_notebook_stub_ends_with_the_check_cell(compile_adam):
    notebook = nbformat.read(compile_adam.stub_ipynb, as_version=4)
    heading, call = notebook.cells[-2:]
    assert heading.cell_type == "markdown" and heading.source.startswith("## Check your work")
    assert call.cell_type == "code" and call.source == CHECK_CELL == "from grader import check\ncheck()"
    assert "# grader: exercise=compile-adam" in notebook.cells[1].source  # the marker stays where it was


def test_the_notebook_says_run_the_last_cell_and_the_py_stub_says_grader_check(compile_adam, tmp_path):
    py, ipynb = render_stub(compile_adam, tmp_path)
    instructions = nbformat.read(ipynb, as_version=4).cells[0].source
    assert "run its last cell, `check()`" in instructions and "grader check" not in instructions
    assert "check your work with `grader check compile_adam.py`" in py.read_text()
    assert "from grader import check" not in py.read_text()


def test_the_notebook_has_the_py_stubs_cells_then_the_check_cells(compile_adam):
    notebook = nbformat.read(compile_adam.stub_ipynb, as_version=4)
    py_cells = split_cells(render_text(compile_adam))
    cells = [(cell.cell_type, cell.source) for cell in notebook.cells]
    assert len(cells) == len(py_cells) + 2
    assert cells[1:-2] == py_cells[1:]  # all but the instructions, which name the check cell instead


def test_the_untouched_notebook_stub_is_not_attempted(session_grader, compile_adam):
    report = session_grader.grade_file(compile_adam.stub_ipynb, compile_adam)
    assert report.error is not None and report.error.kind == "not_attempted"


def test_a_notebook_stub_with_the_answer_filled_in_grades_normally(session_grader, compile_adam, tmp_path):
    notebook = nbformat.read(compile_adam.stub_ipynb, as_version=4)
    [placeholder] = [cell for cell in notebook.cells if "YOUR CODE HERE" in cell.source]
    placeholder.source = placeholder.source.replace(
        "\n...\n", "\nmodel.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])\n")
    path = tmp_path / "compile_adam.ipynb"
    nbformat.write(notebook, path)  # the check cell stays: check() does nothing while the notebook is graded
    report = session_grader.grade_file(path, compile_adam)
    assert report.error is None and report.status == "passed" and report.score == compile_adam.max_score


# --- the fragment ---------------------------------------------------------------------------------------------

def test_the_fragment_is_one_scoped_element_naming_the_file_not_its_path():
    html = notebook_fragment(canned_report())
    assert_scoped_fragment(html)
    assert "<code>compile_adam.ipynb</code>" in html and "/tmp/pytest-of-someone" not in html
    assert "7/10" in html


def test_the_fragments_cells_are_left_aligned_over_jupyters_own_rules():
    selectors = style_selectors(notebook_fragment(canned_report()))
    # JupyterLab's `.jp-RenderedHTMLCommon td` and the classic `.rendered_html td` are (0,1,1): beat them.
    cell_rules = [s for s in selectors if re.search(r"\btd$", s)]
    assert any(s.count(".") >= 2 for s in cell_rules), cell_rules
    assert "text-align: left" in notebook_fragment(canned_report())


def test_hostile_text_in_the_fragment_is_escaped():
    hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    html = notebook_fragment(dataclass_replace(canned_report(hostile), output=hostile, notes=(hostile,),
                                                submission="/tmp/<img src=y onerror=alert(3)>.ipynb"),
                             warnings=[hostile])
    assert "<script>alert" not in html and "<img src" not in html
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 4  # the message, note, output and warning
    assert "<code>&lt;img src=y onerror=alert(3)&gt;.ipynb</code>" in html
    progress = notebook_progress(f"Grading {hostile}")
    assert "<script>alert" not in progress and "&lt;script&gt;" in progress


def test_the_fragment_shows_the_printed_summary_in_a_monospace_pre():
    html = notebook_fragment(canned_report())
    assert re.search(r'<pre class="grader-printed">Model: "sequential"\n┏━', html.replace("&#34;", '"'))
    rule = re.search(r"pre\.grader-printed[^{]*\{([^}]*)\}", html).group(1)
    assert "white-space: pre;" in rule and "line-height: 1.2;" in rule and '"DejaVu Sans Mono", Menlo, Consolas' in rule


def test_the_progress_line_is_a_scoped_fragment_too():
    assert_scoped_fragment(notebook_progress("Grading compile_adam.ipynb: starting TensorFlow…"))


def test_the_plain_text_alternative_is_short_and_names_the_file():
    text = notebook_text(dataclass_replace(canned_report(), error=Failure("not_compiled", "Not compiled.")),
                         warnings=[STALE_NOTEBOOK])
    assert text.splitlines()[0] == f"Warning: {STALE_NOTEBOOK}"
    assert "(compile_adam.ipynb): 7/10, failed" in text and "/tmp/" not in text
    assert len(text.splitlines()) == 3 + 5


def dataclass_replace(report: Report, **changes: object) -> Report:
    import dataclasses

    return dataclasses.replace(report, **changes)


def test_the_progress_line_is_replaced_by_the_report_in_one_display(monkeypatch):
    shown = []

    class Handle:
        def update(self, bundle, raw):
            shown.append(("update", bundle))

    def display(bundle, raw, display_id):
        shown.append(("display", bundle))
        return Handle()

    monkeypatch.setattr("IPython.display.display", display)
    view = ReportView("compile_adam.ipynb")
    view.in_kernel = True
    view.starting()
    view.show(canned_report(), warnings=[])
    assert [kind for kind, _ in shown] == ["display", "update"]
    assert shown[0][1]["text/plain"] == ("Grading compile_adam.ipynb: starting TensorFlow in a separate process "
                                         "(a few seconds)…")
    assert "grader-checks" in shown[1][1]["text/html"]


# --- the unsaved-notebook warning -------------------------------------------------------------------------------

@pytest.mark.parametrize(("saved", "previous_cell", "warned"), [
    (1000.0, 1060.0, True), (1060.0, 1000.0, False), (1000.0, 1000.05, False), (1000.0, None, False)],
    ids=["saved-before-the-cells-ran", "saved-after-the-last-cell-ran", "within-the-clock-slack", "no-cell-ran"])
def test_the_notebook_is_stale_when_saved_before_the_previous_cell_ran(saved, previous_cell, warned):
    assert (stale_warning(saved, previous_cell) == STALE_NOTEBOOK) is warned


def test_the_cell_clock_gives_the_start_of_the_cell_before_the_current_one():
    class Shell:
        execution_count = 0

    shell = Shell()
    clock = CellClock(shell)
    for count in (3, 4, 5):
        shell.execution_count = count
        clock()
    assert clock.before(5) == clock.starts[1][1]  # cell 4's start, not cell 5's (check()'s own)
    assert clock.before(3) is None


# --- a real kernel ------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def executed(catalogue, tmp_path_factory):
    """The compile-adam notebook stub with the reference solution filled in, saved, then run in a kernel."""
    from nbclient import NotebookClient

    exercise = catalogue["compile-adam"]
    folder = tmp_path_factory.mktemp("notebook")
    _, path = render_stub(exercise, folder)
    notebook = nbformat.read(path, as_version=4)
    [placeholder] = [cell for cell in notebook.cells if "YOUR CODE HERE" in cell.source]
    placeholder.source = render_solution(exercise)
    nbformat.write(notebook, path)  # saved before the cells run, so check() rightly warns it is older
    NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": folder}}).execute()
    return exercise, path, notebook


@pytest.mark.slow
def test_check_shows_one_scoped_report_and_no_repr(executed):
    exercise, path, notebook = executed
    outputs = notebook.cells[-1].outputs
    shown = [output for output in outputs if "text/html" in output.get("data", {})]
    assert len(shown) == 1 and shown[0].output_type == "display_data"  # the progress line, replaced
    html = shown[0].data["text/html"]
    assert_scoped_fragment(html)
    assert f"{exercise.max_score:g}/{exercise.max_score:g}" in html  # full marks, from the catalogue
    assert "compile_adam.ipynb" in html and str(path.parent) not in html
    assert not [o for o in outputs if o.output_type == "execute_result"]
    assert "Report(" not in "".join(o.get("data", {}).get("text/plain", "") + o.get("text", "") for o in outputs)


@pytest.mark.slow
def test_check_warns_that_the_saved_notebook_is_older_than_the_cells_run(executed):
    _, _, notebook = executed
    [output] = [o for o in notebook.cells[-1].outputs if "text/html" in o.get("data", {})]
    assert "The saved notebook is older than the cells you ran" in output.data["text/html"]
    assert output.data["text/plain"].startswith(f"Warning: {STALE_NOTEBOOK}")


# --- how it looks, in JupyterLab's own CSS (nbconvert's lab template) --------------------------------------------

def notebook_page(html_fragment: str, folder: Path, *, theme: str = "light") -> Path:
    """An HTML page of a notebook whose one cell shows ``html_fragment``, as nbconvert's lab template
    exports it (JupyterLab's CSS, which right-aligns table cells and stripes rows)."""
    from nbconvert import HTMLExporter

    notebook = v4.new_notebook()
    cell = v4.new_code_cell("from grader import check\ncheck()", execution_count=7)
    cell.outputs = [v4.new_output("display_data", data={"text/html": html_fragment, "text/plain": "report"})]
    notebook.cells = [v4.new_markdown_cell("## Check your work"), cell]
    body, _ = HTMLExporter(template_name="lab", theme=theme).from_notebook_node(notebook)
    page = folder / f"notebook-{theme}.html"
    page.write_text(body, encoding="utf-8")
    return page


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM, "Chromium is required in CI (.ci/run installs it)"
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120)


@pytest.mark.slow
@needs_chromium
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_fragment_renders_in_jupyters_css_as_a_screenshot(theme, tmp_path):
    page = notebook_page(notebook_fragment(canned_report(), warnings=[STALE_NOTEBOOK]), tmp_path, theme=theme)
    shot = tmp_path / "shot.png"
    chromium(f"--screenshot={shot}", "--window-size=1100,700", page.as_uri(), profile=tmp_path / "profile")
    assert shot.exists() and shot.stat().st_size > 10_000  # a blank page is a few hundred bytes
    artefacts = os.environ.get("GRADER_SCREENSHOTS")  # keep them to look at: GRADER_SCREENSHOTS=dir
    if artefacts:
        Path(artefacts).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(artefacts) / f"notebook-check-{theme}.png")


@pytest.mark.slow
@needs_chromium
def test_the_fragments_cells_are_left_aligned_in_jupyters_css(tmp_path):
    probe = ("<script>document.body.setAttribute('data-align', [...document.querySelectorAll("
             "'.grader-report td, .grader-report th')].map(c => getComputedStyle(c).textAlign).join(','))</script>")
    page = notebook_page(notebook_fragment(canned_report()), tmp_path)
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", probe + "</body>"), encoding="utf-8")
    dom = chromium("--dump-dom", page.as_uri(), profile=tmp_path / "profile").stdout
    aligned = re.search(r'data-align="([^"]*)"', dom).group(1).split(",")
    assert len(aligned) == 4 * 6 and set(aligned) == {"left"}  # the header row and five checks
