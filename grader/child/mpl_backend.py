"""The matplotlib backend submissions get: Agg's drawing, and a ``show()`` that does nothing.

Runs in the grading worker and its sandboxed children (``MPLBACKEND=module://grader.child.mpl_backend``,
set by ``grader.runner.client``). There is no screen while a submission is graded: figures are drawn as
Agg draws them (``savefig`` works), and ``plt.show()`` returns at once without the warning Agg's
own ``show`` prints, as a notebook's inline backend would.

Runs in: the sandboxed child, next to student code; its names are bound in the worker before any student code exists.
"""

from __future__ import annotations

from typing import Any

from matplotlib.backend_bases import FigureManagerBase
from matplotlib.backends.backend_agg import FigureCanvasAgg

FigureCanvas = FigureCanvasAgg
FigureManager = FigureManagerBase


def show(*args: Any, **kwargs: Any) -> None:
    """Nothing to show without a screen."""
