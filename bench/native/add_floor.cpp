// libtorch's own per-op cost: the bench's small-tensor add loop in C++, with no binding and no Python.
// Not part of the product; bench/run.sh compiles it and Homework.Bench prints it beside ours and PyTorch's.
#include <ATen/ATen.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv) {
    const long iters = argc > 1 ? std::atol(argv[1]) : 100000;
    const long block = 1000;
    auto x = at::ones({10});
    // Each result is heap-held and freed, as the C# binding's handles are.
    for (long i = 0; i < block; i++) delete new at::Tensor(at::add(x, x));
    double best = 1e30;
    auto start = std::chrono::steady_clock::now();
    for (long done = 0; done < iters; done += block) {
        auto t0 = std::chrono::steady_clock::now();
        for (long i = 0; i < block; i++) delete new at::Tensor(at::add(x, x));
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() / block);
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("{\"seconds\": %.9f, \"best_op_seconds\": %.12f}\n", seconds, best);
}
