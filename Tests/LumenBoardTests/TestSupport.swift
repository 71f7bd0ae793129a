import Foundation
@testable import LumenBoard

/// The committed reference fixtures (`Scripts/make_board_fixtures.py`).
let compatFixtures: String = Bundle.module.resourcePath! + "/Fixtures/compat"

/// Every event of every event file under `directory` (one run, files in name order).
func readEvents(inRun directory: String) throws -> [TBEvent] {
    let files = try FileManager.default.contentsOfDirectory(atPath: directory)
        .filter { $0.contains("tfevents") }.sorted()
    var events: [TBEvent] = []
    for file in files {
        let reader = try EventFileReader(path: directory + "/" + file)
        let (found, damage) = reader.readAvailable()
        precondition(damage.isEmpty, "damage in \(file): \(damage)")
        events += found
    }
    return events
}

/// The summary values of `events`, flattened, with the step of the event each came from.
func summaryValues(_ events: [TBEvent]) -> [(step: Int64, value: TBSummary.Value)] {
    events.flatMap { event in event.summary.value.map { (event.step, $0) } }
}

/// Frames each payload as one record.
func framed(_ payloads: [[UInt8]]) -> [UInt8] {
    var bytes: [UInt8] = []
    for payload in payloads {
        payload.withUnsafeBytes { RecordFraming.append(payload: $0, to: &bytes) }
    }
    return bytes
}

func writeFile(_ bytes: [UInt8], to path: String) {
    precondition(FileManager.default.createFile(atPath: path, contents: Data(bytes)), "cannot create \(path)")
}

func appendToFile(_ bytes: [UInt8], at path: String) {
    let handle = FileHandle(forWritingAtPath: path)!
    handle.seekToEndOfFile()
    handle.write(Data(bytes))
    try? handle.close()
}
