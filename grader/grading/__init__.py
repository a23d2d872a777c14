"""Grading one submission: the pipeline (``pipeline``), the checks that compare two model specs,
the feedback text that explains a difference, and the course's integrity policy.

Runs in the CLI's process; imports no TensorFlow or Keras (it asks the runner for a spec).

Runs in: the user's process (CLI, notebook, pytest); imports no TensorFlow or Keras.
"""
