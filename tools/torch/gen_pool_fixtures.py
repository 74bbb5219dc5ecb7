#!/usr/bin/python3
"""Reference dumps for the engine's pooling kernels (src/engine/kernels/js/*-pool2d.ts), by PyTorch.

Run with Debian's interpreter (it has numpy and torch):

    /usr/bin/python3 tools/torch/gen_pool_fixtures.py

It writes src/engine/kernels/js/fixtures/pool.json. Deterministic: every case draws from its own
numpy RandomState(seed); the input x and upstream gradient dy are float32 values, the reference is
computed in float64 (the fixture holds the exact answer for those float32 inputs, so the tests
measure only the kernel's float32 rounding). Numbers are written with 9 significant digits.

Each case is one kernel call: `geometry` is the kernel's Conv2dGeometry with channels = N*C planes,
x (planes, H, W), y (planes, OH, OW), dy like y, dx = d(sum y*dy)/dx like x, and for max pooling
`argmax`, the flat index into x of each window's maximum (PyTorch's per-plane index + plane * H*W).

Semantics matched:
  max  F.max_pool2d(x, k, s, p)                     padding never wins; first maximum wins a tie
  avg  F.avg_pool2d(x, k, s, p, count_include_pad=True)
  lp   F.lp_pool2d(|x|, p, k, s)                    (sum |x|^p)^(1/p); LPPool2d itself sums x^p,
                                                    undefined for negative x, so it is fed |x|
Lp inputs keep |x| >= 0.05 so no value sits at the kink of |x| (the gradient there is sign(0) = 0).
"""
import json
import os

import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'src', 'engine', 'kernels', 'js',
                   'fixtures', 'pool.json')


def num(v):
    return float('%.9g' % v)


def flat(a):
    return [num(v) for v in np.asarray(a, dtype=np.float64).reshape(-1)]


def pair(v):
    return tuple(v) if isinstance(v, (list, tuple)) else (v, v)


def draw(rs, mode, shape, integers):
    if integers:
        return rs.randint(0, 4, size=shape).astype(np.float32)
    if mode == 'lp':
        magnitude = rs.uniform(0.05, 1.0, size=shape)
        sign = np.where(rs.uniform(size=shape) < 0.5, -1.0, 1.0)
        return (magnitude * sign).astype(np.float32)
    return rs.uniform(-1.0, 1.0, size=shape).astype(np.float32)


def case(name, seed, planes, h, w, mode, size, stride=None, padding=0, p=2.0, integers=False):
    rs = np.random.RandomState(seed)
    k, s, pd = pair(size), pair(stride if stride is not None else size), pair(padding)
    x = draw(rs, mode, (1, planes, h, w), integers)
    tx = torch.tensor(x.astype(np.float64), requires_grad=True)
    argmax = None
    if mode == 'max':
        y, idx = F.max_pool2d(tx, k, s, pd, return_indices=True)
        plane_offset = (np.arange(planes) * h * w).reshape(1, planes, 1, 1)
        argmax = (idx.numpy() + plane_offset).reshape(-1).tolist()
    elif mode == 'avg':
        y = F.avg_pool2d(tx, k, s, pd, count_include_pad=True)
    else:
        y = F.lp_pool2d(tx.abs(), float(p), k, s)
    dy = rs.uniform(-1.0, 1.0, size=tuple(y.shape)).astype(np.float32)
    (y * torch.tensor(dy.astype(np.float64))).sum().backward()
    geometry = {'channels': planes, 'height': h, 'width': w, 'kernelH': k[0], 'kernelW': k[1],
                'strideH': s[0], 'strideW': s[1], 'padH': pd[0], 'padW': pd[1],
                'outH': int(y.shape[2]), 'outW': int(y.shape[3])}
    out = {'name': name, 'mode': mode, 'geometry': geometry, 'x': flat(x), 'y': flat(y.detach().numpy()),
           'dy': flat(dy), 'dx': flat(tx.grad.numpy())}
    if mode == 'lp':
        out['p'] = p
    if argmax is not None:
        out['argmax'] = argmax
    return out


def main():
    cases = [
        case('max 2x2 stride 2, 3 planes 6x6', 701, 3, 6, 6, 'max', 2),
        case('max 3x3 stride 2 padding 1, 2 planes 7x5', 702, 2, 7, 5, 'max', 3, 2, 1),
        case('max 3x3 stride 1 (overlapping), 5x7', 703, 1, 5, 7, 'max', 3, 1),
        case('max [3,2] stride [2,1] padding [1,1], 2 planes 7x6', 704, 2, 7, 6, 'max', [3, 2], [2, 1], [1, 1]),
        case('max 2x2 stride 2 on 5x5 integers 0..3 (ties: first wins)', 705, 3, 5, 5, 'max', 2, integers=True),
        case('max 2x2 stride 1 padding 1 on 4x4 integers 0..3 (ties, overlap)', 706, 2, 4, 4, 'max', 2, 1, 1,
             integers=True),
        case('avg 2x2 stride 2, 3 planes 7x7 (odd: last row/col dropped)', 711, 3, 7, 7, 'avg', 2),
        case('avg 3x3 stride 2 padding 1, 2 planes 7x9', 712, 2, 7, 9, 'avg', 3, 2, 1),
        case('avg [2,3] stride [1,2] padding [1,1], 5x6', 713, 1, 5, 6, 'avg', [2, 3], [1, 2], [1, 1]),
        case('avg 5x5 stride 2 padding 2, 9x9', 714, 1, 9, 9, 'avg', 5, 2, 2),
        case('lp p=1 2x2 stride 2, 3 planes 7x7', 721, 3, 7, 7, 'lp', 2, p=1.0),
        case('lp p=2 2x2 stride 2, 3 planes 7x7', 722, 3, 7, 7, 'lp', 2, p=2.0),
        case('lp p=3 2x2 stride 2, 3 planes 7x7', 723, 3, 7, 7, 'lp', 2, p=3.0),
        case('lp p=2 3x3 stride 2 (overlapping), 2 planes 9x7', 724, 2, 9, 7, 'lp', 3, 2, p=2.0),
        case('lp p=3 [3,2] stride [2,1], 5x6', 725, 1, 5, 6, 'lp', [3, 2], [2, 1], p=3.0),
        case('lp p=1.5 3x3 stride 3, 2 planes 6x9', 726, 2, 6, 9, 'lp', 3, 3, p=1.5),
    ]
    with open(OUT, 'w') as f:
        json.dump({'generator': 'tools/torch/gen_pool_fixtures.py', 'torch': torch.__version__, 'cases': cases},
                  f, separators=(',', ':'))
        f.write('\n')
    print('wrote', os.path.relpath(OUT), len(cases), 'cases')


if __name__ == '__main__':
    main()
