import Foundation
import HTTPTypes
import Hummingbird
import LumenBoard

extension BoardAPI {
    /// `GET /api/projector`: every embedding the runs logged for the projector (run, name,
    /// whether it has labels, its sprite's image size) and what could not be read.
    func projectorList() -> Response {
        let entries = projector.entries(in: store)
        var j = JSONText()
        j.raw("{"); j.key("embeddings")
        j.array(entries) { j, entry in
            j.raw("{"); j.key("run"); j.string(entry.run)
            j.raw(","); j.key("name"); j.string(entry.name)
            j.raw(","); j.key("metadata"); j.raw(entry.metadataFile == nil ? "false" : "true")
            j.raw(","); j.key("sprite")
            if let size = entry.spriteImageSize { j.raw("{"); j.key("width"); j.number(size[0]); j.raw(","); j.key("height"); j.number(size[1]); j.raw("}") } else { j.raw("null") }
            j.raw("}")
        }
        j.raw(","); j.key("problems"); j.stringArray(projector.problems(in: store))
        j.raw("}")
        return JSONBody(j).response()
    }

    /// The embedding a request's `run` and `name` parameters name, loaded.
    private func projectorEmbedding(_ q: QueryParameters) throws -> (ProjectorCatalog.Entry, ProjectorCatalog.Loaded) {
        let entry = try projector.entry(run: try q.string("run"), name: try q.string("name"), in: store)
        return (entry, try projector.load(entry))
    }

    /// `GET /api/projector/tensor?run=&name=`: the matrix as little-endian Float32, row-major,
    /// its shape in `X-Lumen-Rows` and `X-Lumen-Columns`.
    func projectorTensor(_ q: QueryParameters) throws -> Response {
        let (_, loaded) = try projectorEmbedding(q)
        let matrix = loaded.matrix
        return Self.float32Response(matrix.values, headers: ["X-Lumen-Rows": String(matrix.rows), "X-Lumen-Columns": String(matrix.columns)])
    }

    /// `GET /api/projector/metadata?run=&name=`: `{"points", "names", "columns"}`, one array of
    /// labels per column (none when the embedding has no metadata).
    func projectorMetadata(_ q: QueryParameters) throws -> Response {
        let (_, loaded) = try projectorEmbedding(q)
        var j = JSONText()
        j.raw("{"); j.key("points"); j.number(loaded.matrix.rows)
        j.raw(","); j.key("names"); j.stringArray(loaded.metadata?.names ?? [])
        j.raw(","); j.key("columns"); j.array(loaded.metadata?.columns ?? []) { $0.stringArray($1) }
        j.raw("}")
        return JSONBody(j).response()
    }

    /// `GET /api/projector/sprite?run=&name=`: the sprite image's bytes.
    func projectorSprite(_ q: QueryParameters) throws -> Response {
        let entry = try projector.entry(run: try q.string("run"), name: try q.string("name"), in: store)
        guard let file = entry.spriteFile else { throw APIError.notFound("embedding \(APIError.quoted(entry.name)) has no sprite", parameter: "name") }
        let bytes: [UInt8]
        do { bytes = try ProjectorCatalog.bytes(file) } catch { throw APIError.unreadable("\(error)") }
        let type = bytes.starts(with: [0xFF, 0xD8]) ? "image/jpeg" : "image/png"
        return Response(status: .ok, headers: [.contentType: type, .contentLength: String(bytes.count), .cacheControl: "no-cache"],
                        body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// `GET /api/projector/pca?run=&name=`: each point's coordinates on the leading three
    /// principal components (fewer when the embedding has fewer columns), little-endian Float32
    /// row-major; `X-Lumen-Rows`, `X-Lumen-Components`, and `X-Lumen-Variance-Explained` (each
    /// component's share of the total variance, comma-separated). `422` naming the line when a
    /// value is NaN or infinite.
    func projectorPCA(_ q: QueryParameters) throws -> Response {
        let (entry, loaded) = try projectorEmbedding(q)
        if let (row, column) = loaded.matrix.firstNonFinite {
            throw APIError.unreadable("\(entry.tensorFile):\(row + 1): value \(column + 1) is \(loaded.matrix.values[row * loaded.matrix.columns + column]); PCA needs finite numbers")
        }
        let pca = loaded.principalComponents
        return Self.float32Response(pca.projections, headers: [
            "X-Lumen-Rows": String(loaded.matrix.rows), "X-Lumen-Components": String(pca.components.count),
            "X-Lumen-Variance-Explained": pca.varianceExplained.map { String($0) }.joined(separator: ","),
        ])
    }

    /// `GET /api/projector/neighbors?run=&name=&index=&k=&metric=cosine|euclidean`: the `k`
    /// (default 10) points nearest point `index` on the original vectors, nearest first.
    func projectorNeighbors(_ q: QueryParameters) throws -> Response {
        let (_, loaded) = try projectorEmbedding(q)
        let rows = loaded.matrix.rows
        guard let index = try q.int("index", in: 0...max(0, rows - 1)) else {
            throw APIError.badRequest("missing query parameter \"index\"", parameter: "index")
        }
        let k = try q.int("k", in: 1...1000) ?? 10
        let metricName = q.optionalString("metric") ?? "cosine"
        guard let metric = NearestNeighbors.Metric(rawValue: metricName) else {
            throw APIError.badRequest("query parameter \"metric\" must be cosine or euclidean, got \(APIError.quoted(metricName))", parameter: "metric")
        }
        let neighbors = NearestNeighbors.nearest(k, to: index, in: loaded.matrix, squaredNorms: loaded.squaredNorms, metric: metric)
        var j = JSONText()
        j.raw("{"); j.key("index"); j.number(index)
        j.raw(","); j.key("metric"); j.string(metric.rawValue)
        j.raw(","); j.key("neighbors")
        j.array(neighbors) { j, neighbor in
            j.raw("{"); j.key("index"); j.number(neighbor.index); j.raw(","); j.key("distance"); j.number(neighbor.distance); j.raw("}")
        }
        j.raw("}")
        return JSONBody(j).response()
    }

    private static func float32Response(_ values: [Float], headers extra: [String: String]) -> Response {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(values.count * 4)
        values.withUnsafeBytes { raw in
            // Float32 is little-endian on every platform Lumen builds for; the loop is for others.
            if Int(littleEndian: 1) == 1 { buffer.writeBytes(raw) } else { for v in values { buffer.writeInteger(v.bitPattern, endianness: .little) } }
        }
        var headers: HTTPFields = [.contentType: "application/octet-stream", .contentLength: String(buffer.readableBytes), .cacheControl: "no-cache"]
        for (name, value) in extra { if let field = HTTPField.Name(name) { headers[field] = value } }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: buffer))
    }
}
