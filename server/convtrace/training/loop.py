"""The training loop of a job, and the events it emits while it runs.

Plain NumPy on ``convtrace.nn`` (its network, optimizers and augmentation); nothing here knows
how events travel or where networks are kept: a ``Sink`` does (a process pool's queue, or
Redis). Deterministic for a job: batches come from generators seeded by (seed, epoch) and
(seed, epoch, batch), so the same job gives the same weights, and a job resumed at a step sees
exactly the batches it would have seen.

Events (``Sink.emit(kind, data)``):

- ``progress {step, steps, epoch, loss, accuracy, grad_norms, update_ratio}`` every
  ``PROGRESS_S`` (and after the first and last step): loss and accuracy are means over the
  batches since the previous one; the norms are of the step just taken, per layer with
  parameters;
- ``filters {step, layer, shape, data}``: the first conv layer's filters, flat row-major;
- ``checkpoint {step, network}``: a network id (kept by the sink), at step 0, then every
  ``steps // CHECKPOINTS`` steps and at the end;
- ``eval {step, test_accuracy, test_size}`` with every checkpoint;
- the returned dict is the ``done`` payload.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from convtrace.nn.augment import augment
from convtrace.nn.kinds.conv import Conv2D
from convtrace.nn.network import Network
from convtrace.nn.train import SGD, Adam
from convtrace.training.dataset import Digits
from convtrace.training.jobs import Job

PROGRESS_S = 0.2  # five progress events a second: the page's curves move smoothly
FILTERS_S = 1.0
CHECKPOINTS = 10
EVAL_SIZE = 500  # test digits for the accuracy shown during training (all of them at the end)


class Sink(Protocol):
    def emit(self, kind: str, data: dict[str, Any]) -> None: ...

    def keep(self, spec: dict[str, Any], weights: dict[str, np.ndarray]) -> str:
        """Store a network; its id."""
        ...

    def cancelled(self) -> bool: ...

    def save_resume(self, step: int, state: dict[str, np.ndarray]) -> None:
        """Keep what a retry needs to go on from ``step`` (weights and optimizer state)."""
        ...


class JobStopped(Exception):
    """Cancelled, or over its CPU budget (``reason``)."""

    def __init__(self, reason: str | None = None) -> None:
        super().__init__(reason or "cancelled")
        self.reason = reason


def make_optimizer(job: Job) -> SGD | Adam:
    if job.optimizer == "adam":
        return Adam(job.learning_rate)
    return SGD(job.learning_rate, 0.9 if job.optimizer == "momentum" else 0.0)


def optimizer_state(opt: SGD | Adam) -> dict[str, np.ndarray]:
    """The optimizer's moving averages as flat arrays ("v/conv1/W", "t"), for a resume."""
    slots = {"v": opt.v} if isinstance(opt, SGD) else {"m": opt.m, "v": opt.v}
    state = {f"{s}/{layer}/{k}": a for s, d in slots.items() for (layer, k), a in d.items()}
    state["t"] = np.array(getattr(opt, "t", 0))
    return state


def restore_optimizer(opt: SGD | Adam, state: dict[str, np.ndarray]) -> None:
    for key, value in state.items():
        if key == "t":
            if isinstance(opt, Adam):
                opt.t = int(value)
            continue
        slot, layer, k = key.split("/")
        getattr(opt, slot)[(layer, k)] = np.array(value, np.float32)


class Batches:
    """The batch of any step, the same whichever process asks (see the module docstring)."""

    def __init__(self, job: Job, digits: Digits) -> None:
        self.job = job
        # kept as bytes, scaled per batch: a quarter of the memory (12 000 digits: 9 MB, not
        # 38 MB) and no pass over all of them before the first step; the same float32 values
        self.x = digits.train_images[: job.train_size]
        self.y = digits.train_labels[: job.train_size].astype(np.int64)
        self.per_epoch = math.ceil(len(self.x) / job.batch_size)
        self._order: tuple[int, np.ndarray] | None = None

    def indices(self, step: int) -> np.ndarray:
        """Positions in the training digits of the examples of step ``step`` (0-based)."""
        epoch, i = divmod(step, self.per_epoch)
        if self._order is None or self._order[0] != epoch:
            rng = np.random.default_rng([self.job.seed, epoch])
            self._order = (epoch, rng.permutation(len(self.x)))
        bs = self.job.batch_size
        return self._order[1][i * bs : (i + 1) * bs]

    def batch(self, step: int) -> tuple[np.ndarray, np.ndarray]:
        idx = self.indices(step)
        x = self.x[idx].astype(np.float32) / np.float32(255.0)
        if self.job.augment:
            epoch, i = divmod(step, self.per_epoch)
            x = augment(x, np.random.default_rng([self.job.seed, epoch, i, 1]))
        return x[..., None], self.y[idx]


def _norms(net: Network, before: dict[str, np.ndarray] | None) -> tuple[dict[str, float], ...]:
    """Per layer with parameters: ||dL/dθ|| and ||Δθ|| / ||θ|| of the step just taken."""
    grads: dict[str, float] = {}
    ratios: dict[str, float] = {}
    for layer in net.layers:
        if not layer.params:
            continue
        grads[layer.name] = math.sqrt(sum(float(np.sum(g * g)) for g in layer.grads.values()))
        if before is not None:
            moved = sum(
                float(np.sum((w - before[f"{layer.name}.{k}"]) ** 2))
                for k, w in layer.params.items()
            )
            size = sum(float(np.sum(before[f"{layer.name}.{k}"] ** 2)) for k in layer.params)
            ratios[layer.name] = math.sqrt(moved) / max(math.sqrt(size), 1e-12)
    return grads, ratios


def _filters(net: Network, step: int) -> dict[str, Any] | None:
    conv = next((la for la in net.layers if isinstance(la, Conv2D)), None)
    if conv is None:
        return None
    w = conv.params["W"]
    data = np.round(w.astype(np.float64).ravel(), 5).tolist()
    return {"step": step, "layer": conv.name, "shape": list(w.shape), "data": data}


@dataclass
class _Window:
    """Loss and accuracy over the batches since the last progress event."""

    loss: float = 0.0
    correct: int = 0
    seen: int = 0

    def add(self, loss: float, p: np.ndarray, y: np.ndarray) -> None:
        self.loss += loss * len(y)
        self.correct += int((p.argmax(1) == y).sum())
        self.seen += len(y)


def _accuracy(net: Network, images: np.ndarray, labels: np.ndarray) -> float:
    x = images.astype(np.float32)[..., None] / 255.0
    return float((net.predict(x, batch=250) == labels).mean())


def checkpoint_steps(steps: int) -> Iterator[int]:
    every = max(1, steps // CHECKPOINTS)
    yield from range(0, steps, every)
    yield steps


class Run:
    """One job's training from ``start_step`` to the end; ``run()`` returns the done payload."""

    def __init__(self, job: Job, net: Network, digits: Digits, sink: Sink) -> None:
        self.job, self.net, self.digits, self.sink = job, net, digits, sink
        self.batches = Batches(job, digits)
        self.steps = self.batches.per_epoch * job.epochs
        self.optimizer = make_optimizer(job)
        self.marks = set(checkpoint_steps(self.steps))
        self.cpu0 = time.process_time()

    def resume(self, state: dict[str, np.ndarray]) -> None:
        restore_optimizer(self.optimizer, state)

    def run(self, start_step: int = 0) -> dict[str, Any]:
        started = time.monotonic()
        window, last_progress, last_filters = _Window(), 0.0, time.monotonic()
        if start_step == 0:
            self._checkpoint(0)
        for step in range(start_step, self.steps):
            self._check()
            x, y = self.batches.batch(step)
            loss, p = self.net.loss_and_grads(x, y)
            window.add(loss, p, y)
            now = time.monotonic()
            report = (
                step == start_step or step + 1 == self.steps or now - last_progress >= PROGRESS_S
            )
            before = self.net.get_weights() if report else None
            if before is not None:
                before = {k: v.copy() for k, v in before.items()}
            self.optimizer.step(self.net)
            if report:
                self._progress(step + 1, window, before)
                window, last_progress = _Window(), now
            if step + 1 in self.marks:
                self._checkpoint(step + 1)
            elif now - last_filters >= FILTERS_S:
                self._emit_filters(step + 1)
                last_filters = now
        network = self.sink.keep(self.net.spec, self.net.get_weights())
        accuracy = _accuracy(self.net, self.digits.test_images, self.digits.test_labels)
        test_size = len(self.digits.test_labels)
        self.sink.emit(
            "eval", {"step": self.steps, "test_accuracy": accuracy, "test_size": test_size}
        )
        return {
            "network": network,
            "test_accuracy": accuracy,
            "test_size": test_size,
            "steps": self.steps,
            "seconds": round(time.monotonic() - started, 3),
            "cpu_seconds": round(time.process_time() - self.cpu0, 3),
        }

    def _check(self) -> None:
        if self.sink.cancelled():
            raise JobStopped()
        used = time.process_time() - self.cpu0
        if used > self.job.cpu_budget_s:
            raise JobStopped(
                f"the job used its CPU budget of {self.job.cpu_budget_s:g} s: "
                "train on fewer digits, for fewer epochs, or a smaller network"
            )

    def _progress(self, step: int, window: _Window, before: dict[str, np.ndarray] | None) -> None:
        grads, ratios = _norms(self.net, before)
        self.sink.emit(
            "progress",
            {
                "step": step,
                "steps": self.steps,
                "epoch": min(self.job.epochs, (step - 1) // self.batches.per_epoch + 1),
                "loss": window.loss / max(window.seen, 1),
                "accuracy": window.correct / max(window.seen, 1),
                "grad_norms": grads,
                "update_ratio": ratios,
            },
        )

    def _emit_filters(self, step: int) -> None:
        filters = _filters(self.net, step)
        if filters is not None:
            self.sink.emit("filters", filters)

    def _checkpoint(self, step: int) -> None:
        weights = self.net.get_weights()
        network = self.sink.keep(self.net.spec, weights)
        # kept for a retry before it is announced: a checkpoint seen is one a retry starts from
        self.sink.save_resume(step, {**weights, **optimizer_state(self.optimizer)})
        self.sink.emit("checkpoint", {"step": step, "network": network})
        self._emit_filters(step)
        if step < self.steps:  # the last one's accuracy is the done event's (every test digit)
            n = min(EVAL_SIZE, len(self.digits.test_labels))
            accuracy = _accuracy(self.net, self.digits.test_images[:n], self.digits.test_labels[:n])
            self.sink.emit("eval", {"step": step, "test_accuracy": accuracy, "test_size": n})
