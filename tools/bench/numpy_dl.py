#!/usr/bin/env python3
"""NumPy peer of `npm run bench` workload dlpy-b1: the lecture's DL.py network trained per sample
exactly as the lecture writes it. The classes Hunit and Outunit (ReLU hidden layers, sigmoid outputs,
Error() and Update_weight() with alpha = 0.1) are imported unchanged from tools/lecture/dl_predict.py,
the line-for-line transcription of DL.py; the loop body is DL.py's Train() body. Only the data
differs: synthetic 196-feature vectors, each divided by its sum as Read_data() does, instead of the
JPEG files, since the arithmetic per sample is the same.

    /usr/bin/python3 tools/bench/numpy_dl.py [--budget 2.5]

Prints one JSON object: {"peer": "numpy", "workload": "dlpy-b1", "threads", "samplesPerSecond",
"samplesPerCpuSecond", ...}; threads is OPENBLAS_NUM_THREADS (0 when unset: OpenBLAS's default, one per
core). DL.py runs on float64 (np.random.uniform), as the lecture does.
"""
import argparse
import json
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'lecture'))
import dl_predict as dl  # noqa: E402  (the lecture's classes)

CLASS_NUM, FEATURE, TRAIN_NUM = 10, 196, 100


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--budget', type=float, default=2.5)
    a = p.parse_args()
    np.random.seed(1)
    data_vec = np.random.uniform(0, 255, (CLASS_NUM, TRAIN_NUM, FEATURE))
    data_vec /= data_vec.sum(axis=2, keepdims=True)  # 入力値の合計を1とする
    layers = [dl.Hunit(196, 256), dl.Hunit(256, 128), dl.Hunit(128, 64), dl.Hunit(64, 32),
              dl.Hunit(32, 32), dl.Hunit(32, 32)]
    hunit1, hunit2, hunit3, hunit4, hunit5, hunit6 = layers
    outunit = dl.Outunit(32, CLASS_NUM)

    def step():
        # DL.py Train(), one iteration of the inner loop
        rnd_c = np.random.randint(CLASS_NUM)
        rnd_n = np.random.randint(TRAIN_NUM)
        input_data = data_vec[rnd_c][rnd_n].reshape(1, FEATURE)
        hunit1.Propagation(input_data)
        hunit2.Propagation(hunit1.out)
        hunit3.Propagation(hunit2.out)
        hunit4.Propagation(hunit3.out)
        hunit5.Propagation(hunit4.out)
        hunit6.Propagation(hunit5.out)
        outunit.Propagation(hunit6.out)
        teach = np.zeros((1, CLASS_NUM))
        teach[0][rnd_c] = 1
        outunit.Error(teach)
        hunit6.Error(outunit.error)
        hunit5.Error(hunit6.error)
        hunit4.Error(hunit5.error)
        hunit3.Error(hunit4.error)
        hunit2.Error(hunit3.error)
        hunit1.Error(hunit2.error)
        outunit.Update_weight()
        hunit6.Update_weight()
        hunit5.Update_weight()
        hunit4.Update_weight()
        hunit3.Update_weight()
        hunit2.Update_weight()
        hunit1.Update_weight()
        np.dot((outunit.out - teach), (outunit.out - teach).T)  # 誤差二乗和 (DL.py sums it)
        return 1

    t0 = time.perf_counter()
    while time.perf_counter() - t0 < a.budget / 10:
        step()
    work = 0
    wall0, cpu0 = time.perf_counter(), time.process_time()
    while True:
        for _ in range(100):
            work += step()
        wall = time.perf_counter() - wall0
        if wall >= a.budget:
            break
    cpu = time.process_time() - cpu0
    print(json.dumps({
        'peer': 'numpy', 'version': np.__version__, 'workload': 'dlpy-b1',
        'threads': int(os.environ.get('OPENBLAS_NUM_THREADS', '0')), 'batchSize': 1,
        'samplesPerSecond': round(work / wall, 1), 'samplesPerCpuSecond': round(work / max(cpu, 1e-9), 1),
        'seconds': round(wall, 2),
    }), flush=True)


if __name__ == '__main__':
    sys.exit(main())
