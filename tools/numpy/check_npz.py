#!/usr/bin/python3
"""Loads every .npy and .npz file in a folder with NumPy and prints what NumPy sees, as JSON.

    /usr/bin/python3 tools/numpy/check_npz.py <dir>

Used by src/engine/io/numpy-interop.test.ts: the engine writes files, NumPy reads them back. Every
file is loaded with allow_pickle=False, exactly as a careful user would. Output, one key per file:

  "x.npy": {"kind": "npy", "version": [1, 0], "array": {dtype, shape, values},
            "resaved_identical": true}       # np.save of the loaded array gives the same bytes
  "y.npz": {"kind": "npz", "keys": [...], "arrays": {key: {dtype, shape, values}},
            "compression": {member: "stored" | "deflated"}, "crc_ok": true}
  "bad":   {"kind": "error", "error": "..."}  # np.load refused the file

(values as in npy_json.py). Exits 3 with a message on stderr when NumPy is missing.
"""
import io
import json
import os
import sys
import zipfile

sys.dont_write_bytecode = True  # no __pycache__ beside the script

try:
    import numpy as np
except ImportError:
    sys.stderr.write(
        'check_npz.py: NumPy is not installed for this Python (%s). '
        'Install it with: apt-get install python3-numpy\n' % sys.executable)
    sys.exit(3)

from npy_json import encode  # noqa: E402


def check_npy(file):
    with open(file, 'rb') as f:
        raw = f.read()
    version = list(np.lib.format.read_magic(io.BytesIO(raw)))
    a = np.load(file, allow_pickle=False)
    again = io.BytesIO()
    np.save(again, a, allow_pickle=False)
    identical = again.getvalue() == raw
    return {'kind': 'npy', 'version': version, 'array': encode(a), 'resaved_identical': identical}


def check_npz(file):
    with zipfile.ZipFile(file) as z:
        crc_ok = z.testzip() is None
        methods = {zipfile.ZIP_STORED: 'stored', zipfile.ZIP_DEFLATED: 'deflated'}
        compression = {i.filename: methods.get(i.compress_type, 'other') for i in z.infolist()}
    with np.load(file, allow_pickle=False) as npz:
        keys = list(npz.files)
        arrays = {k: encode(npz[k]) for k in keys}
    return {'kind': 'npz', 'keys': keys, 'arrays': arrays, 'compression': compression, 'crc_ok': crc_ok}


def main():
    if len(sys.argv) != 2:
        sys.stderr.write('usage: check_npz.py <dir>\n')
        sys.exit(2)
    folder = sys.argv[1]
    report = {}
    for name in sorted(os.listdir(folder)):
        file = os.path.join(folder, name)
        try:
            if name.endswith('.npy'):
                report[name] = check_npy(file)
            elif name.endswith('.npz'):
                report[name] = check_npz(file)
        except Exception as e:  # report what NumPy said; the test shows it
            report[name] = {'kind': 'error', 'error': '%s: %s' % (type(e).__name__, e)}
    json.dump(report, sys.stdout, ensure_ascii=False)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
