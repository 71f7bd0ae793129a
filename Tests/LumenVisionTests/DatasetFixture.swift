import Foundation

/// `Fixtures/datasets.json`, written by `Scripts/make_dataset_fixtures.py` from torchvision,
/// torch and scikit-learn.
struct DatasetFixture: Decodable {
    struct Values: Decodable {
        let shape: [Int]
        let data: [Int]
    }
    struct FolderTree: Decodable {
        let dirs: [String]
        let files: [[String]]
        let symlinks: [[String]]
        let classes: [String]
        let class_to_idx: [String: Int]
        let samples: [Sample]
        let tensors: [Values?]
        let empty_error: String
        let no_class_error: String
    }
    struct Sample: Decodable {
        let path: String
        let classIndex: Int
        init(from decoder: Decoder) throws {
            var pair = try decoder.unkeyedContainer()
            path = try pair.decode(String.self)
            classIndex = try pair.decode(Int.self)
        }
    }
    struct SplitCase: Decodable {
        let count: Int
        let fractions: [Double]
        let lengths: [Int]?
        init(from decoder: Decoder) throws {
            var triple = try decoder.unkeyedContainer()
            count = try triple.decode(Int.self)
            fractions = try triple.decode([Double].self)
            lengths = try triple.decodeIfPresent([Int].self)
        }
    }
    struct Digits: Decodable {
        let count: Int
        let targets_head: [Int]
        let data_sum: Int
        let row0: [Int]
        let upscaled0: [Int]
    }
    struct MNISTSplit: Decodable {
        let count: Int
        let labels_head: [Int]
        let pixel_sums_head: [Int]
    }

    struct MNISTTiny: Decodable {
        let labels: [Int]
        let pixels: [[Int]]
    }

    let image_folder: FolderTree
    let random_split_lengths: [SplitCase]
    let digits: Digits
    let mnist_tiny: [String: MNISTTiny]
    let fashion_mnist: [String: MNISTSplit]?

    static let shared: DatasetFixture = {
        let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
        let data = try! Data(contentsOf: folder.appendingPathComponent("datasets.json"))
        return try! JSONDecoder().decode(DatasetFixture.self, from: data)
    }()
}
