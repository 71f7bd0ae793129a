// The course's first look at its data, in Swift: an ImageFolder of photos, resized to 32×64 and
// turned into tensors, batched 16 at a time in a shuffled order, and one batch logged as a
// normalized grid four pictures wide — so a person can check at a glance that the pictures and
// their labels are right.
//
//   swift run dataset-grid-example [--data DIR] [--logdir DIR]
//
// DIR holds one sub-folder of pictures per class; by default the small folder of photos beside
// this file. Then: swift run lumen board --logdir runs
import Foundation
import Lumen

let arguments = CommandLine.arguments
func option(_ name: String) -> String? {
    arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
}
let root = option("--data") ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("photos").path
let logdir = option("--logdir") ?? "runs"

do {
    let photos = try ImageFolder(root: root, transform: Compose([Resize([32, 64]), ToTensor()]))
    print("\(photos.count) pictures in \(photos.classes.count) classes: \(photos.classes.joined(separator: ", "))")
    let loader = DataLoader(photos, batchSize: 16, shuffle: true, generator: Generator(seed: 0))
    var batches = loader.makeIterator()
    guard let (images, labels) = try batches.nextBatch() else {
        print("\(root) has no pictures")
        exit(1)
    }
    let grid = try makeGrid(images, nrow: 4, normalize: true, scaleEach: true)
    let runDir = (logdir as NSString).appendingPathComponent((SummaryWriter.defaultLogDir(comment: "_dataset_grid") as NSString).lastPathComponent)
    let writer = try SummaryWriter(logDir: runDir)
    try writer.addImage("input batch", grid, step: 0)
    let names = labels.scalars.map { photos.classes[Int($0)] }
    writer.addText("input batch labels", stride(from: 0, to: names.count, by: 4).map {
        names[$0..<min($0 + 4, names.count)].joined(separator: " · ")
    }.joined(separator: "  \n"), step: 0)
    try writer.close()
    print("batch \(images.shape), grid \(grid.shape); labels, row by row:")
    for row in stride(from: 0, to: names.count, by: 4) { print("  " + names[row..<min(row + 4, names.count)].joined(separator: "  ")) }
    print("logged to \(runDir)")
} catch {
    print("error: \(error)")
    exit(1)
}
