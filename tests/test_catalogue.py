"""Every exercise: the reference gets full marks, the untouched stub is not attempted, and typical
wrong answers fail exactly the checks decided for them (by hand, below)."""

from __future__ import annotations

import pytest

from grader.course.render import render_solution
from tests.conftest import ROOT, failing

EXERCISES = sorted(p.name for p in (ROOT / "exercises").iterdir() if (p / "exercise.toml").is_file())

# exercise -> [(what the student got wrong, (old, new) edit of the reference solution, failing checks)]
WRONG_ANSWERS = {
    "compile-adam": [
        ("sgd", ('optimizer="adam"', 'optimizer="sgd"'), {"optimizer"}),
        ("one-hot-loss", ("sparse_categorical_crossentropy", "categorical_crossentropy"), {"loss"}),
    ],
    "build-wide-model": [
        ("narrow", ("Dense(512", "Dense(128"), {"layers", "params"}),
        ("no-input-shape", (', input_shape=(64,)', ""), {"layers", "params"}),
        ("linear-output", ('Dense(10, activation="softmax")', "Dense(10)"), {"layers"}),
    ],
    "sgd-momentum": [
        ("no-momentum", ("momentum=0.9", "momentum=0.0"), {"optimizer"}),
        ("adam", ("keras.optimizers.SGD(learning_rate=0.01, momentum=0.9)", '"adam"'), {"optimizer"}),
        ("no-metrics", (', metrics=["accuracy"]', ""), {"metrics"}),
    ],
    "rmsprop": [
        ("default-rate", ("learning_rate=0.0005", "learning_rate=0.001"), {"optimizer"}),
        ("sgd", ("RMSprop(learning_rate=0.0005)", "SGD(learning_rate=0.0005)"), {"optimizer"}),
    ],
    "one-hot-labels": [
        ("sparse-loss", ('"categorical_crossentropy"', '"sparse_categorical_crossentropy"'), {"loss"}),
        ("sparse-accuracy", ('metrics=["accuracy"]', 'metrics=["sparse_categorical_accuracy"]'), {"metrics"}),
    ],
    "even-odd": [
        ("two-softmax-units", ('Dense(1, activation="sigmoid")', 'Dense(2, activation="softmax")'),
         {"layers", "params"}),
        ("categorical-loss", ('"binary_crossentropy"', '"categorical_crossentropy"'), {"loss"}),
        ("mse-loss", ('"binary_crossentropy"', '"mse"'), {"loss"}),
    ],
    "deep-vs-wide": [
        ("one-hidden-layer", ('model.add(layers.Dense(64, activation="relu"))\n', ""), {"budget"}),
        ("over-budget", ("Dense(64", "Dense(256"), {"budget"}),  # 85,002 parameters (worked out by hand)
        ("one-hot-loss", ("sparse_categorical_crossentropy", "categorical_crossentropy"), {"loss"}),
    ],
    "summary-quiz": [
        ("forgot-the-biases", ("32 * 16 + 16", "32 * 16"), {"quiz"}),
        ("shape-without-batch", ('"layer1_output_shape": (None, 32)', '"layer1_output_shape": (32,)'), {"quiz"}),
        ("no-answers", ("answers = {", "my_answers = {"), {"quiz"}),
    ],
    "train-digits": [
        ("never-trained", ("model.fit(X_train, y_train, epochs=20, batch_size=64, verbose=0)\n", ""), {"behaviour"}),
        ("linear-output", ('Dense(10, activation="softmax")', "Dense(10)"), {"behaviour", "loss"}),
    ],
    "fix-the-bug": [
        ("bug-kept", ('Dense(10, activation="softmax")', "Dense(10)"), {"behaviour", "loss"}),
        ("one-hot-loss-for-integer-labels",
         ("keras.losses.SparseCategoricalCrossentropy()", '"categorical_crossentropy"'), {"behaviour", "loss"}),
    ],
    "regression-mse": [
        ("sigmoid-output", ("Dense(1)", 'Dense(1, activation="sigmoid")'), {"layers"}),
        ("mae-loss", ('loss="mse"', 'loss="mae"'), {"loss"}),
        ("accuracy-metric", ('metrics=["mae"]', 'metrics=["accuracy"]'), {"metrics"}),
    ],
}


def test_every_exercise_has_wrong_answers_here():
    assert sorted(WRONG_ANSWERS) == EXERCISES
    assert all(len(answers) >= 2 for answers in WRONG_ANSWERS.values())


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_reference_gets_full_marks(grade_code, catalogue, exercise_id):
    exercise = catalogue[exercise_id]
    report = grade_code(render_solution(exercise), exercise=exercise)
    assert report.status == "passed" and report.score == exercise.max_score, report.checks


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_untouched_stub_is_not_attempted(session_grader, catalogue, exercise_id):
    exercise = catalogue[exercise_id]
    for stub in (exercise.stub_py, exercise.stub_ipynb):
        report = session_grader.grade_file(stub, exercise)
        assert report.error is not None and report.error.kind == "not_attempted", stub
        assert report.score == 0


CASES = [(exercise, *answer) for exercise, answers in WRONG_ANSWERS.items() for answer in answers]


@pytest.mark.parametrize(("exercise_id", "mistake", "edit", "expected"), CASES,
                         ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_wrong_answer_fails_exactly_its_checks(grade_code, catalogue, exercise_id, mistake, edit, expected):
    exercise = catalogue[exercise_id]
    old, new = edit
    reference = render_solution(exercise)
    assert old in reference, f"{exercise_id}: the edit for {mistake} no longer applies"
    report = grade_code(reference.replace(old, new), exercise=exercise)
    assert failing(report) == expected, [(c.id, c.status, c.message) for c in report.checks]
    for result in report.checks:
        if result.id in expected:
            assert result.score < result.max_score and result.message


def test_fix_the_bug_stub_fails_its_behaviour_check_until_repaired(grade_code, catalogue):
    exercise = catalogue["fix-the-bug"]
    touched = exercise.stub_py.read_text() + "print('I looked at it')\n"  # attempted, bug still there
    report = grade_code(touched, exercise=exercise)
    behaviour = next(c for c in report.checks if c.id == "behaviour")
    assert behaviour.status == "failed" and behaviour.actual["score"] < 0.9
    assert "loss" in behaviour.message and "from_logits" in behaviour.message


def test_fix_the_bug_accepts_the_other_repair(grade_code, catalogue):
    exercise = catalogue["fix-the-bug"]
    repaired = exercise.stub_py.read_text().replace(
        "keras.losses.SparseCategoricalCrossentropy()", "keras.losses.SparseCategoricalCrossentropy(from_logits=True)")
    report = grade_code(repaired, exercise=exercise)
    assert report.status == "passed", report.checks


@pytest.mark.slow
def test_behaviour_verdicts_are_the_same_in_two_fresh_workers(catalogue, tmp_path):
    from grader.grading.pipeline import Grader
    from grader.runner.client import Engine

    exercise = catalogue["fix-the-bug"]
    buggy = tmp_path / "buggy.py"
    buggy.write_text(render_solution(exercise).replace('Dense(10, activation="softmax")', "Dense(10)"))
    results = []
    for _ in range(2):
        with Engine() as engine:
            report = Grader(engine).grade_file(buggy, exercise)
        results.append(next(c for c in report.checks if c.id == "behaviour"))
    assert results[0].actual == results[1].actual and results[0].status == results[1].status == "failed"


def students_covering_every_variant(exercise) -> dict[tuple, str]:
    """One student id per variant of ``exercise``, found by trying ids in order."""
    total = 1
    for values in exercise.variants.values():
        total *= len(values)
    found: dict[tuple, str] = {}
    for n in range(10_000):
        variant = tuple(sorted(exercise.variant_for(f"s{n:04d}").items()))
        found.setdefault(variant, f"s{n:04d}")
        if len(found) == total:
            return found
    raise AssertionError("some variant is never chosen")


VARIANT_EXERCISES = ["sgd-momentum"]


@pytest.mark.parametrize("exercise_id", VARIANT_EXERCISES)
def test_every_variant_has_a_passing_reference_and_a_not_attempted_stub(session_grader, catalogue, exercise_id,
                                                                       tmp_path):
    from grader.course.render import render_stub

    exercise = catalogue[exercise_id]
    students = students_covering_every_variant(exercise)
    assert len(students) == 9  # 3 learning rates x 3 momentums
    for variant, student in students.items():
        folder = tmp_path / student
        stub, notebook = render_stub(exercise, folder, student)
        assert f"student={student}" in stub.read_text()
        for path in (stub, notebook):
            assert session_grader.grade_file(path, exercise).error.kind == "not_attempted"
        solution = folder / "solution.py"
        solution.write_text(render_solution(exercise, student))
        report = session_grader.grade_file(solution, exercise, student=student)
        assert report.status == "passed", (variant, report.checks)


def test_another_students_answer_fails_the_optimizer_for_this_student(grade_code, catalogue):
    exercise = catalogue["sgd-momentum"]
    students = list(students_covering_every_variant(exercise).values())
    mine, theirs = students[0], next(s for s in students[1:]
                                     if exercise.variant_for(s)["learning_rate"] != exercise.variant_for(students[0])["learning_rate"])
    marked = f"# grader: exercise=sgd-momentum student={mine}\n" + render_solution(exercise, theirs)
    report = grade_code(marked, exercise=exercise)
    assert failing(report) == {"optimizer"}
    assert str(exercise.variant_for(mine)["learning_rate"]) in next(c for c in report.checks if c.id == "optimizer").message


def test_the_same_student_always_gets_byte_identical_stubs(catalogue, tmp_path):
    from grader.course.render import render_stub

    for exercise in catalogue.values():
        first = [p.read_bytes() for p in render_stub(exercise, tmp_path / "a" / exercise.id, "s-042")]
        second = [p.read_bytes() for p in render_stub(exercise, tmp_path / "b" / exercise.id, "s-042")]
        assert first == second


def test_budget_gives_a_quarter_per_criterion_met(grade_code, catalogue):
    exercise = catalogue["deep-vs-wide"]
    shallow = render_solution(exercise).replace('model.add(layers.Dense(64, activation="relu"))\n', "")
    budget = next(c for c in grade_code(shallow, exercise=exercise).checks if c.id == "budget")
    assert budget.score == 4.5  # 3 of 4 criteria: only depth fails (1 hidden layer, 4,810 parameters)
    assert "1 hidden Dense layer" in budget.message and "4,810 parameters, within" in budget.message


VARIANT_MISTAKES = [
    ("adam-instead-of-sgd", r"keras\.optimizers\.SGD\([^)]*\)", '"adam"', {"optimizer"}),
    ("no-momentum", r"momentum=[0-9.]+", "momentum=0.0", {"optimizer"}),
    ("no-metrics", r', metrics=\["accuracy"\]', "", {"metrics"}),
]


@pytest.mark.parametrize(("mistake", "pattern", "replacement", "expected"), VARIANT_MISTAKES,
                         ids=[m[0] for m in VARIANT_MISTAKES])
def test_typical_wrong_answers_fail_in_every_variant(grade_code, catalogue, mistake, pattern, replacement, expected):
    import re

    exercise = catalogue["sgd-momentum"]
    for student in students_covering_every_variant(exercise).values():
        wrong = re.sub(pattern, replacement, render_solution(exercise, student))
        assert wrong != render_solution(exercise, student), mistake
        report = grade_code(f"# grader: exercise=sgd-momentum student={student}\n" + wrong, exercise=exercise)
        assert failing(report) == expected, (student, [(c.id, c.message) for c in report.checks])


def test_render_for_a_roster_writes_one_personalised_folder_per_student(tmp_path, capsys):
    from grader.cli import main

    roster = tmp_path / "class.csv"
    roster.write_text("student,name\ns-001,Ann\ns-002,Bob\n")
    assert main(["render", "--exercise", "sgd-momentum", "--roster", str(roster), "--out", str(tmp_path / "out")]) == 0
    for student in ("s-001", "s-002"):
        stub = tmp_path / "out" / student / "sgd_momentum.py"
        assert f"student={student}" in stub.read_text()
        assert (tmp_path / "out" / student / "sgd_momentum.ipynb").is_file()
    assert main(["render", "--exercise", "sgd-momentum", "--student", "has space", "--out", str(tmp_path)]) == 2
