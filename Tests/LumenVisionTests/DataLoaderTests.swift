import Foundation
import LumenTestSupport
@testable import LumenVision
import Testing

/// Sample i is [i, a random draw from the sample's generator]; reading `failing` throws, and
/// sample `oddShape` has two more values than the others.
struct Probe: Dataset {
    let count: Int
    var failing: Int? = nil
    var oddShape: Int? = nil

    func sample(at index: Int, generator: Generator) throws -> (input: Tensor, label: Int) {
        if index == failing { throw VisionError("Probe: sample \(index) (/data/\(index).png): damaged") }
        let values = [Float(index), Float(generator.nextDouble())] + (index == oddShape ? [0, 0] : [])
        return (Tensor(values), index % 7)
    }
}

@Suite("DataLoader")
struct DataLoaderTests {
    /// Every batch's inputs and labels, through the throwing API.
    func epoch<D: Dataset>(_ loader: DataLoader<D>) throws -> [(images: Tensor, labels: Tensor)] {
        var batches: [(images: Tensor, labels: Tensor)] = []
        try loader.forEachBatch { batches.append(($0, $1)) }
        return batches
    }

    @Test("every index exactly once per epoch, batches stacked, for workers 0/1/2/4, shuffle and dropLast on and off")
    func everyIndexOnce() throws {
        let count = 103, batchSize = 8
        for workers in [0, 1, 2, 4] {
            for shuffle in [false, true] {
                for dropLast in [false, true] {
                    let loader = DataLoader(Probe(count: count), batchSize: batchSize, shuffle: shuffle, dropLast: dropLast,
                                            generator: Generator(seed: 5), workers: workers, prefetch: 1)
                    let batches = try epoch(loader)
                    let setting = "workers \(workers), shuffle \(shuffle), dropLast \(dropLast)"
                    #expect(batches.count == loader.count, "\(setting)")
                    #expect(batches.count == (dropLast ? 12 : 13), "\(setting)")
                    let indices = batches.flatMap { batch in stride(from: 0, to: batch.images.count, by: 2).map { Int(batch.images.scalars[$0]) } }
                    #expect(Set(indices).count == indices.count, "\(setting): an index repeats")
                    #expect(indices.count == (dropLast ? 96 : 103), "\(setting)")
                    if !dropLast { #expect(indices.sorted() == Array(0..<count), "\(setting)") }
                    if !shuffle { #expect(indices == Array(0..<indices.count), "\(setting)") }
                    for (number, batch) in batches.enumerated() {
                        let n = number == 12 ? 7 : batchSize
                        #expect(batch.images.shape == [n, 2] && batch.labels.shape == [n], "\(setting)")
                        let labels = stride(from: 0, to: batch.images.count, by: 2).map { Float(Int(batch.images.scalars[$0]) % 7) }
                        #expect(batch.labels.scalars == labels, "\(setting)")
                    }
                }
            }
        }
    }

    @Test("the same seed gives the same order and the same random draws, whatever the workers; epochs differ")
    func seededOrder() throws {
        let runs = try [0, 1, 3].map { workers in
            let loader = DataLoader(Probe(count: 50), batchSize: 6, shuffle: true, generator: Generator(seed: 9), workers: workers)
            return try (0..<2).map { _ in try epoch(loader).flatMap(\.images.scalars) }
        }
        #expect(runs[0] == runs[1] && runs[1] == runs[2])
        #expect(runs[0][0] != runs[0][1])
        let other = DataLoader(Probe(count: 50), batchSize: 6, shuffle: true, generator: Generator(seed: 10), workers: 0)
        #expect(try epoch(other).flatMap(\.images.scalars) != runs[0][0])
    }

    @Test("for-in yields the same batches as forEachBatch")
    func sequenceIteration() throws {
        let loader = DataLoader(Probe(count: 20), batchSize: 3, generator: Generator(seed: 1), workers: 2)
        var seen: [Float] = []
        for (images, labels) in loader {
            #expect(images.shape[0] == labels.shape[0])
            seen += images.scalars
        }
        #expect(loader.lastEpochError == nil)
        let again = DataLoader(Probe(count: 20), batchSize: 3, generator: Generator(seed: 1), workers: 0)
        #expect(try epoch(again).flatMap(\.images.scalars) == seen)
    }

    @Test("a failing sample reaches the consumer naming its index and file; for-in keeps it in lastEpochError")
    func failingSample() throws {
        for workers in [0, 2] {
            let loader = DataLoader(Probe(count: 40, failing: 17), batchSize: 4, workers: workers)
            var delivered = 0
            let error = #expect(throws: VisionError.self) {
                try loader.forEachBatch { _, _ in delivered += 1 }
            }
            #expect(delivered == 4, "workers \(workers)")
            #expect(error?.message.contains("sample 17") == true && error?.message.contains("/data/17.png") == true)

            var batches = 0
            for _ in loader { batches += 1 }
            #expect(batches == 4)
            let kept = loader.lastEpochError as? VisionError
            #expect(kept?.message.contains("sample 17") == true)
            #expect(loader.waitForWorkers(timeout: 600))
        }
    }

    @Test("samples that do not stack name the index and both shapes")
    func shapesMustMatch() throws {
        for workers in [0, 2] {
            let loader = DataLoader(Probe(count: 12, oddShape: 6), batchSize: 4, workers: workers)
            let error = #expect(throws: VisionError.self) { _ = try epoch(loader) }
            #expect(error?.message == "DataLoader: sample 6 has shape [4] but sample 4 of the same batch has [2]; a batch's samples must have one shape to be stacked")
        }
    }

    @Test("an epoch left after one batch lets its workers finish")
    func abandonedEpochStopsWorkers() throws {
        let loader = DataLoader(Probe(count: 1000), batchSize: 2, workers: 4, prefetch: 2)
        for (images, _) in loader {
            #expect(images.shape == [2, 2])
            break
        }
        #expect(loader.waitForWorkers(timeout: 600))
        #expect(loader.runningWorkers.current == 0)

        var iterator = loader.makeIterator()
        _ = try iterator.nextBatch()
        _ = iterator
        iterator = loader.makeIterator()
        #expect(try iterator.nextBatch()?.images.shape == [2, 2])
    }

    @Test("Digits batches: [N, 1, 32, 32] images and Float labels equal to the targets")
    func digitsBatches() throws {
        let digits = try Digits(size: 32)
        let loader = DataLoader(digits, batchSize: 64, workers: 2)
        let batches = try epoch(loader)
        #expect(batches.count == 29)
        #expect(batches[0].images.shape == [64, 1, 32, 32])
        #expect(batches.last!.images.shape == [1797 - 28 * 64, 1, 32, 32])
        #expect(batches.flatMap(\.labels.scalars) == digits.targets.map(Float.init))
    }

    @Test("a damaged file in an ImageFolder names the index and path through the loader")
    func imageFolderFailure() throws {
        let root = temporaryDirectory("loader")
        try FileManager.default.createDirectory(atPath: root + "/a", withIntermediateDirectories: true)
        try Data("no picture".utf8).write(to: URL(fileURLWithPath: root + "/a/bad.png"))
        let loader = DataLoader(try ImageFolder(root: root), batchSize: 1, workers: 1)
        let error = #expect(throws: VisionError.self) { _ = try epoch(loader) }
        #expect(error?.message.contains("sample 0") == true && error?.message.contains(root + "/a/bad.png") == true)
    }
}
