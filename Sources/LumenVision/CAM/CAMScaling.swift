/// The resizing and scaling pytorch-grad-cam applies to every map (`scale_cam_image`).
enum CAMScaling {
    /// Each of `count` maps of `height`×`width`: minus its minimum, divided by 1e-7 plus its new
    /// maximum (in Float, as numpy on float32), then resized to `target` (height, width) as
    /// `cv2.resize(..., INTER_LINEAR)` when given.
    static func scale(_ maps: [Float], count: Int, height: Int, width: Int, to target: (height: Int, width: Int)? = nil) -> [Float] {
        let area = height * width
        let outHeight = target?.height ?? height, outWidth = target?.width ?? width
        var result = [Float](repeating: 0, count: count * outHeight * outWidth)
        var plane = [Float](repeating: 0, count: area)
        for image in 0..<count {
            maps.withUnsafeBufferPointer { source in
                plane.withUnsafeMutableBufferPointer { plane in
                    let base = image &* area
                    var low = source[base]
                    for i in 0..<area { low = Swift.min(low, source[base &+ i]) }
                    var high = -Float.infinity
                    for i in 0..<area {
                        plane[i] = source[base &+ i] - low
                        high = Swift.max(high, plane[i])
                    }
                    let divisor = Float(1e-7) + high
                    for i in 0..<area { plane[i] = plane[i] / divisor }
                }
            }
            let offset = image * outHeight * outWidth
            if target == nil {
                result.replaceSubrange(offset..<(offset + area), with: plane)
            } else {
                resizeLinear(plane, height: height, width: width, into: &result, at: offset, outHeight: outHeight, outWidth: outWidth)
            }
        }
        return result
    }

    /// Bilinear resize as OpenCV's `INTER_LINEAR` on float32: half-pixel centres, source
    /// positions computed in double then rounded to float, clamped at the borders, a horizontal
    /// pass then a vertical one; no antialiasing when shrinking.
    static func resizeLinear(_ source: [Float], height: Int, width: Int, into output: inout [Float], at offset: Int, outHeight: Int, outWidth: Int) {
        let columns = taps(inSize: width, outSize: outWidth)
        let rows = taps(inSize: height, outSize: outHeight)
        source.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { output in
                for y in 0..<outHeight {
                    let top = rows.first[y] &* width, bottom = rows.second[y] &* width
                    let (upperWeight, lowerWeight) = (rows.firstWeight[y], rows.secondWeight[y])
                    let row = offset &+ y &* outWidth
                    for x in 0..<outWidth {
                        let (left, right) = (columns.first[x], columns.second[x])
                        let (a, b) = (columns.firstWeight[x], columns.secondWeight[x])
                        let upper = source[top &+ left] * a + source[top &+ right] * b
                        let lower = source[bottom &+ left] * a + source[bottom &+ right] * b
                        output[row &+ x] = upper * upperWeight + lower * lowerWeight
                    }
                }
            }
        }
    }

    /// Where each output position reads along one axis, with OpenCV's border rule: a position
    /// before the first centre or past the last reads that pixel alone.
    private static func taps(inSize: Int, outSize: Int) -> (first: [Int], second: [Int], firstWeight: [Float], secondWeight: [Float]) {
        let scale = 1.0 / (Double(outSize) / Double(inSize))
        var first: [Int] = [], second: [Int] = [], firstWeight: [Float] = [], secondWeight: [Float] = []
        for d in 0..<outSize {
            var position = Float((Double(d) + 0.5) * scale - 0.5)
            var index = Int(position.rounded(.down))
            position -= Float(index)
            if index < 0 { index = 0; position = 0 }
            if index >= inSize - 1 { index = inSize - 1; position = 0 }
            first.append(index)
            second.append(Swift.min(index + 1, inSize - 1))
            firstWeight.append(1 - position)
            secondWeight.append(position)
        }
        return (first, second, firstWeight, secondWeight)
    }
}
