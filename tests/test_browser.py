"""The batch's HTML pages render in a real browser (headless Chromium), and hostile text stays text.

.ci/run installs Chromium (Debian's package); outside CI the test is skipped when it is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from grader.batch.run import safe_name
from tests.test_batch import EVIL_NAME, EX, graded  # noqa: F401 - the module-scoped batch run, shared
from tests.test_class_summary import Page

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"), reason="Chromium is not installed"),
]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--window-size=1200,1400"]


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM, "Chromium is required in CI (.ci/run installs it)"
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("page", ["index.html", "reports/alice.html", f"reports/{safe_name(EVIL_NAME)}.html"],
                         ids=["class-summary", "student-report", "hostile-student-name"])
def test_page_renders_as_a_screenshot(graded, page, tmp_path):  # noqa: F811
    _, out, _ = graded
    path = out / EX / page
    shot = tmp_path / "shot.png"
    chromium(f"--screenshot={shot}", path.as_uri(), profile=tmp_path / "profile")
    assert shot.exists() and shot.stat().st_size > 10_000  # a blank page is a few hundred bytes
    artefacts = os.environ.get("GRADER_SCREENSHOTS")  # keep them to look at: GRADER_SCREENSHOTS=dir
    if artefacts:
        Path(artefacts).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(artefacts) / f"{path.stem}.png")


def test_hostile_text_is_shown_as_text_not_run(graded, tmp_path):  # noqa: F811
    _, out, _ = graded
    page = out / EX / "reports" / f"{safe_name(EVIL_NAME)}.html"
    dom = chromium("--dump-dom", page.as_uri(), profile=tmp_path / "profile").stdout
    assert "<script>alert(1)</script>" not in dom and "<img src" not in dom
    assert "&lt;img src=x onerror=alert(2)&gt;" in dom  # the message is there, as text


def test_the_class_summary_script_runs_under_its_content_security_policy(graded, tmp_path):  # noqa: F811
    _, out, _ = graded
    dom = Page(chromium("--dump-dom", (out / EX / "index.html").as_uri(), profile=tmp_path / "profile").stdout)
    assert "hidden" not in dom.root.find("div", id="table-controls").attrs  # shown by the script
    assert all(header.find("button") for header in dom.root.find("table", id="students").find_all("th"))
