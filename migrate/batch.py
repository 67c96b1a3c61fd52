"""Running many files: worker processes with a per-file timeout; results stream back as they finish.

Each worker handles one file at a time, so the parent knows which file a worker is on: a worker that
crashes or overruns `timeout` is killed, its file is reported as failed, and a fresh worker takes the next
file. Writes are atomic (`migrate.files.write_atomic`), so killing a worker, or the whole run, leaves every
file either as it was or completely migrated.
"""

from __future__ import annotations

import faulthandler
import gc
import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import wait

from sm_migrate.runner import FileJob, FileOutcome, RunSettings, migrate_file, settle_without_engine

DEFAULT_TIMEOUT = 120.0  # seconds per file; a 3,000-line script takes well under a second
_SETTLE_BUDGET = 64  # files pre-filtered between two looks at the workers (~10 ms)


@dataclass
class BatchStats:
    workers: int = 0  # worker processes used (0: the files were run in this process)
    worker_peak_rss_kb: int = 0  # the largest peak resident set size of any worker (or of this process)


def default_jobs() -> int:
    """The CPUs this process may run on (a container's affinity mask, not the host's count)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def _peak_rss_kb() -> int:
    try:
        import resource
    except ImportError:  # not on POSIX
        return 0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _worker_main(conn, settings: RunSettings, parent_pid: int) -> None:
    """Migrate the jobs the parent sends, one at a time, until it sends None or goes away."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's business: it stops the workers
    faulthandler.disable()  # a crash is reported by the parent as one `path: worker crashed` line, not a dump
    while True:
        if not conn.poll(1.0):
            if os.getppid() != parent_pid:  # the parent was killed: a forked sibling may keep the pipe open
                return
            continue
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        conn.send((migrate_file(job, settings), _peak_rss_kb()))


class _Worker:
    def __init__(self, context, settings: RunSettings):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, settings, os.getpid()), daemon=True)
        self.process.start()
        child.close()
        self.job: FileJob | None = None
        self.started = 0.0

    def give(self, job: FileJob) -> None:
        self.job = job
        self.started = time.monotonic()
        self.conn.send(job)

    def kill(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.join(5)
        if self.process.is_alive():
            self.kill()


def _start_method() -> str:
    """fork on Linux: workers start at once with the engine already imported (spawn re-imports everything,
    ~2 s per worker, and the parent's __main__). The parent runs no threads when it forks (the progress bar
    refreshes by hand). Elsewhere spawn, the platform default."""
    return "fork" if sys.platform.startswith("linux") else "spawn"


def _death_reason(process) -> str:
    process.join(5)
    code = process.exitcode
    if code is not None and code < 0:
        try:
            return f"worker crashed ({signal.Signals(-code).name})"
        except ValueError:
            return f"worker crashed (signal {-code})"
    return f"worker crashed (exit code {code})"


def run_jobs(
    jobs: Sequence[FileJob],
    settings: RunSettings,
    workers: int,
    on_outcome: Callable[[FileOutcome], None],
    timeout: float = DEFAULT_TIMEOUT,
) -> BatchStats:
    """Run every job, calling `on_outcome` in this process as each finishes (in completion order).

    Files the byte pre-filter settles are settled here, ahead of and alongside the workers. The rest run in
    `workers` processes, so a file that crashes the parser (libcst's native parser overflows its stack on
    deeply nested brackets) fails alone. Where workers must be spawned (not Linux), a single job runs
    in this process instead: a fresh interpreter would cost more than the file.
    """
    upcoming = iter(jobs)
    pending: deque[FileJob] = deque()  # files the engine must see, not yet given to a worker
    exhausted = False

    def settle_ahead(wanted: int, budget: float = float("inf")) -> None:
        """Pre-filter upcoming files here until `wanted` need the engine (most files of a repository are settled
        by the byte pre-filter: no worker round trip for them). While workers are busy it runs with a budget,
        so a worker that finishes is not kept waiting."""
        nonlocal exhausted
        while not exhausted and len(pending) < wanted and budget > 0:
            job = next(upcoming, None)
            if job is None:
                exhausted = True
                return
            budget -= 1
            started = time.perf_counter()
            settled, _ = settle_without_engine(job, settings)
            if settled is None:
                pending.append(job)
            else:
                settled.seconds = time.perf_counter() - started
                on_outcome(settled)

    settle_ahead(max(2, workers))
    if not pending:
        return BatchStats(0, _peak_rss_kb())
    if len(pending) == 1 and _start_method() != "fork":  # the only file for the engine
        on_outcome(migrate_file(pending[0], settings))
        return BatchStats(0, _peak_rss_kb())
    context = multiprocessing.get_context(_start_method())
    gc.freeze()  # the parent's objects stay put: forked workers neither copy nor re-scan them (until the end)
    pool = [_Worker(context, settings) for _ in range(max(1, min(workers, len(pending))))]
    stats = BatchStats(len(pool))

    def feed(worker: _Worker) -> None:
        settle_ahead(1)
        if pending:
            worker.give(pending.popleft())
        else:
            worker.job = None

    def replace(index: int, reason: str) -> None:
        """The worker died or overran: report its file as failed and start a fresh worker."""
        worker = pool[index]
        worker.kill()
        on_outcome(FileOutcome(worker.job.path, "failed", reason=reason, seconds=time.monotonic() - worker.started))
        pool[index] = _Worker(context, settings)
        feed(pool[index])

    try:
        for worker in pool:
            feed(worker)
        while busy := [(i, w) for i, w in enumerate(pool) if w.job is not None]:
            settle_ahead(len(pool), budget=_SETTLE_BUDGET)  # the pre-filter runs while the workers migrate
            wait_for = max(0.0, min(w.started for _, w in busy) + timeout - time.monotonic())
            ready = set(wait([w.conn for _, w in busy], timeout=wait_for))
            for index, worker in busy:
                if worker.conn in ready:
                    try:
                        outcome, peak_kb = worker.conn.recv()
                    except (EOFError, OSError):
                        replace(index, _death_reason(worker.process))
                        continue
                    stats.worker_peak_rss_kb = max(stats.worker_peak_rss_kb, peak_kb)
                    on_outcome(outcome)
                    feed(worker)
                elif time.monotonic() - worker.started >= timeout:
                    replace(index, f"timed out after {timeout:g} s (worker killed)")
    finally:
        for worker in pool:
            if worker.job is not None:
                worker.kill()  # interrupted: its file is intact (atomic writes)
            else:
                worker.stop()
        gc.unfreeze()  # the parent's objects go back to the collector once the workers are gone
    return stats
