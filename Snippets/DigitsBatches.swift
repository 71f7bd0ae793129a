// The bundled handwritten digits through a DataLoader, one batch laid out as a grid and saved
// as a PNG, as torchvision's `make_grid` and `save_image` do.
import Foundation
import LumenVision

// snippet.show
let digits = try Digits(size: 32, transform: Compose([ToTensor(), Normalize(mean: [0.5], std: [0.5])]))
let loader = DataLoader(digits, batchSize: 16, shuffle: true, generator: Generator(seed: 0))
var batches = loader.makeIterator()
if let (images, labels) = try batches.nextBatch() {          // [16, 1, 32, 32], [16]
    let grid = try makeGrid(images, nrow: 8, normalize: true)  // [3, 70, 274]
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("digits-grid.png").path
    try saveImage(grid, to: path)
    print("labels", labels.scalars.map { Int($0) }, "grid", grid.shape, "saved", path)
}
