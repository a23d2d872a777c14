"""Running submissions apart from the grader: the client the CLI talks through (``client``), the
warm TensorFlow worker it starts (``worker``, ``warmup``) and how the worker confines each child
(``sandbox`` with its namespaces, ``landlock`` and ``seccomp``).

``client`` runs in the CLI and imports no TensorFlow; the rest runs in the worker.

Runs in: the warm worker, and the sandboxed children it forks; imports TensorFlow, never a TensorFlow operation.
"""
