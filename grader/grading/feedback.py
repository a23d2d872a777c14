"""Why a difference matters, in the lesson's terms. Plain text keyed by canonical names.

Keys are either the expected name (a general reason) or a pair
(expected, found) for a mistake worth its own explanation.

Runs in: the user's process (CLI, notebook, pytest); imports no TensorFlow or Keras.
"""

from __future__ import annotations

from grader.contract.layers import comparable, layer_settings
from grader.contract.spec import LayerSpec, format_shape

OPTIMIZER_WHY = {
    "Adam": "Adam combines momentum with per-weight step sizes (the ideas of AdaGrad and RMSprop), "
            "which makes it a robust default for noisy gradients.",
    "SGD": "SGD moves every weight against its gradient by the learning rate; momentum keeps part of the "
           "previous step, which smooths and speeds up descent.",
    "RMSprop": "RMSprop divides each step by a running average of recent gradient sizes, so weights with "
               "large gradients take smaller steps.",
}

LOSS_WHY: dict[object, str] = {
    "sparse_categorical_crossentropy":
        "The Digits labels are the integers 0-9 and the output is 10 class probabilities: sparse categorical "
        "cross-entropy reads the class index directly and penalises a low probability on the true class.",
    "categorical_crossentropy":
        "With one-hot labels (a vector with a single 1 per example), categorical cross-entropy penalises a low "
        "probability on the true class.",
    "binary_crossentropy":
        "For a yes/no target and one sigmoid output, binary cross-entropy penalises a low probability on the "
        "true answer.",
    "mean_squared_error":
        "For a numeric target, mean squared error penalises the squared distance between prediction and truth.",
    ("sparse_categorical_crossentropy", "categorical_crossentropy"):
        "categorical_crossentropy expects one-hot labels (a vector of 10 with a single 1), but the Digits "
        "labels are plain integers 0-9; with integer labels Keras needs sparse_categorical_crossentropy, "
        "which reads the class index directly.",
    ("sparse_categorical_crossentropy", "binary_crossentropy"):
        "binary_crossentropy is for yes/no targets with one sigmoid output; recognising digits is a choice "
        "among 10 classes, which calls for sparse_categorical_crossentropy with integer labels.",
    ("sparse_categorical_crossentropy", "mean_squared_error"):
        "mean squared error measures distances between numbers, which suits regression; treating digit "
        "classes as numbers would make 8 'closer' to 9 than to 1. Classification with integer labels calls "
        "for sparse_categorical_crossentropy.",
    ("categorical_crossentropy", "sparse_categorical_crossentropy"):
        "sparse_categorical_crossentropy expects each label as one class index, but here each label is a "
        "one-hot vector of 10 numbers (what to_categorical produced); with one-hot labels use "
        "categorical_crossentropy.",
    ("binary_crossentropy", "categorical_crossentropy"):
        "categorical cross-entropy compares distributions over several classes; with a single sigmoid output "
        "and labels 0 or 1, binary cross-entropy is the loss that matches.",
    ("binary_crossentropy", "mean_squared_error"):
        "mean squared error treats the yes/no label as a number to approach and barely punishes a confident "
        "wrong answer; binary cross-entropy punishes it hard, which is what a probability output needs.",
    ("mean_squared_error", "mean_absolute_error"):
        "mean absolute error penalises every error in proportion; mean squared error, asked for here, "
        "penalises large errors much more and is smooth at zero, which suits gradient descent.",
    ("sparse_categorical_crossentropy", "mean_absolute_error"):
        "mean absolute error measures distances between numbers, which suits regression, not a choice among "
        "10 classes. Classification with integer labels calls for sparse_categorical_crossentropy.",
}

SETTING_WHY = {
    "learning_rate": "The learning rate sets the size of each update: too large and training diverges, too "
                     "small and it crawls.",
    "momentum": "Momentum keeps a share of the previous step (0.9 keeps 90 %), which speeds descent along "
                "consistent directions and damps the zig-zag; without it SGD takes each step afresh.",
}

METRIC_WHY: dict[object, str] = {
    "sparse_categorical_accuracy":
        "It is the share of examples whose most probable class is the true label, which Keras then reports "
        "during training and evaluation.",
    ("sparse_categorical_accuracy", "accuracy"):
        "keras.metrics.Accuracy() counts a prediction as right only when it equals the label exactly, but the "
        "model outputs 10 probabilities, never the integer label itself, so it reports nonsense. The string "
        "'accuracy' is different: Keras turns it into SparseCategoricalAccuracy for integer labels.",
    ("sparse_categorical_accuracy", "categorical_accuracy"):
        "categorical_accuracy compares with one-hot labels; with the integer labels 0-9 it reports the wrong "
        "figure. The string 'accuracy' lets Keras pick the right kind.",
    ("sparse_categorical_accuracy", "binary_accuracy"):
        "binary_accuracy is for yes/no outputs; this model chooses among 10 classes.",
    ("categorical_accuracy", "sparse_categorical_accuracy"):
        "sparse_categorical_accuracy expects integer labels, but these labels are one-hot vectors; the string "
        "'accuracy' lets Keras pick CategoricalAccuracy for them.",
    "mean_absolute_error":
        "The mean absolute error reports how far predictions are from the true value on average, in the "
        "target's own units (here: digits).",
    ("mean_absolute_error", "binary_accuracy"):
        "'accuracy' on a single numeric output counts predictions that round to the exact target, which says "
        "little about a regression; the mean absolute error says how far off predictions are.",
}


# Why a defining setting of a layer matters (grader.contract.layers), by its get_config() name.
LAYER_SETTING_WHY = {
    "filters": "The number of filters is part of the architecture: each filter learns one feature map, so it sets "
               "the channels the next layer reads and the parameter count.",
    "kernel_size": "The kernel size sets how large a patch each filter looks at, and with it the size of the "
                   "output and the parameter count.",
    "strides": "The stride sets how far the window moves between positions: a larger one skips positions and "
               "shrinks the output.",
    "padding": "'valid' padding uses only whole windows, so the output shrinks; 'same' pads the input so that it "
               "does not. Either way it decides the output shape of this layer and of those after it.",
    "dilation_rate": "A dilation rate spreads the kernel's taps apart, so each filter sees a wider patch with the "
                     "same weights.",
    "pool_size": "The pool size sets how many neighbouring values each window summarises, and so how much the "
                 "layer shrinks the feature maps.",
    "rate": "The rate is the share of inputs set to 0 at each training step: it decides how strongly the layer "
            "regularises.",
    "axis": "The axis decides which dimension is normalised or joined: the features (-1) in most models.",
    "momentum": "The momentum sets how quickly the moving mean and variance follow the batches; the exercise keeps "
                "Keras' default.",
    "epsilon": "epsilon keeps the normalisation from dividing by a variance near 0; the exercise keeps Keras' default.",
    "input_dim": "input_dim must cover every index the inputs hold: one learned vector per index.",
    "output_dim": "output_dim sets the length of each learned vector, and with it the parameter count.",
    "return_sequences": "return_sequences=True outputs one vector per time step instead of only the last one; what "
                        "the next layer reads decides which is needed.",
    "target_shape": "The target shape decides how the values are arranged for the layers after it.",
}

# How a layer's parameters are counted, by class: said only for the classes whose count differs.
PARAMS_WHY = {
    "Dense": "A Dense layer has inputs × units weights plus one bias per unit, so the count changes with every "
             "layer's width and the input size.",
    "Conv1D": "A Conv1D layer has kernel length × input channels × filters weights plus one bias per filter.",
    "Conv2D": "A Conv2D layer has kernel height × kernel width × input channels × filters weights plus one bias per "
              "filter; the image size does not change it.",
    "Conv3D": "A Conv3D layer has kernel depth × kernel height × kernel width × input channels × filters weights "
              "plus one bias per filter.",
    "Conv2DTranspose": "A Conv2DTranspose layer has kernel height × kernel width × filters × input channels weights "
                       "plus one bias per filter.",
    "SeparableConv2D": "A SeparableConv2D layer has kernel height × kernel width × input channels depthwise weights, "
                       "input channels × filters pointwise weights and one bias per filter.",
    "DepthwiseConv2D": "A DepthwiseConv2D layer has kernel height × kernel width × input channels weights (times the "
                       "depth multiplier) plus one bias per output channel.",
    "BatchNormalization": "A BatchNormalization layer has 4 parameters per feature: a scale and an offset that "
                          "train, and a moving mean and variance that are not trainable (summary() counts those 2 "
                          "under 'Non-trainable params').",
    "LayerNormalization": "A LayerNormalization layer has 2 parameters per feature: a scale and an offset.",
    "Embedding": "An Embedding layer has input_dim × output_dim weights: one learned vector per index.",
    "LSTM": "An LSTM layer has 4 gates, each with inputs × units input weights, units × units recurrent weights and "
            "units biases: 4 × (inputs + units + 1) × units.",
    "GRU": "A GRU layer has 3 gates, each with input weights, recurrent weights and (Keras' default, "
           "reset_after=True) two biases per unit: 3 × (inputs + units + 2) × units.",
    "SimpleRNN": "A SimpleRNN layer has inputs × units input weights, units × units recurrent weights and units "
                 "biases: (inputs + units + 1) × units.",
}

DIGITS_INPUT = (None, 64)


def input_advice(shape: tuple[int | None, ...] | None) -> str:
    """How to give a model the expected input ``shape`` (the batch dimension first), without the full stop."""
    inner = format_shape(shape[1:] if shape else DIGITS_INPUT[1:])
    return f"Give the first layer input_shape={inner} or start with keras.Input(shape={inner})"


def input_meaning(shape: tuple[int | None, ...] | None) -> str:
    """What one input of the expected ``shape`` is, in a clause."""
    if shape is None or tuple(shape) == DIGITS_INPUT:
        return "each Digits image is 64 pixel values"
    return f"each input is an array of shape {format_shape(shape[1:])}"


def input_why(shape: tuple[int | None, ...] | None) -> str:
    """Why the model's input must have the expected ``shape``, in a sentence."""
    if shape is None or tuple(shape) == DIGITS_INPUT:
        return "Each Digits image is a flat vector of 64 pixel values, so the first layer must read 64 inputs."
    return (f"Each input the exercise gives the model is an array of shape {format_shape(shape[1:])}, so the "
            "model must be built for that shape.")


def params_why(layers: list[LayerSpec]) -> str:
    """How the parameters of each class among ``layers`` are counted, once a class; layers without weights
    said in one sentence."""
    classes = list(dict.fromkeys(layer.class_name for layer in layers if layer.params))
    weightless = list(dict.fromkeys(layer.class_name for layer in layers if not layer.params))
    sentences = [PARAMS_WHY[name] for name in classes if name in PARAMS_WHY]
    if weightless:
        sentences.append(f"{_listed(weightless)} layers have no weights (0 parameters).")
    return " ".join(sentences)


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def layer_difference_why(want: LayerSpec | None, got: LayerSpec | None, *, is_output: bool,
                         following: tuple[LayerSpec, ...] = ()) -> str:
    """One sentence on why a layer difference matters, or '' when there is nothing specific to say.
    ``following``: the student's layers after this one."""
    if want is None and got is not None:
        if got.class_name == "Dropout":
            return ("Dropout has no weights, so summary() still shows the same parameter count, but it changes "
                    "how the model trains and is not part of the architecture asked for.")
        if not got.params:
            return (f"{_article(got.class_name)} {got.class_name} layer has no weights, so the parameter count "
                    "stays the same, but it changes what the model computes and is not part of the architecture "
                    "asked for.")
        return "An extra layer changes the architecture, the output shapes and the parameter count."
    if got is None and want is not None:
        if not want.params:
            return (f"{_article(want.class_name)} {want.class_name} layer has no weights, but it changes what "
                    "the model computes: it is part of the architecture asked for.")
        return "A missing layer changes the architecture, the output shapes and the parameter count."
    assert want is not None and got is not None
    dense = want.class_name == "Dense"
    if got.class_name != want.class_name:
        return f"A {got.class_name} layer does something different from a {want.class_name} layer."
    if is_output and got.units != want.units:
        return (f"The output layer needs one unit per class: {want.units} units for {want.units} classes.")
    if is_output and got.activation != want.activation:
        if want.activation == "softmax":
            return ("softmax turns the outputs into probabilities that sum to 1, which is what the loss and "
                    "the accuracy metric expect from a classifier.")
        return f"The output activation decides what the outputs mean; {want.activation} is expected here."
    if got.activation != want.activation and got.activation == "linear":
        later = next((i for i, layer in enumerate(following) if layer.class_name == "Activation"
                      and layer.activation == want.activation), None)
        if later is not None:
            between = following[:later]
            return (f"Your model applies {want.activation} later, in a separate Activation layer"
                    + (f", after {', '.join(layer.class_name for layer in between)}" if between else "")
                    + ": the exercise asks for it inside this layer"
                    + (", so the layers in between see the values before the activation." if between else "."))
        if dense:
            return ("Without a non-linear activation such as relu, stacked Dense layers collapse into a single "
                    "linear map and the hidden layer adds nothing.")
        return (f"Without a non-linear activation such as relu, stacked {got.class_name} layers compose into a "
                "single linear map, so this one adds no new kind of feature.")
    # Said of the exercise at hand (a course's too), never of the lesson's model.
    layer = "The hidden layer" if dense else "This layer"
    if got.activation != want.activation:
        return f"{layer} should use {want.activation}, as the exercise's model does."
    if got.units != want.units:
        return f"{layer}'s width is part of the architecture: {want.units} units, as the exercise asks."
    for setting in layer_settings(want.class_name):
        if comparable(want.config.get(setting.key)) != comparable(got.config.get(setting.key)) \
                and setting.key in LAYER_SETTING_WHY:
            return LAYER_SETTING_WHY[setting.key]
    if "weights" in got.settings and "weights" not in want.settings:
        return ("Some of this layer's weights are NaN or infinite, so every output is too and training cannot "
                "recover. Training that diverged (a learning rate far too high) or values set by hand leave "
                "them: build and compile the model again.")
    if "kernel" in got.settings and "kernel" not in want.settings:
        return ("Every unit of this layer holds the same weights (set by hand after the layer was built, e.g. "
                "to zeros). Identical units get identical gradients and stay identical, so the layer learns "
                "like a single unit. Keep the random weights the initializer gives.")
    if got.settings.get("dtype") != want.settings.get("dtype"):
        if "16" in str(got.settings.get("dtype")):
            return ("Weights kept in 16-bit floats lose the small updates training makes (they round away), so "
                    "training stalls. Mixed precision ('mixed_float16') computes in float16 but keeps float32 weights.")
        return ("The exercise's model keeps its weights in Keras' default float32; another dtype changes what every "
                "layer computes in and is not what the exercise asks for.")
    if "relu_units" in got.settings and "relu_units" not in want.settings:
        return ("With the weights this layer's initializers give, none of its relu units is active on any Digits "
                "image: relu then passes no gradient back, so the layer never learns. Keep the default "
                "initializers (glorot_uniform kernel, zero bias).")
    if "kernel_initializer" in got.settings and "kernel_initializer" not in want.settings:
        return ("A constant kernel initializer starts every unit with the same weights; they then get the same "
                "gradients and stay identical, so the layer learns like a single unit. Leave the default "
                "(glorot_uniform), which starts them at random.")
    return ""


def _article(word: str) -> str:
    return "An" if word[:1].upper() in "AEIOU" else "A"
