"""The training loop without any runner: events, determinism, resuming, budget, cost limit."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from convtrace.networks import network_id
from convtrace.nn.network import Network
from convtrace.nn.specs import lenet
from convtrace.nn.weights import init_weights
from convtrace.training import dataset
from convtrace.training.jobs import MAX_COST, CostError, Job, check_cost
from convtrace.training.loop import CHECKPOINTS, Batches, JobStopped, Run


class Sink:
    def __init__(self, stop_at_step: int | None = None) -> None:
        self.events: list[tuple[str, dict[str, Any]]] = []
        self.saved: dict[int, dict[str, np.ndarray]] = {}
        self.stop_at_step = stop_at_step

    def emit(self, kind: str, data: dict[str, Any]) -> None:
        self.events.append((kind, data))

    def keep(self, spec: dict[str, Any], weights: dict[str, np.ndarray]) -> str:
        return network_id(spec, weights)

    def cancelled(self) -> bool:
        return self.stop_at_step is not None and self.stop_at_step in self.saved

    def save_resume(self, step: int, state: dict[str, np.ndarray]) -> None:
        self.saved[step] = {k: v.copy() for k, v in state.items()}

    def kinds(self, kind: str) -> list[dict[str, Any]]:
        return [data for k, data in self.events if k == kind]


def small(**overrides: Any) -> Job:
    return Job(**{"train_size": 320, "batch_size": 16, "epochs": 2, "seed": 3, **overrides})


def start() -> Network:
    return init_weights(Network(lenet()), 5)


@pytest.mark.parametrize("optimizer", ["momentum", "adam"])
def test_same_job_same_weights_and_events(optimizer: str) -> None:
    job = small(optimizer=optimizer, learning_rate=0.01, augment=True)
    first, second = Sink(), Sink()
    done1 = Run(job, start(), dataset.load(), first).run()
    done2 = Run(job, start(), dataset.load(), second).run()
    assert done1["network"] == done2["network"]
    assert [d["network"] for d in first.kinds("checkpoint")] == [
        d["network"] for d in second.kinds("checkpoint")
    ]
    assert done1["network"] != first.kinds("checkpoint")[0]["network"]  # it did learn something


def test_events_carry_the_contract_fields() -> None:
    sink = Sink()
    done = Run(small(), start(), dataset.load(), sink).run()
    steps = small().steps()
    checkpoints = sink.kinds("checkpoint")
    assert len(checkpoints) >= CHECKPOINTS
    assert checkpoints[0]["step"] == 0 and checkpoints[-1]["step"] == steps
    progress = sink.kinds("progress")
    assert progress[-1]["step"] == steps and progress[-1]["steps"] == steps
    layers = {"conv1", "conv2", "dense"}
    assert set(progress[-1]["grad_norms"]) == layers == set(progress[-1]["update_ratio"])
    assert all(v > 0 for v in progress[-1]["grad_norms"].values())
    filters = sink.kinds("filters")[0]
    assert filters["layer"] == "conv1" and filters["shape"] == [8, 5, 5, 1]
    assert len(filters["data"]) == 200
    assert sink.kinds("eval")[-1]["test_accuracy"] == done["test_accuracy"]
    assert done["network"] == checkpoints[-1]["network"]


def test_resumed_job_ends_with_the_same_weights() -> None:
    """Stopped after a checkpoint, then resumed from what it saved there: the same result as
    the run that was never interrupted (batches and optimizer state restored exactly)."""
    job = small(optimizer="adam", augment=True)
    whole = Run(job, start(), dataset.load(), Sink()).run()
    every = job.steps() // CHECKPOINTS
    stopped = Sink(stop_at_step=3 * every)
    with pytest.raises(JobStopped):
        Run(job, start(), dataset.load(), stopped).run()
    state = stopped.saved[3 * every]
    net = Network(lenet())
    net.set_weights({k: state[k] for k in net.get_weights()})
    again = Run(job, net, dataset.load(), Sink())
    again.resume({k: v for k, v in state.items() if "/" in k or k == "t"})
    assert again.run(start_step=3 * every)["network"] == whole["network"]


def test_cpu_budget_stops_the_job_with_a_reason() -> None:
    with pytest.raises(JobStopped) as stop:
        Run(small(cpu_budget_s=0.0), start(), dataset.load(), Sink()).run()
    assert stop.value.reason is not None and "CPU budget" in stop.value.reason


def test_batches_cover_every_digit_once_per_epoch() -> None:
    job = small(train_size=100, batch_size=32)
    batches = Batches(job, dataset.load())
    epoch = np.concatenate([batches.indices(s) for s in range(batches.per_epoch)])
    assert sorted(epoch.tolist()) == list(range(100))
    assert not np.array_equal(batches.indices(0), batches.indices(batches.per_epoch))


def test_cost_over_the_limit_names_what_to_reduce() -> None:
    spec = lenet()
    assert check_cost(Job(epochs=1), spec) <= MAX_COST
    with pytest.raises(CostError) as err:
        check_cost(Job(epochs=50, train_size=12_000), spec)
    assert err.value.field == "epochs" and err.value.params["cost"] > MAX_COST
    with pytest.raises(CostError) as err:
        check_cost(Job(epochs=1, train_size=12_000), spec, limit=1000)
    assert err.value.field == "train_size"


def test_shipped_digits_are_balanced_and_separate() -> None:
    digits = dataset.load()
    assert len(digits.train_labels) >= 10_000 and digits.train_images.dtype == np.uint8
    assert np.bincount(digits.train_labels, minlength=10).min() == len(digits.train_labels) // 10
    assert np.bincount(digits.test_labels, minlength=10).min() == len(digits.test_labels) // 10
