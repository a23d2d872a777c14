"""What crosses processes: the model description (``spec``) and the grading outcome (``results``).

Imported everywhere (CLI, worker, child, describer); imports nothing but the standard library, so
it is the one place both sides of a trust boundary may share.

Runs in: every process; imports only the standard library.
"""
