import CLumenKernels

/// The element-wise loops of ``Kernels/Fast`` with streaming (non-temporal) stores, for ops
/// whose arrays together outgrow the last-level cache: their output would be evicted before
/// the next op reads it anyway, and streaming it out skips reading each output line into the
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

    /// `op` over `count` elements with streaming stores: o[i] = u[i] ∘ v[i] (or ∘ u[i]).
    static func loop(_ op: Kernels.Fast, _ u: UnsafePointer<Float>, _ v: UnsafePointer<Float>?, _ o: UnsafeMutablePointer<Float>, _ count: Int) {
        switch op {
        case .add: lumen_stream_add(u, v, o, count)
        case .sub: lumen_stream_sub(u, v, o, count)
        case .mul: lumen_stream_mul(u, v, o, count)
        case .div: lumen_stream_div(u, v, o, count)
        case .relu: lumen_stream_relu(u, o, count)
        case .neg: lumen_stream_neg(u, o, count)
        case .scale(let s): lumen_stream_scale(u, s, o, count)
        case .shift(let s): lumen_stream_shift(u, s, o, count)
        case .reluGradient: lumen_stream_relu_gradient(u, v, o, count)
        }
    }
}
