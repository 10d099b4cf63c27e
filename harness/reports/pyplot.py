"""matplotlib's pyplot for the harness's figures, imported when a figure is first drawn.

The import takes about a second, which commands that draw nothing do not pay.
"""

from __future__ import annotations

from types import ModuleType


def pyplot() -> ModuleType:
    """``matplotlib.pyplot`` on the Agg backend (files only, no display)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot

    return matplotlib.pyplot
