/// Output positions unfolded and multiplied at once: output rows `rows` of every image in
/// `images` (one image, or whole images side by side when their outputs are small).
struct ConvBlock {
    let images: Range<Int>
    let rows: Range<Int>
}

/// The shapes of one conv2d call and its forward and backward GEMMs.
struct ConvGeometry {
    let batch: Int, channels: Int, outChannels: Int, groups: Int
    let window: Window2D

    var groupChannels: Int { channels / groups }
    var groupOutChannels: Int { outChannels / groups }
    /// Rows of a group's unfolded input: (channel, kernel tap).
    var patch: Int { groupChannels * window.kernelArea }
    var inPlane: Int { window.height * window.width }
    /// A 1×1 kernel with stride 1 and no padding reads the input as it is: no unfolding.
    var isPointwise: Bool {
        window.kernelArea == 1 && window.stride == Pair(1, 1) && window.padding == Pair(0, 0)
    }

    /// Output positions a block aims for: about 256, so that a block of the unfolded input is
    /// still in the core's cache when the GEMM reads it, and each GEMM is wide enough to repay
    /// the backend's packing of the weights.
    private static let blockPositions = 256

    /// Whole images per block when an image's output is smaller than a block (1 otherwise);
    /// a pointwise kernel reads each image in place, one at a time.
    private var imagesPerBlock: Int {
        isPointwise ? 1 : Swift.max(1, Self.blockPositions / Swift.max(window.outArea, 1))
    }

    /// Output rows per block of one image: all of them for a pointwise kernel or small images.
    private var rowsPerBlock: Int {
        isPointwise || imagesPerBlock > 1 ? window.outHeight : Swift.max(1, Self.blockPositions / Swift.max(window.outWidth, 1))
    }

    /// The most output positions a block holds.
    private var maxBlockPositions: Int {
        Swift.min(imagesPerBlock, batch) * Swift.min(rowsPerBlock, window.outHeight) * window.outWidth
    }

    /// The blocks covering `images`, in order.
    private func blocks(_ images: Range<Int>) -> [ConvBlock] {
        let perBlock = imagesPerBlock, rows = rowsPerBlock
        return Swift.stride(from: images.lowerBound, to: images.upperBound, by: perBlock).flatMap { first in
            let group = first..<Swift.min(first + perBlock, images.upperBound)
            return Swift.stride(from: 0, to: window.outHeight, by: rows).map {
                ConvBlock(images: group, rows: $0..<Swift.min($0 + rows, window.outHeight))
            }
        }
    }

    /// The input offsets of each block's output rows (keyed by the first row) for narrow
    /// outputs that unfold through them (``Window2D/gathers``); empty otherwise.
    private func offsetTables() -> [Int: [Int32]] {
        guard window.gathers && !isPointwise else { return [:] }
        return Dictionary(uniqueKeysWithValues: blocks(0..<1).map { ($0.rows.lowerBound, window.inputOffsets(outRows: $0.rows)) })
    }

    /// Output positions in `block`.
    private func positions(_ block: ConvBlock) -> Int { block.images.count * block.rows.count * window.outWidth }

    /// Threads take whole images (each with its own buffers and single-threaded GEMMs) when
    /// each thread's share of the batch fills at least a block. A smaller batch, or outputs so
    /// small that a thread's share would not fill a block, runs as one worker whose im2col and
    /// GEMMs are split across threads instead: the GEMMs are then wider, and the weight
    /// gradient is not summed per thread and then added up.
    private var workers: Int {
        let threads = Swift.min(Parallel.threadCount, batch)
        guard threads > 1 else { return 1 }
        return batch / threads * window.outArea < Self.blockPositions ? 1 : threads
    }

    private func eachImage(_ body: (_ worker: Int, _ images: Range<Int>, _ threaded: Bool) -> Void) {
        if workers > 1 {
            Parallel.split(batch, into: workers) { body($0, $1, false) }
        } else {
            body(0, 0..<batch, true)
        }
    }

    /// A buffer for one block of unfolded input (uninitialized: im2col writes all of it).
    private var blockColumns: [Float] {
        Kernels.array(isPointwise ? 0 : patch * maxBlockPositions) { _ in }
    }

    /// A buffer for one group's outputs (or output gradients) of a block of several images
    /// (uninitialized: each block's are written before they are read).
    private var blockOutputs: [Float] {
        Kernels.array(imagesPerBlock > 1 ? groupOutChannels * maxBlockPositions : 0) { _ in }
    }

    /// The unfolded input of `block` for group `g`, and its leading dimension: the input itself
    /// for a pointwise kernel. Image `j` of the block fills columns `j · outArea ..< (j + 1) · outArea`.
    private func unfold(
        _ x: UnsafePointer<Float>, _ block: ConvBlock, group g: Int, into columns: UnsafeMutablePointer<Float>,
        tables: [Int: [Int32]], threaded: Bool
    ) -> (UnsafePointer<Float>, Int) {
        let ld = positions(block), offsets = tables[block.rows.lowerBound]
        for (j, i) in block.images.enumerated() {
            let image = x + (i * channels + g * groupChannels) * inPlane
            if isPointwise { return (image + block.rows.lowerBound * window.outWidth, window.outArea) }
            window.im2col(image, channels: groupChannels, columns + j * window.outArea, outRows: block.rows, offsets: offsets,
                          leadingDimension: ld, parallel: threaded)
        }
        return (UnsafePointer(columns), ld)
    }

    /// Where group `g`'s output (or output gradient) rows of `block` start in the [N, K, H, W]
    /// array at `base`, for a single-image block.
    private func outputStart<P>(_ base: P, _ block: ConvBlock, group g: Int) -> P where P: Strideable, P.Stride == Int {
        base.advanced(by: (block.images.lowerBound * outChannels + g * groupOutChannels) * window.outArea + block.rows.lowerBound * window.outWidth)
    }

    /// Copies group `g`'s outputs of a several-image block between the [N, K, H, W] array at
    /// `full` and the [K/groups, images · outArea] matrix at `packed`.
    private func copyOutputs(_ block: ConvBlock, group g: Int, full: UnsafeMutablePointer<Float>, packed: UnsafeMutablePointer<Float>, toFull: Bool) {
        let outArea = window.outArea, n = positions(block)
        for (j, i) in block.images.enumerated() {
            for o in 0..<groupOutChannels {
                let plane = full + ((i * outChannels + g * groupOutChannels + o) * outArea)
                let row = packed + (o * n + j * outArea)
                if toFull { plane.update(from: row, count: outArea) } else { row.update(from: plane, count: outArea) }
            }
        }
    }

    /// The output: direct loops where ``DirectConv`` takes it, im2col and a GEMM per block
    /// otherwise.
    func forward(_ input: [Float], _ weight: [Float], _ bias: [Float]?) -> [Float] {
        let direct = DirectConv(geometry: self)
        if direct.forwardApplies { return direct.forward(input, weight, bias) }
        let outArea = window.outArea, tables = offsetTables()
        return input.withUnsafeBufferPointer { x in
            weight.withUnsafeBufferPointer { wt in
                Kernels.array(batch * outChannels * outArea) { out in
                    eachImage { _, images, threaded in
                        var columns = blockColumns, packed = blockOutputs
                        columns.withUnsafeMutableBufferPointer { col in
                            packed.withUnsafeMutableBufferPointer { packed in
                                for block in blocks(images) {
                                    let n = positions(block), single = block.images.count == 1
                                    for g in 0..<groups {
                                        let (unfolded, ld) = unfold(x.baseAddress!, block, group: g, into: col.baseAddress!, tables: tables, threaded: threaded)
                                        let dst = single ? outputStart(out, block, group: g) : packed.baseAddress!
                                        BLAS.sgemm(transposeA: false, transposeB: false, m: groupOutChannels, n: n, k: patch,
                                                   wt.baseAddress! + g * groupOutChannels * patch, lda: patch,
                                                   unfolded, ldb: ld, beta: 0, dst, ldc: single ? outArea : n, threaded: threaded)
                                        if !single { copyOutputs(block, group: g, full: out, packed: packed.baseAddress!, toFull: true) }
                                    }
                                    guard let bias, block.rows.upperBound == window.outHeight else { continue }
                                    for i in block.images {
                                        for o in 0..<outChannels {
                                            let row = out + (i * outChannels + o) * outArea
                                            let b = bias[o]
                                            for j in 0..<outArea { row[j] += b }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Input and weight gradients: each by direct loops where ``DirectConv`` takes it, by
    /// im2col and GEMMs otherwise.
    func backward(_ grad: [Float], _ input: [Float], _ weight: [Float], needInput: Bool, needWeight: Bool) -> ([Float]?, [Float]?) {
        let direct = DirectConv(geometry: self)
        let directWeight = needWeight && direct.weightGradientApplies, directInput = needInput && direct.inputGradientApplies
        let (otherInput, otherWeight) = (needInput && !directInput, needWeight && !directWeight)
        let rest = otherInput || otherWeight
            ? im2colBackward(grad, input, weight, needInput: otherInput, needWeight: otherWeight) : (nil, nil)
        return (directInput ? direct.inputGradient(grad, weight) : rest.0,
                directWeight ? direct.weightGradient(grad, input) : rest.1)
    }

    /// ``backward(_:_:_:needInput:needWeight:)`` block by block: gW += g · colᵀ (each worker
    /// sums its images, then the workers' sums are added), gcol = Wᵀ · g folded back by col2im.
    private func im2colBackward(_ grad: [Float], _ input: [Float], _ weight: [Float], needInput: Bool, needWeight: Bool) -> ([Float]?, [Float]?) {
        let outArea = window.outArea, weightCount = outChannels * patch, tables = offsetTables()
        // Each image's gradient is zeroed by the thread that fills it, just before: one pass
        // over memory that is about to be used, rather than a whole-batch memset up front.
        var gInput = Kernels.array(needInput ? batch * channels * inPlane : 0) { _ in }
        // Each worker's first block writes its weight-gradient sum (beta 0); later ones add to it.
        var partials = Kernels.array(needWeight ? workers * weightCount : 0) { _ in }
        grad.withUnsafeBufferPointer { gy in
            input.withUnsafeBufferPointer { x in
                weight.withUnsafeBufferPointer { wt in
                    gInput.withUnsafeMutableBufferPointer { gx in
                        partials.withUnsafeMutableBufferPointer { gw in
                            eachImage { worker, images, threaded in
                                var columns = blockColumns, packed = blockOutputs
                                columns.withUnsafeMutableBufferPointer { col in
                                    packed.withUnsafeMutableBufferPointer { packed in
                                        let list = blocks(images)
                                        if needWeight && list.isEmpty && weightCount > 0 {
                                            (gw.baseAddress! + worker * weightCount).initialize(repeating: 0, count: weightCount)
                                        }
                                        for (index, block) in list.enumerated() {
                                            let n = positions(block), single = block.images.count == 1
                                            for g in 0..<groups {
                                                func plane(_ i: Int) -> UnsafeMutablePointer<Float> {
                                                    gx.baseAddress! + (i * channels + g * groupChannels) * inPlane
                                                }
                                                if needInput && !isPointwise && block.rows.lowerBound == 0 {
                                                    for i in block.images { plane(i).initialize(repeating: 0, count: groupChannels * inPlane) }
                                                }
                                                let gOut: UnsafePointer<Float>, ldOut: Int
                                                if single {
                                                    (gOut, ldOut) = (outputStart(gy.baseAddress!, block, group: g), outArea)
                                                } else {
                                                    copyOutputs(block, group: g, full: UnsafeMutablePointer(mutating: gy.baseAddress!),
                                                                packed: packed.baseAddress!, toFull: false)
                                                    (gOut, ldOut) = (UnsafePointer(packed.baseAddress!), n)
                                                }
                                                if needWeight {
                                                    let (unfolded, ld) = unfold(x.baseAddress!, block, group: g, into: col.baseAddress!, tables: tables, threaded: threaded)
                                                    BLAS.sgemm(transposeA: false, transposeB: true, m: groupOutChannels, n: patch, k: n,
                                                               gOut, lda: ldOut, unfolded, ldb: ld, beta: index == 0 ? 0 : 1,
                                                               gw.baseAddress! + worker * weightCount + g * groupOutChannels * patch, ldc: patch,
                                                               threaded: threaded)
                                                }
                                                guard needInput else { continue }
                                                let target = isPointwise ? plane(block.images.lowerBound) + block.rows.lowerBound * window.outWidth : col.baseAddress!
                                                BLAS.sgemm(transposeA: true, transposeB: false, m: patch, n: n, k: groupOutChannels,
                                                           wt.baseAddress! + g * groupOutChannels * patch, lda: patch,
                                                           gOut, ldb: ldOut, beta: 0, target, ldc: isPointwise ? outArea : n,
                                                           threaded: threaded)
                                                guard !isPointwise else { continue }
                                                for (j, i) in block.images.enumerated() {
                                                    window.col2im(col.baseAddress! + j * outArea, channels: groupChannels, plane(i), outRows: block.rows,
                                                                  offsets: tables[block.rows.lowerBound], leadingDimension: n, parallel: threaded)
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        guard needWeight else { return (needInput ? gInput : nil, nil) }
        let gWeight = partials.withUnsafeBufferPointer { sums in
            Kernels.array(weightCount) { total in
                total.initialize(from: sums.baseAddress!, count: weightCount)
                for worker in 1..<Swift.max(workers, 1) {
                    let partial = sums.baseAddress! + worker * weightCount
                    for j in 0..<weightCount { total[j] += partial[j] }
                }
            }
        }
        return (needInput ? gInput : nil, gWeight)
    }
}
