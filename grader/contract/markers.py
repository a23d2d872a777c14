"""Names both sides of the sandbox agree on. Imported by the child and by trusted code alike;
imports nothing.

Runs in: every process; imports only the standard library.
"""

# Set in the environment while student code runs in the sandbox (``grader.integrations.jupyter.check``
# does nothing there: the notebook being graded calls it too).
SANDBOX_MARKER = "GRADER_SANDBOXED"

# Stands for an optimizer, loss or metric of the student's own class in the exported data.
CUSTOM_PREFIX = "custom:"
