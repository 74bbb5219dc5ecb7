#!/usr/bin/python3
"""Reference dumps for the engine's layers (src/engine/layers), computed by PyTorch.

Run with Debian's interpreter (it has numpy and torch):

    /usr/bin/python3 tools/torch/gen_layer_fixtures.py

It writes src/engine/layers/fixtures/{dense,conv2d,pool2d,activation,tied-dense,reshape}.json.
Deterministic: every case draws from its own numpy RandomState(seed); inputs, parameters and the
upstream gradient are float32 values, the reference is computed in float64 (so the fixture holds
the exact answer for those float32 inputs, and the tests measure only our float32 rounding).
Numbers are written with 9 significant digits (enough to round-trip a float32).

Layouts are converted to the engine's:
  - nn.Linear weight (out, in)        -> our W = weight^T (in x out), the lecture's u = xW + b
  - nn.Conv2d weight (M, C, KH, KW)   -> our F (M, C*KH*KW), the same bytes
  - Lp pooling is (sum |x|^p)^(1/p)   (LPPool2d applied to |x|, so negative inputs are defined)

Each case records: config (the layer's config), inputShape (per sample), x, params, y, dy
(upstream gradient), dx and grads (d(sum y*dy) w.r.t. each parameter), all as {shape, data}.
"""
import json
import os

import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'src', 'engine', 'layers', 'fixtures')


def f32(rs, shape, low=-1.0, high=1.0):
    return rs.uniform(low, high, size=shape).astype(np.float32)


def enc(a):
    a = np.asarray(a, dtype=np.float64)
    return {'shape': list(a.shape), 'data': [float('%.9g' % v) for v in a.reshape(-1)]}


def leaf(a):
    return torch.tensor(np.asarray(a, dtype=np.float64), requires_grad=True)


def backward(y, rs):
    dy = f32(rs, tuple(y.shape))
    (y * torch.tensor(dy.astype(np.float64))).sum().backward()
    return dy


def dense_case(name, seed, n, inputs, units, use_bias=True):
    rs = np.random.RandomState(seed)
    x = f32(rs, (n, inputs))
    w = f32(rs, (inputs, units), -0.5, 0.5)  # the lecture's (inputs x units)
    b = f32(rs, (units,), -0.5, 0.5)
    tx, tw, tb = leaf(x), leaf(w.T), leaf(b)  # nn.Linear stores weight as (out, in) = W^T
    y = F.linear(tx, tw, tb if use_bias else None)
    dy = backward(y, rs)
    params = {'W': enc(w)}
    grads = {'W': enc(tw.grad.numpy().T)}
    if use_bias:
        params['b'] = enc(b)
        grads['b'] = enc(tb.grad.numpy())
    return {'name': name, 'config': {'units': units, 'useBias': use_bias}, 'inputShape': [inputs],
            'x': enc(x), 'params': params, 'y': enc(y.detach().numpy()), 'dy': enc(dy),
            'dx': enc(tx.grad.numpy()), 'grads': grads}


def pair(v):
    return tuple(v) if isinstance(v, (list, tuple)) else (v, v)


def conv_case(name, seed, n, c, h, w, m, kernel, stride=1, padding=0, use_bias=True):
    rs = np.random.RandomState(seed)
    kh, kw = pair(kernel)
    x = f32(rs, (n, c, h, w))
    wt = f32(rs, (m, c, kh, kw), -0.5, 0.5)
    b = f32(rs, (m,), -0.5, 0.5)
    tx, tw, tb = leaf(x), leaf(wt), leaf(b)
    y = F.conv2d(tx, tw, tb if use_bias else None, stride=pair(stride), padding=pair(padding))
    dy = backward(y, rs)
    config = {'filters': m, 'kernel': kernel, 'stride': stride, 'padding': padding, 'useBias': use_bias}
    params = {'W': enc(wt.reshape(m, -1))}
    grads = {'W': enc(tw.grad.numpy().reshape(m, -1))}
    if use_bias:
        params['b'] = enc(b)
        grads['b'] = enc(tb.grad.numpy())
    return {'name': name, 'config': config, 'inputShape': [c, h, w], 'x': enc(x), 'params': params,
            'y': enc(y.detach().numpy()), 'dy': enc(dy), 'dx': enc(tx.grad.numpy()), 'grads': grads}


def pool_case(name, seed, n, c, h, w, mode, size, stride=None, padding=0, p=2):
    rs = np.random.RandomState(seed)
    x = f32(rs, (n, c, h, w))
    tx = leaf(x)
    k, s, pd = pair(size), pair(stride if stride is not None else size), pair(padding)
    if mode == 'max':
        y = F.max_pool2d(tx, k, s, pd)
    elif mode == 'avg':
        y = F.avg_pool2d(tx, k, s, pd, count_include_pad=True)
    else:
        y = F.lp_pool2d(tx.abs(), float(p), k, s)
    dy = backward(y, rs)
    config = {'mode': mode, 'size': size, 'padding': padding}
    if stride is not None:
        config['stride'] = stride
    if mode == 'lp':
        config['p'] = p
    return {'name': name, 'config': config, 'inputShape': [c, h, w], 'x': enc(x), 'params': {},
            'y': enc(y.detach().numpy()), 'dy': enc(dy), 'dx': enc(tx.grad.numpy()), 'grads': {}}


def activation_case(name, seed, shape, activation, scale=1.0):
    rs = np.random.RandomState(seed)
    x = f32(rs, shape, -scale, scale)
    tx = leaf(x)
    fn = {'identity': lambda t: t * 1.0, 'sigmoid': torch.sigmoid, 'tanh': torch.tanh,
          'relu': torch.relu, 'softmax': lambda t: torch.softmax(t, dim=1)}[activation]
    y = fn(tx)
    dy = backward(y, rs)
    return {'name': name, 'config': {'activation': activation}, 'inputShape': list(shape[1:]), 'x': enc(x),
            'params': {}, 'y': enc(y.detach().numpy()), 'dy': enc(dy), 'dx': enc(tx.grad.numpy()), 'grads': {}}


def tied_case(name, seed, n, inputs, units, hidden_activation):
    """x -> h = f(x W + b) -> y = h W^T + b2, W shared: record both uses' gradients and their sum."""
    rs = np.random.RandomState(seed)
    x = f32(rs, (n, inputs))
    w = f32(rs, (inputs, units), -0.5, 0.5)
    b = f32(rs, (units,), -0.5, 0.5)
    b2 = f32(rs, (inputs,), -0.5, 0.5)
    tx, w_enc, w_dec, tb, tb2 = leaf(x), leaf(w), leaf(w), leaf(b), leaf(b2)
    u = tx @ w_enc + tb
    h = torch.sigmoid(u) if hidden_activation == 'sigmoid' else u
    h.retain_grad()
    y = h @ w_dec.T + tb2
    dy = backward(y, rs)
    return {'name': name, 'config': {'units': units, 'hiddenActivation': hidden_activation},
            'inputShape': [inputs], 'x': enc(x), 'params': {'W': enc(w), 'b': enc(b), 'decoderB': enc(b2)},
            'h': enc(h.detach().numpy()), 'y': enc(y.detach().numpy()), 'dy': enc(dy),
            'dh': enc(h.grad.numpy()), 'dx': enc(tx.grad.numpy()),
            'grads': {'W': enc(w_enc.grad.numpy() + w_dec.grad.numpy()), 'WEncoderUse': enc(w_enc.grad.numpy()),
                      'WDecoderUse': enc(w_dec.grad.numpy()), 'b': enc(tb.grad.numpy()),
                      'decoderB': enc(tb2.grad.numpy())}}


def reshape_case(name, seed, in_shape, kind, target=None):
    rs = np.random.RandomState(seed)
    x = f32(rs, in_shape)
    tx = leaf(x)
    y = torch.flatten(tx, 1) if kind == 'flatten' else tx.reshape((in_shape[0],) + tuple(target))
    dy = backward(y, rs)
    config = {} if kind == 'flatten' else {'shape': list(target)}
    return {'name': name, 'layer': kind, 'config': config, 'inputShape': list(in_shape[1:]), 'x': enc(x),
            'params': {}, 'y': enc(y.detach().numpy()), 'dy': enc(dy), 'dx': enc(tx.grad.numpy()), 'grads': {}}


def write(filename, cases):
    doc = {'about': 'Generated by tools/torch/gen_layer_fixtures.py with torch %s (float64 reference on '
                    'float32 inputs). Layouts: W (inputs x units), conv F (M, C*KH*KW).' % torch.__version__,
           'cases': cases}
    path = os.path.join(OUT, filename)
    with open(path, 'w') as f:
        json.dump(doc, f, separators=(',', ':'))
        f.write('\n')
    print('%s: %d cases, %d bytes' % (filename, len(cases), os.path.getsize(path)))


def main():
    os.makedirs(OUT, exist_ok=True)
    write('dense.json', [
        dense_case('batch 1, 7 -> 5', 101, 1, 7, 5),
        dense_case('batch 4, 13 -> 9', 102, 4, 13, 9),
        dense_case('batch 3, 6 -> 4, no bias', 103, 3, 6, 4, use_bias=False),
        dense_case('batch 5, 31 -> 17', 104, 5, 31, 17),
    ])
    write('conv2d.json', [
        conv_case('1 channel 7x7, 2 filters 3x3', 201, 1, 1, 7, 7, 2, 3),
        conv_case('3 channels 9x7, stride 2, padding 1, batch 2', 202, 2, 3, 9, 7, 4, 3, 2, 1),
        conv_case('3 channels 8x7, kernel [5,3], stride [1,2], padding [2,1], batch 3', 203, 3, 3, 8, 7, 5,
                  [5, 3], [1, 2], [2, 1]),
        conv_case('1 channel 6x6, 2x2 stride 2, no bias, batch 2', 204, 2, 1, 6, 6, 3, 2, 2, 0, use_bias=False),
        conv_case('3 channels 5x5, padding 2', 205, 1, 3, 5, 5, 2, 3, 1, 2),
        conv_case('2 channels 11x9, 5x5 stride 2 padding 2, batch 2', 206, 2, 2, 11, 9, 3, 5, 2, 2),
    ])
    write('pool2d.json', [
        pool_case('max 2x2 stride 2, batch 2, 3 channels', 301, 2, 3, 6, 6, 'max', 2),
        pool_case('max 3x3 stride 2 padding 1, 7x7', 302, 1, 1, 7, 7, 'max', 3, 2, 1),
        pool_case('max [3,2] stride [1,2] padding [1,1]', 303, 2, 2, 5, 6, 'max', [3, 2], [1, 2], [1, 1]),
        pool_case('max 3x3 stride 1 (overlapping)', 304, 1, 2, 5, 5, 'max', 3, 1),
        pool_case('avg 2x2 stride 2, 4x6', 311, 2, 3, 4, 6, 'avg', 2),
        pool_case('avg 3x3 stride 2 padding 1, 7x7', 312, 1, 2, 7, 7, 'avg', 3, 2, 1),
        pool_case('lp p=1 2x2 stride 2', 321, 2, 3, 6, 6, 'lp', 2, p=1),
        pool_case('lp p=2 2x2 stride 2', 322, 2, 3, 6, 6, 'lp', 2, p=2),
        pool_case('lp p=3 2x2 stride 2', 323, 2, 3, 6, 6, 'lp', 2, p=3),
        pool_case('lp p=2 3x3 stride 2, 7x7', 324, 1, 1, 7, 7, 'lp', 3, 2, p=2),
        pool_case('lp p=3 [2,3] stride [2,3], 4x9', 325, 2, 1, 4, 9, 'lp', [2, 3], [2, 3], p=3),
    ])
    write('activation.json', [
        activation_case('identity (3, 7)', 401, (3, 7), 'identity'),
        activation_case('sigmoid (3, 7)', 402, (3, 7), 'sigmoid', 4.0),
        activation_case('tanh (3, 7)', 403, (3, 7), 'tanh', 3.0),
        activation_case('relu (3, 7)', 404, (3, 7), 'relu'),
        activation_case('relu on images (2, 3, 4, 5)', 405, (2, 3, 4, 5), 'relu'),
        activation_case('sigmoid on images (2, 2, 3, 3)', 406, (2, 2, 3, 3), 'sigmoid', 4.0),
        activation_case('softmax (4, 10)', 407, (4, 10), 'softmax', 5.0),
        activation_case('softmax (1, 3)', 408, (1, 3), 'softmax', 2.0),
    ])
    write('tied-dense.json', [
        tied_case('linear 8 -> 5 -> 8, batch 3', 501, 3, 8, 5, 'identity'),
        tied_case('sigmoid 12 -> 4 -> 12, batch 2', 502, 2, 12, 4, 'sigmoid'),
        tied_case('sigmoid 9 -> 6 -> 9, batch 1', 503, 1, 9, 6, 'sigmoid'),
    ])
    write('reshape.json', [
        reshape_case('flatten (2, 3, 4, 5)', 601, (2, 3, 4, 5), 'flatten'),
        reshape_case('reshape (2, 60) -> (3, 4, 5)', 602, (2, 60), 'reshape', (3, 4, 5)),
        reshape_case('reshape (3, 2, 6) -> (4, 3)', 603, (3, 2, 6), 'reshape', (4, 3)),
    ])


if __name__ == '__main__':
    main()
