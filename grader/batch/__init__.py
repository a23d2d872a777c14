"""Grading a class: collect submissions (``collect``), grade them over warm workers into an
exactly-once SQLite gradebook (``run``, ``gradebook``), show progress, write the class summary.

Runs in the CLI's process; imports no TensorFlow or Keras.

Runs in: the user's process (the `grader batch` command); imports no TensorFlow or Keras.
"""
