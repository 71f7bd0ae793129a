import Foundation
import Hummingbird
import LumenBoard

extension BoardAPI {
    /// One entry of `GET /api/images`.
    struct ImageEntry: Encodable {
        let step: Int64
        let wallTime: Nullable<Double>
        let width: Int
        let height: Int
        let url: String
    }

    /// The images of one series.
    struct ImageList: Encodable {
        let run: String
        let tag: String
        let images: [ImageEntry]
    }

    /// `GET /api/images`: every image of a series with its size and the URL of its bytes.
    func images(_ request: Request) throws -> Response {
        let address = try seriesAddress(QueryParameters(request.uri.query))
        let id = address.seriesID
        return try withSeries(request, address, \.images, "images") { series in
            zip(series.steps, series.points).flatMap { step, references in references.map { (step, $0) } }
        }.response { entries in
            let images = entries.enumerated().map { index, entry in
                let (step, reference) = entry
                return ImageEntry(step: step, wallTime: Nullable(finite: reference.wallTime), width: reference.width,
                                  height: reference.height, url: "/api/image?series=\(id)&index=\(index)")
            }
            return try JSONBody(ImageList(run: address.run, tag: address.tag, images: images)).response()
        }
    }

    /// `GET /api/image`: one image's bytes, read from its event file.
    func image(_ q: QueryParameters) throws -> Response {
        let address = try seriesAddress(q)
        guard let index = try q.int("index", in: 0...Int(Int32.max)) else {
            throw APIError.badRequest("missing query parameter \"index\"", parameter: "index")
        }
        let reference: ImageReference = try withSeries(address, \.images, "images") { series in
            let all = series.points.flatMap { $0 }
            guard index < all.count else {
                throw APIError.notFound("\(address.description) has \(all.count) images; no index \(index)", parameter: "index")
            }
            return all[index]
        }
        let blob: ImageBlob
        do {
            blob = try ImageBlob.read(reference, tag: address.tag, in: store.source)
        } catch let error as BlobError {
            throw APIError.unreadable(error.description)
        }
        let headers: HTTPFields = [.contentType: blob.mimeType, .contentLength: String(blob.bytes.count), .cacheControl: "max-age=3600"]
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: blob.bytes)))
    }
}
