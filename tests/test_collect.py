"""Finding submissions in folders and zips: layouts, rosters, hostile archives. No TensorFlow."""

from __future__ import annotations

import zipfile

import pytest

from grader.batch.collect import collect, extract_zip, read_roster
from grader.errors import UsageError

MARKED = "# grader: exercise=compile-adam\nmodel = None\n"


def test_one_file_per_student_uses_the_file_stem(tmp_path):
    for name in ("alice.py", "bob.ipynb", "notes.txt", ".hidden.py"):
        (tmp_path / name).write_text("x = 1\n")
    entries = collect(tmp_path, tmp_path / "work", "compile-adam")
    assert [(e.student, e.path.name) for e in entries] == [("alice", "alice.py"), ("bob", "bob.ipynb")]


def test_one_folder_per_student_prefers_the_marked_file(tmp_path):
    (tmp_path / "carol").mkdir()
    (tmp_path / "carol" / "helper.py").write_text("x = 1\n")
    (tmp_path / "carol" / "compile_adam.py").write_text(MARKED)
    (tmp_path / "dan").mkdir()
    (tmp_path / "dan" / "a.py").write_text("x = 1\n")
    (tmp_path / "dan" / "b.py").write_text("x = 1\n")
    (tmp_path / "eve").mkdir()
    (tmp_path / "eve" / "notes.txt").write_text("nothing to grade")
    entries = {e.student: e for e in collect(tmp_path, tmp_path / "w", "compile-adam")}
    assert entries["carol"].path.name == "compile_adam.py"
    # several candidates needs the instructor (an error); a folder with nothing to grade is missing
    assert entries["dan"].path is None and "several candidate files" in entries["dan"].problem
    assert not entries["dan"].missing
    assert entries["eve"].path is None and entries["eve"].missing


def test_roster_renames_students_and_lists_those_who_handed_in_nothing(tmp_path):
    submissions = tmp_path / "in"
    submissions.mkdir()
    (submissions / "a1.py").write_text("x = 1\n")
    roster = tmp_path / "roster.csv"
    roster.write_text("file,student\na1.py,s-001\nb2,s-002\n")
    entries = collect(submissions, tmp_path / "w", "compile-adam", read_roster(roster))
    assert [(e.student, e.path and e.path.name, bool(e.problem), e.missing) for e in entries] == \
        [("s-001", "a1.py", False, False), ("s-002", None, True, True)]


def test_zip_with_a_wrapper_folder_and_a_path_escape(tmp_path):
    archive = tmp_path / "class.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("class/alice.py", "x = 1\n")
        bundle.writestr("class/bob/compile_adam.py", MARKED)
        bundle.writestr("../../escaped.py", "x = 1\n")
        bundle.writestr("/absolute.py", "x = 1\n")
        bundle.writestr("__MACOSX/class/._alice.py", "junk")
    entries = collect(archive, tmp_path / "work", "compile-adam")
    assert [e.student for e in entries] == ["alice", "bob"]
    assert not (tmp_path / "escaped.py").exists() and not (tmp_path.parent / "escaped.py").exists()


def test_zip_members_are_cut_just_past_the_size_limit(tmp_path):
    from grader.course.submission import MAX_BYTES

    archive = tmp_path / "big.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("huge.py", "#" * (MAX_BYTES * 3))  # compresses to almost nothing: a small bomb
    target = extract_zip(archive, tmp_path / "out")
    assert (target / "huge.py").stat().st_size == MAX_BYTES + 1


@pytest.mark.parametrize("content", [b"not a zip", b""], ids=["garbage", "empty"])
def test_unreadable_zip_is_a_usage_error(tmp_path, content):
    archive = tmp_path / "broken.zip"
    archive.write_bytes(content)
    with pytest.raises(UsageError, match="cannot read"):
        collect(archive, tmp_path / "w", "compile-adam")


def test_roster_without_the_right_columns_is_a_usage_error(tmp_path):
    roster = tmp_path / "r.csv"
    roster.write_text("name,id\nx,y\n")
    with pytest.raises(UsageError, match="'file' and 'student'"):
        read_roster(roster)
