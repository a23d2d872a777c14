"""What honest students write, graded as written: each case here was refused, failed or
misgraded before (the examples of issue 14), and the honest corpus (tests/honest/) covers the rest.

No honest line may cost a student points or bring an integrity finding.
"""

from __future__ import annotations

import json
import stat
import sys
from textwrap import dedent

import nbformat
import pytest
from nbformat import v4

from grader.batch.run import grading_key
from grader.errors import WorkerError
from grader.runner.client import Engine
from tests.conftest import check, failing

LESSON = dedent("""
    from tensorflow.keras import layers, models
    model = models.Sequential()
    model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
    model.add(layers.Dense(10, activation="softmax"))
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
""")
DIGITS = "from sklearn.datasets import load_digits\nX, y = load_digits(return_X_y=True)\n"


def assert_full_marks_and_nothing_to_review(report):
    assert (report.score, report.error, report.findings) == (10, None, ()), (report.error, report.findings)


@pytest.mark.parametrize("quieting", [
    "import logging\nimport tensorflow as tf\ntf.get_logger().setLevel(logging.ERROR)\n",
    "import tensorflow as tf\ntf.compat.v1.logging.set_verbosity(tf.compat.v1.logging.ERROR)\n",
    "import logging\nlogging.getLogger('tensorflow').setLevel(logging.ERROR)\n",
], ids=["tf.get_logger", "compat.v1.logging", "logging.getLogger"])
def test_quieting_tensorflow_s_logger_is_graded(grade_code, quieting):
    assert_full_marks_and_nothing_to_review(grade_code(quieting + LESSON))


@pytest.mark.parametrize("imports", [
    "from six.moves.urllib.parse import urlsplit\n",
    "import tf_keras\n",
], ids=["six.moves", "tf_keras"])
def test_imports_whose_attributes_replace_themselves_are_graded(grade_code, imports):
    assert_full_marks_and_nothing_to_review(grade_code(imports + LESSON))


def test_a_tensorboard_callback_is_graded(grade_code):
    code = LESSON + DIGITS + ("import keras\nmodel.fit(X, y, epochs=1, verbose=0, "
                              "callbacks=[keras.callbacks.TensorBoard(log_dir='logs')])\n")
    assert_full_marks_and_nothing_to_review(grade_code(code))


def test_a_fit_inside_a_time_magic_runs(grade_code):
    notebook = v4.new_notebook()
    notebook.cells = [v4.new_code_cell("# grader: exercise=compile-adam\n%matplotlib inline\n" + LESSON + DIGITS),
                      v4.new_code_cell("%time history = model.fit(X, y, epochs=2, verbose=0)"),
                      v4.new_code_cell("import matplotlib.pyplot as plt\nplt.plot(history.history['loss'])\nplt.show()")]
    report = grade_code(nbformat.writes(notebook), suffix=".ipynb")
    assert_full_marks_and_nothing_to_review(report)
    assert "cell 2, line 1: ran `%time history = model.fit(X, y, epochs=2, verbose=0)` once, as plain Python." \
        in report.notes


def test_an_adapted_normalization_layer_is_measured_with_its_state(grade_code, catalogue):
    code = dedent("""
        # grader: exercise=train-digits
        import keras
        from sklearn.datasets import load_digits
        from sklearn.model_selection import train_test_split
        digits = load_digits()
        X_train, _, y_train, _ = train_test_split(digits.data.astype("float32"), digits.target, test_size=0.25,
                                                  random_state=0, stratify=digits.target)
        keras.utils.set_random_seed(0)
        norm = keras.layers.Normalization()
        norm.adapt(X_train)
        model = keras.Sequential([keras.Input((64,)), norm, keras.layers.Dense(128, activation="relu"),
                                  keras.layers.Dense(10, activation="softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        model.fit(X_train, y_train, epochs=15, batch_size=32, verbose=0)
    """)
    report = grade_code(code, exercise=catalogue["train-digits"])
    behaviour = check(report, "behaviour")
    assert behaviour.status == "passed", behaviour.message  # 80.7 % when measured without the layer's state
    assert report.score == 10 and report.findings == ()


def test_a_learning_rate_callback_does_not_change_the_rate_graded(grade_code):
    code = LESSON + DIGITS + dedent("""
        import keras
        lowered = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.1, patience=0, min_delta=10, min_lr=1e-5)
        model.fit(X, y, epochs=3, verbose=0, callbacks=[lowered])
        assert float(model.optimizer.learning_rate) < 1e-4  # the callback did lower it
    """)
    report = grade_code(code)
    assert_full_marks_and_nothing_to_review(report)
    assert "Adam with learning_rate=0.001" in check(report, "optimizer").message
    assert any("Training changed the optimizer's learning_rate" in note for note in report.notes)


def test_plots_and_tables_run_headless_and_show_nothing(grade_code):
    code = LESSON + DIGITS + dedent("""
        import matplotlib.pyplot as plt
        import pandas as pd
        history = model.fit(X, y, epochs=2, verbose=0)
        pd.DataFrame(history.history).plot()
        plt.show()
        plt.savefig("curves.png")
        print(pd.DataFrame(history.history).describe())
    """)
    report = grade_code(code)
    assert_full_marks_and_nothing_to_review(report)
    assert "non-interactive" not in report.output  # Agg's own show() would warn


def test_a_package_the_environment_lacks_is_named(grade_code):
    report = grade_code("import seaborn as sns\n" + LESSON)
    assert report.error.kind == "missing_package" and report.status == "error"
    assert "`seaborn`" in report.error.message and "grading environment does not provide" in report.error.message
    assert report.findings == ()


def test_a_keras_2_model_gets_a_clear_message_not_a_verdict(grade_code):
    code = dedent("""
        import tf_keras
        model = tf_keras.Sequential([tf_keras.layers.Dense(512, activation="relu", input_shape=(64,)),
                                     tf_keras.layers.Dense(10, activation="softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    """)
    report = grade_code(code)
    assert report.error.kind == "no_model" and report.findings == ()
    assert "Keras 2 model" in report.error.message and "grades Keras 3 models" in report.error.message


@pytest.mark.slow
def test_a_worker_that_cannot_start_says_why_whole(tmp_path):
    """A Keras the grader's integrity code once needed (KerasOwn.capture read `_NNX_ENABLED`) killed every
    worker, and the user read "the TensorFlow worker exited unexpectedly:". The cause is now told whole."""
    python = tmp_path / "python"
    python.write_text(f"#!/bin/sh\nexec {sys.executable} -c 'import grader.runner.worker as w\n"
                      "def start(namespaces):\n    raise KeyError(\"_NNX_ENABLED\")\n"
                      "w._start = start\nw.main()'\n")
    python.chmod(python.stat().st_mode | stat.S_IEXEC)
    with Engine(str(python)) as engine, pytest.raises(WorkerError) as caught:
        engine.start()
    assert "could not start: KeyError: '_NNX_ENABLED' (at " in caught.value.message
    assert "in start" in caught.value.message


def test_the_regrade_key_holds_the_tensorflow_and_keras_versions(compile_adam, monkeypatch):
    import grader.batch.run

    key = grading_key(compile_adam)
    monkeypatch.setattr(grader.batch.run, "installed_versions", lambda: (("tensorflow", "2.99.0"), ("keras", "3.99.0")))
    assert grading_key(compile_adam) != key


def test_a_flag_reads_neutrally_and_keeps_the_score(grade_code):
    report = grade_code(LESSON + "def relu(x):\n    import tensorflow as tf\n    return tf.maximum(x, 0.0)\n"
                        "model.layers[0].activation = relu\n")
    [finding] = report.findings
    assert (finding.kind, finding.action) == ("activations", "flag")
    assert report.score == 10 and report.error is None and failing(report) == set()
    note = next(note for note in report.notes if note.startswith("Your instructor will look at this submission"))
    assert "tamper" not in note.lower() and "does not change your score" in note
    assert json.loads(json.dumps(report.findings[0].to_dict()))["evidence"].startswith("layer `dense")
