import CLumenKernels

/// Lumen's setting of the C allocator (glibc on Linux), applied when the first tensor is made.
///
/// A training step frees and allocates outputs of the same few sizes over and over. With
/// glibc's defaults, freed memory at the top of a heap goes back to the system once it passes
/// a threshold (a few MiB after small tensors), so the next allocation maps fresh pages and
/// faults every one of them in again: a LeNet step on the main thread spent a third of its
/// time there, and threads other than the main one unmap and map whole 64 MiB heaps around
/// large tensors. Lumen raises glibc's thresholds and top pad once (see
/// `lumen_tune_allocator`), for the whole process; `LUMEN_MALLOC_TUNING=0` leaves them alone.
enum AllocatorTuning {
    /// Whether the setting was applied; reading it applies it, once.
    static let applied: Bool = lumen_tune_allocator() != 0
}
