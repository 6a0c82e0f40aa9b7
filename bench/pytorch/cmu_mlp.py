# PyTorch peer of the CMU 10-417 HW1 Part 2 speed comparison: the two-hidden-layer MLP of 2.2(d)
# (784-150-150-10, ReLU, the homework's dropout p = 0.2: mask = U(0,1) > p in training, units x (1 - p) at
# evaluation; SGD momentum 0.4, lr 0.001, batch-mean cross entropy), batches of 32 reshuffled every epoch,
# on 6,660 training and 1,660 test Fashion-MNIST images (the first ones of each file; the stand-in's sizes).
# Written as a PyTorch user would: tensors, autograd, torch.optim.SGD. Not a test: it only times and reports.
#
# Run (from the repository root, as bench/cmu.sh does):
#   OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4 \
#     /usr/bin/python3 bench/pytorch/cmu_mlp.py [--epochs 5] [--batch 32]
import argparse
import gzip
import json
import os
import statistics
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F


def read_idx_gz(path, ndim):
    if not os.path.exists(path):
        sys.exit(f"cmu_mlp.py: {path} is missing; fetch Fashion-MNIST with ./scripts/setup.sh")
    raw = np.frombuffer(gzip.open(path).read(), dtype=np.uint8)
    dims = tuple(int(d) for d in np.frombuffer(raw[4:4 + 4 * ndim].tobytes(), dtype=">i4"))
    return raw[4 + 4 * ndim:].reshape(dims)


def load(root, n_train, n_test):
    def part(prefix, n):
        x = read_idx_gz(os.path.join(root, f"{prefix}-images-idx3-ubyte.gz"), 3)[:n].reshape(n, 784)
        y = read_idx_gz(os.path.join(root, f"{prefix}-labels-idx1-ubyte.gz"), 1)[:n]
        return torch.from_numpy(x.astype(np.float32) / 255), torch.from_numpy(y.astype(np.int64))
    return part("train", n_train) + part("t10k", n_test)


def forward(params, x, p, train):
    w1, b1, w2, b2, w3, b3 = params
    h = F.relu(F.linear(x, w1, b1))
    h = h * (torch.rand_like(h) > p) if train else h * (1 - p)
    h = F.relu(F.linear(h, w2, b2))
    h = h * (torch.rand_like(h) > p) if train else h * (1 - p)
    return F.linear(h, w3, b3)


def init(sizes):
    params = []
    for n_in, n_out in zip(sizes, sizes[1:]):
        s = (6 / (n_in + n_out)) ** 0.5
        params += [(torch.rand(n_out, n_in) * 2 * s - s).requires_grad_(), torch.zeros(n_out, requires_grad=True)]
    return params


@torch.no_grad()
def evaluate(params, x, y, p):
    logits = forward(params, x, p, train=False)
    return F.cross_entropy(logits, y).item(), (logits.argmax(1) == y).float().mean().item()


def main():
    ap = argparse.ArgumentParser(description="PyTorch peer of the CMU 10-417 MLP speed comparison")
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--data", default=os.path.join("data", "fashion-mnist"))
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    x, y, xt, yt = load(args.data, 6660, 1660)
    params = init([784, 150, 150, 10])
    opt = torch.optim.SGD(params, lr=0.001, momentum=0.4)
    train_s, eval_s = [], []
    cpu0 = time.process_time()
    for epoch in range(args.epochs):
        t0 = time.perf_counter()
        order = torch.randperm(x.shape[0])
        for start in range(0, x.shape[0], args.batch):
            idx = order[start:start + args.batch]
            loss = F.cross_entropy(forward(params, x[idx], 0.2, train=True), y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
        t1 = time.perf_counter()
        train_loss, train_acc = evaluate(params, x, y, 0.2)
        test_loss, test_acc = evaluate(params, xt, yt, 0.2)
        t2 = time.perf_counter()
        train_s.append(t1 - t0)
        eval_s.append(t2 - t1)
    cpu = (time.process_time() - cpu0) / args.epochs
    print("RESULT " + json.dumps({"train_s_per_epoch": statistics.median(train_s), "eval_s_per_epoch": statistics.median(eval_s),
                                  "cpu_s_per_epoch": cpu,
                                  "test_acc": test_acc, "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
