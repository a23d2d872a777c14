"""Behaviour: does the model, as the student compiled it, actually learn Digits?

Runs in the trusted describer only (it trains a model rebuilt from plain data; no student
code). Seeded weights, one thread, no shuffling and a fixed split make it reproducible run
to run. The data ship with scikit-learn: nothing is downloaded.

Runs in: the trusted describer, which never runs student code; imports Keras, nothing of grader.child.
"""

from __future__ import annotations

from typing import Any

from grader.contract.spec import LABEL_KINDS

TEST_SIZE = 0.25
BATCH_SIZE = 64


def _split() -> tuple[Any, Any, Any, Any]:
    """The fixed split: three quarters to train on, a quarter held out (stratified, seed 0)."""
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    digits = load_digits()
    return train_test_split(digits.data.astype("float32"), digits.target, test_size=TEST_SIZE, random_state=0,
                            stratify=digits.target)


def _as_inputs(model: Any, x: Any) -> Any:
    """Digits' 64 features arranged as ``model``'s input when it reads the same 64 values in another
    shape (an 8x8x1 image, row by row as Digits stores them); otherwise as they are."""
    import math

    try:
        shape = tuple(model.inputs[0].shape)[1:]
    except Exception:  # noqa: BLE001 - no single input: fit as they are, and let Keras say what is wrong
        return x
    if shape == (64,) or None in shape or math.prod(shape) != x.shape[1]:
        return x
    return x.reshape((len(x), *shape))


def held_out_accuracy(model: Any, weights: list[Any]) -> dict[str, Any]:
    """Accuracy of ``model`` with the student's trained ``weights`` on the quarter of Digits held out."""
    import numpy as np

    from grader.describer.rebuild import finalize_preprocessing

    _, x_test, _, y_test = _split()
    try:
        model.set_weights([np.asarray(w, dtype=variable.dtype) for w, variable in zip(weights, model.weights)])
        finalize_preprocessing(model)
        predictions = np.asarray(model.predict(_as_inputs(model, x_test), batch_size=256, verbose=0))
    except Exception as exc:  # noqa: BLE001 - weights that do not fit the model are the finding
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:300]
        return {"error": f"Your trained weights could not be loaded into your model: {first}"}
    score = float(np.mean(np.argmax(predictions, axis=1) == y_test))
    return {"evaluated": "trained weights", "test_size": len(y_test), "score_name": "accuracy",
            "score": score if np.isfinite(score) else None}


def trial_training(model: Any, compile_config: dict[str, Any], options: dict[str, Any], labels: str) -> dict[str, Any]:
    """Train ``model`` (rebuilt, seeded) with ``compile_config`` on Digits, its targets encoded as the
    exercise's ``labels`` (``LABEL_KINDS``); the loss per epoch and a held-out score."""
    import keras
    import numpy as np

    epochs = int(options.get("epochs", 5))
    x_train, x_test, y_train, y_test = _split()
    fit_targets = {
        "integer": y_train,
        "one_hot": keras.utils.to_categorical(y_train, 10),
        "binary": (y_train % 2 == 0).astype("float32"),
        "continuous": y_train.astype("float32"),
    }
    if labels not in LABEL_KINDS:
        raise ValueError(f"unknown labels {labels!r}; use one of {', '.join(LABEL_KINDS)}")
    try:
        model.compile_from_config(compile_config)
        history = model.fit(_as_inputs(model, x_train), fit_targets[labels], epochs=epochs, batch_size=BATCH_SIZE,
                            shuffle=False, verbose=0)
        predictions = np.asarray(model.predict(_as_inputs(model, x_test), batch_size=256, verbose=0))
    except Exception as exc:  # noqa: BLE001 - a model that cannot train is the finding
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:300]
        return {"error": f"Keras could not train this model on Digits: {type(exc).__name__}: {first}"}
    losses = [float(value) for value in history.history["loss"]]
    if labels == "continuous":
        score_name, score = "mean absolute error", float(np.mean(np.abs(predictions.reshape(-1) - y_test)))
    elif labels == "binary":
        score_name = "accuracy"
        score = float(np.mean((predictions.reshape(-1) > 0.5) == (y_test % 2 == 0)))
    else:
        score_name, score = "accuracy", float(np.mean(np.argmax(predictions, axis=1) == y_test))
    return {"epochs": epochs, "train_size": len(x_train), "test_size": len(x_test), "losses": losses,
            "score_name": score_name, "score": score if np.isfinite(score) else None}
