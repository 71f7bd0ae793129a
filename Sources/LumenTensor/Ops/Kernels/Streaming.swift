import CLumenKernels

/// When the element-wise loops of ``Kernels/Fast`` write with streaming (non-temporal) stores:
/// for ops whose arrays together outgrow the last-level cache, whose output would be evicted
/// before the next op reads it anyway; streaming it out skips reading each output line into the
/// cache first. Results are bit-identical to the plain loops.
enum Streaming {
    /// Bytes of arrays an op may touch and still leave its output in the cache: the size of
    /// the last-level cache (32 MiB when the system does not say).
    static let cacheBytes: Int = {
        let reported = Int(lumen_last_level_cache_bytes())
        return reported > 0 ? reported : 32 << 20
    }()

    /// Whether an op over `elements` floats in each of `arrays` arrays (inputs and output)
    /// should stream its output.
    @inline(__always)
    static func pays(elements: Int, arrays: Int) -> Bool {
        elements &* MemoryLayout<Float>.stride &* arrays > cacheBytes
    }
}
