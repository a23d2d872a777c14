"""Course folders: found as git finds .git, listed beside the built-in lesson, and every mistake in
them a clear message with exit code 2 (usage) or 3 (broken material), never a traceback."""

from __future__ import annotations

import shutil

import pytest

from grader.cli import main
from grader.course.course import find_course, lesson_root
from grader.course.exercise import load_catalogue
from grader.course.lint import static_findings
from grader.errors import ExerciseError
from tests.conftest import ROOT

LESSON_IDS = sorted(path.name for path in (ROOT / "exercises").iterdir() if (path / "exercise.toml").is_file())


def add_exercise(course, exercise_id, source="compile-adam"):
    """A copy of a lesson exercise under another id, in ``course``."""
    lesson = load_catalogue(ROOT)[source]
    folder = course / "exercises" / exercise_id
    folder.mkdir(parents=True)
    text = (lesson.directory / "exercise.toml").read_text().replace(f'id = "{source}"', f'id = "{exercise_id}"')
    (folder / "exercise.toml").write_text(text)
    for kind, path in (("templates", lesson.template), ("solutions", lesson.solution)):
        (course / kind).mkdir(exist_ok=True)
        shutil.copy(path, course / kind / path.name)


@pytest.fixture
def outside(tmp_path, monkeypatch):
    """A working folder outside any course, with no GRADER_COURSE."""
    monkeypatch.delenv("GRADER_COURSE", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_without_a_course_the_lesson_alone_is_the_catalogue(outside):
    assert find_course().root is None
    assert sorted(load_catalogue()) == LESSON_IDS and len(LESSON_IDS) == 11


def test_the_course_is_found_from_a_folder_below_it_and_lists_its_exercises_beside_the_lesson(outside, capsys):
    assert main(["init", "course"]) == 0
    add_exercise(outside / "course", "adam-again")
    below = outside / "course" / "exercises" / "adam-again"
    assert find_course(below).root == (outside / "course").resolve()
    assert sorted(load_catalogue(find_course(below))) == sorted([*LESSON_IDS, "adam-again"])
    capsys.readouterr()
    assert main(["list", "--course", str(outside / "course")]) == 0
    out = capsys.readouterr().out
    assert "adam-again" in out and "compile-adam" in out


def test_course_option_wins_over_the_variable_which_wins_over_the_working_folder(outside, monkeypatch, capsys):
    for name in ("here", "variable", "option"):
        assert main(["init", name]) == 0
        add_exercise(outside / name, f"only-{name}")
    monkeypatch.chdir(outside / "here")
    assert "only-here" in load_catalogue()
    monkeypatch.setenv("GRADER_COURSE", str(outside / "variable"))
    assert "only-variable" in load_catalogue() and "only-here" not in load_catalogue()
    capsys.readouterr()
    assert main(["list", "--course", str(outside / "option")]) == 0
    assert "only-option" in capsys.readouterr().out
    assert find_course().root == (outside / "variable").resolve()  # --course lasts one command


def test_a_course_can_leave_the_lesson_out(outside):
    assert main(["init", "course"]) == 0
    config = outside / "course" / "grader.toml"
    config.write_text(config.read_text().replace("lesson = true", "lesson = false"))
    add_exercise(outside / "course", "adam-again")
    assert list(load_catalogue(outside / "course")) == ["adam-again"]


def test_init_from_the_lesson_copies_it_to_edit_and_leaves_the_built_in_copy_out(outside, capsys):
    assert main(["init", "course", "--from-lesson", "--name", "Spring term"]) == 0
    catalogue = load_catalogue(outside / "course")
    assert sorted(catalogue) == LESSON_IDS
    assert all(e.directory.is_relative_to(outside / "course") for e in catalogue.values())
    assert not (outside / "course" / "templates" / "report").exists()
    assert 'name = "Spring term"' in (outside / "course" / "grader.toml").read_text()


def test_an_exercise_defined_twice_is_an_error_naming_both(outside, capsys):
    assert main(["init", "course"]) == 0
    add_exercise(outside / "course", "compile-adam")
    with pytest.raises(ExerciseError) as caught:
        load_catalogue(outside / "course")
    message = caught.value.message
    assert "'compile-adam' is defined twice" in message and "built-in lesson" in message
    assert str(outside / "course" / "exercises" / "compile-adam") in message and "lesson = false" in message
    capsys.readouterr()
    assert main(["list", "--course", str(outside / "course")]) == 3
    err = capsys.readouterr().err
    assert "defined twice" in err and "Traceback" not in err


@pytest.mark.parametrize(("setup", "argv", "code", "message"), [
    (None, ["list", "--course", "nowhere"], 2, "nowhere: no such folder"),
    ("empty", ["list", "--course", "empty"], 2, "is not a course folder"),
    ("bad-toml", ["list", "--course", "course"], 3, "cannot read"),
    ("bad-lesson", ["list", "--course", "course"], 3, "lesson must be true or false"),
    ("bad-limits", ["list", "--course", "course"], 3, "timeout must be a positive number"),
    ("no-exercises", ["list", "--course", "course"], 3, "no exercises folder"),
    ("course", ["init", "course"], 2, "is a course already"),
    ("file", ["init", "file"], 2, "is a file"),
    (None, ["init", "/proc/no-course-here"], 2, "cannot write /proc/no-course-here"),
    ("course", ["new", "x-y", "--from", "missing.py", "--course", "course"], 2, "cannot read the solution"),
], ids=["missing-folder", "not-a-course", "bad-toml", "bad-lesson", "bad-limits", "no-exercises-folder",
        "init-twice", "init-on-a-file", "init-unwritable", "new-missing-solution"])
def test_course_mistakes_are_clear_errors(outside, capsys, setup, argv, code, message):
    if setup == "empty":
        (outside / "empty").mkdir()
    elif setup == "file":
        (outside / "file").write_text("x")
    elif setup is not None:
        assert main(["init", "course"]) == 0
        config = outside / "course" / "grader.toml"
        edits = {"bad-toml": lambda t: t + "\n[course\n", "bad-lesson": lambda t: t.replace("lesson = true", 'lesson = "yes"'),
                 "bad-limits": lambda t: t.replace("timeout = 60", "timeout = -1"),
                 "no-exercises": lambda t: t.replace('exercises = ["exercises"]', 'exercises = ["missing"]')}
        if setup in edits:
            config.write_text(edits[setup](config.read_text()))
    capsys.readouterr()
    assert main(argv) == code
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_a_bare_course_lists_the_lesson_until_it_has_exercises_of_its_own(outside):
    (outside / "grader.toml").write_text('[course]\nname = "bare"\n')  # no exercises/ yet
    assert sorted(load_catalogue()) == LESSON_IDS


def test_course_limits_are_the_default_for_exercises_that_set_none(outside):
    assert main(["init", "course"]) == 0
    config = outside / "course" / "grader.toml"
    config.write_text(config.read_text().replace("timeout = 60", "timeout = 15"))
    add_exercise(outside / "course", "adam-again")
    toml = outside / "course" / "exercises" / "adam-again" / "exercise.toml"
    toml.write_text(toml.read_text().replace("timeout = 60\n", ""))
    catalogue = load_catalogue(outside / "course")
    assert catalogue["adam-again"].timeout == 15 and catalogue["compile-adam"].timeout == 60


def test_the_lesson_passes_its_own_static_lint():
    for exercise in load_catalogue(ROOT).values():
        assert static_findings(exercise) == [], exercise.id


def test_lint_names_a_todo_left_and_a_setting_the_instructions_never_mention(outside):
    assert main(["init", "course"]) == 0
    add_exercise(outside / "course", "adam-again")
    toml = outside / "course" / "exercises" / "adam-again" / "exercise.toml"
    text = toml.read_text()
    toml.write_text(text.replace("Keras reports accuracy while it trains", "Keras reports how well it does")
                    .replace('hint = "Pass metrics', 'hint = "TODO Pass metrics'))
    problems = static_findings(load_catalogue(outside / "course")["adam-again"])
    assert any("check 'metrics' compares" in p for p in problems)
    assert any("hint of check 'metrics' still says TODO" in p for p in problems)


def test_the_lesson_is_found_in_the_checkout_in_a_source_tree():
    assert lesson_root() == ROOT


@pytest.mark.slow
def test_the_lesson_passes_its_own_lint(outside, capsys):
    assert main(["lint"]) == 0, capsys.readouterr().out
    out = capsys.readouterr().out
    assert out.count(": ready") == len(LESSON_IDS)
