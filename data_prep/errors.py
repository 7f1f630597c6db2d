"""Errors raised at the edges of the build, each naming the file it is about."""

from __future__ import annotations

from pathlib import Path


class ArticleFormatError(Exception):
    """A file that cannot be read as an article; the message names the file and the problem."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self) -> tuple[type[ArticleFormatError], tuple[str, str]]:
        # Keep the two-argument form when pickled (worker processes send errors back).
        return (ArticleFormatError, (self.path, self.reason))


class FolderError(Exception):
    """The articles folder or the output folder cannot be used; the message names it."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{reason}: {path}")
        self.path = path
        self.reason = reason


class OutputError(Exception):
    """An output file that cannot be made; the message names it."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
