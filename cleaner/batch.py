"""Batch cleaning: many pages in, results out in input order, across worker processes.

This module owns running work over a stream of tasks with bounded memory and per-task
isolation: the tasks run in worker processes (or in this process for ``jobs=1``), results come
back in input order, and an exception, a per-task timeout or a worker that dies becomes a
``Failure`` for that one task while the stream goes on. ``clean_many`` is its public face;
``runner`` drives the same machinery (``run_ordered``) for the command line. It does not read
files or write outputs (``runner``) and does not decide anything about a page (``pipeline``).

Timeouts: a worker process arms ``SIGALRM`` for each task, so a slow page raises
``DocumentTimeout`` inside the worker, which reports it and takes the next task. A worker stuck
where signals are not handled (a long call into C code) is killed by the parent
``KILL_GRACE_SECONDS`` after its deadline and replaced. With ``jobs=1`` the task runs in the
calling thread: the alarm works only in the main thread of a POSIX process; elsewhere (threads,
Windows) there is no time limit with ``jobs=1``.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

from .config import Config
from .document import Document
from .errors import InputError

__all__ = [
    "DocumentTimeout",
    "call_isolated",
    "Failure",
    "FailureReason",
    "clean_many",
    "resolve_jobs",
    "run_ordered",
    "time_limit",
]

K = TypeVar("K")
P = TypeVar("P")
R = TypeVar("R")

#: Why an input failed: ``input`` (not a page: binary data, too large, a bad JSONL record),
#: ``timeout`` (over the per-document time limit), ``crash`` (the worker process died),
#: ``error`` (an exception in the cleaner: a bug, please report), ``read`` (the file could not
#: be read), ``output`` (its output could not be written).
FailureReason = str
FAILURE_REASONS: tuple[FailureReason, ...] = (
    "input", "timeout", "crash", "error", "read", "output"
)

#: Tasks read ahead per worker: at most ``jobs * PENDING_PER_JOB`` inputs are held at once
#: (queued, running, or done and waiting for an earlier one), which bounds memory.
PENDING_PER_JOB = 4
#: A worker still busy this many seconds after its task's deadline is killed and replaced
#: (the in-worker alarm should have stopped the task long before).
KILL_GRACE_SECONDS = 10.0
#: Workers that die before they are ready this many times in a row stop the run: something
#: is wrong with the environment, not with one page.
MAX_START_FAILURES = 3


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be cleaned, why (``reason``, see ``FailureReason``) and the
    message. The batch goes on without it.

    ``input`` names the input: its path or JSONL record on the command line, its position
    (``"0"``, ``"1"``, ...) in ``clean_many``.
    """

    input: str
    message: str
    reason: FailureReason = "error"


class DocumentTimeout(BaseException):
    """Raised inside a task that ran over its time limit.

    A ``BaseException``, like ``KeyboardInterrupt``, so that ``except Exception`` inside the
    pipeline cannot swallow it.
    """


# --- the public entry point --------------------------------------------------------------


def clean_many(
    sources: Iterable[str | bytes],
    config: Config | None = None,
    *,
    jobs: int = 1,
    timeout: float | None = None,
    urls: Iterable[str | None] | None = None,
) -> Iterator[Document | Failure]:
    """Clean many pages; yield one result per input, in input order.

    Each result is the ``Document``, or a ``Failure`` (``input`` is the position of the
    input, ``reason`` and ``message`` say what went wrong) when that page could not be cleaned:
    it was not text (``InputError``), was not a ``str``/``bytes``, ran over ``timeout`` seconds,
    crashed its worker, or hit a bug. A failure never stops the iteration, so
    ``zip(sources, clean_many(sources))`` pairs every input with its result.

    ``jobs`` worker processes clean in parallel (``0``: one per CPU; ``1``: in this process,
    no workers). Inputs are consumed lazily and at most ``jobs * PENDING_PER_JOB`` are held at
    once, so an endless iterable streams in bounded memory. With ``jobs > 1`` the workers are
    started with the ``forkserver`` method (``spawn`` where that does not exist): in a script,
    call ``clean_many`` under ``if __name__ == "__main__":``, as with any multiprocessing.
    The forkserver loads the model once per process (about 1 s, on the first call); later
    workers fork from it ready to clean.

    ``timeout`` (seconds, None for no limit) applies per document; see the module docstring
    for how it is enforced and its limits with ``jobs=1``. ``urls``: each page's URL (or
    None), in the order of ``sources`` and as many (``clean``'s ``url``).
    """
    # checked here, when called: the results are a generator, which runs when first read
    if isinstance(sources, (str, bytes, bytearray, memoryview)):
        raise TypeError("clean_many takes an iterable of pages (str or bytes each), not one "
                        "page: clean() cleans one")
    check_timeout(timeout)
    config = config or Config()
    pages: Iterable[tuple[object, str | None]] = (
        ((source, None) for source in sources) if urls is None else _with_urls(sources, urls))
    tasks = ((str(i), (_check_source(source), url)) for i, (source, url) in enumerate(pages))
    return _results(run_ordered(partial(_clean_source, config), tasks, jobs=jobs,
                                timeout=timeout, initializer=partial(_warm_up, config)))


def _results(results: Iterator[tuple[str, Any]]) -> Iterator[Document | Failure]:
    for name, result in results:
        if isinstance(result, _Refused):
            yield Failure(name, result.message, "input")
        elif isinstance(result, Failure):
            yield Failure(name, result.message, result.reason)
        else:
            assert isinstance(result, Document)
            yield result


@dataclass(frozen=True, slots=True)
class _Refused:
    message: str


def _with_urls(sources: Iterable[object], urls: Iterable[str | None]
               ) -> Iterator[tuple[object, str | None]]:
    """Each source with its URL; a ``ValueError`` that says so where one runs out first."""
    url_of = iter(urls)
    for source in sources:
        for url in url_of:
            yield source, url
            break
        else:
            raise ValueError("clean_many: urls holds fewer items than sources")
    if next(url_of, _NO_URL) is not _NO_URL:
        raise ValueError("clean_many: urls holds more items than sources")


_NO_URL = object()


def _check_source(source: object) -> str | bytes | _Refused:
    if isinstance(source, (str, bytes)):
        return source
    if isinstance(source, (bytearray, memoryview)):
        return bytes(source)
    return _Refused(f"expected str or bytes, got {type(source).__name__}")


def _clean_source(config: Config, task: tuple[str | bytes | _Refused, str | None]
                  ) -> Document | _Refused:
    source, url = task
    if isinstance(source, _Refused):
        return source
    if url is not None and not isinstance(url, str):
        return _Refused(f"expected a str url, got {type(url).__name__}")
    from .pipeline import clean

    return clean(source, config, url)


def _warm_up(config: Config) -> None:
    """Load the model and word lists before the first timed task."""
    from .pipeline import clean

    try:
        clean("Warm-up text for the worker. It loads the model once.", config)
    except Exception:  # noqa: BLE001 - a broken config shows up on the first real page
        pass


def resolve_jobs(jobs: int) -> int:
    """``jobs`` as a worker count: 0 means one per CPU; negative is an error."""
    if jobs < 0:
        raise ValueError(f"jobs must be >= 0, not {jobs}")
    return jobs or os.cpu_count() or 1


# --- time limits -------------------------------------------------------------------------


def _raise_timeout(signum: int, frame: object) -> None:
    raise DocumentTimeout


def _can_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[bool]:
    """Raise ``DocumentTimeout`` in the block after ``seconds``; yields whether it is armed.

    Uses ``SIGALRM`` (POSIX, main thread only; elsewhere, and for ``None`` or ``0``, the block
    runs without a limit). The previous handler and timer are restored on exit.
    """
    if not seconds or seconds <= 0 or not _can_alarm():
        yield False
        return
    previous = signal.signal(signal.SIGALRM, _raise_timeout)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


#: The longest per-document time limit, in seconds (about 11.6 days): the timers and waits
#: that enforce a limit take no more than about 24 days (``selectors``' bound).
MAX_TIMEOUT_SECONDS = 1_000_000.0


def check_timeout(timeout: float | None) -> None:
    """Raise ``ValueError`` unless ``timeout`` is None or a number of seconds from 0 (no
    limit) to ``MAX_TIMEOUT_SECONDS``."""
    if timeout is None:
        return
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise ValueError(f"timeout must be a number of seconds, not {timeout!r}")
    if not 0 <= timeout <= MAX_TIMEOUT_SECONDS:  # NaN fails both
        raise ValueError(f"timeout must be 0 (no limit) to {MAX_TIMEOUT_SECONDS:g} seconds, "
                         f"not {timeout!r}")


def call_isolated(func: Callable[[P], R], payload: P, timeout: float | None) -> R | Failure:
    """``func(payload)`` under ``time_limit(timeout)``; a timeout, an ``InputError`` or any
    other exception comes back as a ``Failure`` (``input`` left empty for the caller)."""
    try:
        with time_limit(timeout):
            return func(payload)
    except DocumentTimeout:
        return Failure("", f"took longer than {timeout:g} s (timeout)", "timeout")
    except InputError as exc:
        return Failure("", str(exc), "input")
    except Exception as exc:  # noqa: BLE001 - a bug on one page must not lose the batch
        return Failure("", f"internal error ({type(exc).__name__}: {exc}); please report",
                       "error")


# --- the ordered map ---------------------------------------------------------------------


def run_ordered(
    func: Callable[[P], R],
    tasks: Iterable[tuple[K, P | None]],
    *,
    jobs: int = 1,
    timeout: float | None = None,
    initializer: Callable[[], None] | None = None,
) -> Iterator[tuple[K, R | Failure | None]]:
    """``(key, func(payload))`` for every ``(key, payload)`` task, in task order.

    A ``None`` payload is not run: ``(key, None)`` comes out in its place, so callers can
    thread markers (end of a file, a read failure) through in order. ``func`` runs in ``jobs``
    worker processes (``0``: one per CPU; ``1``: in this process) and must be picklable for
    ``jobs > 1``, as must payloads and results; ``initializer`` runs once in each worker before
    its first task, outside the time limit. An exception, timeout or dead worker gives a
    ``Failure`` with an empty ``input`` as that task's result. Keys never leave this process.
    """
    jobs = resolve_jobs(jobs)
    check_timeout(timeout)
    if jobs == 1:
        return _run_here(func, tasks, timeout)
    return _Pool(func, jobs, timeout, initializer).run(tasks)


def _run_here(
    func: Callable[[P], R], tasks: Iterable[tuple[K, P | None]], timeout: float | None
) -> Iterator[tuple[K, R | Failure | None]]:
    for key, payload in tasks:
        yield key, (None if payload is None else call_isolated(func, payload, timeout))


_READY = "ready"


def _worker_main(
    conn: Connection,
    func: Callable[[Any], Any],
    timeout: float | None,
    initializer: Callable[[], None] | None,
) -> None:
    """A worker process: take ``(index, payload)`` tasks until ``None`` or a closed pipe."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if initializer is not None:
        initializer()
    conn.send(_READY)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, payload = task
        result = call_isolated(func, payload, timeout)
        try:
            conn.send((index, result))
        except (EOFError, OSError):
            return
        except Exception as exc:  # noqa: BLE001 - the result could not be pickled
            conn.send((index, Failure("", f"internal error (cannot send the result: "
                                          f"{type(exc).__name__}: {exc}); please report")))


#: The module the forkserver imports before it forks workers (``cleaner._preload``).
_PRELOAD = f"{__package__}._preload"


def _context() -> Any:  # a multiprocessing context (its stubs lack Process)
    """``forkserver`` where it exists, else ``spawn``. The forkserver (one per process, started
    by the first pool and kept for later ones) is asked to import ``cleaner._preload``, so
    workers fork with the model loaded: starting two of them then takes milliseconds instead
    of the ~0.6 s each spent importing and loading. Modules it already preloads are kept."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    from multiprocessing import forkserver

    # The preload list has no public getter; its default is ["__main__"].
    preload = list(getattr(getattr(forkserver, "_forkserver", None), "_preload_modules",
                           ["__main__"]))
    if _PRELOAD not in preload:
        ctx.set_forkserver_preload([*preload, _PRELOAD])
    return ctx


@dataclass(eq=False)
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    ready: bool = False
    task: int | None = None
    deadline: float | None = None

    def stop(self, *, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except (OSError, ValueError):
                pass
        self.process.join(5 if kill else 0.5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(5)
        self.conn.close()


@dataclass(eq=False)
class _Pool(Generic[P, R]):
    """Worker processes fed one task at a time, so the parent always knows which task each
    is on: a timeout or a crash is charged to exactly that task."""

    func: Callable[[P], R]
    jobs: int
    timeout: float | None
    initializer: Callable[[], None] | None
    workers: list[_Worker] = field(default_factory=list)
    start_failures: int = 0

    def _spawn(self) -> _Worker:
        ctx = _context()
        parent, child = ctx.Pipe(duplex=True)
        process = ctx.Process(
            target=_worker_main,
            args=(child, self.func, self.timeout, self.initializer),
            daemon=True,
            name="cleaner-worker",
        )
        process.start()
        child.close()  # the worker holds its end; a dead worker then reads as EOF here
        return _Worker(process, parent)

    def _replace(self, worker: _Worker, *, kill: bool) -> None:
        if not worker.ready:
            self.start_failures += 1
            if self.start_failures >= MAX_START_FAILURES:
                raise RuntimeError(
                    f"cleaner worker processes died while starting "
                    f"({self.start_failures} times; exit code {worker.process.exitcode})"
                )
        worker.stop(kill=kill)
        self.workers[self.workers.index(worker)] = self._spawn()

    def run(self, tasks: Iterable[tuple[K, P | None]]) -> Iterator[tuple[K, R | Failure | None]]:
        window = self.jobs * PENDING_PER_JOB
        source = iter(tasks)
        keys: dict[int, K] = {}
        results: dict[int, R | Failure | None] = {}
        queue: deque[tuple[int, P]] = deque()
        next_read = next_yield = 0
        exhausted = False
        broken: Exception | None = None  # what the tasks' iterator raised
        try:
            while True:
                while not exhausted and next_read - next_yield < window:
                    try:
                        key, payload = next(source)
                    except StopIteration:
                        exhausted = True
                        break
                    except Exception as exc:  # noqa: BLE001 - raised below, after the rest
                        # the inputs broke off: the tasks read before still come out, in
                        # order, as they do without workers; then the error
                        exhausted, broken = True, exc
                        break
                    keys[next_read] = key
                    if payload is None:
                        results[next_read] = None
                    else:
                        queue.append((next_read, payload))
                    next_read += 1
                if queue and not self.workers:  # started on the first real task
                    self.workers = [self._spawn() for _ in range(self.jobs)]
                self._dispatch(queue, results)
                if next_yield in results:
                    while next_yield in results:
                        yield keys.pop(next_yield), results.pop(next_yield)
                        next_yield += 1
                    continue
                if exhausted and next_yield == next_read:
                    if broken is not None:
                        raise broken
                    return
                self._collect(results)
        finally:
            for worker in self.workers:
                worker.stop(kill=worker.task is not None)
            self.workers = []

    def _dispatch(self, queue: deque[tuple[int, P]], results: dict[int, Any]) -> None:
        for worker in self.workers:
            while queue and worker.ready and worker.task is None:
                index, payload = queue.popleft()
                try:
                    worker.conn.send((index, payload))
                except (OSError, ValueError):
                    queue.appendleft((index, payload))  # the worker died: _collect sees it
                    break
                except Exception as exc:  # noqa: BLE001 - the payload could not be pickled
                    results[index] = Failure("", f"cannot send the input to a worker "
                                                 f"({type(exc).__name__}: {exc})", "error")
                    continue
                worker.task = index
                if self.timeout:
                    worker.deadline = time.monotonic() + self.timeout + KILL_GRACE_SECONDS

    def _collect(self, results: dict[int, Any]) -> None:
        """Wait for a worker to report, die or run past its deadline."""
        deadlines = [w.deadline for w in self.workers if w.task is not None and w.deadline]
        wait_for = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        handles: list[Any] = []
        for worker in self.workers:
            handles += [worker.conn, worker.process.sentinel]
        ready = set(wait(handles, timeout=wait_for))
        now = time.monotonic()
        for worker in list(self.workers):
            if worker.conn in ready:
                try:
                    message = worker.conn.recv()
                except (EOFError, OSError):
                    self._lost(worker, results)
                    continue
                if message == _READY:
                    worker.ready = True
                    self.start_failures = 0
                    continue
                index, result = message
                results[index] = result
                worker.task = worker.deadline = None
            elif worker.process.sentinel in ready:
                self._lost(worker, results)
            elif worker.task is not None and worker.deadline and now >= worker.deadline:
                results[worker.task] = Failure(
                    "", f"took longer than {self.timeout:g} s (timeout; worker killed)", "timeout"
                )
                worker.task = None
                self._replace(worker, kill=True)

    def _lost(self, worker: _Worker, results: dict[int, Any]) -> None:
        worker.process.join(5)
        code = worker.process.exitcode
        if worker.task is not None:
            results[worker.task] = Failure(
                "", f"the worker process died while cleaning it (exit code {code})", "crash"
            )
            worker.task = None
        self._replace(worker, kill=True)
