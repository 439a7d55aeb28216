"""Batch cleaning: ``clean_many`` and the ordered worker map under it.

Order, failure isolation (exceptions, timeouts, hung and crashed workers), laziness and
bounded read-ahead. The task functions live at module level so that worker processes can
import them; none of these tests looks at labelling quality.
"""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator

import pytest

import cleaner
from cleaner import batch
from cleaner.batch import (
    PENDING_PER_JOB,
    DocumentTimeout,
    Failure,
    clean_many,
    resolve_jobs,
    run_ordered,
    time_limit,
)

PAGES = [
    f"Page number {i} of the batch\n"
    f"Home | News | Sport\n"
    f"This is the body of page {i}, a paragraph with enough words to look like prose.\n"
    for i in range(12)
]


def _work(payload: str) -> str:
    """Task function run in workers: markers misbehave, anything else is upper-cased."""
    if payload == "raise":
        raise ValueError("boom")
    if payload == "input":
        raise cleaner.InputError("not a page")
    if payload == "hang":
        time.sleep(60)
    if payload == "stubborn":  # ignores the in-worker alarm: the parent has to kill it
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(60)
    if payload == "crash":
        os._exit(3)
    if payload.startswith("sleep:"):
        time.sleep(float(payload.split(":")[1]))
    return payload.upper()


def _tasks(payloads: list[str | None]) -> list[tuple[int, str | None]]:
    return list(enumerate(payloads))


# --- clean_many --------------------------------------------------------------------------


def test_clean_many_keeps_input_order_with_two_workers() -> None:
    docs = list(clean_many(PAGES, jobs=2))
    assert [d.source for d in docs if isinstance(d, cleaner.Document)] == PAGES
    assert [d.body for d in docs] == [cleaner.clean(p).body for p in PAGES]  # type: ignore[union-attr]


@pytest.mark.parametrize("jobs", [1, 2])
def test_clean_many_yields_a_failure_in_place_and_goes_on(jobs: int) -> None:
    inputs: list[object] = [PAGES[0], bytes(range(256)) * 10, 42, PAGES[1], b"plain bytes page"]
    results = list(clean_many(inputs, jobs=jobs))  # type: ignore[arg-type]
    assert [type(r).__name__ for r in results] == [
        "Document", "Failure", "Failure", "Document", "Document"
    ]
    binary, number = results[1], results[2]
    assert binary == Failure("1", binary.message, "input")  # type: ignore[union-attr]
    assert "binary" in binary.message  # type: ignore[union-attr]
    assert number == Failure("2", "expected str or bytes, got int", "input")
    assert results[3].source == PAGES[1]  # type: ignore[union-attr]


@pytest.mark.parametrize("jobs", [1, 2])
def test_clean_many_hands_each_page_its_url(jobs: int) -> None:
    urls = ["https://news.example.com/world/2024/05/floods", None]
    results = list(clean_many(PAGES[:2], jobs=jobs, urls=urls))
    assert [r.metadata["source_url"] for r in results] == [  # type: ignore[union-attr]
        cleaner.clean(page, url=url).metadata["source_url"]
        for page, url in zip(PAGES[:2], urls, strict=True)
    ]
    assert results[0].metadata["source_url"] == urls[0]  # type: ignore[union-attr]
    wrong = list(clean_many(PAGES[:1], urls=[7]))  # type: ignore[list-item]
    assert wrong == [Failure("0", "expected a str url, got int", "input")]
    with pytest.raises(ValueError, match="urls holds fewer items than sources"):
        list(clean_many(PAGES[:2], urls=urls[:1]))
    with pytest.raises(ValueError, match="urls holds more items than sources"):
        list(clean_many(PAGES[:1], urls=urls))


@pytest.mark.parametrize("jobs", [1, 2])
def test_inputs_that_break_off_still_give_every_result_before_the_error(jobs: int) -> None:
    """With workers, the results of the inputs read ahead were thrown away when the
    inputs' iterator raised; they come out first, in order, as without workers."""
    def pages() -> Iterator[str]:
        for i in range(30):
            yield f"{PAGES[0]}\nPage number {i}."
        raise RuntimeError("the source broke")

    results = []
    with pytest.raises(RuntimeError, match="the source broke"):
        for result in clean_many(pages(), jobs=jobs):
            results.append(result)
    assert len(results) == 30 and all(isinstance(r, cleaner.Document) for r in results)
    assert [r.source for r in results] == [f"{PAGES[0]}\nPage number {i}." for i in range(30)]  # type: ignore[union-attr]


def test_one_page_is_not_taken_for_many() -> None:
    """A str is an iterable of characters: each became a page of its own."""
    for page in (PAGES[0], PAGES[0].encode()):
        with pytest.raises(TypeError, match="not one page"):
            clean_many(page)  # raised when called, not when the results are read


def test_clean_many_with_jobs_1_times_out_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    from cleaner import pipeline

    real = pipeline.clean

    def slow(source: str | bytes, config: cleaner.Config | None = None,
             url: str | None = None) -> cleaner.Document:
        if source == "hang":
            time.sleep(30)
        return real(source, config)

    monkeypatch.setattr(pipeline, "clean", slow)
    start = time.monotonic()
    results = list(clean_many([PAGES[0], "hang", PAGES[1]], jobs=1, timeout=0.5))
    assert time.monotonic() - start < 10
    assert [type(r).__name__ for r in results] == ["Document", "Failure", "Document"]
    assert results[1] == Failure("1", "took longer than 0.5 s (timeout)", "timeout")


def test_clean_many_is_lazy_and_reads_ahead_a_bounded_number_of_inputs() -> None:
    pulled = 0

    def endless() -> Iterator[str]:
        nonlocal pulled
        for i in itertools.count():
            pulled += 1
            yield PAGES[i % len(PAGES)]

    assert len(list(itertools.islice(clean_many(endless(), jobs=1), 3))) == 3
    assert pulled == 3
    pulled = 0
    results = clean_many(endless(), jobs=2)
    assert len(list(itertools.islice(results, 5))) == 5
    assert pulled <= 5 + 2 * PENDING_PER_JOB
    results.close()  # type: ignore[attr-defined]


def test_clean_many_of_nothing() -> None:
    assert list(clean_many([], jobs=2)) == []


# --- the ordered map ---------------------------------------------------------------------


def test_ordered_map_keeps_order_and_passes_markers_through() -> None:
    payloads: list[str | None] = ["sleep:0.3", "a", None, "sleep:0.1", "b", None, "c"]
    out = list(run_ordered(_work, _tasks(payloads), jobs=2))
    assert out == [(0, "SLEEP:0.3"), (1, "A"), (2, None), (3, "SLEEP:0.1"), (4, "B"),
                   (5, None), (6, "C")]


@pytest.mark.parametrize("jobs", [1, 2])
def test_exceptions_become_failures_and_the_rest_completes(jobs: int) -> None:
    out = dict(run_ordered(_work, _tasks(["a", "raise", "input", "b"]), jobs=jobs))
    assert out[0] == "A" and out[3] == "B"
    assert out[1] == Failure("", "internal error (ValueError: boom); please report", "error")
    assert out[2] == Failure("", "not a page", "input")


def test_a_hanging_task_times_out_in_its_worker_and_the_rest_completes() -> None:
    start = time.monotonic()
    out = dict(run_ordered(_work, _tasks(["a", "hang", "b", "c", "d"]), jobs=2, timeout=1))
    assert time.monotonic() - start < 20
    assert out[1] == Failure("", "took longer than 1 s (timeout)", "timeout")
    assert [out[i] for i in (0, 2, 3, 4)] == ["A", "B", "C", "D"]


def test_a_task_deaf_to_the_alarm_gets_its_worker_killed_and_replaced(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(batch, "KILL_GRACE_SECONDS", 0.5)
    start = time.monotonic()
    out = dict(run_ordered(_work, _tasks(["stubborn", "a", "b", "c"]), jobs=2, timeout=0.5))
    assert time.monotonic() - start < 30
    failure = out[0]
    assert isinstance(failure, Failure) and failure.reason == "timeout"
    assert "worker killed" in failure.message
    assert [out[i] for i in (1, 2, 3)] == ["A", "B", "C"]


def test_a_crashed_worker_fails_only_its_task() -> None:
    out = dict(run_ordered(_work, _tasks(["a", "crash", "b", "crash", "c", "d"]), jobs=2))
    assert [out[i] for i in (0, 2, 4, 5)] == ["A", "B", "C", "D"]
    for i in (1, 3):
        failure = out[i]
        assert isinstance(failure, Failure) and failure.reason == "crash"
        assert "exit code 3" in failure.message


def test_workers_are_gone_after_the_map_is_closed_early() -> None:
    results = run_ordered(_work, _tasks(["a", "hang", "b", "c"]), jobs=2)
    assert next(results) == (0, "A")
    results.close()  # type: ignore[attr-defined]
    import multiprocessing

    deadline = time.monotonic() + 10
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [p for p in multiprocessing.active_children() if p.name == "cleaner-worker"] == []


# --- time limits and jobs ----------------------------------------------------------------


def test_time_limit_raises_and_restores_the_previous_handler() -> None:
    before = signal.getsignal(signal.SIGALRM)
    with pytest.raises(DocumentTimeout), time_limit(0.2) as armed:
        assert armed
        time.sleep(5)
    assert signal.getsignal(signal.SIGALRM) == before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_time_limit_is_not_armed_outside_the_main_thread_or_without_a_limit() -> None:
    seen: list[bool] = []

    def probe() -> None:
        with time_limit(1) as armed:
            seen.append(armed)

    thread = threading.Thread(target=probe)
    thread.start()
    thread.join()
    with time_limit(None) as armed:
        seen.append(armed)
    with time_limit(0) as armed:
        seen.append(armed)
    assert seen == [False, False, False]


@pytest.mark.parametrize("timeout", [float("inf"), float("nan"), -1.0, 2.2e6, "10"])
@pytest.mark.parametrize("jobs", [1, 2])
def test_a_timeout_out_of_range_is_refused_before_any_work(jobs: int, timeout: object) -> None:
    """With workers, 2.2e6 s overflowed the wait on them (``OverflowError`` ended the
    run); in process, inf and NaN failed every page, 1e12 too ("timestamp out of range")."""
    with pytest.raises(ValueError, match="timeout must be"):
        list(cleaner.clean_many(["Some text."], jobs=jobs, timeout=timeout))  # type: ignore[arg-type]


def test_resolve_jobs() -> None:
    assert resolve_jobs(3) == 3
    assert resolve_jobs(0) == (os.cpu_count() or 1)
    with pytest.raises(ValueError):
        resolve_jobs(-1)



_PROBE = """
def loaded(payload):
    from cleaner import classify, lexicon
    return (classify.load_model.cache_info().currsize > 0
            and classify.load_title_model.cache_info().currsize > 0,
            lexicon._alternatives_pattern.cache_info().currsize > 1000)
"""
_MAIN = """
from cleaner.batch import run_ordered
from probe import loaded

if __name__ == "__main__":
    print([result for _, result in run_ordered(loaded, [(0, 0), (1, 0)], jobs=2)])
"""


@pytest.mark.skipif("forkserver" not in __import__("multiprocessing").get_all_start_methods(),
                    reason="no forkserver on this platform")
def test_workers_fork_with_the_model_loaded_and_the_patterns_compiled(tmp_path) -> None:
    # In a fresh process, so that this test starts the forkserver. No initializer: what the
    # workers hold loaded comes from the forkserver's preload.
    (tmp_path / "probe.py").write_text(_PROBE)
    (tmp_path / "main.py").write_text(_MAIN)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(tmp_path), *filter(None, [os.environ.get("PYTHONPATH")])])}
    done = subprocess.run([sys.executable, str(tmp_path / "main.py")], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[(True, True), (True, True)]"


@pytest.mark.skipif("forkserver" not in __import__("multiprocessing").get_all_start_methods(),
                    reason="no forkserver on this platform")
def test_the_preload_keeps_the_modules_already_preloaded() -> None:
    from multiprocessing import forkserver

    server = forkserver._forkserver  # type: ignore[attr-defined]
    saved = list(server._preload_modules)
    try:
        server._preload_modules = ["__main__", "some_module"]
        batch._context()
        assert server._preload_modules == ["__main__", "some_module", "cleaner._preload"]
        batch._context()
        assert server._preload_modules.count("cleaner._preload") == 1
    finally:
        server._preload_modules = saved
