"""Where the grader meets other tools: ``check()`` in a Jupyter notebook (``jupyter``), the pytest
plugin, the Gradescope autograder bundle.

Each runs in the tool's own process; none imports TensorFlow or Keras.

Runs in: the tool's own process (Jupyter kernel, pytest, Gradescope's container); imports no TensorFlow or Keras.
"""
