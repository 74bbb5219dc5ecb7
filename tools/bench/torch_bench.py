#!/usr/bin/env python3
"""PyTorch peer of `npm run bench` (bench/workloads.ts): the same training workloads, same shapes,
losses and optimizers, on synthetic data of MNIST's shape, timed the same way (a warm-up, then
whole training steps until the budget has passed).

    /usr/bin/python3 tools/bench/torch_bench.py [--budget 2.5] [--threads 1,2] [--only lenet5]

One JSON object per line on stdout:
    {"peer": "torch", "version": "1.13.0", "workload": "lenet5-b64", "threads": 1, "batchSize": 64,
     "samplesPerSecond": <wall>, "samplesPerCpuSecond": <process CPU time>, "seconds": ...}
samplesPerCpuSecond divides by the CPU time of all the process's threads, so with 2 threads it is
about half the wall rate on an idle machine: compare wall rates across thread counts.

Workloads (ids as in bench/workloads.ts):
  dlpy-b1     196-256-128-64-32-32-32-10, ReLU hidden, sigmoid out, SSE ½Σ(y−t)², SGD α 0.1, batch 1
  mlp784-b64  784-256-128-64-32-32-32-10, ReLU hidden, logits, cross-entropy (mean), SGD α 0.1
  lenet5-b64  conv 6@5×5 pad 2, ReLU, max 2×2, conv 16@5×5, ReLU, max 2×2, 400-120-84-10,
              cross-entropy, SGD α 0.01 momentum 0.9
  ae784-b1/64 784-100-784 with the decoder tied to the encoder (W̃ = Wᵗ), sigmoid, SSE, SGD α 0.1
"""
import argparse
import json
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

POOL = 1024  # synthetic samples per workload, as in bench/workloads.ts


def mlp(inputs, out_activation):
    sizes = [inputs, 256, 128, 64, 32, 32, 32]
    layers = []
    for a, b in zip(sizes, sizes[1:]):
        layers += [nn.Linear(a, b), nn.ReLU()]
    layers.append(nn.Linear(32, 10))
    if out_activation:
        layers.append(nn.Sigmoid())
    return nn.Sequential(*layers)


def lenet5():
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2, 2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2, 2),
        nn.Flatten(),
        nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10),
    )


class TiedAutoencoder(nn.Module):
    """y = σ(σ(x W + b) Wᵗ + b̃) with W (784 × 100), as the engine's dense + tied-dense pair."""

    def __init__(self):
        super().__init__()
        self.w = nn.Parameter(torch.empty(784, 100).uniform_(-0.05, 0.05))
        self.b = nn.Parameter(torch.empty(100).uniform_(-0.05, 0.05))
        self.b2 = nn.Parameter(torch.empty(784).uniform_(-0.05, 0.05))

    def forward(self, x):
        h = torch.sigmoid(x @ self.w + self.b)
        return torch.sigmoid(h @ self.w.t() + self.b2)


def sse(y, t):
    return 0.5 * ((y - t) ** 2).sum()


def workloads():
    # id, batch, model factory, input shape, loss, optimizer options, autoencode
    return [
        ('dlpy-b1', 1, lambda: mlp(196, True), (196,), sse, dict(lr=0.1), False),
        ('mlp784-b64', 64, lambda: mlp(784, False), (784,), 'ce', dict(lr=0.1), False),
        ('lenet5-b64', 64, lenet5, (1, 28, 28), 'ce', dict(lr=0.01, momentum=0.9), False),
        ('ae784-b1', 1, TiedAutoencoder, (784,), sse, dict(lr=0.1), True),
        ('ae784-b64', 64, TiedAutoencoder, (784,), sse, dict(lr=0.1), True),
    ]


def make_step(batch, factory, shape, loss, sgd, autoencode):
    torch.manual_seed(1)
    model = factory()
    opt = torch.optim.SGD(model.parameters(), **sgd)
    x = torch.rand((POOL,) + shape)
    labels = torch.randint(0, 10, (POOL,))
    onehot = F.one_hot(labels, 10).float()
    perm = torch.randperm(POOL)
    cursor = [0]

    def step():
        i = cursor[0]
        if i + batch > POOL:
            perm.copy_(torch.randperm(POOL))
            i = 0
        idx = perm[i:i + batch]
        cursor[0] = i + batch
        xb = x[idx]
        opt.zero_grad()
        y = model(xb)
        if autoencode:
            l = loss(y, xb)
        elif loss == 'ce':
            l = F.cross_entropy(y, labels[idx])
        else:
            l = loss(y, onehot[idx])
        l.backward()
        opt.step()
        return batch

    return step


def measure(step, budget):
    """Warm up for a tenth of the budget, then run whole steps until `budget` seconds have passed."""
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < budget / 10:
        step()
    work = 0
    wall0, cpu0 = time.perf_counter(), time.process_time()
    while True:
        work += step()
        wall = time.perf_counter() - wall0
        if wall >= budget:
            break
    cpu = time.process_time() - cpu0
    return work / wall, work / max(cpu, 1e-9), wall


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--budget', type=float, default=2.5)
    p.add_argument('--threads', default='1,2')
    p.add_argument('--only', action='append', default=[])
    a = p.parse_args()
    version = torch.__version__.split('a')[0]
    for threads in [int(t) for t in a.threads.split(',')]:
        torch.set_num_threads(threads)
        for wid, batch, factory, shape, loss, sgd, autoencode in workloads():
            if a.only and not any(o in wid for o in a.only):
                continue
            rate, cpu_rate, wall = measure(make_step(batch, factory, shape, loss, sgd, autoencode), a.budget)
            print(json.dumps({
                'peer': 'torch', 'version': version, 'workload': wid, 'threads': threads,
                'batchSize': batch, 'samplesPerSecond': round(rate, 1),
                'samplesPerCpuSecond': round(cpu_rate, 1), 'seconds': round(wall, 2),
            }), flush=True)


if __name__ == '__main__':
    sys.exit(main())
