"""The trusted side: a process forked from the pristine worker that never runs student code.

``service`` is the process; ``describe`` checks the plain data a child sent, rebuilds the model with
Keras' public API in safe mode and measures it into a ``ModelSpec``; ``trial`` trains a rebuilt
model where a check asks how it trains. Imports Keras, never a module of ``grader.child``.

Runs in: the trusted describer, which never runs student code; imports Keras, nothing of grader.child.
"""
