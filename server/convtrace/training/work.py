"""Running one job in a worker process, whichever runner handed it over.

A worker process trains at lower CPU priority (``os.nice``) with BLAS on one thread, so
tracing requests on the same machine keep their core, and the arithmetic (hence the weights) is
the same on every worker.
"""

from __future__ import annotations

import logging
import os
from typing import Any

import numpy as np

from convtrace.allocator import tune_for_training
from convtrace.nn.finite import NonFiniteError
from convtrace.nn.network import Network
from convtrace.training import dataset
from convtrace.training.jobs import Job
from convtrace.training.loop import JobStopped, Run, Sink

log = logging.getLogger("convtrace.training")
NICENESS = 10


def prepare_process() -> None:
    """Once per worker process: lower priority, single-threaded BLAS, the allocator set for
    training (not the server's settings it may inherit), digits loaded."""
    tune_for_training()
    try:
        os.nice(NICENESS)
    except OSError:  # not permitted on some hosts: train at normal priority then
        log.warning("could not lower the training worker's CPU priority")
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
    dataset.load()


def run_one(
    job: Job,
    spec: dict[str, Any],
    weights: dict[str, np.ndarray],
    sink: Sink,
    start_step: int = 0,
    resume: dict[str, np.ndarray] | None = None,
) -> str:
    """Train and emit every event up to a terminal one; the terminal kind."""
    try:
        net = Network(spec)
        net.set_weights({k: weights[k] for k in net.get_weights()})
        run = Run(job, net, dataset.load(), sink)
        if resume is not None:
            run.resume(resume)
        sink.emit("done", run.run(start_step))
        return "done"
    except JobStopped as stop:
        if stop.reason is None:
            sink.emit("cancelled", {})
            return "cancelled"
        return _failed(sink, stop.reason, "train.cpu_budget")
    except NonFiniteError as err:
        reason = f"the numbers grew too large ({err}): lower the learning rate"
        return _failed(sink, reason, "train.diverged")
    except Exception as err:  # a job must end with an event, whatever went wrong
        log.exception("training job failed")
        return _failed(sink, f"training stopped by an error: {err}", "train.error")


def _failed(sink: Sink, reason: str, code: str) -> str:
    sink.emit("failed", {"reason": reason, "code": code})
    return "failed"
