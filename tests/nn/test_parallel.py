"""Data-parallel training on threads gives the whole batch's loss and gradients, replicas share
weights but not state, BLAS limits are restored, and training with threads still learns and is
reproducible."""

from __future__ import annotations

import numpy as np
import pytest
from convtrace.nn.network import Network
from convtrace.nn.parallel import DataParallel
from convtrace.nn.train import SGD, _batches, _one_ahead, main, train
from convtrace.nn.weights import init_weights

from .test_train import SPEC, _loss, _synthetic


def _float64_net(seed: int = 0) -> Network:
    return init_weights(Network(SPEC), seed=seed).astype(np.float64)


# (batch, threads): even shards, uneven shards, more threads than examples
@pytest.mark.parametrize(("batch", "threads"), [(8, 2), (7, 3), (2, 3)])
def test_sharded_loss_and_gradients_equal_the_whole_batch(batch, threads):
    images, labels = _synthetic(batch, seed=batch)
    x = images[..., None].astype(np.float64)
    whole = _float64_net()
    loss, p = whole.loss_and_grads(x, labels)
    net = _float64_net()
    with DataParallel(net, threads) as model:
        sharded_loss, sharded_p = model.loss_and_grads(x, labels)
    assert sharded_loss == pytest.approx(loss, rel=1e-12)
    np.testing.assert_allclose(sharded_p, p, rtol=1e-12)
    for a, b in zip(whole.layers, net.layers, strict=True):
        for key in a.grads:
            np.testing.assert_allclose(
                b.grads[key], a.grads[key], rtol=1e-10, atol=1e-15, err_msg=f"{a.name}.{key}"
            )


def test_a_replica_shares_weights_but_keeps_its_own_state():
    net = _float64_net()
    twin = net.replica()
    net.layers[0].params["W"] += 1.0  # in place, as the optimizers update
    assert np.array_equal(twin.layers[0].params["W"], net.layers[0].params["W"])
    net.set_weights({k: v * 0 for k, v in net.get_weights().items()}, np.float64)  # new arrays
    assert not twin.layers[0].params["W"].any()
    net.set_weights(_float64_net(seed=1).get_weights(), np.float64)
    images, labels = _synthetic(4)
    x = images[..., None].astype(np.float64)
    net.loss_and_grads(x, labels)
    kept = net.layers[0].cols.copy()
    twin.loss_and_grads(x[:2], labels[:2])
    assert np.array_equal(net.layers[0].cols, kept)  # the twin did not overwrite net's state
    assert twin.layers[0].cols.shape[0] == kept.shape[0] // 2


def test_blas_is_pinned_to_one_thread_only_while_open():
    from threadpoolctl import threadpool_info

    def blas_threads():
        return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]

    before = blas_threads()
    model = DataParallel(_float64_net(), 2)
    assert all(n == 1 for n in blas_threads())
    model.close()
    assert blas_threads() == before
    with pytest.raises(ValueError, match="threads"):
        DataParallel(_float64_net(), 0)


def test_training_on_threads_learns_and_is_reproducible():
    images, labels = _synthetic(96)
    weights = []
    for _ in range(2):
        net = init_weights(Network(SPEC), seed=0)
        before = _loss(net, images, labels)
        train(
            net,
            images,
            labels,
            epochs=6,
            batch_size=16,
            optimizer=SGD(0.05, 0.9),
            augment_data=False,
            threads=2,
        )
        assert _loss(net, images, labels) < 0.5 * before
        weights.append(net.get_weights())
    for key in weights[0]:
        np.testing.assert_array_equal(weights[0][key], weights[1][key])


def test_train_command_rejects_zero_threads(capsys):
    with pytest.raises(SystemExit):
        main(["--data", ".", "--threads", "0"])
    assert "--threads must be at least 1" in capsys.readouterr().err


def test_batches_made_ahead_are_the_same_batches_in_the_same_order():
    images, labels = _synthetic(20)
    serial = list(_batches(images, labels, np.random.default_rng(3), 2, 6, True))
    ahead = list(_one_ahead(_batches(images, labels, np.random.default_rng(3), 2, 6, True)))
    assert len(serial) == len(ahead) == 8  # 2 epochs of 4 batches (6, 6, 6, 2)
    for (xa, ya), (xb, yb) in zip(serial, ahead, strict=True):
        np.testing.assert_array_equal(xa, xb)
        np.testing.assert_array_equal(ya, yb)


def test_an_error_making_a_batch_ahead_reaches_the_trainer():
    def failing():
        yield 1, 2
        raise OSError("disk gone")

    made = _one_ahead(failing())
    assert next(made) == (1, 2)
    with pytest.raises(OSError, match="disk gone"):
        next(made)
