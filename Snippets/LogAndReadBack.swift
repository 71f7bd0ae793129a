// Logs a few scalars, a histogram and a note with SummaryWriter, then reads the event file back
// record by record, as TensorBoard would.
import Foundation
import LumenBoard

// snippet.show
let logDir = FileManager.default.temporaryDirectory.appendingPathComponent("lumen-snippet-\(getpid())").path
let writer = try SummaryWriter(logDir: logDir)
for step in 0..<5 {
    writer.addScalar("loss", 1.0 / Double(step + 1), step: step)
}
try writer.addHistogram("weights", [0.1, -0.3, 0.25, 0.8, -0.05] as [Double], step: 4)
writer.addText("notes", "**lr** = 0.1", step: 0)
try writer.close()

let file = try FileManager.default.contentsOfDirectory(atPath: logDir).first { $0.contains("tfevents") }!
let reader = try EventFileReader(path: logDir + "/" + file)
while let item = reader.next() {
    switch item {
    case .event(let event, let offset):
        print("offset \(offset): step \(event.step)", event.summary.value.map(\.tag))
    case .damage(let damage):
        print("skipped:", damage)
    }
}
// snippet.hide
try? FileManager.default.removeItem(atPath: logDir)
