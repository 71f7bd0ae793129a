import LumenNN
import LumenTensor

/// One target layer's part of a CAM request: its activations and gradients as [images,
/// channels, height, width] floats, with what the gradient-free methods need to rerun the model.
struct CAMLayer {
    let name: String
    let module: Module
    let activations: [Float]
    let gradients: [Float]?
    let images: Int, channels: Int, height: Int, width: Int
    let model: Module
    let input: Tensor
    let targets: [CAMTarget]
    /// The explained score of each image in the forward pass that recorded the activations.
    let scores: [Float]

    var area: Int { height * width }

    /// The gradients, or an error naming the layer when none reached it.
    func requireGradients() throws -> [Float] {
        guard let gradients else {
            throw VisionError("CAM: no gradient reached the output of layer \"\(name)\"; does the explained score depend on it?")
        }
        return gradients
    }

    /// Per image and channel (a plane, numbered image · channels + channel): the sum over
    /// positions of `body(activation, gradient, plane)`.
    func channelSums(_ body: (_ activation: Float, _ gradient: Float, _ plane: Int) -> Float) throws -> [Float] {
        let gradients = try requireGradients()
        var sums = [Float](repeating: 0, count: images * channels)
        let area = self.area
        activations.withUnsafeBufferPointer { a in
            gradients.withUnsafeBufferPointer { g in
                for plane in 0..<(images &* channels) {
                    var sum: Float = 0
                    let base = plane &* area
                    for p in 0..<area { sum += body(a[base &+ p], g[base &+ p], plane) }
                    sums[plane] = sum
                }
            }
        }
        return sums
    }

    /// Per image and channel: the sum over positions of the activations.
    func activationSums() -> [Float] {
        var sums = [Float](repeating: 0, count: images * channels)
        activations.withUnsafeBufferPointer { a in
            for plane in 0..<(images &* channels) {
                var sum: Float = 0
                for p in 0..<area { sum += a[plane &* area &+ p] }
                sums[plane] = sum
            }
        }
        return sums
    }

    /// Elementwise `body(activation, gradient)`, [images, channels, height, width].
    func elementwise(_ body: (Float, Float) -> Float) throws -> [Float] {
        let gradients = try requireGradients()
        return zip(activations, gradients).map { body($0, $1) }
    }
}

/// How a method turns a target layer into a map before ReLU, resizing and scaling.
enum CAMRule {
    /// One weight per image and channel: the map sums weight × activation over channels, or
    /// projects weight × activation (eigen smoothing).
    case channelWeights((CAMLayer) throws -> [Float])
    /// Weighted activations per element: summed over channels, or projected.
    case elementWeights((CAMLayer) throws -> [Float])
    /// Always the first-component projection of these per-element values (Eigen-CAM).
    case projection((CAMLayer) throws -> [Float])

    /// The map of `layer`, [images, height, width].
    func map(_ layer: CAMLayer, eigenSmooth: Bool) throws -> [Float] {
        let (weighted, smooth): ([Float], Bool)
        switch self {
        case .channelWeights(let weights):
            let w = try weights(layer)
            var values = layer.activations
            let area = layer.area
            values.withUnsafeMutableBufferPointer { values in
                for plane in 0..<(layer.images &* layer.channels) {
                    for p in 0..<area { values[plane &* area &+ p] *= w[plane] }
                }
            }
            (weighted, smooth) = (values, eigenSmooth)
        case .elementWeights(let body):
            (weighted, smooth) = (try body(layer), eigenSmooth)
        case .projection(let body):
            (weighted, smooth) = (try body(layer), true)
        }
        if smooth {
            return Projection.firstComponent(weighted, count: layer.images, channels: layer.channels, area: layer.area)
        }
        var sums = [Float](repeating: 0, count: layer.images * layer.area)
        let (channels, area) = (layer.channels, layer.area)
        weighted.withUnsafeBufferPointer { values in
            sums.withUnsafeMutableBufferPointer { sums in
                for image in 0..<layer.images {
                    for c in 0..<channels {
                        let plane = (image &* channels &+ c) &* area
                        for p in 0..<area { sums[image &* area &+ p] += values[plane &+ p] }
                    }
                }
            }
        }
        return sums
    }
}
