"""Descriptors that belong to this process alone: a process forked from it lets go of its copies at once.

A pool's worker inherits every descriptor of the build. Some must not outlive the build in a worker
that outlives it (killed build, stalled worker): the output folder's lock, which would keep the folder
locked, and the Parquet formatter's pipe, which would keep the formatter alive. In a forked child each
is pointed at /dev/null: the descriptor numbers stay valid, so inherited file objects may still close them.
"""

from __future__ import annotations

import os

_OWN: set[int] = set()  # the descriptors this process holds for itself alone


def keep_from_children(*descriptors: int) -> None:
    """Let no process forked from now on keep these descriptors open."""
    _OWN.update(descriptors)


def share_with_children(*descriptors: int) -> None:
    """Forget these descriptors (closed, or no longer this process's alone)."""
    _OWN.difference_update(descriptors)


def _let_go_in_child() -> None:
    if not _OWN:
        return
    nothing = os.open(os.devnull, os.O_RDONLY)
    try:
        for descriptor in _OWN:
            os.dup2(nothing, descriptor)
    finally:
        os.close(nothing)
    _OWN.clear()


os.register_at_fork(after_in_child=_let_go_in_child)
