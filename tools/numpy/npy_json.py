"""Arrays as JSON for the engine's tests: shared by gen_npz_fixtures.py and check_npz.py.

encode(a) -> {"dtype": "float32", "shape": [2, 3], "values": [...]}, values flattened in C order.
JSON cannot carry every value exactly, so 64-bit integers are decimal strings and non-finite floats
are "nan", "inf" or "-inf"; bools are 0/1; finite floats use repr (exact).
"""
import numpy as np


def encode_value(v, dtype):
    if dtype.kind in 'iu' and dtype.itemsize == 8:
        return str(int(v))
    if dtype.kind == 'b':
        return 1 if v else 0
    if dtype.kind == 'f':
        f = float(v)
        if np.isnan(f):
            return 'nan'
        if np.isinf(f):
            return 'inf' if f > 0 else '-inf'
        return f
    return int(v)


def encode(a):
    a = np.asarray(a)
    return {
        'dtype': a.dtype.name,
        'shape': list(a.shape),
        'values': [encode_value(v, a.dtype) for v in a.reshape(-1, order='C')],
    }
