"""A progress bar on stderr for long runs (rich), counting mined transactions."""

from __future__ import annotations

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

DESCRIPTION_WIDTH = 34


class ProgressBar:
    """Shows planned transactions mined so far and what is being run; use as a context manager."""

    def __init__(self) -> None:
        self._progress = Progress(
            TextColumn(f"{{task.description:<{DESCRIPTION_WIDTH}}}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("txs"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=False,
        )
        self._task: TaskID | None = None

    def __enter__(self) -> ProgressBar:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def start(self, total: int) -> None:
        """Begin a bar of ``total`` transactions."""
        self._task = self._progress.add_task("starting", total=total)

    def describe(self, text: str) -> None:
        """Say what is running now."""
        if self._task is not None:
            self._progress.update(self._task, description=text[-DESCRIPTION_WIDTH:])

    def advance(self) -> None:
        """Count one mined transaction."""
        if self._task is not None:
            self._progress.advance(self._task)
