"""Mini-batch training (SGD + momentum, or Adam), augmentation, evaluation, `convtrace train`.

Deterministic for a seed (and thread count, which sets how gradients are summed): generators
seeded from it drive initialisation, shuffling and augmentation.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .augment import augment
from .data import FILES, _find, load_mnist
from .network import Network
from .parallel import DataParallel
from .specs import SHIPPED
from .weights import init_weights, load, save

Batch = tuple[np.ndarray, np.ndarray]  # images (N, 28, 28, 1), labels (N,)


class SGD:
    """v <- mu v - lr g ;  w <- w + v   (classical momentum)."""

    def __init__(self, lr: float, momentum: float = 0.9) -> None:
        self.lr, self.mu = lr, momentum
        self.v: dict[tuple[str, str], np.ndarray] = {}

    def step(self, net: Network) -> None:
        for layer in net.layers:
            for k, w in layer.params.items():
                v = self.v.setdefault((layer.name, k), np.zeros_like(w))
                v *= self.mu
                v -= self.lr * layer.grads[k]
                w += v


class Adam:
    """Adam (Kingma & Ba) with bias correction."""

    def __init__(
        self, lr: float, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8
    ) -> None:
        self.lr, self.b1, self.b2, self.eps, self.t = lr, beta1, beta2, eps, 0
        self.m: dict[tuple[str, str], np.ndarray] = {}
        self.v: dict[tuple[str, str], np.ndarray] = {}

    def step(self, net: Network) -> None:
        self.t += 1
        c1, c2 = 1 - self.b1**self.t, 1 - self.b2**self.t
        for layer in net.layers:
            for k, w in layer.params.items():
                g = layer.grads[k]
                m = self.m.setdefault((layer.name, k), np.zeros_like(w))
                v = self.v.setdefault((layer.name, k), np.zeros_like(w))
                m += (1 - self.b1) * (g - m)
                v += (1 - self.b2) * (g * g - v)
                w -= self.lr * (m / c1) / (np.sqrt(v / c2) + self.eps)


@dataclass
class History:
    epoch_loss: list[float] = field(default_factory=list)
    epoch_train_accuracy: list[float] = field(default_factory=list)
    test_accuracy: list[float] = field(default_factory=list)


def to_input(images: np.ndarray) -> np.ndarray:
    """uint8 (N, 28, 28) or float (N, 28, 28) -> float32 (N, 28, 28, 1) in 0..1."""
    x = images.astype(np.float32)
    if images.dtype == np.uint8:
        x /= 255.0
    return x[..., None]


def accuracy(net: Network, images: np.ndarray, labels: np.ndarray) -> float:
    return float((net.predict(to_input(images)) == labels).mean())


def train(
    net: Network,
    images: np.ndarray,
    labels: np.ndarray,
    *,
    epochs: int = 1,
    batch_size: int = 64,
    optimizer: SGD | Adam | None = None,
    seed: int = 0,
    augment_data: bool = True,
    test: tuple[np.ndarray, np.ndarray] | None = None,
    progress: bool = False,
    lr_decay: float = 1.0,
    threads: int = 1,
) -> History:
    """Train in place; ``lr_decay`` multiplies the learning rate after every epoch.

    ``threads`` > 1 splits every batch over that many threads (``parallel.DataParallel``) and
    makes the next batch (shuffling, augmentation) on another thread meanwhile.
    """
    from tqdm import tqdm

    optimizer = optimizer or SGD(0.05, 0.9)
    history = History()
    x_all = images.astype(np.float32) / (255.0 if images.dtype == np.uint8 else 1.0)
    batches = _batches(x_all, labels, np.random.default_rng(seed), epochs, batch_size, augment_data)
    if threads > 1:
        batches = _one_ahead(batches)
    per_epoch = -(-len(images) // batch_size)
    with DataParallel(net, threads) as model:
        for epoch in range(epochs):
            bar = tqdm(
                range(per_epoch),
                desc=f"epoch {epoch + 1}/{epochs}",
                disable=not progress,
                unit="batch",
                leave=True,
            )
            total_loss = correct = seen = 0.0
            for step in bar:
                x, y = next(batches)
                loss, p = model.loss_and_grads(x, y)
                optimizer.step(net)
                total_loss += loss * len(y)
                correct += float((p.argmax(1) == y).sum())
                seen += len(y)
                if progress and step % 20 == 0:
                    bar.set_postfix(loss=f"{total_loss / seen:.4f}", acc=f"{correct / seen:.4f}")
            history.epoch_loss.append(total_loss / seen)
            history.epoch_train_accuracy.append(correct / seen)
            if test is not None:
                history.test_accuracy.append(accuracy(net, *test))
                if progress:
                    print(
                        f"epoch {epoch + 1}: loss {total_loss / seen:.4f}, train acc "
                        f"{correct / seen:.4f}, test acc {history.test_accuracy[-1]:.4f}"
                    )
            optimizer.lr *= lr_decay
    return history


def _batches(
    x_all: np.ndarray,
    labels: np.ndarray,
    rng: np.random.Generator,
    epochs: int,
    batch_size: int,
    augment_data: bool,
) -> Iterator[Batch]:
    """Every (x, labels) batch of every epoch, in order. The only user of ``rng`` (shuffling,
    then augmentation), so the random stream, and the model, are the same whichever thread
    makes the batches."""
    for _ in range(epochs):
        order = rng.permutation(len(x_all))
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            x = augment(x_all[idx], rng) if augment_data else x_all[idx]
            yield x[..., None], labels[idx]


def _one_ahead(items: Iterator[Batch]) -> Iterator[Batch]:
    """The same items, each next one made on a background thread while the caller uses the
    current one."""
    with ThreadPoolExecutor(1, thread_name_prefix="convtrace-batches") as maker:
        upcoming = maker.submit(next, items, None)
        while (item := upcoming.result()) is not None:
            upcoming = maker.submit(next, items, None)
            yield item


def data_checksum(directory: Path) -> str:
    """sha256 over the four IDX files, so a model records exactly what it was trained on."""
    digest = hashlib.sha256()
    for stems in FILES.values():
        for stem in stems:
            digest.update(_find(Path(directory), stem).read_bytes())
    return digest.hexdigest()


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="convtrace train", description="Train a model on MNIST.")
    p.add_argument("--data", required=True, type=Path, help="folder with the four MNIST IDX files")
    p.add_argument("--arch", default="lenet-relu", choices=sorted(SHIPPED))
    p.add_argument("--out", type=Path, help="output path without suffix (default: ./<arch>)")
    p.add_argument("--epochs", type=int, default=12)
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--optimizer", choices=("sgd", "adam"), default="sgd")
    p.add_argument("--lr", type=float, default=0.05)
    p.add_argument("--lr-decay", type=float, default=0.8, help="per-epoch factor")
    p.add_argument("--momentum", type=float, default=0.9)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument(
        "--threads",
        type=int,
        default=1,
        help="split each batch over this many threads and make the next batch "
        "meanwhile (2 on two cores: epochs about 1.2x faster)",
    )
    p.add_argument("--limit", type=int, default=0, help="use only the first N training images")
    p.add_argument("--no-augment", action="store_true")
    p.add_argument(
        "--init",
        type=Path,
        help="start from a saved model (path without suffix) "
        "instead of random weights, e.g. to fine-tune",
    )
    return p


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.threads < 1:
        parser.error(f"--threads must be at least 1, got {args.threads}")
    train_x, train_y = load_mnist(args.data, "train")
    test_x, test_y = load_mnist(args.data, "test")
    if args.limit:
        train_x, train_y = train_x[: args.limit], train_y[: args.limit]
    spec, description = SHIPPED[args.arch]
    if args.init:
        net, previous = load(args.init)
        if net.spec != Network(spec).spec:
            raise SystemExit(f"--init {args.init}: its architecture is not {args.arch}")
    else:
        net, previous = init_weights(Network(spec), args.seed), None
    opt = Adam(args.lr) if args.optimizer == "adam" else SGD(args.lr, args.momentum)
    started = time.perf_counter()
    history = train(
        net,
        train_x,
        train_y,
        epochs=args.epochs,
        batch_size=args.batch_size,
        optimizer=opt,
        seed=args.seed,
        augment_data=not args.no_augment,
        test=(test_x, test_y),
        progress=True,
        lr_decay=args.lr_decay,
        threads=args.threads,
    )
    seconds = time.perf_counter() - started
    metadata = {
        "name": args.arch,
        "description": description,
        "test_accuracy": history.test_accuracy[-1],
        "test_accuracy_per_epoch": history.test_accuracy,
        "train_loss_per_epoch": history.epoch_loss,
        # paths stay out: they name folders of the machine that trained, not the model
        "training": {k: v for k, v in vars(args).items() if k not in ("data", "out", "init")},
        "training_seconds": round(seconds, 1),
        "data_sha256": data_checksum(args.data),
        "trained_on": f"MNIST train ({len(train_x)} images), evaluated on MNIST t10k",
        "date": dt.date.today().isoformat(),
    }
    if previous is not None:
        metadata["initialised_from"] = {
            "model": args.init.name,
            **{
                k: previous.get(k)
                for k in ("test_accuracy", "training", "training_seconds", "date")
            },
        }
    out = args.out or Path(args.arch)
    save(net, out, metadata)
    print(
        f"saved {out}.npz/.json: test accuracy {history.test_accuracy[-1]:.4f} in {seconds:.0f} s"
    )
    return 0
