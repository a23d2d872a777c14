"""The course: the exercise catalogue (``exercise.toml``), loading submissions, rendering stubs,
scaffolding new exercises.

Runs in the CLI and the instructor's tools; imports no TensorFlow or Keras.

Runs in: the user's process (CLI, notebook, pytest); imports no TensorFlow or Keras.
"""
