// Fuzz target: one record's payload, read by the board and by `lumen inspect`. Both must agree
// on whether it is an event (one rule, ``EventDecoding``), and the board's scalars (through its
// fast wire scan or the full decoder, whichever it takes) must be exactly those the decoded
// message holds: every scalar tag, its step, its value and its wall time, bit for bit.
import FuzzSupport
import LumenBoard

private let scratch = ScratchFile(name: "event-decoding")
private let header: [UInt8] = {
    var event = TBEvent()
    event.wallTime = 1
    event.fileVersion = "brain.Event:2"
    var bytes: [UInt8] = []
    let payload: [UInt8] = try! event.serializedBytes()
    payload.withUnsafeBytes { RecordFraming.append(payload: $0, to: &bytes) }
    return bytes
}()

/// The scalars a decoded event gives each tag, after the restart rule (a later point at the
/// same step replaces an earlier one): the last scalar value of each tag.
private func expectedScalars(_ event: TBEvent) -> [String: Double] {
    guard case .summary(let summary) = event.what else { return [:] }
    var scalars: [String: Double] = [:]
    for value in summary.value where ValueKind(value) == .scalar {
        if let number = SummaryDecoding.scalar(value) { scalars[value.tag] = number }
    }
    return scalars
}

private func sameBits(_ a: Float, _ b: Float) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }
private func sameBits(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }

func checkEventDecoding(_ payload: [UInt8]) {
    var file = header
    payload.withUnsafeBytes { RecordFraming.append(payload: $0, to: &file) }
    scratch.write(file)
    let offset = Int64(header.count)

    // lumen inspect's reading.
    guard let reader = try? EventFileReader(path: scratch.path) else { FuzzInput.fail("cannot open") }
    var inspected: TBEvent?, inspectDamage = 0
    while let item = reader.next() {
        switch item {
        case .event(let event, let at) where at == offset: inspected = event
        case .event: break
        case .damage: inspectDamage += 1
        }
    }
    let decoded = try? EventDecoding.event(payload, path: scratch.path, offset: offset).get()
    guard (decoded == nil) == (inspected == nil), (decoded == nil) == (inspectDamage == 1) else {
        FuzzInput.fail("inspect read \(inspected == nil ? "damage" : "an event") where the rule says \(decoded == nil ? "damage" : "an event")")
    }

    // The board's reading.
    let run = RunStore(name: "fuzz")
    _ = run.load(files: [scratch.path])
    run.read { content in
        let damaged = content.damage.contains { $0.offset == offset }
        guard damaged == (decoded == nil), content.damage.count == (decoded == nil ? 1 : 0) else {
            FuzzInput.fail("the board reports \(content.damage) where the rule says \(decoded == nil ? "damage" : "an event")")
        }
        guard let event = decoded else { return }
        let expected = expectedScalars(event)
        guard Set(content.scalars.keys) == Set(expected.keys) else {
            FuzzInput.fail("board scalar tags \(content.scalars.keys.sorted()) but the event holds \(expected.keys.sorted())")
        }
        for (tag, number) in expected {
            let series = content.scalars[tag]!
            guard series.count == 1, series.step(0) == event.step, sameBits(series.value(0), Float(number)),
                  sameBits(series.wallTime(0), event.wallTime)
            else {
                FuzzInput.fail("tag \(tag.debugDescription): board has \(series.count) points, first (\(series.count > 0 ? "\(series.step(0)), \(series.value(0)), \(series.wallTime(0))" : "none")); the event: (\(event.step), \(Float(number)), \(event.wallTime))")
            }
        }
    }
}

@main
enum FuzzEventDecoding {
    static func main() { FuzzInput.run(checkEventDecoding) }
}
