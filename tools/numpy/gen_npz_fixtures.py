#!/usr/bin/python3
"""Reference .npy/.npz files for the engine's NumPy reader (src/engine/io), written by NumPy itself.

Run with Debian's interpreter (it has numpy):

    /usr/bin/python3 tools/numpy/gen_npz_fixtures.py

It writes src/engine/io/fixtures/*.npy, *.npz and manifest.json. The manifest lists, per file, what
np.load returns: dtype, shape and the values flattened in C order. Values that JSON cannot carry
exactly are strings: 64-bit integers as decimal ("-9223372036854775808") and non-finite floats as
"nan", "inf", "-inf". Floats are written with repr, so each value is exact.

Deterministic: fixed values or numpy RandomState(seed), and the zip member dates are pinned to
1980-01-01 00:00:00 (zipfile otherwise stamps the current time), so rerunning gives the same bytes
(deflated members: for the same zlib).

Covered: every dtype the engine reads, big-endian, Fortran order (2-D, 3-D, big-endian), a 0-d
scalar, an empty (0, 3) array, headers of versions 2.0 and 3.0, np.savez and np.savez_compressed with
keys containing '.' and '/', the lecture's np.savez(file, w=W, b=b), state-dict metadata, and files
the engine must refuse (pickled object arrays, an npz with a non-.npy member).
"""
import io
import json
import os
import sys
import time
import zipfile

import numpy as np

sys.dont_write_bytecode = True  # no __pycache__ beside the script
from npy_json import encode  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'src', 'engine', 'io', 'fixtures')
EPOCH_1980 = time.mktime((1980, 1, 1, 0, 0, 0, 0, 1, -1))


class FixedClock:
    """Stands in for the `time` module inside zipfile so every member is dated 1980-01-01."""

    def __getattr__(self, name):
        return getattr(time, name)

    def time(self):
        return EPOCH_1980

    def localtime(self, secs=None):
        return time.struct_time((1980, 1, 1, 0, 0, 0, 1, 1, 0))


zipfile.time = FixedClock()


def path(name):
    return os.path.join(OUT, name)


def save_npy(name, a, version=None):
    with open(path(name), 'wb') as f:
        np.lib.format.write_array(f, a, version=version, allow_pickle=False)
    return encode(np.load(path(name), allow_pickle=False))


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.RandomState(20240611)
    npy = {}

    f32 = np.float32
    npy['f4_2x3.npy'] = save_npy('f4_2x3.npy', np.array(
        [[0.0, -0.0, 1.5], [-2.25e10, np.finfo(f32).max, np.finfo(f32).smallest_subnormal]], dtype=f32))
    npy['f4_special.npy'] = save_npy('f4_special.npy', np.array([np.nan, np.inf, -np.inf, 0.1], dtype=f32))
    npy['f8_5.npy'] = save_npy('f8_5.npy', np.array([0.1, 1 / 3, -1e-300, 2.0 ** 53 + 2, np.nan]))
    npy['i1_5.npy'] = save_npy('i1_5.npy', np.array([-128, -1, 0, 1, 127], dtype=np.int8))
    npy['i2_4.npy'] = save_npy('i2_4.npy', np.array([-32768, 32767, 0, -2], dtype=np.int16))
    npy['i4_4.npy'] = save_npy('i4_4.npy', np.array([-2 ** 31, 2 ** 31 - 1, 0, 12345], dtype=np.int32))
    npy['i8_4.npy'] = save_npy('i8_4.npy', np.array([-2 ** 63, 2 ** 63 - 1, 2 ** 53 + 1, -7], dtype=np.int64))
    npy['u1_4.npy'] = save_npy('u1_4.npy', np.array([0, 1, 254, 255], dtype=np.uint8))
    npy['u2_3.npy'] = save_npy('u2_3.npy', np.array([0, 65535, 256], dtype=np.uint16))
    npy['u4_3.npy'] = save_npy('u4_3.npy', np.array([0, 2 ** 32 - 1, 2 ** 31], dtype=np.uint32))
    npy['u8_3.npy'] = save_npy('u8_3.npy', np.array([0, 2 ** 64 - 1, 2 ** 63 + 1], dtype=np.uint64))
    npy['b1_2x2.npy'] = save_npy('b1_2x2.npy', np.array([[True, False], [False, True]]))

    npy['be_f4_2x3.npy'] = save_npy('be_f4_2x3.npy', rng.uniform(-1, 1, (2, 3)).astype('>f4'))
    npy['be_f8_3.npy'] = save_npy('be_f8_3.npy', np.array([0.1, -2.5, 1e300], dtype='>f8'))
    npy['be_i4_3.npy'] = save_npy('be_i4_3.npy', np.array([-2 ** 31, 1, 2 ** 31 - 1], dtype='>i4'))
    npy['be_u2_2.npy'] = save_npy('be_u2_2.npy', np.array([1, 65534], dtype='>u2'))
    npy['be_i8_2.npy'] = save_npy('be_i8_2.npy', np.array([-2 ** 63, 2 ** 53 + 1], dtype='>i8'))

    npy['fortran_2x3.npy'] = save_npy('fortran_2x3.npy', np.asfortranarray(np.arange(6.0).reshape(2, 3)))
    npy['fortran_2x3x4.npy'] = save_npy(
        'fortran_2x3x4.npy', np.asfortranarray(np.arange(24, dtype=f32).reshape(2, 3, 4) - 11.5))
    npy['fortran_be_i4_3x2.npy'] = save_npy(
        'fortran_be_i4_3x2.npy', np.asfortranarray(np.array([[1, -2], [3, -4], [5, -6]], dtype='>i4')))

    npy['scalar_0d.npy'] = save_npy('scalar_0d.npy', np.array(3.5))
    npy['empty_0x3.npy'] = save_npy('empty_0x3.npy', np.zeros((0, 3), dtype=f32))
    npy['v2_header.npy'] = save_npy('v2_header.npy', np.array([[1, 2], [3, 4]], dtype=f32), version=(2, 0))
    npy['v3_header.npy'] = save_npy('v3_header.npy', np.array([7, -8, 9], dtype=np.int32), version=(3, 0))

    multi = {
        'fc1.W': rng.uniform(-0.5, 0.5, (3, 2)).astype(f32),
        'fc1.b': np.array([0.25, -0.75], dtype=f32),
        'opt.fc1.W.momentum': rng.normal(0, 1e-3, (3, 2)).astype(f32),
        'enc/dec.W': rng.uniform(-1, 1, (2, 2)),
        'step': np.array(42, dtype=np.int64),
        'mask': np.array([True, False, True]),
    }
    np.savez(path('savez_multi.npz'), **multi)
    compressed = dict(multi, zeros=np.zeros(256, dtype=f32))
    np.savez_compressed(path('savez_compressed.npz'), **compressed)

    # The lecture's layer file: Save does np.savez(filename, w=self.w, b=self.b), float64,
    # w = np.random.uniform(-0.5, 0.5, (m, n)) for m inputs and n units, b = uniform(-0.5, 0.5, n).
    w = rng.uniform(-0.5, 0.5, (3, 4))
    b = rng.uniform(-0.5, 0.5, 4)
    np.savez(path('lecture_layer.npz'), w=w, b=b)

    meta = {'format': 'dllab.checkpoint/1', 'step': 7, 'name': 'réseau'}
    state = {
        'fc1.W': np.array([[1.0, -2.0, 0.5]], dtype=f32),
        'fc1.b': np.array([0.125], dtype=f32),
        'opt.fc1.W.adam_m': np.array([[0.1, 0.2, 0.3]]),  # float64: the engine rounds it to float32
        '__meta__': np.frombuffer(json.dumps(meta).encode('utf-8'), dtype=np.uint8),
    }
    np.savez(path('state_dict_meta.npz'), **state)

    with open(path('pickled_object.npy'), 'wb') as f:
        np.save(f, np.array([{'a': 1}, None, 'text'], dtype=object), allow_pickle=True)
    np.savez(path('pickled_member.npz'), ok=np.arange(3.0), obj=np.array([None, {'a': 1}], dtype=object))
    with zipfile.ZipFile(path('non_npy_member.npz'), 'w') as z:
        buf = io.BytesIO()
        np.save(buf, np.arange(3, dtype=f32))
        z.writestr('a.npy', buf.getvalue())
        z.writestr('readme.txt', 'not an array\n')

    manifest = {
        'npy': npy,
        'npz': {
            'savez_multi.npz': {k: encode(v) for k, v in multi.items()},
            'savez_compressed.npz': {k: encode(v) for k, v in compressed.items()},
            'lecture_layer.npz': {'w': encode(w), 'b': encode(b)},
            'state_dict_meta.npz': {k: encode(v) for k, v in state.items()},
        },
        'meta': {'state_dict_meta.npz': meta},
        'refused': {
            'pickled_object.npy': "contains pickled Python objects (dtype '|O')",
            'pickled_member.npz': "npz member 'obj.npy': the array contains pickled Python objects",
            'non_npy_member.npz': "npz member 'readme.txt': not a .npy array",
        },
    }
    with open(path('manifest.json'), 'w', encoding='utf-8') as f:
        json.dump(manifest, f, indent=1, ensure_ascii=False)
        f.write('\n')


if __name__ == '__main__':
    main()
