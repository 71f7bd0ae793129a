import Foundation
import Lumen
import LumenTestSupport
import Testing

@Suite("watch(model): what it logs, when, and that its handle removes every hook")
struct WatchTests {
    /// A tiny model: linear → ReLU → linear.
    final class Tiny: Module {
        let fc1 = Linear(4, 8)
        let act = ReLU()
        let fc2 = Linear(8, 3)
        override func forward(_ x: Tensor) -> Tensor { fc2(act(fc1(x))) }
    }

    /// Runs `steps` SGD steps on a fixed batch.
    private func train(_ model: Tiny, steps: Int) throws {
        let x = Tensor.randn([5, 4], generator: Generator(seed: 1))
        let y = Tensor([0, 1, 2, 0, 1])
        let optimizer = SGD(model.parameters(), lr: 0.1)
        for _ in 0..<steps {
            optimizer.zeroGrad()
            try model(x).crossEntropy(y).backward()
            optimizer.step()
        }
    }

    @Test("every N training passes: parameter and gradient histograms, norms, activation statistics, dead units")
    func logsEveryN() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let writer = try SummaryWriter(logDir: dir)
        let model = Tiny()
        let handle = watch(model, writer: writer, log: .all, every: 3)
        try train(model, steps: 7)
        _ = withNoGrad { model.eval()(Tensor.zeros([1, 4])) }   // evaluation passes are not counted
        handle.remove()
        model.train()
        try train(model, steps: 3)                   // nothing is logged after remove()
        try writer.close()
        let logged = try EventLog(dir)
        for name in ["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"] {
            #expect(logged.steps("parameters/\(name)") == [1, 4, 7], "\(name)")
            #expect(logged.steps("gradients/\(name)") == [1, 4, 7], "\(name)")
            #expect(logged.steps("gradient_norm/\(name)") == [1, 4, 7], "\(name)")
        }
        #expect(logged.steps("activations/fc1/mean") == [1, 4, 7])
        #expect(logged.steps("activations/act/std") == [1, 4, 7])
        #expect(logged.steps("dead_units/act") == [1, 4, 7])
        #expect(logged.steps("dead_units/fc1").isEmpty)
        #expect(logged.steps("nonfinite/gradients") == [1, 4, 7])
        #expect(logged.scalars("nonfinite/parameters") == [0, 0, 0])
        let share = logged.scalars("dead_units/act")
        #expect(share.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(logged.histogramBuckets("parameters/fc1.weight").allSatisfy { $0 == 64 })
    }

    @Test("NaN and ±∞ are counted, not dropped; only .gradients logs no parameters")
    func countsNonFinite() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let writer = try SummaryWriter(logDir: dir)
        let model = Tiny()
        withNoGrad {
            var values = model.fc1.weight.scalars
            values[0..<3] = [.nan, .infinity, -.infinity]
            model.fc1.weight.assign(Tensor(values, shape: model.fc1.weight.shape))
        }
        let first = watch(model, writer: writer, log: .parameters, every: 1)
        let second = watch(model, writer: writer, log: .gradients, every: 1)
        _ = model(Tensor.ones([2, 4]))
        first.remove()
        second.remove()
        try writer.close()
        let logged = try EventLog(dir)
        #expect(logged.scalars("nonfinite/parameters") == [3])
        #expect(logged.scalars("nonfinite/fc1.weight/nan") == [1])
        #expect(logged.scalars("nonfinite/fc1.weight/+inf") == [1])
        #expect(logged.scalars("nonfinite/fc1.weight/-inf") == [1])
        #expect(logged.steps("gradients/fc1.weight").isEmpty)   // no backward ran
    }

    @Test("a model watched without keeping the handle goes on logging (the hooks hold the watcher)")
    func droppedHandle() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let writer = try SummaryWriter(logDir: dir)
        let model = Tiny()
        watch(model, writer: writer, log: .all, every: 1)
        try train(model, steps: 2)
        try writer.close()
        let logged = try EventLog(dir)
        #expect(logged.steps("parameters/fc1.weight") == [1, 2])
        #expect(logged.steps("gradients/fc2.bias") == [1, 2])
    }
}

/// The scalar and histogram events of a log directory, read back with Lumen's reader.
struct EventLog {
    private var values: [String: [(step: Int, value: TBSummary.Value)]] = [:]

    init(_ dir: String) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains("tfevents") }
        for file in files {
            let reader = try EventFileReader(path: dir + "/" + file)
            while let item = reader.next() {
                guard case .event(let event, _) = item else { continue }
                for value in event.summary.value { values[value.tag, default: []].append((Int(event.step), value)) }
            }
        }
    }

    func steps(_ tag: String) -> [Int] { (values[tag] ?? []).map(\.step).sorted() }
    func scalars(_ tag: String) -> [Float] { (values[tag] ?? []).sorted { $0.step < $1.step }.map(\.value.simpleValue) }
    func histogramBuckets(_ tag: String) -> [Int] { (values[tag] ?? []).map { $0.value.histo.bucket.count } }
    func values(_ tag: String) -> [TBSummary.Value] { (values[tag] ?? []).sorted { $0.step < $1.step }.map(\.value) }
}
