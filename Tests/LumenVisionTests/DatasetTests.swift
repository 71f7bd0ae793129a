import Foundation
import Testing
@testable import LumenVision

/// Sample i is the one-element tensor [i] with label i % 10.
struct Numbers: Dataset {
    let count: Int
    func sample(at index: Int, generator: Generator) throws -> (input: Tensor, label: Int) {
        try checkIndex(index, in: "Numbers")
        return (Tensor([Float(index)], shape: [1]), index % 10)
    }
}

@Suite("Datasets")
struct DatasetTests {
    @Test("Subset maps its indices to the base dataset and names bad ones")
    func subset() throws {
        let subset = Subset(Numbers(count: 10), indices: [7, 2, 2, 12])
        #expect(subset.count == 4)
        #expect(try subset[0].input.scalars == [7])
        #expect(try subset[2].label == 2)
        let outside = #expect(throws: VisionError.self) { try subset[3] }
        #expect(outside?.message.contains("maps to index 12") == true)
        let past = #expect(throws: VisionError.self) { try subset[4] }
        #expect(past?.message == "Subset: index 4 is out of range 0..<4")
    }

    @Test("randomSplit with fractions gives torch.utils.data.random_split's lengths")
    func fractionLengthsMatchTorch() throws {
        for split in DatasetFixture.shared.random_split_lengths {
            if let lengths = split.lengths {
                #expect(try splitLengths(count: split.count, fractions: split.fractions) == lengths, "\(split.count) \(split.fractions)")
                let parts = try randomSplit(Numbers(count: split.count), fractions: split.fractions, generator: Generator(seed: 1))
                #expect(parts.map(\.count) == lengths)
            } else {
                #expect(throws: VisionError.self) { try splitLengths(count: split.count, fractions: split.fractions) }
            }
        }
    }

    @Test("randomSplit is a seeded partition; wrong lengths and fractions are named in the error")
    func splitPartition() throws {
        let dataset = Numbers(count: 50)
        let parts = try randomSplit(dataset, lengths: [20, 0, 30], generator: Generator(seed: 3))
        #expect(parts.map(\.count) == [20, 0, 30])
        #expect(parts.flatMap(\.indices).sorted() == Array(0..<50))
        let again = try randomSplit(dataset, lengths: [20, 0, 30], generator: Generator(seed: 3))
        #expect(again.map(\.indices) == parts.map(\.indices))
        let other = try randomSplit(dataset, lengths: [20, 0, 30], generator: Generator(seed: 4))
        #expect(other.map(\.indices) != parts.map(\.indices))

        let sum = #expect(throws: VisionError.self) { try randomSplit(dataset, lengths: [20, 20]) }
        #expect(sum?.message == "randomSplit: the lengths [20, 20] sum to 40, but the dataset has 50 samples")
        let negative = #expect(throws: VisionError.self) { try randomSplit(dataset, lengths: [60, -10]) }
        #expect(negative?.message.contains("-10 at index 1") == true)
        let fractions = #expect(throws: VisionError.self) { try randomSplit(dataset, fractions: [0.5, 0.6]) }
        #expect(fractions?.message.contains("[0.5, 0.6] sum to 1.1") == true)
        let outside = #expect(throws: VisionError.self) { try randomSplit(dataset, fractions: [1.5, -0.5]) }
        #expect(outside?.message.contains("fraction 1.5 at index 0 is not between 0 and 1") == true)
    }

    @Test("Digits holds scikit-learn's load_digits; bytes are round(v · 255 / 16)")
    func digitsMatchScikitLearn() throws {
        let reference = DatasetFixture.shared.digits
        let digits = try Digits()
        #expect(digits.count == reference.count)
        #expect(Array(digits.targets.prefix(20)) == reference.targets_head)
        #expect(try digits.image(at: 0).pixels == reference.row0.map { UInt8(($0 * 255 + 8) / 16) })
        #expect(digits.pixels.map { (Int($0) * 16 + 127) / 255 }.reduce(0, +) == reference.data_sum)
        let (x, label) = try digits[1]
        #expect(x.shape == [1, 8, 8] && label == 1)
        #expect(x.scalars == (try digits.image(at: 1)).tensor().scalars)
        #expect(throws: VisionError.self) { try digits[1797] }
    }

    @Test("Digits(size: 32) matches torch's bilinear interpolate of the 8×8 bytes, rounded half to even")
    func digitsUpscaled() throws {
        let digits = try Digits(size: 32)
        #expect(try digits.image(at: 0).pixels.map(Int.init) == DatasetFixture.shared.digits.upscaled0)
        #expect(try digits[5].input.shape == [1, 32, 32])
        #expect(throws: VisionError.self) { try Digits(size: 0) }
    }

    @Test("a transform receives the one-channel picture")
    func digitsTransform() throws {
        struct Channels: Transform {
            func callAsFunction(_ input: TransformInput, generator: Generator) throws -> TransformInput {
                guard case .image(let image) = input else { throw VisionError("expected a picture") }
                return .tensor(Tensor([Float(image.channels), Float(image.width)]))
            }
        }
        let digits = try Digits(transform: Channels())
        #expect(try digits[0].input.scalars == [1, 8])
    }
}
