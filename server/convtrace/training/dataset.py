"""The training lab's digits: a class-balanced subset of MNIST shipped with the package.

``train-digits.npz`` (models/) holds ``train_images`` uint8 (N, 28, 28), ``train_labels``,
``test_images``, ``test_labels`` and the positions they were drawn from. It is built once from
the full MNIST IDX files by ``python -m convtrace.training.dataset --mnist DIR`` (deterministic
for ``--seed``); the app and the tests read only the shipped file. ``CONVTRACE_TRAIN_DATA``, if
set, names a folder with the four full MNIST IDX files to train on instead.
"""

from __future__ import annotations

import argparse
import functools
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from convtrace.config import MODELS_DIR
from convtrace.nn.data import load_mnist

FILE = "train-digits.npz"
ENV = "CONVTRACE_TRAIN_DATA"


@dataclass(frozen=True)
class Digits:
    train_images: np.ndarray  # uint8 (N, 28, 28)
    train_labels: np.ndarray  # uint8 (N,)
    test_images: np.ndarray
    test_labels: np.ndarray


def balanced(labels: np.ndarray, per_class: int, rng: np.random.Generator) -> np.ndarray:
    """``per_class`` positions of each class, drawn without replacement, then shuffled
    together (so any prefix of the result is nearly balanced too)."""
    chosen = []
    for digit in range(10):
        where = np.flatnonzero(labels == digit)
        if len(where) < per_class:
            raise ValueError(f"only {len(where)} digits of class {digit}, need {per_class}")
        chosen.append(rng.choice(where, per_class, replace=False))
    picked = np.concatenate(chosen)
    return picked[rng.permutation(len(picked))]


def build(mnist: Path, out: Path, train_per_class: int, test_per_class: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    train_x, train_y = load_mnist(mnist, "train")
    test_x, test_y = load_mnist(mnist, "test")
    train_at = balanced(train_y, train_per_class, rng)
    test_at = balanced(test_y, test_per_class, rng)
    np.savez_compressed(
        out,
        train_images=train_x[train_at],
        train_labels=train_y[train_at],
        train_mnist_index=train_at.astype(np.uint16),
        test_images=test_x[test_at],
        test_labels=test_y[test_at],
        test_mnist_index=test_at.astype(np.uint16),
    )


@functools.cache
def load(path: str | None = None) -> Digits:
    """The shipped digits, or the full MNIST from ``CONVTRACE_TRAIN_DATA`` (read once per
    process: workers keep them for every job)."""
    folder = os.environ.get(ENV, "")
    if path is None and folder:
        train_x, train_y = load_mnist(Path(folder), "train")
        test_x, test_y = load_mnist(Path(folder), "test")
        return Digits(train_x, train_y, test_x, test_y)
    with np.load(path or MODELS_DIR / FILE, allow_pickle=False) as f:
        return Digits(f["train_images"], f["train_labels"], f["test_images"], f["test_labels"])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Build the training lab's class-balanced digits.")
    p.add_argument("--mnist", required=True, type=Path, help="folder with the MNIST IDX files")
    p.add_argument("--out", type=Path, default=MODELS_DIR / FILE)
    p.add_argument("--train-per-class", type=int, default=1200)
    p.add_argument("--test-per-class", type=int, default=200)
    p.add_argument("--seed", type=int, default=19)
    args = p.parse_args(argv)
    build(args.mnist, args.out, args.train_per_class, args.test_per_class, args.seed)
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
