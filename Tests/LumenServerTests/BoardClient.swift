import Foundation
import Hummingbird
import HummingbirdTesting
@testable import LumenServer

/// Runs `body` with a client of the board's application over `api`, in process: requests go
/// straight to its router, with no socket.
func withBoard<R: Sendable>(_ api: BoardAPI, _ body: @Sendable (any TestClientProtocol) async throws -> R) async throws -> R {
    try await BoardServer(api: api).application().test(.router, body)
}

extension TestClientProtocol {
    /// GETs `path?query`.
    func get(_ path: String, _ query: String? = nil) async throws -> TestResponse {
        try await execute(uri: query.map { "\(path)?\($0)" } ?? path, method: .get)
    }

    /// GETs `path?query` and decodes the JSON body.
    func json(_ path: String, _ query: String? = nil) async throws -> (status: Int, body: Any) {
        let response = try await get(path, query)
        return (response.status.code, try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView), options: [.fragmentsAllowed]))
    }

    /// The status, message and parameter of an error answer to `path?query`.
    func error(_ path: String, _ query: String? = nil) async throws -> (status: Int, message: String, parameter: String?) {
        let (status, body) = try await json(path, query)
        let fields = body as? [String: String] ?? [:]
        return (status, fields["error"] ?? "", fields["parameter"])
    }
}

extension TestResponse {
    /// The body as UTF-8 text.
    var text: String { String(decoding: body.readableBytesView, as: UTF8.self) }
}
