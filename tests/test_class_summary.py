"""The class summary an instructor acts on (index.html, gradebook.csv), from gradebook rows built here.

No TensorFlow: each Row carries a report dict shaped as ``report_to_dict`` writes it, and the
similarity tests read the real exercises' stubs and reference solutions (rendering needs no Keras).
"""

from __future__ import annotations

import base64
import csv
import hashlib
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from grader.batch.class_report import (
    check_rates,
    class_counts,
    common_mistakes,
    score_bins,
    write_class_outputs,
)
from grader.batch.gradebook import Row
from grader.batch.run import safe_name
from grader.batch.similarity import exercise_analysis
from grader.course.render import render_solution, render_text

POINTS = {"optimizer": 2.0, "loss": 3.0, "metrics": 1.0, "layers": 2.0, "params": 2.0}  # compile-adam's checks
NOT_COMPILED = "The model is not compiled, so it has no {}. Call model.compile(optimizer=..., loss=..., metrics=...)."
COMPILE_LINE = "model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])"


def check(check_id: str, status: str = "passed", score: float | None = None, message: str = "") -> dict[str, Any]:
    full = POINTS[check_id]
    return {"id": check_id, "status": status, "score": full if score is None else score, "max_score": full,
            "message": message or ("Correct." if status == "passed" else "Wrong."), "expected": None,
            "actual": None, "hint": ""}


def row(student: str, *changed: dict[str, Any], error: tuple[str, str] | None = None, errored: bool = False,
        findings: tuple[dict[str, str], ...] = (), source: str = "") -> Row:
    """A gradebook row: every check passed but those in ``changed``; ``errored``: all skipped."""
    by_id = {c["id"]: c for c in changed}
    if errored:
        checks = [check(c, "skipped", 0.0, f"Skipped (not graded: {error[0] if error else '?'}).") for c in POINTS]
    else:
        checks = [by_id.get(c, check(c)) for c in POINTS]
    score = sum(c["score"] for c in checks)
    kind = error[0] if error else None
    status = ("missing" if kind == "no_submission" else "error") if errored else (
        "passed" if score == sum(POINTS.values()) else "failed")
    report = {"exercise": "compile-adam", "submission": "" if status == "missing" else f"{student}.py",
              "status": status, "score": score, "max_score": sum(POINTS.values()), "checks": checks,
              "error": {"kind": error[0], "message": error[1], "line": None} if error else None,
              "needs_review": bool(findings), "findings": list(findings), "notes": [], "output": ""}
    return Row(student, "compile-adam", "0" * 64, report["submission"], status, score, sum(POINTS.values()), kind,
               report, source)


def missing(student: str) -> Row:
    return row(student, error=("no_submission", "Nothing was handed in."), errored=True)


def not_compiled(student: str, *changed: dict[str, Any]) -> Row:
    failed = [check(c, "failed", 0.0, NOT_COMPILED.format(c)) for c in ("optimizer", "loss", "metrics")]
    return row(student, *failed, *changed, error=("not_compiled", "The model is built but not compiled."))


# -- counts, bins, rates, mistakes ----------------------------------------------------------------------------


def test_fractional_scores_land_in_the_bin_that_holds_them():
    rows = [row("ann", check("loss", "failed", 0.5)),  # 7.5
            row("bob", check("metrics", "failed", 0.5)),  # 9.5
            row("cy"),  # 10
            row("dee", error=("timeout", "Stopped."), errored=True)]  # 0, an error
    bins = score_bins(rows, 10.0)
    assert [b["label"] for b in bins][7] == "7–8" and len(bins) == 10
    assert (bins[7]["graded"], bins[9]["graded"], bins[0]["errors"]) == (1, 2, 1)
    assert sum(b["count"] for b in bins) == 4


def test_bins_of_a_tenth_of_a_fractional_maximum_keep_full_marks_in_the_last_bin():
    zero = ("loss", "layers", "params")
    rows = [row("ann", check("loss", "failed", 0.5)), row("bob", *(check(c, "failed", 0.0) for c in zero))]
    bins = score_bins(rows, 7.5)  # bins 0.75 wide: ann's 7.5 is full marks here, bob's 3 opens a bin
    assert len(bins) == 10 and bins[-1]["label"] == "6.75–7.5" and bins[-1]["graded"] == 1
    assert bins[4]["label"] == "3–3.75" and bins[4]["graded"] == 1


def test_missing_students_are_counted_but_left_out_of_mean_median_and_histogram():
    rows = [row("ann"), row("bob", check("loss", "failed", 0.0), check("metrics", "failed", 0.0)),
            row("cy", error=("crashed", "Died."), errored=True), missing("dee")]
    counts = class_counts(rows)
    assert (counts["students"], counts["handed_in"], counts["missing"], counts["errored"]) == (4, 3, 1, 1)
    assert counts["mean"] == pytest.approx((10 + 6 + 0) / 3) and counts["median"] == 6
    assert counts["errors_by_kind"] == [("crashed", 1)]
    assert sum(b["count"] for b in score_bins(rows, 10.0)) == 3


def test_an_errored_submission_counts_once_as_its_error_kind_not_once_per_check():
    layers = check("layers", "failed", 0.0, "A Dense(512) layer is missing.")
    rows = [row("ann", error=("timeout", "Still running after 4 s."), errored=True),
            not_compiled("bob"), not_compiled("cy", layers), row("dee", layers), missing("eve")]
    found = {(m["check"] or m["kind"], tuple(r.student for r in m["rows"])) for m in common_mistakes(rows)}
    assert found == {("timeout", ("ann",)), ("not_compiled", ("bob", "cy")), ("layers", ("cy", "dee"))}


def test_each_mistake_is_grouped_by_its_feedback_with_the_students_who_made_it():
    one_hot = check("loss", "failed", 0.0, "categorical_crossentropy expects one-hot labels.")
    mse = check("loss", "failed", 0.0, "mse is a regression loss.")
    rows = [row("ann", one_hot), row("bob", one_hot), row("cy", mse), row("dee")]
    mistakes = [(m["check"], m["message"], [r.student for r in m["rows"]]) for m in common_mistakes(rows)]
    assert mistakes == [("loss", one_hot["message"], ["ann", "bob"]), ("loss", mse["message"], ["cy"])]


def test_pass_rates_per_check_are_among_the_submissions_where_the_check_ran(catalogue):
    rows = [row("ann"), row("bob", check("loss", "failed", 0.0)),
            row("cy", check("loss", "failed", 1.0), check("metrics", "failed", 0.0)),
            row("dee", error=("exception", "ValueError"), errored=True), missing("eve")]
    rates = {r["id"]: (r["passed"], r["failed"], r["skipped"], r["rate"]) for r in check_rates(rows, catalogue["compile-adam"])}
    assert rates["loss"] == (1, 2, 1, pytest.approx(1 / 3))
    assert rates["metrics"] == (2, 1, 1, pytest.approx(2 / 3))
    assert rates["optimizer"] == (3, 0, 1, 1.0)


# -- similarity -----------------------------------------------------------------------------------------------

# Ways students write the one correct line of compile-adam: quoting, spacing, line breaks, comments.
ONE_LINERS = [
    COMPILE_LINE,
    COMPILE_LINE.replace("'", '"'),
    COMPILE_LINE.replace(", ", ","),
    COMPILE_LINE.replace("=", " = "),
    "model.compile(\n    optimizer='adam',\n    loss='sparse_categorical_crossentropy',\n    metrics=['accuracy'],\n)",
    "model.compile(optimizer=\"adam\",  # Adam, default settings\n  loss=\"sparse_categorical_crossentropy\","
    " metrics=[\"accuracy\"])",
]

ORIGINAL = '''
def build(width):
    """Build the network."""
    net = models.Sequential([layers.Input((64,)), layers.Rescaling(1 / 16), layers.Dense(width, activation="relu")])
    net.add(layers.Dropout(0.2))
    net.add(layers.Dense(10, activation="softmax"))
    return net

model = build(256)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
for epochs in [10, 20]:  # train in two rounds
    history = model.fit(X_train, y_train, epochs=epochs, batch_size=32, verbose=0)
'''
# ORIGINAL with every name of the student's own changed, other comments and a docstring less.
RENAMED = '''
def make_network(n_hidden):
    network = models.Sequential([layers.Input((64,)), layers.Rescaling(1/16), layers.Dense(n_hidden, activation='relu')])
    network.add(layers.Dropout(0.2))   # against overfitting
    network.add(layers.Dense(10, activation='softmax'))
    return network


model = make_network(256)
# compile with adam
model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])
for n in [10, 20]:
    h = model.fit(X_train, y_train, epochs=n, batch_size=32, verbose=0)
'''
INDEPENDENT = '''
normaliser = layers.Normalization()
normaliser.adapt(X_train)
inputs = keras.Input(shape=(64,))
hidden = layers.Dense(128, activation="tanh")(normaliser(inputs))
hidden = layers.Dense(64, activation="tanh")(hidden)
outputs = layers.Dense(10, activation="softmax")(hidden)
model = keras.Model(inputs, outputs)
model.compile(optimizer=keras.optimizers.RMSprop(1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
stop = keras.callbacks.EarlyStopping(patience=3, restore_best_weights=True)
model.fit(X_train, y_train, validation_split=0.1, epochs=60, callbacks=[stop], verbose=0)
'''


def _fill(stub: str, placeholder: str, code: str) -> str:
    """The stub with its placeholder line (``...``, ``model = None``) replaced by ``code``."""
    line = f"\n{placeholder}\n"
    assert stub.count(line) == 1
    return stub.replace(line, f"\n{code}\n")


def test_twenty_students_writing_the_same_correct_line_are_not_flagged(catalogue):
    exercise = catalogue["compile-adam"]
    stub = render_text(exercise)
    sources = {f"s{n:02d}": _fill(stub, "...", ONE_LINERS[n % len(ONE_LINERS)]) for n in range(20)}
    similarity = exercise_analysis(sources, exercise)
    assert similarity.pairs == ()
    assert similarity.expected == frozenset(sources)  # each is the reference's own line


def test_a_copy_with_renamed_variables_and_new_comments_is_flagged_with_its_score(catalogue):
    exercise = catalogue["train-digits"]
    stub = render_text(exercise)
    sources = {"ana": _fill(stub, "model = None", ORIGINAL), "ben": _fill(stub, "model = None", RENAMED),
               "cy": _fill(stub, "model = None", INDEPENDENT),
               "dee": _fill(stub, "model = None", RENAMED.replace("[10, 20]", "[10, 30]")),
               "eve": render_solution(exercise), "fay": render_solution(exercise), "gus": ""}
    similarity = exercise_analysis(sources, exercise)
    ratios = {(pair.first, pair.second): pair.ratio for pair in similarity.pairs}
    assert set(ratios) == {("ana", "ben"), ("ana", "dee"), ("ben", "dee")}  # not cy, nor the reference's
    assert ratios[("ana", "ben")] == 1.0 and 0.95 < ratios[("ana", "dee")] < 1.0
    assert similarity.expected == {"eve", "fay"} and similarity.parts["gus"] is None
    assert similarity.groups() == [("ana", "ben", "dee")]


def test_two_independent_solutions_are_not_flagged(catalogue):
    exercise = catalogue["train-digits"]
    stub = render_text(exercise)
    sources = {"ana": _fill(stub, "model = None", ORIGINAL), "cy": _fill(stub, "model = None", INDEPENDENT)}
    assert exercise_analysis(sources, exercise).pairs == ()


# -- the page -------------------------------------------------------------------------------------------------


class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None) -> None:
        self.tag, self.attrs, self.parent, self.children, self.text = tag, attrs, parent, [], ""

    def find_all(self, tag: str, **attrs: str) -> list[Node]:
        found = [child for child in self.children
                 if child.tag == tag and all(child.attrs.get(k.rstrip("_")) == v for k, v in attrs.items())]
        return found + [node for child in self.children for node in child.find_all(tag, **attrs)]

    def find(self, tag: str, **attrs: str) -> Node:
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag} {attrs}>"
        return found[0]

    def all_text(self) -> str:
        return self.text + "".join(child.all_text() for child in self.children)


class Page(HTMLParser):
    """A small DOM of an HTML page, enough to assert its structure."""

    VOID = {"meta", "input", "br", "link", "img", "line", "rect", "hr"}

    def __init__(self, html: str) -> None:
        super().__init__()
        self.root = self.current = Node("document", {}, None)
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in self.VOID:
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Node(tag, dict(attrs), self.current))

    def handle_endtag(self, tag: str) -> None:
        node = self.current
        while node.parent is not None and node.tag != tag:
            node = node.parent
        if node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.text += data


def class_rows() -> list[Row]:
    one_hot = check("loss", "failed", 0.0, "categorical_crossentropy expects one-hot labels; yours are integers.")
    return [row("ann"), row("bob", one_hot), row("<b>cy</b>", one_hot), row("dee", check("loss", "failed", 1.5)),
            not_compiled("eve"), row("fay", error=("timeout", "Still running after 60 s."), errored=True),
            missing("gus")]


@pytest.fixture
def summary_page(catalogue, tmp_path) -> tuple[Path, Page]:
    rows = class_rows()
    write_class_outputs(rows, catalogue["compile-adam"], tmp_path, {r.student: safe_name(r.student) for r in rows})
    return tmp_path, Page((tmp_path / "index.html").read_text(encoding="utf-8"))


def test_the_students_table_has_sortable_headers_and_filter_controls(summary_page):
    _, page = summary_page
    table = page.root.find("table", id="students")
    headers = table.find_all("th")
    assert [h.all_text() for h in headers][:3] == ["Student", "Score", "Status"]
    assert {h.all_text() for h in headers} >= set(POINTS)  # a column per check
    assert all(h.attrs.get("data-type") in ("number", "text") for h in headers)
    assert page.root.find("th", **{"data-type": "number"}).all_text() == "Score"
    assert page.root.find("input", id="filter-text") and page.root.find("select", id="filter-status")
    assert "hidden" in page.root.find("div", id="table-controls").attrs  # shown by the script, not without it
    statuses = [r.attrs["data-status"] for r in table.find("tbody").find_all("tr")]
    assert sorted(statuses) == sorted(["passed", "failed", "failed", "failed", "failed", "error", "missing"])


def test_the_histogram_is_an_svg_with_labelled_axes_and_a_caption(summary_page):
    _, page = summary_page
    svg = page.root.find("svg")
    assert svg.find("text", class_="axis-title x-label").all_text() == "score (out of 10)"
    assert svg.find("text", class_="axis-title y-label").all_text() == "students"
    assert [t.all_text() for t in svg.find_all("text", class_="axis y-tick")][:3] == ["0", "1", "2"]
    assert "7–8" in [t.all_text() for t in svg.find_all("text", class_="axis x-tick")]
    assert "6 submissions" in page.root.find("figcaption").all_text()  # gus is missing


def test_mistakes_link_to_the_students_who_made_them(summary_page):
    _, page = summary_page
    targets = {r.attrs["id"] for r in page.root.find("table", id="students").find_all("tr") if "id" in r.attrs}
    links = [(a.attrs["href"], a.all_text()) for cell in page.root.find_all("td", class_="who") for a in cell.find_all("a")]
    assert ("#student-bob", "bob") in links and (f"#student-{safe_name('<b>cy</b>')}", "<b>cy</b>") in links
    assert all(href[1:] in targets for href, _ in links)
    assert ("#student-gus", "gus") not in links  # missing: counted, not a mistake


def test_the_script_is_inline_and_allowed_by_its_hash_in_the_csp(summary_page):
    _, page = summary_page
    script = page.root.find("script").text
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    csp = next(m.attrs["content"] for m in page.root.find_all("meta") if m.attrs.get("http-equiv") ==
               "Content-Security-Policy")
    assert f"script-src 'sha256-{digest}'" in csp and "default-src 'none'" in csp


def test_the_gradebook_csv_has_a_similar_to_column(summary_page):
    out, _ = summary_page
    with open(out / "gradebook.csv", newline="", encoding="utf-8") as handle:
        rows = {r["student"]: r for r in csv.DictReader(handle)}
    assert rows["ann"]["similar_to"] == "" and "identical_to" not in rows["ann"]
    assert rows["gus"]["status"] == "missing"


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
def test_in_a_browser_the_script_runs_under_the_csp_and_the_page_renders(summary_page, tmp_path):
    from tests.test_browser import chromium

    out, _ = summary_page
    dom = chromium("--dump-dom", (out / "index.html").as_uri(), profile=tmp_path / "profile").stdout
    shown = Page(dom)
    assert "hidden" not in shown.root.find("div", id="table-controls").attrs  # the script ran
    assert shown.root.find("table", id="students").find("th").find("button")
    assert "7 of 7 shown" in shown.root.find("span", id="filter-count").all_text()
    clicked = _with_script(out / "index.html", tmp_path / "clicked.html",
                           "document.querySelector('#students th:nth-child(2) button').click();"
                           "document.getElementById('filter-status').value = 'failed';"
                           "document.getElementById('filter-status').dispatchEvent(new Event('change'));")
    dom = Page(chromium("--dump-dom", clicked.as_uri(), profile=tmp_path / "profile3").stdout)
    body = dom.root.find("table", id="students").find("tbody").find_all("tr")
    scores = [r.find("td", class_="num").attrs["data-value"] for r in body]
    assert scores == ["", "0", "4", "7", "7", "8.5", "10"]  # numeric, ascending; missing first
    assert [r.attrs["data-status"] for r in body if "hidden" not in r.attrs] == ["failed"] * 4
    shot = tmp_path / "shot.png"
    chromium(f"--screenshot={shot}", (out / "index.html").as_uri(), profile=tmp_path / "profile2")
    assert shot.exists() and shot.stat().st_size > 10_000


def _with_script(page: Path, copy: Path, script: str) -> Path:
    """``page`` copied with one more inline script at its end, allowed by its hash (to click in a test)."""
    html = page.read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    html = html.replace("script-src ", f"script-src 'sha256-{digest}' ", 1)
    copy.write_text(html.replace("</body>", f"<script>{script}</script></body>"), encoding="utf-8")
    return copy
