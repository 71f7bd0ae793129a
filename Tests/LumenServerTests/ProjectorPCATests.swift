import Foundation
import Testing
@testable import LumenServer

/// The projector's PCA and nearest neighbours against scikit-learn and numpy
/// (`Scripts/make_projector_fixtures.py`), and its readers of tensors.tsv, metadata.tsv and
/// projector_config.pbtxt.
@Suite("Projector: PCA, neighbours and the files it reads")
struct ProjectorPCATests {
    struct Case {
        let name: String
        let matrix: EmbeddingMatrix
        let pca: [String: Any]
        let neighbors: [[String: Any]]
    }

    static func cases() throws -> [Case] {
        let data = try Data(contentsOf: URL(fileURLWithPath: serverFixtures + "/projector.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(root["cases"] as? [[String: Any]]).map { item in
            let values = try #require(item["matrix"] as? [Double]).map(Float.init)
            return Case(name: item["name"] as! String,
                        matrix: EmbeddingMatrix(rows: item["rows"] as! Int, columns: item["columns"] as! Int, values: values),
                        pca: item["pca"] as! [String: Any], neighbors: item["neighbors"] as! [[String: Any]])
        }
    }

    @Test("PCA matches scikit-learn: components, variances, variance explained, every projected point")
    func pcaMatchesSklearn() throws {
        for item in try Self.cases() {
            let pca = PrincipalComponents(of: item.matrix)
            let components = try #require(item.pca["components"] as? [[Double]])
            let variance = try #require(item.pca["explainedVariance"] as? [Double])
            let ratio = try #require(item.pca["explainedVarianceRatio"] as? [Double])
            let projections = try #require(item.pca["projections"] as? [Double])
            #expect(pca.components.count == 3)
            for c in 0..<3 {
                #expect(abs(pca.variances[c] - variance[c]) <= 1e-4 * variance[0], "\(item.name) variance \(c)")
                #expect(abs(pca.varianceExplained[c] - ratio[c]) <= 1e-5, "\(item.name) ratio \(c)")
                let error = zip(pca.components[c], components[c]).map { abs($0 - $1) }.max()!
                #expect(error <= 1e-4, "\(item.name) component \(c): largest difference \(error)")
            }
            let scale = projections.map(abs).max()!
            let error = zip(pca.projections, projections).map { abs(Double($0) - $1) }.max()!
            #expect(pca.projections.count == projections.count)
            #expect(error <= 1e-4 * scale, "\(item.name) projections: largest difference \(error) of \(scale)")
        }
    }

    @Test("The eigensolver gives the largest eigenpairs of a matrix with repeated eigenvalues, orthogonal")
    func repeatedEigenvalues() {
        // diag(3, 3, 3, 1) turned by a rotation: any orthonormal basis of the 3-space is right.
        let n = 4
        let c = cos(0.3), s = sin(0.3)
        let rotation: [[Double]] = [[c, -s, 0, 0], [s, c, 0, 0], [0, 0, c, -s], [0, 0, s, c]]
        let values: [Double] = [3, 3, 3, 1]
        var matrix = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n { for k in 0..<n { matrix[i * n + j] += rotation[i][k] * values[k] * rotation[j][k] } } }
        let pairs = SymmetricEigen.largest(3, of: matrix, n: n)
        for pair in pairs {
            #expect(abs(pair.value - 3) < 1e-12)
            var residual = 0.0
            for i in 0..<n {
                var row = 0.0
                for j in 0..<n { row += matrix[i * n + j] * pair.vector[j] }
                residual = max(residual, abs(row - 3 * pair.vector[i]))
            }
            #expect(residual < 1e-12)
        }
        for a in 0..<3 { for b in 0..<3 {
            let dot = zip(pairs[a].vector, pairs[b].vector).reduce(0) { $0 + $1.0 * $1.1 }
            #expect(abs(dot - (a == b ? 1 : 0)) < 1e-12)
        } }
    }

    @Test("Constant points: zero variance, three orthonormal components, no NaN")
    func constantPoints() {
        let pca = PrincipalComponents(of: EmbeddingMatrix(rows: 4, columns: 3, values: [Float](repeating: 2, count: 12)))
        #expect(pca.variances == [0, 0, 0] && pca.varianceExplained == [0, 0, 0])
        for a in 0..<3 { for b in 0..<3 {
            let dot = zip(pca.components[a], pca.components[b]).reduce(0) { $0 + $1.0 * $1.1 }
            #expect(abs(dot - (a == b ? 1 : 0)) < 1e-12)
        } }
        #expect(pca.projections.allSatisfy { $0 == 0 })
    }

    @Test("Nearest neighbours match numpy's, by cosine and euclidean distance")
    func neighborsMatchNumpy() throws {
        for item in try Self.cases() {
            let norms = NearestNeighbors.squaredNorms(item.matrix)
            for query in item.neighbors {
                let index = try #require(query["index"] as? Int)
                for metric in NearestNeighbors.Metric.allCases {
                    let expected = try #require(query[metric.rawValue] as? [String: Any])
                    let found = NearestNeighbors.nearest(10, to: index, in: item.matrix, squaredNorms: norms, metric: metric)
                    let distances = try #require(expected["distances"] as? [Double])
                    #expect(found.map(\.index) == expected["indices"] as? [Int], "\(item.name) \(index) \(metric)")
                    for (got, want) in zip(found.map(\.distance), distances) {
                        #expect(abs(got - want) <= 1e-4 * max(1, want), "\(item.name) \(index) \(metric)")
                    }
                }
            }
        }
    }

    @Test("tensors.tsv: Python's float text, nan and exponents; ragged rows and non-numbers name the line")
    func tensorText() throws {
        let matrix = try EmbeddingTSV.matrix(Array("0.5\t-1e-3\t3\r\nnan\t1.0000000149011612\t2.5E2\n".utf8), file: "t.tsv")
        #expect(matrix.rows == 2 && matrix.columns == 3)
        #expect(matrix.values[0] == 0.5 && matrix.values[1] == -0.001 && matrix.values[2] == 3)
        #expect(matrix.values[3].isNaN && matrix.values[4] == Float(1.0000000149011612) && matrix.values[5] == 250)
        #expect(throws: ProjectorFileError(file: "t.tsv", line: 2, message: "2 values, but the first line has 3")) {
            try EmbeddingTSV.matrix(Array("1\t2\t3\n4\t5\n".utf8), file: "t.tsv")
        }
        #expect(throws: ProjectorFileError(file: "t.tsv", line: 3, message: "field 2 is \"x1\", not a number")) {
            try EmbeddingTSV.matrix(Array("1\t2\n3\t4\n5\tx1\n".utf8), file: "t.tsv")
        }
        #expect(throws: ProjectorFileError(file: "t.tsv", line: 1, message: "field 2 is \"\", not a number")) {
            try EmbeddingTSV.matrix(Array("1\t\t2\n".utf8), file: "t.tsv")
        }
        #expect(throws: ProjectorFileError(file: "t.tsv", line: nil, message: "no points")) {
            try EmbeddingTSV.matrix([], file: "t.tsv")
        }
    }

    @Test("metadata.tsv: one column without a header, several with one; counts must fit")
    func metadataText() throws {
        let single = try EmbeddingTSV.metadata(Array("cat\ndog\n".utf8), file: "m.tsv", points: 2)
        #expect(single.names == ["label"] && single.columns == [["cat", "dog"]])
        let table = try EmbeddingTSV.metadata(Array("class\tsplit\ncat\ttrain\ndog\ttest\n".utf8), file: "m.tsv", points: 2)
        #expect(table.names == ["class", "split"] && table.columns == [["cat", "dog"], ["train", "test"]])
        #expect(throws: ProjectorFileError(file: "m.tsv", line: nil, message: "3 labels, but the matrix has 2 points")) {
            try EmbeddingTSV.metadata(Array("a\nb\nc\n".utf8), file: "m.tsv", points: 2)
        }
        #expect(throws: ProjectorFileError(file: "m.tsv", line: 3, message: "1 columns, but the header has 2")) {
            try EmbeddingTSV.metadata(Array("class\tsplit\ncat\ttrain\ndog\n".utf8), file: "m.tsv", points: 2)
        }
    }

    @Test("projector_config.pbtxt: PyTorch's entries; a malformed config names its line")
    func configText() throws {
        let text = try String(contentsOfFile: fixtures + "/compare/embedding/projector_config.pbtxt", encoding: .utf8)
        let entries = try ProjectorConfigText.entries(text, file: "c")
        #expect(entries.map(\.tensorName) == ["default:00000", "words/v1 100%:00012", "plain:00003"])
        #expect(entries[1].tensorPath == "00012/words%2fv1 100%25/tensors.tsv")
        #expect(entries[1].spritePath == "00012/words%2fv1 100%25/sprite.png" && entries[1].spriteImageSize == [5, 4])
        #expect(entries[2].metadataPath == nil && entries[2].spritePath == nil)
        let escaped = try ProjectorConfigText.entries("embeddings {\n  tensor_name: \"a\\tb\\303\\251\" 'c'\n tensor_path: \"x\"}\n", file: "c")
        #expect(escaped.first?.tensorName == "a\tbéc")
        #expect(throws: ProjectorFileError(file: "c", line: 3, message: "unknown field \"tensor_pth\" in embeddings")) {
            try ProjectorConfigText.entries("embeddings {\n  tensor_name: \"a\"\n  tensor_pth: \"t\"\n}\n", file: "c")
        }
        #expect(throws: ProjectorFileError(file: "c", line: 3, message: "the file ends inside a message (a `}` is missing)")) {
            try ProjectorConfigText.entries("embeddings {\n  tensor_name: \"a\"\n", file: "c")
        }
        #expect(throws: ProjectorFileError(file: "c", line: 1, message: "tensor_path's string is not closed")) {
            try ProjectorConfigText.entries("embeddings { tensor_path: \"a }\n", file: "c")
        }
    }
}
