import Foundation

/// One figure of a benchmark: Lumen's rate beside the reference's.
struct Measurement {
    let name: String
    let lumen: Double
    let reference: Double?
    let unit: String
    /// Whether a larger figure is better (rates) or worse (times, memory).
    var higherIsBetter = true

    /// How many times better Lumen is than the reference: above 1 means Lumen is better.
    var ratio: Double? { reference.map { higherIsBetter ? lumen / $0 : $0 / lumen } }

    var json: String {
        func number(_ v: Double?) -> String { v.map { String(format: "%.6g", $0) } ?? "null" }
        return "{\"name\": \"\(name)\", \"lumen\": \(number(lumen)), \"reference\": \(number(reference)), \"unit\": \"\(unit)\", \"ratio\": \(number(ratio))}"
    }

    var row: String {
        let reference = self.reference.map { String(format: "%.3g", $0) } ?? "–"
        let ratio = self.ratio.map { String(format: "%.2f×", $0) } ?? "–"
        return Self.columns([name, String(format: "%.3g", lumen), reference, ratio, unit])
    }

    static let header = columns(["measure", "lumen", "reference", "ratio", "unit"])

    private static func columns(_ cells: [String]) -> String {
        let widths = [22, 12, 12, 9]
        return cells.enumerated().map { index, cell in
            guard index < widths.count else { return cell }
            let pad = String(repeating: " ", count: max(0, widths[index] - cell.count))
            return index == 0 ? cell + pad : pad + cell
        }.joined(separator: "  ")
    }
}

/// Seconds `job` takes (wall clock).
func seconds(_ job: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try job()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// Runs a Python reference script and decodes the JSON object it prints. A script still running
/// after `timeout` seconds is stopped (SIGTERM, then SIGKILL after a grace period) and counts as
/// not run.
func runReference(script: String, arguments: [String], python: String, timeout: Double = 900) -> [String: Any]? {
    runJSONProcess(executable: python, arguments: [script] + arguments, timeout: timeout)
}

/// Runs `executable` (with `environment`, or this process's) and decodes the JSON object it
/// prints; nil, with the reason on standard error, when it cannot start, fails, or is still
/// running after `timeout` seconds (then it is stopped: SIGTERM, SIGKILL after a grace period).
func runJSONProcess(executable: String, arguments: [String], environment: [String: String]? = nil, timeout: Double) -> [String: Any]? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let environment { process.environment = environment }
    let output = Pipe()
    process.standardOutput = output
    let exited = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in exited.signal() }
    let name = ([executable] + arguments.prefix(2)).joined(separator: " ")
    do { try process.run() } catch {
        FileHandle.standardError.write(Data("not run (\(name)): \(error)\n".utf8))
        return nil
    }
    let drain = PipeDrain(output)
    guard ChildProcess.wait(for: process, exited: exited, timeout: timeout) else {
        FileHandle.standardError.write(Data("\(name) stopped after \(Int(timeout)) s\n".utf8))
        return nil
    }
    guard process.terminationStatus == 0 else {
        FileHandle.standardError.write(Data("\(name) failed with status \(process.terminationStatus)\n".utf8))
        return nil
    }
    guard let data = drain.result(timeout: 30) else {
        FileHandle.standardError.write(Data("\(name) exited but its output stayed open\n".utf8))
        return nil
    }
    return try? JSONSerialization.jsonObject(with: data) as? [String: Any]
}

/// The Python to run references with: `--python`, else a venv with torch at /opt/torchenv, else python3.
func defaultPython() -> String {
    let candidates = ["/opt/torchenv/bin/python", "/usr/local/bin/python3", "/usr/bin/python3"]
    if let path = ProcessInfo.processInfo.environment["LUMEN_BENCH_PYTHON"] { return path }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? "python3"
}

/// Where the reference scripts live: `Benchmarks/reference/` beside this source file.
let referenceDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("reference").path

/// Runs `count` rounds alternating Lumen and its reference (Lumen, reference, Lumen, …), so that
/// load from other processes on a shared machine favours neither side. Returns Lumen's rounds,
/// the numeric fields of the reference rounds that ran, and the first reference object (for its
/// name and thread count).
func alternatingRounds(
    _ count: Int = 2, lumen: () throws -> [String: Double], reference: () -> [String: Any]?
) rethrows -> (lumen: [[String: Double]], reference: [[String: Double]], firstReference: [String: Any]?) {
    var lumenRounds: [[String: Double]] = [], referenceRounds: [[String: Double]] = []
    var first: [String: Any]?
    for _ in 0..<count {
        lumenRounds.append(try lumen())
        if let object = reference() {
            first = first ?? object
            referenceRounds.append(object.compactMapValues { $0 as? Double })
        }
    }
    return (lumenRounds, referenceRounds, first)
}

/// Each measure's best figure over `rounds`: the highest for the names in `higherIsBetter`
/// (rates), the lowest for the others (times).
func bestOf(_ rounds: [[String: Double]], higherIsBetter: Set<String> = []) -> [String: Double] {
    rounds.reduce(into: [:]) { best, round in
        for (name, value) in round {
            best[name] = best[name].map { higherIsBetter.contains(name) ? Swift.max($0, value) : Swift.min($0, value) } ?? value
        }
    }
}
