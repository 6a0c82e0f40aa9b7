// Training runs seed libtorch's one process-wide generator: run these tests one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
