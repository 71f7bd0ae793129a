import Foundation
@testable import LumenBoard
import LumenTestSupport
import Testing

@Suite("SummaryWriter: PyTorch's parameters, defaults and layout")
struct SummaryWriterTests {
    @Test("Default log dir is runs/<Mon><DD>_<HH>-<MM>-<SS>_<hostname><comment>")
    func defaultLogDir() {
        var parts = DateComponents()
        (parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second) = (2026, 3, 7, 9, 5, 2)
        let date = Calendar.current.date(from: parts)!
        #expect(SummaryWriter.defaultLogDir(comment: "_lr0.1", date: date) == "runs/Mar07_09-05-02_\(EventFileName.hostName)_lr0.1")
    }

    @Test("comment is ignored when logDir is given")
    func commentIgnored() throws {
        let dir = temporaryDirectory()
        let writer = try SummaryWriter(logDir: dir, comment: "_ignored")
        #expect(writer.logDir == dir)
        #expect(writer.eventFilePath!.hasPrefix(dir + "/events.out.tfevents."))
        try writer.close()
    }

    @Test("Scalars of every type are written as simple_value with their steps; NaN and ±∞ as they are")
    func scalars() throws {
        let dir = temporaryDirectory()
        let writer = try SummaryWriter(logDir: dir)
        writer.addScalar("f", Float(0.1), step: 0)
        writer.addScalar("d", 1.0 / 3.0, step: 1)
        writer.addScalar("i", 2_147_483_649, step: 10_000_000_000)
        writer.addScalar("nan", Double.nan, step: 2)
        writer.addScalar("inf", -Double.infinity, step: 3, wallTime: 42)
        try writer.close()
        let values = summaryValues(try readEvents(inRun: dir))
        #expect(values.map(\.value.tag) == ["f", "d", "i", "nan", "inf"])
        #expect(values.map(\.step) == [0, 1, 10_000_000_000, 2, 3])
        #expect(values[0].value.simpleValue == 0.1)
        #expect(values[1].value.simpleValue == Float(1.0 / 3.0))
        #expect(values[2].value.simpleValue == Float(Double(2_147_483_649)))
        #expect(values[3].value.simpleValue.isNaN)
        #expect(values[4].value.simpleValue == -.infinity)
        let events = try readEvents(inRun: dir)
        #expect(events.last!.wallTime == 42)
    }

    @Test("addScalars writes each key to <logdir>/<main tag with / → _>_<key> under the main tag")
    func scalarGroups() throws {
        let dir = temporaryDirectory()
        let writer = try SummaryWriter(logDir: dir)
        for step in 0..<3 {
            writer.addScalars("data/group", ["sin": Double(step), "cos": -Double(step)], step: step)
        }
        try writer.close()
        for (key, sign) in [("sin", 1.0), ("cos", -1.0)] {
            let values = summaryValues(try readEvents(inRun: dir + "/data_group_\(key)"))
            #expect(values.map(\.value.tag) == ["data/group", "data/group", "data/group"])
            #expect(values.map(\.value.simpleValue) == [0, 1, 2].map { Float(sign * $0) })
        }
        #expect(summaryValues(try readEvents(inRun: dir)).isEmpty)
    }

    @Test("purgeStep writes a file_version and a session START at that step first, as PyTorch")
    func purgeStep() throws {
        let dir = temporaryDirectory()
        let writer = try SummaryWriter(logDir: dir, purgeStep: 50)
        writer.addScalar("loss", 1, step: 50)
        try writer.close()
        let events = try readEvents(inRun: dir)
        #expect(events.count == 4)
        #expect(events[1].step == 50 && events[1].fileVersion == "brain.Event:2")
        #expect(events[2].step == 50 && events[2].sessionLog.status == .start)
    }

    @Test("Logging after close() opens a new event file instead of dropping data")
    func reopensAfterClose() throws {
        let dir = temporaryDirectory()
        let writer = try SummaryWriter(logDir: dir)
        writer.addScalar("a", 1)
        try writer.close()
        writer.addScalar("a", 2, step: 1)
        try writer.flush()
        try writer.close()
        let files = try FileManager.default.contentsOfDirectory(atPath: dir)
        #expect(files.count == 2)
        #expect(summaryValues(try readEvents(inRun: dir)).map(\.value.simpleValue) == [1, 2])
    }

    @Test("An image whose shape does not fit its data or format is an error naming both")
    func badImageShape() throws {
        let writer = try SummaryWriter(logDir: temporaryDirectory())
        #expect { try writer.addImage("x", [Float](repeating: 0, count: 10), shape: [3, 2, 2]) } throws: { error in
            "\(error)".contains("[3, 2, 2]") && "\(error)".contains("10")
        }
        #expect { try writer.addImage("x", [Float](repeating: 0, count: 12), shape: [2, 2, 3]) } throws: { error in
            "\(error)".contains("[2, 2, 3]") && "\(error)".contains("CHW") && "\(error)".contains("2 channels")
        }
        #expect { try writer.addImage("x", [Float](repeating: 0, count: 4), shape: [2, 2], dataFormats: .chw) } throws: { error in
            "\(error)".contains("CHW")
        }
        #expect(throws: ImageError.self) { try ImageDataFormat("CHWX") }
        try writer.close()
    }

    @Test("Text is written as PyTorch writes it: <tag>/text_summary, DT_STRING [1], plugin text")
    func text() throws {
        let dir = temporaryDirectory()
        let writer = try SummaryWriter(logDir: dir)
        writer.addText("notes", "**naïve** — 日本", step: 3)
        try writer.close()
        let value = summaryValues(try readEvents(inRun: dir))[0].value
        #expect(value.tag == "notes/text_summary")
        #expect(value.metadata.pluginData.pluginName == "text")
        #expect(value.tensor.dtype == .dtString)
        #expect(value.tensor.tensorShape.dim.map(\.size) == [1])
        #expect(value.tensor.stringVal == [Data("**naïve** — 日本".utf8)])
    }

    @Test("16 threads logging through one writer at once lose nothing, each thread's steps in order")
    func sixteenThreads() throws {
        let dir = temporaryDirectory()
        let writer = try SummaryWriter(logDir: dir)
        let (threads, perThread) = (16, 2_500)
        let finished = DispatchGroup()
        // Real threads, more than the cores, as a data loader's or a server's would be
        // (concurrentPerform would use one per core).
        for thread in 0..<threads {
            finished.enter()
            Thread {
                for step in 0..<perThread { writer.addScalar("thread\(thread)", Double(step) / 2, step: step) }
                finished.leave()
            }.start()
        }
        finished.wait()
        try writer.close()
        let values = summaryValues(try readEvents(inRun: dir))
        #expect(values.count == threads * perThread)
        for thread in 0..<threads {
            let logged = values.filter { $0.value.tag == "thread\(thread)" }
            #expect(logged.map(\.step) == (0..<perThread).map(Int64.init), "thread \(thread)'s steps missing or out of order")
            #expect(logged.map(\.value.simpleValue) == (0..<perThread).map { Float($0) / 2 })
        }
    }
}
