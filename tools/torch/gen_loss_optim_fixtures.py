#!/usr/bin/python3
"""Reference fixtures for the engine's losses, optimizers and training step, computed with PyTorch.

Run with Debian's interpreter (numpy, torch CPU):  /usr/bin/python3 tools/torch/gen_loss_optim_fixtures.py

Writes (deterministic: fixed NumPy seeds, no wall-clock, sorted output):
  src/engine/losses/fixtures/losses.json          value and dL/dpred of every loss on small cases
  src/engine/optim/fixtures/optimizers.json       parameters after each of 5 steps of SGD / Adam
  src/engine/train/fixtures/linear-regression.json two seeded end-to-end runs of a linear model

Every input is first rounded to float32 (what the engine stores); references are computed in float64
from those float32 values, so the only differences left are the engine's float32 storage roundings.

Loss scalings (see docs/losses.md):
  sse                    ½ Σ (y − t)²            grad y − t            (the lecture's delta = out − t)
  mse                    Σ (y − t)² / numel      grad 2(y − t)/numel   (torch MSELoss, mean)
  softmax-cross-entropy  mean over the batch of −Σ t log softmax(z)     (torch CrossEntropyLoss, mean)
  binary-cross-entropy   mean over elements, logs clamped at −100        (torch BCELoss, mean)

The end-to-end runs draw their minibatches with a Python port of the engine's seeded RNG
(xoshiro128** seeded by splitmix32, src/engine/init/rng.ts) and of its two samplers
(src/engine/train/*-sampler.ts), so PyTorch trains on exactly the index sequence the engine uses.
"""
import json
import os

import numpy as np
import torch
import torch.nn.functional as F

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
GENERATED_BY = 'tools/torch/gen_loss_optim_fixtures.py'
torch.set_default_dtype(torch.float64)


def f32(a):
    """Round to float32 and back to float64: the values the engine will actually hold."""
    return np.asarray(a, dtype=np.float32).astype(np.float64)


def flat(a):
    return [float(v) for v in np.asarray(a, dtype=np.float64).reshape(-1)]


def write(rel, obj):
    path = os.path.join(ROOT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        json.dump(obj, f, indent=1, sort_keys=True)
        f.write('\n')
    print('wrote', rel)


def header():
    return {'generatedBy': GENERATED_BY, 'torch': torch.__version__, 'numpy': np.__version__}


# ---------------------------------------------------------------------------------------------
# Losses
# ---------------------------------------------------------------------------------------------

def torch_loss(name, pred, target):
    y = torch.tensor(pred, requires_grad=True)
    t = torch.tensor(target)
    if name == 'sse':
        value = 0.5 * ((y - t) ** 2).sum()
    elif name == 'mse':
        value = F.mse_loss(y, t, reduction='mean')
    elif name == 'softmax-cross-entropy':
        value = F.cross_entropy(y, t, reduction='mean')  # probability targets, mean over the batch
    elif name == 'binary-cross-entropy':
        value = F.binary_cross_entropy(y, t, reduction='mean')
    else:
        raise ValueError(name)
    value.backward()
    return float(value), y.grad.numpy()


def one_hot(rng, n, classes):
    t = np.zeros((n, classes))
    t[np.arange(n), rng.randint(0, classes, n)] = 1
    return t


def softmax_rows(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def loss_cases():
    rng = np.random.RandomState(20240601)
    cases = []

    def add(loss, name, pred, target, grad_check=True):
        pred, target = f32(pred), f32(target)
        value, grad = torch_loss(loss, pred, target)
        cases.append({
            'loss': loss, 'name': name, 'shape': list(pred.shape), 'gradCheck': grad_check,
            'pred': flat(pred), 'target': flat(target), 'value': value, 'grad': flat(grad),
        })

    for n in (1, 5):
        add('sse', f'batch {n}, 10 outputs', rng.uniform(0, 1, (n, 10)), rng.uniform(0, 1, (n, 10)))
        add('mse', f'batch {n}, 10 outputs', rng.normal(0, 1, (n, 10)), rng.normal(0, 1, (n, 10)))
        add('softmax-cross-entropy', f'batch {n}, 10 classes, one-hot', rng.normal(0, 2, (n, 10)),
            one_hot(rng, n, 10))
        add('binary-cross-entropy', f'batch {n}, 10 outputs, 0/1 targets', rng.uniform(0.02, 0.98, (n, 10)),
            rng.randint(0, 2, (n, 10)))
    add('sse', 'batch 5, (5, 2, 3) images', rng.normal(0, 1, (5, 2, 3)), rng.normal(0, 1, (5, 2, 3)))
    add('softmax-cross-entropy', 'batch 5, soft targets', rng.normal(0, 2, (5, 10)),
        softmax_rows(rng.normal(0, 1, (5, 10))))
    add('softmax-cross-entropy', 'batch 5, large logits ±50', rng.uniform(-50, 50, (5, 10)), one_hot(rng, 5, 10))
    big = rng.uniform(-1000, 1000, (5, 10))
    big[0, :] = 1000.0  # a row of equal, huge logits: softmax 1/10 each
    add('softmax-cross-entropy', 'batch 5, huge logits ±1000 (exp would overflow float64)', big,
        one_hot(rng, 5, 10))
    add('binary-cross-entropy', 'batch 5, soft targets', rng.uniform(0.05, 0.95, (5, 10)), rng.uniform(0, 1, (5, 10)))
    near = np.where(rng.uniform(0, 1, (5, 10)) < 0.5, rng.uniform(1e-6, 1e-4, (5, 10)),
                    1 - rng.uniform(1e-6, 1e-4, (5, 10)))
    add('binary-cross-entropy', 'batch 5, probabilities near 0 and 1', near, rng.randint(0, 2, (5, 10)))
    # exact 0 and 1: log(0) = −∞ is clamped at −100, and the gradient divides by max(p(1−p), 1e-12)
    edge = np.array([[0.0, 1.0, 0.0, 1.0, 0.5, 1e-30]])
    add('binary-cross-entropy', 'batch 1, exact 0 and 1 (log clamped at −100)', edge,
        np.array([[1.0, 0.0, 0.0, 1.0, 1.0, 1.0]]), grad_check=False)
    return cases


# ---------------------------------------------------------------------------------------------
# Optimizers
# ---------------------------------------------------------------------------------------------

OPTIM_CASES = [
    ('sgd plain', 'sgd', {'lr': 0.1}),
    ('sgd momentum 0.9', 'sgd', {'lr': 0.1, 'momentum': 0.9}),
    ('sgd nesterov 0.9', 'sgd', {'lr': 0.1, 'momentum': 0.9, 'nesterov': True}),
    ('sgd weight decay 1e-2', 'sgd', {'lr': 0.1, 'weightDecay': 1e-2}),
    ('sgd momentum 0.9, dampening 0.5, weight decay 1e-2', 'sgd',
     {'lr': 0.05, 'momentum': 0.9, 'dampening': 0.5, 'weightDecay': 1e-2}),
    ('adam default', 'adam', {}),
    ('adam weight decay 1e-2', 'adam', {'weightDecay': 1e-2}),
    ('adam lr 0.01, betas (0.8, 0.99), eps 1e-6, amsgrad', 'adam',
     {'lr': 0.01, 'betas': [0.8, 0.99], 'eps': 1e-6, 'amsgrad': True}),
]


def torch_optimizer(kind, params, o):
    if kind == 'sgd':
        return torch.optim.SGD(params, lr=o['lr'], momentum=o.get('momentum', 0), dampening=o.get('dampening', 0),
                               nesterov=o.get('nesterov', False), weight_decay=o.get('weightDecay', 0))
    return torch.optim.Adam(params, lr=o.get('lr', 1e-3), betas=tuple(o.get('betas', (0.9, 0.999))),
                            eps=o.get('eps', 1e-8), weight_decay=o.get('weightDecay', 0),
                            amsgrad=o.get('amsgrad', False))


def optimizer_fixture():
    rng = np.random.RandomState(7)
    names = ['fc.W', 'fc.b']
    shapes = {'fc.W': (3, 4), 'fc.b': (4,)}
    initial = {k: f32(rng.uniform(-0.5, 0.5, shapes[k])) for k in names}
    steps = 5
    grads = [{k: f32(rng.normal(0, 1, shapes[k])) for k in names} for _ in range(steps)]
    cases = []
    for title, kind, options in OPTIM_CASES:
        params = [torch.tensor(initial[k], requires_grad=True) for k in names]
        opt = torch_optimizer(kind, params, options)
        after = []
        for s in range(steps):
            for p, k in zip(params, names):
                p.grad = torch.tensor(grads[s][k])
            opt.step()
            after.append({k: flat(p.detach().numpy()) for p, k in zip(params, names)})
        state = {}
        for p, k in zip(params, names):
            st = opt.state[p]
            if 'momentum_buffer' in st and st['momentum_buffer'] is not None:
                state[f'{k}.momentum'] = flat(st['momentum_buffer'].numpy())
            if 'exp_avg' in st:
                state[f'{k}.adam_m'] = flat(st['exp_avg'].numpy())
                state[f'{k}.adam_v'] = flat(st['exp_avg_sq'].numpy())
            if 'max_exp_avg_sq' in st:
                state[f'{k}.adam_vmax'] = flat(st['max_exp_avg_sq'].numpy())
        cases.append({'name': title, 'optimizer': kind, 'options': options, 'after': after, 'finalState': state})
    out = header()
    out.update({
        'params': [{'name': k, 'shape': list(shapes[k]), 'value': flat(initial[k])} for k in names],
        'grads': [{k: flat(g[k]) for k in names} for g in grads],
        'cases': cases,
    })
    return out


# ---------------------------------------------------------------------------------------------
# The engine's RNG and samplers, ported
# ---------------------------------------------------------------------------------------------

M32 = 0xFFFFFFFF


def rotl(x, k):
    return ((x << k) | (x >> (32 - k))) & M32


class Rng:
    """xoshiro128** seeded by splitmix32, word for word as src/engine/init/rng.ts."""

    def __init__(self, seed):
        s = seed & M32
        words = []
        for _ in range(4):
            s = (s + 0x9E3779B9) & M32
            z = s
            z = ((z ^ (z >> 16)) * 0x85EBCA6B) & M32
            z = ((z ^ (z >> 13)) * 0xC2B2AE35) & M32
            words.append((z ^ (z >> 16)) & M32)
        self.s = words

    def next_uint32(self):
        s0, s1, s2, s3 = self.s
        result = (rotl((s1 * 5) & M32, 7) * 9) & M32
        t = (s1 << 9) & M32
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 11)
        self.s = [s0, s1, s2, s3]
        return result

    def int(self, n):
        limit = 4294967296 - (4294967296 % n)
        x = self.next_uint32()
        while x >= limit:
            x = self.next_uint32()
        return x % n

    def shuffle(self, a):
        for i in range(len(a) - 1, 0, -1):
            j = self.int(i + 1)
            a[i], a[j] = a[j], a[i]


def shuffle_batches(size, batch, seed, epochs):
    """ShuffleSampler: each epoch a Fisher–Yates shuffle of 0…size−1, cut into batches (last one partial)."""
    rng = Rng(seed)
    out = []
    for _ in range(epochs):
        perm = list(range(size))
        rng.shuffle(perm)
        out.append([perm[i:i + batch] for i in range(0, size, batch)])
    return out


def random_batches(size, batch, draws, seed, epochs):
    """RandomWithReplacementSampler: `draws` uniform indices per epoch, cut into batches."""
    rng = Rng(seed)
    out = []
    for _ in range(epochs):
        idx = [rng.int(size) for _ in range(draws)]
        out.append([idx[i:i + batch] for i in range(0, draws, batch)])
    return out


# ---------------------------------------------------------------------------------------------
# End-to-end: a linear model u = xW + b trained by the engine's training step
# ---------------------------------------------------------------------------------------------

def linear_fixture():
    rng = np.random.RandomState(3)
    n, inputs, outputs = 20, 4, 3
    x = f32(rng.uniform(-1, 1, (n, inputs)))
    w_true = rng.uniform(-1, 1, (inputs, outputs))
    b_true = rng.uniform(-0.5, 0.5, outputs)
    t = f32(x @ w_true + b_true)
    w0 = f32(rng.uniform(-0.5, 0.5, (inputs, outputs)))  # the lecture's uniform(−0.5, 0.5) init
    b0 = f32(rng.uniform(-0.5, 0.5, outputs))

    def full_sse(w, b):
        return float(0.5 * ((x @ w + b - t) ** 2).sum())

    runs = []
    specs = [
        ('lecture: SSE, plain SGD lr 0.05, batch 1, random draws with replacement', 'sse', 'sgd',
         {'lr': 0.05}, 'random', {'batchSize': 1, 'draws': n, 'seed': 7}, 10),
        ('MSE, Adam lr 0.05, batch 8 of a per-epoch shuffle (last batch 4)', 'mse', 'adam',
         {'lr': 0.05}, 'shuffle', {'batchSize': 8, 'seed': 11}, 10),
        ('SSE, SGD lr 0.02 momentum 0.9 nesterov, batch 3 random draws (30 per epoch)', 'sse', 'sgd',
         {'lr': 0.02, 'momentum': 0.9, 'nesterov': True}, 'random', {'batchSize': 3, 'draws': 30, 'seed': 5}, 4),
    ]
    for title, loss, kind, options, sampler, sopts, epochs in specs:
        if sampler == 'random':
            batches = random_batches(n, sopts['batchSize'], sopts['draws'], sopts['seed'], epochs)
        else:
            batches = shuffle_batches(n, sopts['batchSize'], sopts['seed'], epochs)
        w = torch.tensor(w0, requires_grad=True)
        b = torch.tensor(b0, requires_grad=True)
        opt = torch_optimizer(kind, [w, b], options)
        epoch_sse, step_losses = [], []
        for epoch in batches:
            for idx in epoch:
                xb, tb = torch.tensor(x[idx]), torch.tensor(t[idx])
                y = xb @ w + b
                value = 0.5 * ((y - tb) ** 2).sum() if loss == 'sse' else F.mse_loss(y, tb)
                opt.zero_grad()
                value.backward()
                opt.step()
                step_losses.append(float(value))
            epoch_sse.append(full_sse(w.detach().numpy(), b.detach().numpy()))
        runs.append({
            'name': title, 'loss': loss, 'optimizer': kind, 'options': options, 'sampler': sampler,
            'samplerOptions': sopts, 'epochs': epochs, 'batches': batches, 'stepLosses': step_losses,
            'epochSse': epoch_sse, 'finalW': flat(w.detach().numpy()), 'finalB': flat(b.detach().numpy()),
        })
    out = header()
    rng_check = Rng(42)
    out.update({
        'rngSeed42FirstUint32': [rng_check.next_uint32() for _ in range(4)],
        'inputs': inputs, 'outputs': outputs, 'samples': n,
        'x': flat(x), 't': flat(t), 'W0': flat(w0), 'b0': flat(b0), 'initialSse': full_sse(w0, b0),
        'runs': runs,
    })
    return out


def main():
    out = header()
    out['cases'] = loss_cases()
    write('src/engine/losses/fixtures/losses.json', out)
    write('src/engine/optim/fixtures/optimizers.json', optimizer_fixture())
    write('src/engine/train/fixtures/linear-regression.json', linear_fixture())


if __name__ == '__main__':
    main()
