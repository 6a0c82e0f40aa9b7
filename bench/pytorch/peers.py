# PyTorch peers of four small-model experiments (bench/run.sh --peers): each trains what `homework run <id>` trains,
# written plainly in PyTorch 1.13.1 (tensors, autograd, an in-place SGD update): the same data files and preprocessing,
# the same steps in the same batch order (the shuffles are read from a file the bench writes: they come from .NET's
# System.Random, which this script does not reimplement), the same evaluation schedule and the same recorded
# quantities (every step's loss, each evaluation's losses and accuracies, the final numbers). Not the experiments'
# reports (no figures, no claims) and not a test; tests/fixtures/experiments/make_peers_quick.py runs these functions
# at the experiments' --quick settings for the equality test.
#
# Run (from the repository root, as the bench does):
#   /usr/bin/python3 bench/pytorch/peers.py EXPERIMENT [--orders FILE] [--quick] [--threads N]
#   EXPERIMENT: task3-softmax | task4-l2 | q3-softmax-sgd | q1-stability
#   --orders: int64 little-endian, the bench's export (bench/Homework.Bench/PeerJob.cs): for the TDT4265 pair, one
#     permutation of the training rows per epoch; for q3, the validation split (60,000 rows) then one permutation
#     of the 48,000 training rows per epoch.
import argparse
import gzip
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F


def read_idx(path):
    """An MNIST IDX file (raw or .gz) as a uint8 array of its stated shape."""
    if not os.path.exists(path):
        sys.exit(f"peers.py: {path} is missing; fetch the data with ./scripts/setup.sh")
    raw = np.frombuffer(gzip.open(path).read(), dtype=np.uint8) if path.endswith(".gz") else np.fromfile(path, dtype=np.uint8)
    ndim = int(raw[3])
    dims = tuple(int(d) for d in raw[4:4 + 4 * ndim].view(">i4"))
    return raw[4 + 4 * ndim:].reshape(dims)


def read_orders(path, rows, count):
    """`rows` permutations of `count` indices from the bench's export, as int64 tensors."""
    if path is None:
        sys.exit("peers.py: --orders FILE is needed (the bench writes it: the shuffles are .NET System.Random's)")
    a = np.fromfile(path, dtype="<i8")
    if a.size != rows * count:
        sys.exit(f"peers.py: {path} holds {a.size} indices, expected {rows} x {count}")
    return [torch.from_numpy(r.copy()) for r in a.reshape(rows, count)]


def evaluate(logits, labels):
    """(mean cross entropy, accuracy) of a whole set's logits: what Evaluator/Classification.Score compute."""
    return F.cross_entropy(logits, labels).item(), (logits.argmax(1) == labels).double().mean().item()


# ---- TDT4265 A1 Tasks 3 and 4: softmax regression, bias trick, 785 x 10 zeros -------------------------------------

def tdt4265_data(root, train_size):
    """Train = first train_size of the first 20,000 training images, validation = last 2,000 test images, test = the
    first 8,000; pixels p/127.5 - 1 in float32 with the bias trick's 1 appended once (as the starter's pre_process_images)."""
    xtr = read_idx(os.path.join(root, "train-images-idx3-ubyte")).reshape(-1, 784)
    ytr = read_idx(os.path.join(root, "train-labels-idx1-ubyte")).astype(np.int64)
    xte = read_idx(os.path.join(root, "t10k-images-idx3-ubyte")).reshape(-1, 784)
    yte = read_idx(os.path.join(root, "t10k-labels-idx1-ubyte")).astype(np.int64)

    def pre(x):
        x = x.astype(np.float32) / np.float32(127.5) - np.float32(1)
        return torch.from_numpy(np.concatenate([x, np.ones((x.shape[0], 1), np.float32)], 1))
    n = min(train_size, 20000)
    return (pre(xtr[:n]), torch.from_numpy(ytr[:n]), pre(xte[-2000:]), torch.from_numpy(yte[-2000:]),
            pre(xte[:-2000]), torch.from_numpy(yte[:-2000]))


def train_softmax(data, orders, epochs, batch, lr, lam):
    """One Task 3/4 run: mini-batch GD on CE + lam * sum(W^2) (bias row included, eq. (27)), the last short batch
    dropped, evaluation after the first step and every fifth of an epoch. Returns (W, history)."""
    x, y, xv, yv = data[0], data[1], data[2], data[3]
    w = torch.zeros(785, 10, requires_grad=True)
    per_epoch = x.shape[0] // batch
    every = max(1, per_epoch // 5)
    h = {"step_loss": [], "eval_step": [], "train_loss": [], "train_accuracy": [], "val_loss": [], "val_accuracy": []}
    step = 0
    for epoch in range(epochs):
        order = orders[epoch]
        for b in range(per_epoch):
            idx = order[b * batch:(b + 1) * batch]
            ce = F.cross_entropy(x[idx] @ w, y[idx])
            loss = ce + lam * w.square().sum() if lam else ce
            loss.backward()
            with torch.no_grad():
                w.sub_(w.grad, alpha=lr)
            w.grad = None
            h["step_loss"].append(ce.item())
            if step % every == 0:
                with torch.no_grad():
                    tl, ta = evaluate(x @ w, y)
                    vl, va = evaluate(xv @ w, yv)
                h["eval_step"].append(step + 1)
                h["train_loss"].append(tl)
                h["train_accuracy"].append(ta)
                h["val_loss"].append(vl)
                h["val_accuracy"].append(va)
            step += 1
    return w.detach(), h


def task3_softmax(args, orders):
    data = tdt4265_data(args.mnist, 3000 if args.quick else 20000)
    epochs = 2 if args.quick else 50
    w, h = train_softmax(data, orders(epochs, data[0].shape[0]), epochs, 128, 0.01, 0.0)
    with torch.no_grad():
        final = {name: evaluate(xs @ w, ys) for name, xs, ys in
                 [("train", data[0], data[1]), ("validation", data[2], data[3]), ("test", data[4], data[5])]}
    return {"history": h, "final": final}


TASK4_LAMBDAS = [0.0, 1.0, 0.1, 0.01, 0.001]


def task4_l2(args, orders):
    data = tdt4265_data(args.mnist, 3000 if args.quick else 20000)
    epochs = 2 if args.quick else 50
    order = orders(epochs, data[0].shape[0])
    runs = []
    for lam in TASK4_LAMBDAS:
        w, h = train_softmax(data, order, epochs, 128, 0.01, lam)
        with torch.no_grad():
            runs.append({"lambda": lam, "history": h, "norm": w.double().square().sum().item(),
                         "validation_accuracy": evaluate(data[2] @ w, data[3])[1]})
    return {"runs": runs}


# ---- WPI DS541 HW2 Q3: softmax regression on Fashion-MNIST, SGD, a 16-configuration grid --------------------------

def q3_softmax_sgd(args, orders_file):
    root = args.fashion
    xtr = read_idx(os.path.join(root, "train-images-idx3-ubyte.gz")).reshape(-1, 784)
    ytr = read_idx(os.path.join(root, "train-labels-idx1-ubyte.gz")).astype(np.int64)
    xte = read_idx(os.path.join(root, "t10k-images-idx3-ubyte.gz")).reshape(-1, 784)
    yte = read_idx(os.path.join(root, "t10k-labels-idx1-ubyte.gz")).astype(np.int64)
    max_epochs = 3 if args.quick else 20
    train_size = 3000 if args.quick else 48000
    # The split (System.Random(541) permutation: first 12,000 validation, the rest training) and the epochs' shuffles.
    a = np.fromfile(orders_file, dtype="<i8")
    if a.size != 60000 + max_epochs * train_size:
        sys.exit(f"peers.py: {orders_file} holds {a.size} indices, expected 60000 + {max_epochs} x {train_size}")
    split, shuffles = a[:60000], [torch.from_numpy(r.copy()) for r in a[60000:].reshape(max_epochs, train_size)]
    unit = lambda rows: torch.from_numpy(xtr[rows].astype(np.float32) / np.float32(255))
    x, y = unit(split[12000:][:train_size]), torch.from_numpy(ytr[split[12000:][:train_size]])
    xv, yv = unit(split[:12000]), torch.from_numpy(ytr[split[:12000]])
    xt, yt = torch.from_numpy(xte.astype(np.float32) / np.float32(255)), torch.from_numpy(yte)

    def train(batch, lr, alpha, epochs, train_set):
        """SGD on CE + alpha/2 * sum(W^2) (bias not penalised), every batch kept; (W, b, per-epoch evaluations)."""
        w = torch.zeros(784, 10, requires_grad=True)
        b = torch.zeros(10, requires_grad=True)
        evals = []
        for epoch in range(epochs):
            order = shuffles[epoch]
            for start in range(0, x.shape[0], batch):
                idx = order[start:start + batch]
                loss = F.cross_entropy(x[idx] @ w + b, y[idx]) + alpha / 2 * w.square().sum()
                loss.backward()
                with torch.no_grad():
                    w.sub_(w.grad, alpha=lr)
                    b.sub_(b.grad, alpha=lr)
                w.grad = b.grad = None
            with torch.no_grad():
                evals.append({"train": evaluate(x @ w + b, y) if train_set else None, "validation": evaluate(xv @ w + b, yv)})
        return w.detach(), b.detach(), evals

    epoch_grid = [max(1, max_epochs // 3), max_epochs]
    grid = []
    for batch in [100, 500]:
        for lr in [0.05, 0.2]:
            for alpha in [1e-4, 1e-3]:
                _, _, evals = train(batch, lr, alpha, max_epochs, train_set=False)
                grid += [{"batch": batch, "lr": lr, "epochs": e, "alpha": alpha, "val_loss": evals[e - 1]["validation"][0],
                          "val_accuracy": evals[e - 1]["validation"][1]} for e in epoch_grid]
    best = sorted(grid, key=lambda t: (t["val_loss"], -t["val_accuracy"]))[0]
    w, b, curves = train(best["batch"], best["lr"], best["alpha"], best["epochs"], train_set=True)
    with torch.no_grad():
        test = evaluate(xt @ w + b, yt)
    return {"grid": grid, "best": best, "curves": curves, "test": test}


# ---- CS229 F2020 PS2 Q1: logistic regression by full-batch gradient descent, 8 runs --------------------------------

def load_stability(path):
    a = np.loadtxt(path, delimiter=",", skiprows=1)
    return torch.from_numpy(a[:, :-1]), torch.from_numpy(a[:, -1])


def descend(x, y, lr, reduction, l2, budget):
    """theta <- theta - lr(t) grad from 0 (intercept as the bias trick's last weight, not penalised) until
    |theta_t - theta_(t-1)| < 1e-15 (stability.py's test) or the budget; the samples the experiment keeps (every
    budget/400 steps, the first, the last), each with the mean log loss after its step, penalty left out."""
    xb = torch.cat([x, torch.ones(x.shape[0], 1, dtype=x.dtype)], 1)
    theta = torch.zeros(3, dtype=torch.float64, requires_grad=True)
    stride = max(1, budget // 400)
    kept = {"at": [], "norm": [], "loss": [], "delta": []}
    converged, steps, last = False, 0, float("nan")
    for t in range(1, budget + 1):
        loss = F.binary_cross_entropy_with_logits(xb @ theta, y, reduction=reduction)
        if l2:
            loss = loss + l2 * theta[:2].square().sum()
        loss.backward()
        with torch.no_grad():
            before = theta.clone()
            theta.sub_(theta.grad * lr(t))
            last = (theta - before).norm().item()
        theta.grad = None
        steps = t
        converged = last < 1e-15
        finite = np.isfinite(last)
        if t % stride == 0 or t == 1 or converged or not finite:
            with torch.no_grad():
                kept["at"].append(t)
                kept["norm"].append(theta.norm().item())
                kept["loss"].append(F.binary_cross_entropy_with_logits(xb @ theta, y).item())
                kept["delta"].append(last)
        if converged or not finite:
            break
    return {"converged": converged, "steps": steps, "theta": theta.detach().tolist(), **kept}


def q1_stability(args, _orders):
    root = os.path.join(args.generated, "stability")
    xa, ya = load_stability(os.path.join(root, "ds1_a.csv"))
    xb, yb = load_stability(os.path.join(root, "ds1_b.csv"))
    budget = 2500 if args.quick else 100_000
    lr, other = 10.0, 0.5
    torch.manual_seed(0)
    noisy = xb + 0.2 * torch.randn_like(xb)
    plan = [
        ("A", xa, ya, lambda t: lr, "mean", 0.0),
        ("B", xb, yb, lambda t: lr, "mean", 0.0),
        ("i", xb, yb, lambda t: other, "mean", 0.0),
        ("ii", xb, yb, lambda t: lr / t ** 3, "mean", 0.0),
        ("iii", xb * 10.0, yb, lambda t: lr, "mean", 0.0),
        ("iv", xb, yb, lambda t: other, "mean", 1.0),
        ("v", noisy, yb, lambda t: lr, "mean", 0.0),
        ("A sum", xa, ya, lambda t: lr, "sum", 0.0),
    ]
    return {"runs": [dict(name=name, **descend(x, y, f, red, l2, budget)) for name, x, y, f, red, l2 in plan]}


EXPERIMENTS = {"task3-softmax": task3_softmax, "task4-l2": task4_l2, "q3-softmax-sgd": q3_softmax_sgd, "q1-stability": q1_stability}


def run(args):
    """Runs args.experiment; returns (seconds, CPU seconds, recorded quantities), data loading included in the times."""
    torch.set_num_threads(args.threads)
    t0, c0 = time.perf_counter(), time.process_time()
    if args.experiment == "q3-softmax-sgd":
        out = q3_softmax_sgd(args, args.orders)
    else:
        out = EXPERIMENTS[args.experiment](args, lambda rows, count: read_orders(args.orders, rows, count))
    return time.perf_counter() - t0, time.process_time() - c0, out


def parser():
    ap = argparse.ArgumentParser(description="PyTorch peers of task3-softmax, task4-l2, q3-softmax-sgd and q1-stability")
    ap.add_argument("experiment", choices=sorted(EXPERIMENTS))
    ap.add_argument("--orders", help="the bench's export of the shuffles (and q3's split)")
    ap.add_argument("--quick", action="store_true", help="the experiment's --quick settings")
    ap.add_argument("--threads", type=int, default=torch.get_num_threads())
    ap.add_argument("--mnist", default=os.path.join("data", "mnist"))
    ap.add_argument("--fashion", default=os.path.join("data", "fashion-mnist"))
    ap.add_argument("--generated", default=os.path.join("data", "generated"))
    return ap


def main():
    args = parser().parse_args()
    seconds, cpu, _ = run(args)
    print("RESULT " + json.dumps({"seconds": seconds, "cpu_seconds": cpu, "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
