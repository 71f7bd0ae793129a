import Foundation
@testable import LumenBoard
import LumenTestSupport
import Testing

@Suite("EventFileWriter: naming, first record, background writing, errors")
struct EventFileWriterTests {
    @Test("File name is events.out.tfevents.<10-digit seconds>.<host>.<pid>.<counter><suffix>")
    func fileName() throws {
        let dir = temporaryDirectory()
        let a = try EventFileWriter(logDir: dir, filenameSuffix: "_s")
        let b = try EventFileWriter(logDir: dir)
        let name = (a.path as NSString).lastPathComponent
        let parts = name.split(separator: ".")
        #expect(name.hasPrefix("events.out.tfevents."))
        #expect(parts[3].count == 10 && parts[3].allSatisfy(\.isNumber))
        #expect(String(parts[4]) == EventFileName.hostName)
        #expect(String(parts[5]) == String(getpid()))
        #expect(name.hasSuffix("_s"))
        let counterA = Int(parts[6].dropLast(2))!
        let counterB = Int((b.path as NSString).lastPathComponent.split(separator: ".")[6])!
        #expect(counterB == counterA + 1)
        try a.close()
        try b.close()
    }

    @Test("The first record is file_version brain.Event:2")
    func firstRecord() throws {
        let dir = temporaryDirectory()
        let writer = try EventFileWriter(logDir: dir)
        try writer.close()
        let events = try readEvents(inRun: dir)
        #expect(events.count == 1)
        #expect(events[0].fileVersion == "brain.Event:2")
        #expect(events[0].wallTime > 1_600_000_000)
    }

    @Test("Events reach the disk by themselves within the flush interval, without flush()")
    func flushesOnItsOwn() throws {
        let dir = temporaryDirectory()
        let writer = try EventFileWriter(logDir: dir, flushInterval: 0.2, maxQueue: 1000)
        try writer.writeScalar(tag: "live", value: 1, step: 1, wallTime: 1)
        var seen = false
        for _ in 0..<100 where !seen {  // up to 10 s on a loaded machine
            Thread.sleep(forTimeInterval: 0.1)
            seen = try readEvents(inRun: dir).contains { $0.summary.value.first?.tag == "live" }
        }
        #expect(seen)
        try writer.close()
    }

    @Test("The scalar fast path writes the same bytes as SwiftProtobuf")
    func scalarEncoderMatchesProtobuf() throws {
        for (step, value, tag) in [(Int64(0), Float(0), "a"), (5, -2.5, "loss/train"), (-3, .nan, String(repeating: "t", count: 300)),
                                   (Int64.max, .infinity, "ü"), (1 << 40, Float.leastNormalMagnitude / 128, "")] {
            var event = TBEvent()
            event.wallTime = 1_700_000_000.25
            event.step = step
            event.summary.value = [.scalar(tag: tag, value: value)]
            var fast: [UInt8] = []
            ScalarEventEncoder.append(tag: tag, value: value, step: step, wallTime: event.wallTime, to: &fast)
            #expect(fast == (try event.serializedBytes()), "step \(step) tag \(tag.prefix(8))")
        }
    }

    @Test("Many threads logging at once lose nothing")
    func concurrentWriters() throws {
        let dir = temporaryDirectory()
        let writer = try EventFileWriter(logDir: dir, maxQueue: 7)
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for i in 0..<2_000 {
                try! writer.writeScalar(tag: "t\(thread)", value: Float(i), step: Int64(i), wallTime: 1)
            }
        }
        try writer.close()
        let values = summaryValues(try readEvents(inRun: dir))
        #expect(values.count == 16_000)
        for thread in 0..<8 {
            let steps = values.filter { $0.value.tag == "t\(thread)" }.map(\.step)
            #expect(steps == (0..<2_000).map(Int64.init), "thread \(thread)'s events out of order or missing")
        }
    }

    @Test("An I/O error on the writer thread is thrown by flush(), naming the file")
    func ioErrorSurfaces() throws {
        let writer = try EventFileWriter(path: "/dev/full", createNew: false, flushInterval: 1, maxQueue: 10)
        try writer.writeScalar(tag: "x", value: 1, step: 0, wallTime: 1)
        #expect(throws: EventFileError.self) { try writer.flush() }
        do {
            try writer.writeScalar(tag: "x", value: 2, step: 1, wallTime: 1)
            try writer.flush()
            Issue.record("second flush did not fail")
        } catch let error as EventFileError {
            guard case .writeFailed(let path, _) = error else { Issue.record("wrong error \(error)"); return }
            #expect(path == "/dev/full")
        }
        try? writer.close()
    }

    @Test("Writing after close() throws instead of dropping the event")
    func writeAfterClose() throws {
        let writer = try EventFileWriter(logDir: temporaryDirectory())
        try writer.close()
        try writer.close()  // idempotent
        #expect(throws: EventFileError.closed(path: writer.path)) {
            try writer.writeScalar(tag: "late", value: 1, step: 0, wallTime: 1)
        }
    }

    @Test("An unwritable log directory is an error at creation naming the path")
    func unwritableLogDir() throws {
        let file = temporaryDirectory() + "/plain-file"
        writeFile([1], to: file)
        do {
            _ = try EventFileWriter(logDir: file + "/sub")
            Issue.record("no error")
        } catch let error as EventFileError {
            #expect(error.description.contains(file + "/sub"))
        }
    }
}

@Suite("Event files left open at exit")
struct ExitFlushTests {
    @Test("A program that exits without close() still leaves every event on disk")
    func flushedAtExit() async throws {
        let dir = temporaryDirectory()
        setenv("LUMEN_EXIT_FLUSH_DIR", dir, 1)
        await #expect(processExitsWith: .success) {
            let target = ProcessInfo.processInfo.environment["LUMEN_EXIT_FLUSH_DIR"]!
            // A long flush interval and queue: nothing would reach the disk before exit on its own.
            let writer = try SummaryWriter(logDir: target, maxQueue: 1_000_000, flushSecs: 3_600)
            for step in 0..<1_000 { writer.addScalar("loss", Double(step), step: step) }
            exit(0)
        }
        let steps = summaryValues(try readEvents(inRun: dir)).map(\.step)
        #expect(steps == (0..<1_000).map(Int64.init))
    }
}
