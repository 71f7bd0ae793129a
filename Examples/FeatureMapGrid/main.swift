// The course's feature-map snippet, in Swift: a forward hook on every convolution of a network
// collects its output for one photo, and each layer's maps go to the board as a grid of
// normalized gray tiles, √C tiles wide.
//
//   swift run feature-map-example [--image PATH] [--logdir DIR]
//
// The network is ResNet-18 with its initial (untrained) weights: no trained weights can be
// downloaded here; load yours with `model.loadSafetensors(from:)`.
import Foundation
import Lumen

let arguments = CommandLine.arguments
func option(_ name: String) -> String? {
    arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
}
let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let path = option("--image") ?? here.appendingPathComponent("DatasetGrid/photos/cat/cat_1.jpg").path
let logdir = option("--logdir") ?? "runs"

do {
    let transform = Compose([
        Resize([224, 224]), ToTensor(),
        Normalize(mean: [0.49139968, 0.48215827, 0.44653124], std: [0.24703233, 0.24348505, 0.26158768]),
    ])
    let photo = try transform(.image(Image(contentsOf: path).converted(toChannels: 3))).tensor()
    let model = ResNet.resnet18().eval()

    var maps: [(name: String, output: Tensor)] = []
    let handles = model.namedModules().filter { $0.module is Conv2d }.map { name, conv in
        conv.registerForwardHook { _, _, output in maps.append((name, output)) }
    }
    _ = withNoGrad { model(photo.reshape([1] + photo.shape)) }
    handles.forEach { $0.remove() }

    let runDir = (logdir as NSString).appendingPathComponent((SummaryWriter.defaultLogDir(comment: "_feature_maps") as NSString).lastPathComponent)
    let writer = try SummaryWriter(logDir: runDir)
    for (name, output) in maps {
        let channels = output.shape[1]
        try writer.addFeatureMaps("feature map in \(name)", output, step: 0, nrow: Int(Double(channels).squareRoot()))
        print("\(name): \(output.shape)")
    }
    try writer.close()
    print("logged \(maps.count) layers' feature maps to \(runDir)")
} catch {
    print("error: \(error)")
    exit(1)
}
