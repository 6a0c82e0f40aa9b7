# The PyTorch peer of bench/Homework.Bench: the same workloads, timed the same way, one JSON line out.
# Not run on its own; bench/run.sh starts it with /usr/bin/python3 (Debian's python3-torch 1.13.1).
import argparse
import json
import time

import torch


def adds(iters):
    # Per-op overhead: an add of two 10-element tensors, the result freed each iteration. Timed in blocks
    # of 1000: the total, and the best block (the least disturbed by other processes on a shared machine).
    x = torch.ones(10)
    for _ in range(1000):
        y = x + x
    best = float("inf")
    start = time.perf_counter()
    for _ in range(0, iters, 1000):
        t0 = time.perf_counter()
        for _ in range(1000):
            y = x + x
        best = min(best, (time.perf_counter() - t0) / 1000)
    seconds = time.perf_counter() - start
    del y
    return {"seconds": seconds, "best_op_seconds": best}


def matmul(iters):
    # The total, and the best block of 10 (as for adds: the block least disturbed by other load).
    a = torch.randn(1000, 784)
    b = torch.randn(784, 300)
    for _ in range(3):
        c = a @ b
    best = float("inf")
    start = time.perf_counter()
    for _ in range(0, iters, 10):
        t0 = time.perf_counter()
        for _ in range(10):
            c = a @ b
        best = min(best, (time.perf_counter() - t0) / 10)
    seconds = time.perf_counter() - start
    del c
    return {"seconds": seconds, "best_op_seconds": best}


def alloc(iters):
    # Allocation-heavy: every step makes three fresh 100 MB float activations (1000x32x28x28).
    x = torch.randn(1000, 32, 28, 28)
    y = torch.relu(x * 2 + 1)
    del y
    t0 = time.perf_counter()
    for _ in range(iters):
        y = torch.relu(x * 2 + 1)
        del y
    return {"seconds": time.perf_counter() - t0}


def mlp(iters):
    # An MLP forward on a 1000-sample batch: BLAS (matmul) and ATen's OpenMP loops (sigmoid, softmax) in turn.
    x = torch.randn(1000, 784)
    w1 = torch.randn(784, 300) * 0.05
    w2 = torch.randn(300, 10) * 0.05
    for _ in range(3):
        torch.softmax(torch.sigmoid(x @ w1) @ w2, 1)
    t0 = time.perf_counter()
    for _ in range(iters):
        p = torch.softmax(torch.sigmoid(x @ w1) @ w2, 1)
    del p
    return {"seconds": time.perf_counter() - t0}


def main():
    cases = {"adds": adds, "matmul": matmul, "alloc": alloc, "mlp": mlp}
    parser = argparse.ArgumentParser()
    parser.add_argument("case", choices=sorted(cases))
    parser.add_argument("--iters", type=int, required=True)
    parser.add_argument("--threads", type=int, required=True)
    args = parser.parse_args()
    torch.manual_seed(0)
    torch.set_num_threads(args.threads)
    result = cases[args.case](args.iters)
    result.update(case=args.case, iters=args.iters, threads=torch.get_num_threads())
    print(json.dumps(result))


if __name__ == "__main__":
    main()
