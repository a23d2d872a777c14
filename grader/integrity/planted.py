"""Detector ``planted-callable``: a C-level callable left where the export could call it.

Runs in the sandboxed child's sender thread, before the export, over what the submission left in
the containers that existed before it ran (``grader.child.containers``: registries such as
``copy._deepcopy_dispatch``, a finder on ``sys.meta_path``, a logger's attributes) and over
everything reachable from its model (``grader.integrity.walk``). Such a callable (a
``functools.partial`` over ``os.write``, ``map``, ``operator.methodcaller``) would run in the
sender with no Python frame for its guard to stop, so the export cannot run safely past it: this
detector can only refuse. Honest code has no reason to make one, and none is looked for among
the callables that run the one operation their caller asks for.

Containers are watched on CPython 3.11 only (``grader.child.containers.layout_holds``); elsewhere the walk
covers the model and the namespaces ``grader.child.fingerprint`` puts back.

Runs in: the sandboxed child's sender or the trusted describer, as each detector's stage says; imports nothing of grader.child.
"""

from __future__ import annotations

from typing import Any

from grader.integrity import Detector
from grader.integrity.walk import walk


class PlantedCallable(Detector):
    id = "planted-callable"
    title = "a callable that binds arguments or chains calls was left where the grader's code could call it"
    default = "refuse"
    refuse_only = True
    stage = "gate"

    @staticmethod
    def inspect(context: tuple[list[Any], frozenset[int], frozenset[int]], kit: Any) -> list[str]:
        """``context``: (what changed containers hold now, ids of objects that existed, ids of
        classes that existed)."""
        contents, known, known_types = context
        found = walk([items for _, _, items in contents], known, known_types)
        return [f"it left {found}"] if found else []

    @staticmethod
    def inspect_model(model: Any, known: frozenset[int], known_types: frozenset[int], tolerated: frozenset[int],
                      hidden: list[tuple[Any, str]]) -> list[str]:
        """The same for everything reachable from the model, collecting code hidden on Keras' own
        objects into ``hidden`` on the way (``model-methods``)."""
        found = walk([model], known, known_types, tolerated, hidden)
        return [f"the model holds {found}"] if found else []
