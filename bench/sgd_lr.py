"""What one SGD step costs a shipped model, against the learning rate.

For each learning rate: one step through POST /api/sgd (in-process, as the page takes it) on
each of 10 MNIST test digits, the first of each class, with a WRONG target (the true label
+ 1), starting from the shipped weights each time. The weights the response returns are read
back into a network of their own and scored on MNIST test images the digits are not among; the
cost is the drop in accuracy, in points. Also printed: the drop the response's own
``samples_accuracy`` reports (the 500 shipped sample digits), and whether the step made the
target the prediction.

Usage: python -m bench.sgd_lr --data DIR [--test N] [--rates 0.001,0.01,...]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from convtrace.api.app import create_app
from convtrace.config import Settings
from convtrace.nn.data import load_mnist
from convtrace.nn.network import Network
from convtrace.training_step import DEFAULT_LEARNING_RATE
from fastapi.testclient import TestClient

RATES = (0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1)


def read_back(spec: dict, weights: dict) -> Network:
    """A network built from the JSON weights alone, nothing shared with the server's."""
    net = Network(spec)
    net.set_weights(
        {k: np.array(v["data"], np.float32).reshape(v["shape"]) for k, v in weights.items()}
    )
    return net


def scored(net: Network, images: np.ndarray, labels: np.ndarray) -> float:
    """Test accuracy in percent."""
    return 100 * float(np.mean(net.predict(images[..., None], batch=250) == labels))


def one_rate(client, model, spec, rate, digits, test) -> dict[str, float]:
    """Mean/max drop in points over the digits, for one learning rate."""
    images, labels = test
    baseline = scored(read_back(spec, client.get(f"/api/models/{model}").json()["weights"]), *test)
    drops, sample_drops, fixed = [], [], 0
    for image, label in digits:
        target = (int(label) + 1) % 10
        body = {"image": image.tolist(), "label": target, "model": model, "learning_rate": rate}
        step = client.post("/api/sgd", json=body).json()
        drops.append(baseline - scored(read_back(spec, step["weights"]), images, labels))
        accuracy = step["samples_accuracy"]
        sample_drops.append(100 * (accuracy["before"] - accuracy["after"]))
        fixed += step["after"]["prediction"] == target
    return {
        "mean": float(np.mean(drops)),
        "max": float(np.max(drops)),
        "samples_mean": float(np.mean(sample_drops)),
        "fixed": fixed,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="directory of MNIST IDX files")
    parser.add_argument("--test", type=int, default=2000, help="test images scored")
    parser.add_argument("--rates", default=",".join(map(str, RATES)))
    args = parser.parse_args()
    images, labels = load_mnist(args.data, "test")
    images = images.astype(np.float32) / np.float32(255)
    # the stepped digits: the first of each class; the scored ones: the first --test others
    stepped = [int(np.flatnonzero(labels == digit)[0]) for digit in range(10)]
    scored_ids = np.setdiff1d(np.arange(len(labels)), stepped)[: args.test]
    count = len(scored_ids)
    test = images[scored_ids], labels[scored_ids]
    digits = [(images[i], labels[i]) for i in stepped]
    rates = [float(r) for r in args.rates.split(",")]
    print(f"one SGD step, wrong target, 10 digits; accuracy on {count} MNIST test images")
    print(f"default learning rate: {DEFAULT_LEARNING_RATE}")
    print("model          rate    drop mean  drop max  samples_accuracy drop  target reached")
    with TestClient(create_app(Settings(log_level="warning"))) as client:
        for model in [m["name"] for m in client.get("/api/models").json()["models"]]:
            spec = client.get(f"/api/models/{model}").json()["spec"]
            for rate in rates:
                row = one_rate(client, model, spec, rate, digits, test)
                print(
                    f"{model:14s} {rate:<7g} {row['mean']:6.2f} pt  {row['max']:6.2f} pt"
                    f"  {row['samples_mean']:6.2f} pt (mean)          {row['fixed']}/10"
                )


if __name__ == "__main__":
    main()
