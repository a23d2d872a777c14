"""compile-adam end to end: every way of writing the right answer, and every common mistake.

The expected outcomes here are decisions about teaching, written by hand: which
checks a mistake should fail, and which it must not.
"""

from __future__ import annotations

from textwrap import dedent

import pytest

from tests.conftest import check, failing

LESSON_MODEL = """
from tensorflow.keras import layers, models
model = models.Sequential()
model.add(layers.Dense(512, activation='relu', input_shape=(64,)))
model.add(layers.Dense(10, activation='softmax'))
"""

LESSON_COMPILE = "model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])\n"


def with_model(compile_line: str = LESSON_COMPILE, model: str = LESSON_MODEL) -> str:
    return dedent(model) + compile_line


def trained(compile_options: str) -> str:
    """The lesson's model, compiled with extra options and trained in the file."""
    return dedent("""
        import keras
        from sklearn.datasets import load_digits
        digits = load_digits()
        model = keras.Sequential([
            keras.Input(shape=(64,)),
            keras.layers.Dense(512, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"]%s)
        model.fit(digits.data[:64], digits.target[:64], epochs=1, verbose=0)
    """) % compile_options


CORRECT = {
    "lesson": with_model(),
    "keras-import-and-input": dedent("""
        import keras
        model = keras.Sequential([
            keras.Input(shape=(64,)),
            keras.layers.Dense(512, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ])
        model.compile(optimizer=keras.optimizers.Adam(), loss="sparse_categorical_crossentropy", metrics=["acc"])
    """),
    "functional-api": dedent("""
        from tensorflow import keras
        inputs = keras.Input(shape=(64,))
        hidden = keras.layers.Dense(512, activation="relu")(inputs)
        outputs = keras.layers.Dense(10, activation="softmax")(hidden)
        model = keras.Model(inputs, outputs)
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    """),
    "tf-keras-objects": dedent("""
        import tensorflow as tf
        model = tf.keras.Sequential([
            tf.keras.layers.Dense(512, activation="relu", input_shape=(64,)),
            tf.keras.layers.Dense(10, activation="softmax"),
        ])
        model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=0.001),
                      loss=tf.keras.losses.SparseCategoricalCrossentropy(),
                      metrics=[tf.keras.metrics.SparseCategoricalAccuracy()])
    """),
    "input-dim-and-loss-function": dedent("""
        import keras
        model = keras.Sequential()
        model.add(keras.layers.Dense(512, activation="relu", input_dim=64))
        model.add(keras.layers.Dense(10, activation="softmax"))
        model.compile(optimizer="Adam", loss=keras.losses.sparse_categorical_crossentropy,
                      metrics=[keras.metrics.sparse_categorical_accuracy])
    """),
    "tf-nn-activations": dedent("""
        import tensorflow as tf
        from tensorflow.keras import layers, models
        model = models.Sequential([
            layers.Dense(512, activation=tf.nn.relu, input_shape=(64,)),
            layers.Dense(10, activation=tf.nn.softmax),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    """),
    "keras-activation-functions": dedent("""
        import keras
        model = keras.Sequential([
            keras.layers.Input((64,)),
            keras.layers.Dense(512, activation=keras.activations.relu),
            keras.layers.Dense(10, activation=keras.activations.softmax),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    """),
    "separate-activation-free-names-and-extras": dedent("""
        from tensorflow.keras import layers, models
        model = models.Sequential(name="wide")
        model.add(layers.Dense(512, activation="relu", input_shape=(64,), name="hidden"))
        model.add(layers.Dense(10, activation="softmax", name="digits"))
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy", "mae"])
        model.summary()
        print("done")
    """),
    # Keras' PyDataset with worker threads: multiprocessing semaphores (in a private /dev/shm),
    # lazily set-up Keras module state, and threads that end with fit().
    "trained-from-a-pydataset-with-workers": dedent("""
        import keras
        from sklearn.datasets import load_digits
        digits = load_digits()
        class Batches(keras.utils.PyDataset):
            def __len__(self):
                return 4
            def __getitem__(self, index):
                part = slice(index * 100, index * 100 + 100)
                return digits.data[part], digits.target[part]
        model = keras.Sequential([
            keras.Input(shape=(64,)),
            keras.layers.Dense(512, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        model.fit(Batches(workers=3, use_multiprocessing=False), epochs=1, verbose=0)
    """),
    # A Python generator left suspended after fit(): collecting it later runs its code again.
    "trained-from-a-python-generator": dedent("""
        import keras
        from sklearn.datasets import load_digits
        digits = load_digits()
        def batches():
            try:
                while True:
                    yield digits.data[:100], digits.target[:100]
            finally:
                print("generator closed")
        model = keras.Sequential([
            keras.Input(shape=(64,)),
            keras.layers.Dense(512, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        model.fit(batches(), steps_per_epoch=3, epochs=1, verbose=0)
    """),
    # compile() wraps the optimizer in a LossScaleOptimizer: still the optimizer it was given.
    "mixed-precision": dedent("""
        import keras
        keras.mixed_precision.set_global_policy("mixed_float16")
        model = keras.Sequential([
            keras.Input(shape=(64,)),
            keras.layers.Dense(512, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    """),
    # evaluate() builds the loss and metrics from the strings ("acc" and "crossentropy" by the
    # labels' shape), and the graph is run: the checks of what was built must accept Keras' own.
    "evaluated-after-compile-with-aliases": dedent("""
        import keras
        from sklearn.datasets import load_digits
        digits = load_digits()
        model = keras.Sequential([
            keras.Input(shape=(64,)),
            keras.layers.Dense(512, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["acc"])
        model.evaluate(digits.data[:64], digits.target[:64], verbose=0)
    """),
    "trained-with-loss-and-metric-functions-then-frozen-and-thawed": dedent("""
        import keras
        from sklearn.datasets import load_digits
        digits = load_digits()
        model = keras.Sequential([
            keras.layers.Dense(512, activation="relu", input_shape=(64,)),
            keras.layers.Dense(10, activation="softmax"),
        ])
        model.compile(optimizer=keras.optimizers.Adam(), loss=keras.losses.sparse_categorical_crossentropy,
                      metrics=[keras.metrics.sparse_categorical_accuracy])
        model.fit(digits.data[:128], digits.target[:128], epochs=1, verbose=0)
        model.trainable = False
        model.trainable = True
    """),
    # fit(), evaluate() and predict() cache traced steps on the model; the export traces them again
    # and compares. Several input dtypes (one trace each), a dataset, steps_per_execution > 1.
    "trained-evaluated-and-predicted-several-ways": dedent("""
        import keras
        import tensorflow as tf
        from sklearn.datasets import load_digits
        digits = load_digits()
        model = keras.Sequential([
            keras.Input(shape=(64,)),
            keras.layers.Dense(512, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"],
                      steps_per_execution=3)
        model.fit(digits.data[:96].astype("float32"), digits.target[:96].astype("int32"), epochs=1, verbose=0)
        model.fit(digits.data[:96], digits.target[:96], epochs=1, verbose=0)
        data = tf.data.Dataset.from_tensor_slices((digits.data[:96], digits.target[:96])).batch(32)
        model.fit(data, epochs=1, verbose=0)
        model.evaluate(data, verbose=0)
        model.predict(digits.data[:40], verbose=0)
    """),
    "trained-eagerly": trained(", run_eagerly=True"),
    "trained-with-xla": trained(", jit_compile=True"),
    # Notebooks often start so: it replaces Keras' thread-local trackers with new ones.
    "clear-session-first": "import keras\nkeras.backend.clear_session()\n" + with_model(),
    # An initializer is a free choice, unless it starts every unit the same (see MISTAKES).
    "he-normal-initializer": with_model(model=LESSON_MODEL.replace(
        "activation='relu'", "activation='relu', kernel_initializer='he_normal'")),
    "positive-bias-initializer": with_model(model=LESSON_MODEL.replace(
        "activation='relu'", "activation='relu', bias_initializer='ones'")),
    # An optimizer built by hand has fresh slots and a step counter at 0.
    "optimizer-built-before-training": dedent("""
        import keras
        model = keras.Sequential([
            keras.Input(shape=(64,), dtype="float64"),
            keras.layers.Dense(512, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        model.optimizer.build(model.trainable_variables)
    """),
    "optimizer-object-compiled-twice": dedent("""
        import keras
        model = keras.Sequential([
            keras.Input(shape=(64,)),
            keras.layers.Dense(512, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ])
        model.compile(optimizer="sgd", loss="mse")
        model.compile(optimizer=keras.optimizers.Adam(), loss="sparse_categorical_crossentropy",
                      metrics=["accuracy"])
    """),
    # Saving, loading and quieter logging leave entries in Keras' thread-local state that do not
    # change how the model computes.
    "saved-loaded-and-quiet": dedent("""
        import keras
        keras.config.disable_interactive_logging()
        model = keras.Sequential([
            keras.Input(shape=(64,)),
            keras.layers.Dense(512, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        model.save("digits.keras")
        model.save_weights("digits.weights.h5")
        model.load_weights("digits.weights.h5")
        copy = keras.models.load_model("digits.keras")
        keras.random.normal((2,))
    """),
    # The loss for the one output, keyed by its name; flash attention off (no attention layer here).
    "loss-given-per-output-name": dedent("""
        import keras
        keras.config.disable_flash_attention()
        model = keras.Sequential([
            keras.Input(shape=(64,)),
            keras.layers.Dense(512, activation="relu"),
            keras.layers.Dense(10, activation="softmax", name="digit"),
        ])
        model.compile(optimizer="adam", loss={"digit": "sparse_categorical_crossentropy"}, metrics=["accuracy"])
    """),
    # An optimizer that has stepped is graded by its settings, however it stepped: in fit() before
    # compile() was called again with it, or in a training loop of the student's own.
    "trained-then-compiled-again-with-the-same-optimizer": dedent("""
        import keras
        from sklearn.datasets import load_digits
        digits = load_digits()
        optimizer = keras.optimizers.Adam()
        model = keras.Sequential([
            keras.Input(shape=(64,)),
            keras.layers.Dense(512, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ])
        model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        model.fit(digits.data[:64], digits.target[:64], epochs=1, verbose=0)
        model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    """),
    "trained-in-a-loop-of-its-own-then-compiled": dedent("""
        import keras
        import tensorflow as tf
        from sklearn.datasets import load_digits
        digits = load_digits()
        optimizer = keras.optimizers.Adam()
        model = keras.Sequential([
            keras.Input(shape=(64,)),
            keras.layers.Dense(512, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ])
        loss_fn = keras.losses.SparseCategoricalCrossentropy()
        x, y = digits.data[:64].astype("float32"), digits.target[:64]
        for _ in range(2):
            with tf.GradientTape() as tape:
                loss = loss_fn(y, model(x))
            gradients = tape.gradient(loss, model.trainable_variables)
            optimizer.apply_gradients(zip(gradients, model.trainable_variables))
        model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    """),
}


@pytest.mark.parametrize("code", CORRECT.values(), ids=CORRECT.keys())
def test_correct_submission_gets_full_marks(grade_code, code):
    report = grade_code(code)
    assert report.status == "passed", [(c.id, c.message) for c in report.checks]
    assert report.score == report.max_score == 10
    assert report.error is None


def test_a_model_under_another_name_is_found_and_noted(grade_code):
    report = grade_code(with_model().replace("model =", "net =").replace("model.", "net."))
    assert report.score == 10
    assert any("`net`" in note for note in report.notes)


# (id, compile line or whole code, checks that must fail)
MISTAKES = [
    ("sgd-instead-of-adam", with_model(LESSON_COMPILE.replace("'adam'", "'sgd'")), {"optimizer"}),
    ("adam-wrong-learning-rate",
     "import keras\n" + with_model(LESSON_COMPILE.replace("'adam'", "keras.optimizers.Adam(learning_rate=0.01)")),
     {"optimizer"}),
    ("categorical-crossentropy",
     with_model(LESSON_COMPILE.replace("sparse_categorical_crossentropy", "categorical_crossentropy")), {"loss"}),
    ("binary-crossentropy",
     with_model(LESSON_COMPILE.replace("sparse_categorical_crossentropy", "binary_crossentropy")), {"loss"}),
    ("mse-loss", with_model(LESSON_COMPILE.replace("sparse_categorical_crossentropy", "mse")), {"loss"}),
    ("from-logits-after-softmax",
     "import keras\n" + with_model(LESSON_COMPILE.replace(
         "'sparse_categorical_crossentropy'", "keras.losses.SparseCategoricalCrossentropy(from_logits=True)")),
     {"loss"}),
    ("no-metrics", with_model("model.compile(optimizer='adam', loss='sparse_categorical_crossentropy')\n"),
     {"metrics"}),
    ("exact-accuracy-class",
     "import keras\n" + with_model(LESSON_COMPILE.replace("'accuracy'", "keras.metrics.Accuracy()")), {"metrics"}),
    ("categorical-accuracy-with-integer-labels",
     with_model(LESSON_COMPILE.replace("'accuracy'", "'categorical_accuracy'")), {"metrics"}),
    ("narrower-hidden-layer", with_model(model=LESSON_MODEL.replace("512", "256")), {"layers", "params"}),
    ("sigmoid-hidden-activation", with_model(model=LESSON_MODEL.replace("'relu'", "'sigmoid'")), {"layers"}),
    ("sigmoid-output-activation", with_model(model=LESSON_MODEL.replace("'softmax'", "'sigmoid'")), {"layers"}),
    ("zeros-kernel-initializer",
     with_model(model=LESSON_MODEL.replace("activation='relu'", "activation='relu', kernel_initializer='zeros'")),
     {"layers"}),
    # Initializers are a free choice, unless no relu unit is ever active with what they give.
    ("dead-relu-bias-initializer",
     "import keras\n" + with_model(model=LESSON_MODEL.replace(
         "activation='relu'", "activation='relu', bias_initializer=keras.initializers.Constant(-100.0)")),
     {"layers"}),
    ("negative-kernel-initializer",
     "import keras\n" + with_model(model=LESSON_MODEL.replace(
         "activation='relu'", "activation='relu', kernel_initializer=keras.initializers.RandomUniform(-0.2, -0.1)")),
     {"layers"}),
    # A loss's config leaves its dtype out; the export carries it (float16 underflows the clip).
    ("loss-in-float16",
     "import keras\n" + with_model(LESSON_COMPILE.replace(
         "'sparse_categorical_crossentropy'", "keras.losses.SparseCategoricalCrossentropy(dtype='float16')")),
     {"loss"}),
    # Values set by hand after building: the same dead layer a zeros initializer makes (only the
    # hidden layer: the output layer's random kernel passes), and a weight that is not a number.
    ("hidden-weights-set-to-zeros",
     with_model(model=LESSON_MODEL + "import numpy as np\n"
                "model.layers[0].set_weights([np.zeros((64, 512)), np.zeros(512)])\n"), {"layers"}),
    ("a-bias-set-to-nan",
     with_model(model=LESSON_MODEL + "import numpy as np\n"
                "model.layers[1].bias.assign(np.full(10, np.nan, 'float32'))\n"), {"layers"}),
    ("extra-dense-layer",
     with_model(model=LESSON_MODEL + "model.pop()\nmodel.add(layers.Dense(64, activation='relu'))\n"
                "model.add(layers.Dense(10, activation='softmax'))\n"), {"layers", "params"}),
    ("extra-dropout",
     with_model(model=LESSON_MODEL.replace(
         "model.add(layers.Dense(10", "model.add(layers.Dropout(0.5))\nmodel.add(layers.Dense(10")),
     {"layers"}),
    ("wrong-input-size", with_model(model=LESSON_MODEL.replace("(64,)", "(784,)")), {"layers", "params"}),
    ("frozen-hidden-layer",
     with_model(model=LESSON_MODEL.replace("input_shape=(64,)", "input_shape=(64,), trainable=False")),
     {"params"}),
    ("not-compiled", with_model(""), {"optimizer", "loss", "metrics"}),
    ("no-input-shape", with_model(model=LESSON_MODEL.replace(", input_shape=(64,)", "")), {"layers", "params"}),
]


@pytest.mark.parametrize(("code", "expected_failures"), [m[1:] for m in MISTAKES], ids=[m[0] for m in MISTAKES])
def test_each_mistake_fails_exactly_its_checks(grade_code, code, expected_failures):
    report = grade_code(code)
    assert report.status == "failed"
    assert failing(report) == expected_failures, [(c.id, c.status, c.message) for c in report.checks]
    for result in report.checks:
        if result.id in expected_failures:
            assert result.score < result.max_score
            assert result.message and result.hint
        else:
            assert result.score == result.max_score


def test_wrong_learning_rate_keeps_half_the_optimizer_points(grade_code):
    code = "import keras\n" + with_model(LESSON_COMPILE.replace("'adam'", "keras.optimizers.Adam(0.01)"))
    result = check(grade_code(code), "optimizer")
    assert result.score == 1.0
    assert "learning_rate is 0.01 where 0.001 was expected" in result.message


def test_categorical_crossentropy_message_explains_one_hot_labels(grade_code):
    code = with_model(LESSON_COMPILE.replace("sparse_categorical_crossentropy", "categorical_crossentropy"))
    message = check(grade_code(code), "loss").message
    assert "one-hot" in message and "integers 0-9" in message


def test_from_logits_after_softmax_explains_what_it_claims_and_what_keras_does(grade_code):
    code = "import keras\n" + with_model(LESSON_COMPILE.replace(
        "'sparse_categorical_crossentropy'", "keras.losses.SparseCategoricalCrossentropy(from_logits=True)"))
    result = check(grade_code(code), "loss")
    assert "probabilities" in result.message and "applied twice" in result.message
    assert "Keras 3 on TensorFlow notices this" in result.message  # measured: it trains like the fix
    assert result.actual == {"name": "sparse_categorical_crossentropy", "from_logits": True}


def test_linear_output_with_from_logits_is_a_consistent_loss(grade_code):
    code = "import keras\n" + with_model(
        LESSON_COMPILE.replace("'sparse_categorical_crossentropy'",
                               "keras.losses.SparseCategoricalCrossentropy(from_logits=True)"),
        model=LESSON_MODEL.replace(", activation='softmax'", ""))
    report = grade_code(code)
    assert failing(report) == {"layers"}


def test_exact_accuracy_message_explains_the_difference_from_the_string(grade_code):
    code = "import keras\n" + with_model(LESSON_COMPILE.replace("'accuracy'", "keras.metrics.Accuracy()"))
    message = check(grade_code(code), "metrics").message
    assert "exactly" in message and "SparseCategoricalAccuracy" in message


def test_frozen_layer_message_names_the_layer_and_the_trainable_count(grade_code):
    code = with_model(model=LESSON_MODEL.replace("input_shape=(64,)", "input_shape=(64,), trainable=False"))
    result = check(grade_code(code), "params")
    assert result.actual == {"total": 38410, "trainable": 5130, "non_trainable": 33280}
    assert "5,130 are trainable" in result.message and "dense" in result.message


def test_a_model_frozen_as_a_whole_trains_nothing_even_with_a_layer_thawed(grade_code):
    # model.trainable = False, then one layer set back: Keras trains no weight of a model that is
    # not trainable (trainable_weights is []), though that layer says trainable. Keras' own
    # Sequential.from_config drops the model's flag; the rebuilt model must keep it.
    report = grade_code(with_model() + "model.trainable = False\nmodel.layers[0].trainable = True\n")
    assert report.error is None
    assert failing(report) == {"params"}
    assert check(report, "params").actual == {"total": 38410, "trainable": 0, "non_trainable": 38410}
    assert "0 are trainable" in check(report, "params").message


def test_a_setting_changed_after_fit_without_compiling_again_is_flagged_with_the_remedy(grade_code):
    # Keras keeps the step fit() traced until compile() (or make_train_function(force=True)) makes
    # a new one, so this model's next fit() would still train the hidden layer, and from a
    # different Adam: graded as it is now, and listed for review with what to do about it.
    fitted = with_model() + ("from sklearn.datasets import load_digits\ndigits = load_digits()\n"
                             "model.fit(digits.data[:64], digits.target[:64], epochs=1, verbose=0)\n")
    for change, failed in (("model.layers[0].trainable = False\n", {"params"}), ("model.optimizer.beta_1 = 0.5\n", set())):
        report = grade_code(fitted + change)
        assert report.error is None and failing(report) == failed
        [finding] = report.findings
        assert finding.kind == "cached-steps" and finding.action == "flag"
        assert "cached training step (`train_function`, which fit() made and keeps)" in finding.evidence
        assert "calling compile() again" in finding.evidence
        assert any(note.startswith("Your instructor will look at this submission") for note in report.notes)
        assert not any("tamper" in note.lower() for note in report.notes)
    # compiled again after the change: graded as it is now (the hidden layer frozen), nothing to review
    report = grade_code(fitted + "model.layers[0].trainable = False\n" + LESSON_COMPILE)
    assert report.error is None and failing(report) == {"params"} and report.findings == ()


def test_fit_with_a_loss_of_ones_own_is_graded_and_its_steps_are_not_traced_again(grade_code):
    code = with_model(LESSON_COMPILE.replace("'sparse_categorical_crossentropy'", "my_loss"), model=(
        "import keras\ndef my_loss(y_true, y_pred):\n"
        "    return keras.losses.sparse_categorical_crossentropy(y_true, y_pred)\n" + LESSON_MODEL))
    assert grade_code(code).error is None  # compiled only: graded, the loss marked as custom
    report = grade_code(code + "import numpy\nmodel.fit(numpy.zeros((4, 64)), numpy.zeros(4), verbose=0)\n")
    assert report.error is None and failing(report) == {"loss"} and report.findings == ()
    assert any("`cached-steps` did not look at this submission" in note and "of the submission's own" in note
               for note in report.notes)


TWO_OUTPUTS = """
import keras
from sklearn.datasets import load_digits
digits = load_digits()
inputs = keras.Input(shape=(64,), name="pixels")
hidden = keras.Sequential([keras.layers.Dense(32, activation="relu")], name="inner")(inputs)
digit = keras.layers.Dense(10, activation="softmax", name="digit")(hidden)
even = keras.layers.Dense(1, activation="sigmoid", name="even")(hidden)
model = keras.Model(inputs, [digit, even])
"""


SPARSE = '{"digit": digits.target[:64], "even": (digits.target[:64] % 2).reshape(-1, 1)}'
ONE_HOT = '{"digit": keras.utils.to_categorical(digits.target[:64], 10), "even": (digits.target[:64] % 2).reshape(-1, 1)}'


@pytest.mark.parametrize(("compile_line", "labels"), [
    ('model.compile(optimizer="adam", loss={"even": "binary_crossentropy", "digit": "crossentropy"}, '
     'loss_weights={"digit": 1.0, "even": 0.5}, metrics={"digit": ["acc"], "even": ["accuracy", "mae"]})', SPARSE),
    ('model.compile(optimizer="adam", loss=["sparse_categorical_crossentropy", keras.losses.binary_crossentropy], '
     'loss_weights=[1.0, 2.0], metrics=[["accuracy"], ["accuracy"]])', SPARSE),
    ('model.compile(optimizer="sgd", loss="mse")', ONE_HOT),  # one loss, built once per output
], ids=["dicts", "lists", "one-loss"])
def test_honest_models_of_two_outputs_are_graded_after_training(grade_code, compile_line, labels):
    # The built losses and metrics are matched with what compile() was given, output by output,
    # weights included; a nested model's graph is checked too. None of that may refuse Keras' own.
    report = grade_code(TWO_OUTPUTS + compile_line + f"\nmodel.fit(digits.data[:64], {labels}, epochs=1, verbose=0)\n"
                        f"model.evaluate(digits.data[:64], {labels}, verbose=0)\n")
    assert report.error is None, report.error
    assert report.status == "failed"  # not the exercise's model, but graded


@pytest.mark.parametrize("optimizer", [
    "keras.optimizers.Adam(use_ema=True)", "keras.optimizers.SGD(momentum=0.9, nesterov=True)",
    "keras.optimizers.AdamW(weight_decay=0.01)", "keras.optimizers.RMSprop(gradient_accumulation_steps=2)",
    "keras.optimizers.Adam(keras.optimizers.schedules.ExponentialDecay(0.01, 100, 0.9), amsgrad=True)",
], ids=["ema", "nesterov", "adamw", "accumulation", "schedule-amsgrad"])
def test_honest_optimizers_are_graded_after_training(grade_code, optimizer):
    # After fit() the optimizer's counter, slots and settings are what training left: the checks
    # of its slot lists and fields must accept every Keras optimizer that trained.
    report = grade_code(with_model(f"import keras\nfrom sklearn.datasets import load_digits\ndigits = load_digits()\n"
                                   f"model.compile(optimizer={optimizer}, loss='sparse_categorical_crossentropy', "
                                   "metrics=['accuracy'])\n"
                                   "model.fit(digits.data[:128], digits.target[:128], batch_size=32, epochs=1, verbose=0)\n"))
    assert report.error is None, report.error
    assert {"loss", "metrics", "layers", "params"}.isdisjoint(failing(report))  # graded, not refused


def test_changed_global_keras_settings_are_named_and_flagged(grade_code):
    report = grade_code("import keras\nkeras.config.set_floatx('float64')\n" + with_model())
    kinds = {finding.kind for finding in report.findings}
    assert "keras-settings" in kinds and all(finding.action == "flag" for finding in report.findings)
    evidence = next(finding.evidence for finding in report.findings if finding.kind == "keras-settings")
    assert "`floatx` is 'float64', not 'float32'" in evidence


def test_a_bool_input_dtype_fails_the_layers_check_and_says_why(grade_code):
    report = grade_code(with_model(model="""
        import keras
        model = keras.Sequential([keras.Input((64,), dtype="bool"), keras.layers.Dense(512, activation="relu"),
                                  keras.layers.Dense(10, activation="softmax")])
    """))
    assert failing(report) == {"layers"}
    assert check(report, "layers").score == 1  # half of the layers' 2 points: the layers match, the input does not
    assert "input dtype is bool" in check(report, "layers").message and "0 or 1" in check(report, "layers").message


def test_extra_dropout_explains_that_params_are_unchanged(grade_code):
    code = with_model(model=LESSON_MODEL.replace(
        "model.add(layers.Dense(10", "model.add(layers.Dropout(0.5))\nmodel.add(layers.Dense(10"))
    message = check(grade_code(code), "layers").message
    assert "Dropout(rate=0.5)" in message and "is extra" in message and "no weights" in message


def test_a_loss_in_float16_is_explained(grade_code):
    code = "import keras\n" + with_model(LESSON_COMPILE.replace(
        "'sparse_categorical_crossentropy'", "keras.losses.SparseCategoricalCrossentropy(dtype='float16')"))
    result = check(grade_code(code), "loss")
    assert "given dtype=float16" in result.message and "round to 0" in result.message
    assert "ignore_class" not in result.message


@pytest.mark.parametrize(("dtype", "why"), [("float64", "Keras' default float32"), ("float16", "round away")])
def test_layers_in_another_dtype_say_why(grade_code, dtype, why):
    code = with_model(model=LESSON_MODEL.replace("activation='relu'", f"activation='relu', dtype='{dtype}'"))
    result = check(grade_code(code), "layers")
    assert f"dtype={dtype}" in result.message and why in result.message


def test_a_model_built_in_a_distribution_strategy_is_graded(grade_code):
    code = dedent("""
        import keras
        import tensorflow as tf
        with tf.distribute.MirroredStrategy().scope():
            model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(512, activation="relu"),
                                      keras.layers.Dense(10, activation="softmax")])
            model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    """)
    report = grade_code(code)
    assert report.error is None and report.score == 10 and report.findings == (), (report.error, report.findings)
    assert any("`variables` did not look at this submission" in note and "strategy" in note for note in report.notes)


def test_an_adapted_normalization_layer_is_graded_not_refused(grade_code):
    code = dedent("""
        import keras
        from sklearn.datasets import load_digits
        x, y = load_digits(return_X_y=True)
        norm = keras.layers.Normalization()
        norm.adapt(x)
        model = keras.Sequential([keras.Input((64,)), norm, keras.layers.Dense(512, activation="relu"),
                                  keras.layers.Dense(10, activation="softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    """)
    report = grade_code(code)
    assert report.error is None, report.error
    assert failing(report) == {"layers", "params"}  # an extra layer, graded as one


def test_weights_set_by_hand_are_explained_where_they_are(grade_code):
    zeros = with_model(model=LESSON_MODEL + "for weight in model.weights:\n    weight.assign(weight * 0)\n")
    message = check(grade_code(zeros), "layers").message
    assert message.count("kernel=the same in every unit") == 2  # both layers
    assert "Identical units get identical gradients" in message
    nan = with_model(model=LESSON_MODEL + "model.layers[0].kernel.assign(model.layers[0].kernel / 0)\n")
    message = check(grade_code(nan), "layers").message
    assert "weights=not finite" in message and "NaN or infinite" in message


def test_uncompiled_model_keeps_layer_and_parameter_points(grade_code):
    report = grade_code(with_model(""))
    assert report.error is not None and report.error.kind == "not_compiled"
    assert report.status == "failed"
    assert report.score == 4  # layers (2) + params (2)
    assert "not compiled" in check(report, "loss").message


def test_unbuilt_model_gets_its_own_message(grade_code):
    report = grade_code(with_model(model=LESSON_MODEL.replace(", input_shape=(64,)", "")))
    assert report.error is not None and report.error.kind == "not_built"
    assert "input shape" in check(report, "layers").message
    assert "cannot count" in check(report, "params").message
    assert check(report, "optimizer").status == "passed"


def test_parameter_counts_come_from_the_rebuilt_model(grade_code):
    result = check(grade_code(with_model()), "params")
    # 64*512 + 512 = 33,280 and 512*10 + 10 = 5,130, checked by hand.
    assert result.actual == {"total": 38410, "trainable": 38410, "non_trainable": 0}
    assert "33,280 + 5,130" in result.message


NO_MODEL = [
    ("no-model-at-all", "x = 1\n", "no_model", "defines none"),
    ("model-is-a-string", "model = 'Sequential'\n", "no_model", "is a str"),
    ("two-models-neither-named-model",
     "import keras\na = keras.Sequential([keras.layers.Dense(1)])\nb = keras.Sequential([keras.layers.Dense(2)])\n",
     "no_model", "`a`, `b`"),
]


@pytest.mark.parametrize(("code", "kind", "phrase"), [c[1:] for c in NO_MODEL], ids=[c[0] for c in NO_MODEL])
def test_missing_model_is_an_error_with_a_clear_message(grade_code, code, kind, phrase):
    report = grade_code(code)
    assert report.status == "error"
    assert report.score == 0
    assert report.error.kind == kind
    assert phrase in report.error.message
    assert {c.status for c in report.checks} == {"skipped"}


def test_syntax_error_names_the_line(grade_code):
    report = grade_code(with_model() + "model.fit(X,\n")
    assert report.status == "error" and report.error.kind == "syntax"
    assert report.error.line == 7  # the dedented model starts with a blank line


def test_exception_names_its_type_and_line(grade_code):
    report = grade_code(with_model() + "model.fit(X_train, y_train)\n")
    assert report.status == "error" and report.error.kind == "exception"
    assert "NameError" in report.error.message and "line 7" in report.error.message


def test_keras_errors_in_the_submission_are_reported_in_its_terms(grade_code):
    report = grade_code(with_model(LESSON_COMPILE.replace("['accuracy']", "'accuracy'")))
    assert report.status == "error" and report.error.kind == "exception"
    assert "ValueError" in report.error.message and "metrics" in report.error.message


def test_sys_exit_after_building_still_grades_the_model(grade_code):
    report = grade_code("import sys\n" + with_model() + "sys.exit(0)\nraise RuntimeError('never reached')\n")
    assert report.score == 10
    assert any("sys.exit(0)" in note for note in report.notes)
