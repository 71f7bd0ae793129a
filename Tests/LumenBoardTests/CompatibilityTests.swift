import Foundation
@testable import LumenBoard
import LumenFixtures
import LumenPNG
import LumenTestSupport
import Testing

/// Lumen against the logs PyTorch and tensorboardX wrote for the same logging calls
/// (`Scripts/make_board_fixtures.py`; the manifest lists the calls and their inputs).
@Suite("Compatibility with torch.utils.tensorboard and tensorboardX fixtures")
struct CompatibilityTests {
    let manifest: FixtureManifest

    init() throws {
        manifest = try FixtureManifest(directory: compatFixtures)
    }

    /// Manifest entries that land in the root run, paired with the reference's summary values.
    func rootEntries(of reference: String) throws -> [(FixtureManifest.Entry, step: Int64, value: TBSummary.Value)] {
        let entries = manifest.entries.filter { if case .scalars = $0.call { false } else { true } }
        let values = summaryValues(try readEvents(inRun: compatFixtures + "/" + reference))
        try #require(values.count == entries.count, "\(reference): \(values.count) values for \(entries.count) calls")
        return zip(entries, values).map { ($0, $1.step, $1.value) }
    }

    @Test("Lumen writes what torch writes, value for value: scalars, histogram buckets, image pixels, text")
    func lumenMatchesTorch() throws {
        let dir = temporaryDirectory()
        let writer = try SummaryWriter(logDir: dir, floatImageScaling: .multiplyBy255)
        for entry in manifest.entries { try entry.replay(on: writer, wallTime: 1) }
        try writer.close()
        let ours = summaryValues(try readEvents(inRun: dir))
        let theirs = try rootEntries(of: "torch")
        try #require(ours.count == theirs.count)
        for (mine, (entry, step, reference)) in zip(ours, theirs) {
            #expect(mine.step == step)
            #expect(mine.value.tag == reference.tag)
            try expectSameValue(mine.value, reference, context: "\(reference.tag) step \(step) (\(entry.call))")
        }
    }

    @Test("add_scalars groups land in the same run directories as torch's")
    func scalarGroupRuns() throws {
        let dir = temporaryDirectory()
        let writer = try SummaryWriter(logDir: dir)
        for entry in manifest.entries { try entry.replay(on: writer, wallTime: 1) }
        try writer.close()
        let torchRuns = try LogdirScanner.runs(in: compatFixtures + "/torch").map(\.name)
        let ourRuns = try LogdirScanner.runs(in: dir).map(\.name)
        #expect(ourRuns == torchRuns)
        for run in torchRuns where run != "." {
            let mine = summaryValues(try readEvents(inRun: dir + "/" + run))
            let reference = summaryValues(try readEvents(inRun: compatFixtures + "/torch/" + run))
            #expect(mine.map(\.value.simpleValue) == reference.map(\.value.simpleValue), "run \(run)")
            #expect(mine.map(\.value.tag) == reference.map(\.value.tag), "run \(run)")
        }
    }

    @Test("Lumen reads every value tensorboardX wrote", arguments: ["tensorboardX", "torch"])
    func readsEveryValue(reference: String) throws {
        for (entry, step, value) in try rootEntries(of: reference) {
            #expect(step == Int64(entry.step))
            switch entry.call {
            case .scalar(_, let expected, _):
                let wanted = Float(expected)
                #expect(value.simpleValue == wanted || (wanted.isNaN && value.simpleValue.isNaN))
            case .histogram(_, let values, let bins, let maxBins):
                let expected = try TBHistogramProto(values: values.map(Double.init), bins: bins, maxBins: maxBins)
                #expect(value.histo.bucket == expected.bucket)
                #expect(value.histo.bucketLimit == expected.bucketLimit)
                #expect(value.histo.num == expected.num)
            case .histogramRaw(_, _, _, let num, let sum, _, let limits, let counts):
                #expect(value.histo.bucketLimit == limits && value.histo.bucket == counts)
                #expect(value.histo.num == Double(num) && value.histo.sum == sum)
            case .image(let tag, let floats, _, _, _, _):
                // tensorboardX does not clip out-of-range floats before the byte cast; skip that one image.
                if reference == "tensorboardX", let floats, floats.contains(where: { $0 < 0 || $0 > 1 }) { continue }
                let png = try PNGDecoder.decode([UInt8](value.image.encodedImageString))
                #expect(png.width == Int(value.image.width) && png.height == Int(value.image.height), "\(tag)")
            case .text(_, let text):
                #expect(value.tensor.stringVal == [Data(text.utf8)])
            case .scalars:
                Issue.record("scalars entries are not in the root run")
            }
        }
    }

    private func expectSameValue(_ mine: TBSummary.Value, _ reference: TBSummary.Value, context: String) throws {
        switch reference.value {
        case .simpleValue(let v):
            #expect(mine.simpleValue.bitPattern == v.bitPattern || (v.isNaN && mine.simpleValue.isNaN), "\(context)")
        case .histo(let h):
            let m = mine.histo
            #expect(m.bucket == h.bucket, "\(context): buckets")
            #expect(m.bucketLimit == h.bucketLimit, "\(context): bucket limits")
            #expect(m.min == h.min && m.max == h.max && m.num == h.num, "\(context): min/max/num")
            #expect(m.sum == h.sum, "\(context): sum \(m.sum) vs \(h.sum)")
            // torch's sum_squares comes from BLAS's dot, whose summation order depends on the CPU.
            #expect(abs(m.sumSquares - h.sumSquares) <= 1e-12 * abs(h.sumSquares), "\(context): sum_squares")
        case .image(let image):
            let ours = try PNGDecoder.decode([UInt8](mine.image.encodedImageString))
            let torch = try PNGDecoder.decode([UInt8](image.encodedImageString))
            #expect(ours == torch, "\(context): pixels")
            #expect(mine.image.colorspace == image.colorspace && mine.image.width == image.width && mine.image.height == image.height)
        case .tensor(let tensor):
            #expect(mine.tensor == tensor, "\(context)")
            #expect(mine.metadata.pluginData.pluginName == reference.metadata.pluginData.pluginName)
        default:
            Issue.record("\(context): unexpected value kind in the reference")
        }
    }
}
