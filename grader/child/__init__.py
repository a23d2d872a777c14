"""The untrusted side: what runs inside a sandboxed child, next to the student's code.

``export`` runs the submission and exports its model as plain data; ``sender`` is the one thread
that can send it; ``fingerprint`` and ``containers`` record the process before student code runs,
so that what the code replaced is put back; ``integrity`` holds the detectors, one per concern.
Everything here binds its names at import, in the worker, before any student code exists.
Nothing trusted imports this package (the describer and the checks read only what it sends).

Runs in: the sandboxed child, next to student code; its names are bound in the worker before any student code exists.
"""
