"""A training job: its settings, presets, validation and estimated cost.

The cost of a job is estimated before it is queued as multiply-adds: a forward and a backward
pass cost about three forward passes, so ``3 x (the network's multiply-adds per image) x
train_size x epochs``. Over ``MAX_COST`` the job is refused (422) with the field to reduce.
``MAX_COST`` is ten epochs of the shipped network on the shipped 12 000 digits (about 12 s of
one core, measured); every job also runs under a CPU budget (``cpu_budget_s``) in case the
estimate is off.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from convtrace.nn.spec import check
from convtrace.nn.specs import lenet

Optimizer = Literal["sgd", "momentum", "adam"]
OPTIMIZERS: tuple[str, ...] = ("sgd", "momentum", "adam")
SHIPPED_MACS = int(check(lenet())["macs"])
MAX_TRAIN_SIZE = 60_000  # the full MNIST training set, when CONVTRACE_TRAIN_DATA names it
MAX_COST = 3 * SHIPPED_MACS * 12_000 * 10
CPU_BUDGET_S = 60.0

# quick: ~2 s of one core for the shipped network from scratch, >= 95 % test accuracy
# (measured: bench/training.py); good: a few more epochs, augmented like the shipped models.
PRESETS: dict[str, dict[str, Any]] = {
    "quick": {
        "optimizer": "adam",
        "learning_rate": 0.003,
        "batch_size": 32,
        "epochs": 2,
        "train_size": 12_000,
        "augment": False,
    },
    "good": {
        "optimizer": "adam",
        "learning_rate": 0.002,
        "batch_size": 64,
        "epochs": 6,
        "train_size": 12_000,
        "augment": True,
    },
}


class CostError(ValueError):
    """The job would cost more than the limit; ``field`` is the one to reduce."""

    def __init__(self, message: str, field: str, params: dict[str, Any]) -> None:
        super().__init__(message)
        self.field, self.params, self.code = field, params, "train.too_costly"


@dataclass(frozen=True)
class Job:
    optimizer: str = "adam"
    learning_rate: float = 0.003
    batch_size: int = 32
    epochs: int = 2
    train_size: int = 12_000
    seed: int = 0
    augment: bool = False
    cpu_budget_s: float = CPU_BUDGET_S

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Job:
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})

    def steps(self) -> int:
        return -(-self.train_size // self.batch_size) * self.epochs


def cost(job: Job, spec: dict[str, Any]) -> int:
    return 3 * int(check(spec)["macs"]) * job.train_size * job.epochs


def check_cost(job: Job, spec: dict[str, Any], limit: int = MAX_COST) -> int:
    """The job's estimated cost, or CostError naming what to reduce."""
    estimate = cost(job, spec)
    if estimate <= limit:
        return estimate
    field = "epochs" if job.epochs > 1 else "train_size"
    message = (
        f"this job would cost about {estimate:.3g} multiply-adds, over the limit of "
        f"{limit:.3g}: reduce epochs, train_size or the network's size"
    )
    raise CostError(message, field, {"cost": estimate, "limit": limit})
