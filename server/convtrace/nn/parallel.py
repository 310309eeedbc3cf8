"""Data-parallel training on threads: each thread runs one slice of the batch through its own
replica of the network (shared weights, own kept activations and grads); the gradients are then
combined as the whole batch's.

Why threads help, and BLAS threads alone do not: NumPy runs every elementwise operation and
every copy (im2col, pooling windows) on one core; only the matrix products are handed to
multi-threaded BLAS, and at this network's sizes they are a minority of the time and too small
to split well (measured in bench/train.py). NumPy releases the GIL inside its loops, so whole
shards on separate threads overlap almost completely. BLAS is held to one thread meanwhile, or
every worker's BLAS threads would compete for the same cores.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np

from .network import Network


class DataParallel:
    """``loss_and_grads(x, labels)`` like ``Network.loss_and_grads``, split over ``threads``.

    Afterwards ``net``'s layers hold the gradients of the mean loss over the whole batch, so any
    optimizer steps ``net`` as usual. With one thread it is ``net.loss_and_grads`` itself.
    Use as a context manager (or call ``close``): it pins BLAS to one thread until then.
    """

    def __init__(self, net: Network, threads: int = 1):
        if threads < 1:
            raise ValueError(f"threads must be >= 1, got {threads}")
        self.net = net
        self.replicas = [net] + [net.replica() for _ in range(threads - 1)]
        self._pool = self._blas = None
        if threads > 1:
            from threadpoolctl import threadpool_limits

            self._pool = ThreadPoolExecutor(threads - 1, thread_name_prefix="convtrace-shard")
            self._blas = threadpool_limits(1, user_api="blas")

    def __enter__(self) -> DataParallel:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._blas is not None:
            self._blas.restore_original_limits()
            self._blas = None
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None

    def loss_and_grads(self, x: np.ndarray, labels: np.ndarray) -> tuple[float, np.ndarray]:
        if self._pool is None:
            return self.net.loss_and_grads(x, labels)
        n = len(x)
        edges = np.linspace(0, n, len(self.replicas) + 1).astype(int)
        shards = [slice(a, b) for a, b in zip(edges[:-1], edges[1:], strict=True) if b > a]
        busy = self.replicas[: len(shards)]  # shard i runs on replica i; replica 0 is net
        futures = [
            self._pool.submit(replica.loss_and_grads, x[s], labels[s])
            for replica, s in zip(busy[1:], shards[1:], strict=True)
        ]
        results = [self.net.loss_and_grads(x[shards[0]], labels[shards[0]])]
        results += [future.result() for future in futures]
        # The batch loss is the mean over all n examples: a shard of n_i examples counts n_i / n,
        # in its loss and in its gradients alike (always summed in the same order).
        shares = [(s.stop - s.start) / n for s in shards]
        for i, layer in enumerate(self.net.layers):
            for key in layer.grads:
                layer.grads[key] = sum(
                    share * replica.layers[i].grads[key]
                    for share, replica in zip(shares, busy, strict=True)
                )
        loss = sum(
            share * shard_loss for share, (shard_loss, _) in zip(shares, results, strict=True)
        )
        return float(loss), np.concatenate([p for _, p in results])
