"""Ctrl-C that a C extension cannot lose.

Python runs its SIGINT handler between bytecodes, also inside Python code that a C extension calls. CasADi
does that while it converts its arguments (``DM_from_array`` in ``Function.call``) and drops any exception
raised there while it tries the next conversion, so a ``KeyboardInterrupt`` raised at that moment vanished:
the run went on and the CLI exited 0, or the interrupt surfaced as a solver failure (status 1). Measured
on ``anodefree-sim run choi2025-bilayer-cycling`` interrupted 3-7 s into its solve: 4 of 40 runs lost the
interrupt (two exited 0, two with status 1; 2026-11-29).

:func:`noting_interrupts` installs a handler that records the interrupt before it raises, so whoever
swallows the exception cannot swallow the record; :func:`raise_if_interrupted` turns a recorded interrupt
back into ``KeyboardInterrupt`` at the next safe point: the end of an experiment step
(:class:`~anodefree_sim.simulation.recorder.InterruptCheck`), before a file is moved into place
(:mod:`anodefree_sim.files`), the end of a CLI command and its error paths. With the handler, 40 of 40
runs ended with status 130. Without it installed (library use, notebooks) nothing is recorded and both are
no-ops. No PyBaMM import here, so the CLI's start-up stays light.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

_interrupted = threading.Event()


def _record_and_raise(signum, frame) -> None:
    _interrupted.set()
    raise KeyboardInterrupt


def interrupted() -> bool:
    """True once a SIGINT has arrived while :func:`noting_interrupts` was active."""
    return _interrupted.is_set()


def raise_if_interrupted() -> None:
    """Raise ``KeyboardInterrupt`` if a SIGINT was recorded (whether or not its first raise was lost)."""
    if _interrupted.is_set():
        raise KeyboardInterrupt


@contextlib.contextmanager
def noting_interrupts() -> Iterator[None]:
    """Record every SIGINT while the block runs (main thread only; elsewhere, or when SIGINT is ignored, as
    in a job started in the background by a non-interactive shell, the block runs unchanged, as Python does).

    The record is cleared on entry and on exit (a Ctrl-C recorded by one CLI call must not end a later
    library run in the same process), and the previous handler is put back on exit.
    """
    if (threading.current_thread() is not threading.main_thread()
            or signal.getsignal(signal.SIGINT) is signal.SIG_IGN):  # ignored by the parent: stays ignored
        yield
        return
    _interrupted.clear()
    previous = signal.signal(signal.SIGINT, _record_and_raise)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        _interrupted.clear()
