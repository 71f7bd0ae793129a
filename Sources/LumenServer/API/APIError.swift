import Foundation
import Hummingbird

/// An API error, answered with its status and a JSON body
/// `{"error": message, "parameter": name}` (`parameter` only when one query parameter is at
/// fault), so every 4xx tells the client what to fix.
struct APIError: HTTPResponseError {
    let status: HTTPResponse.Status
    let message: String
    /// The query parameter at fault, if one is.
    let parameter: String?
    /// Extra headers, such as `Allow` on a 405.
    var headers: HTTPFields = [:]

    /// A missing or malformed query parameter.
    static func badRequest(_ message: String, parameter: String) -> APIError {
        APIError(status: .badRequest, message: message, parameter: parameter)
    }

    /// An unknown run, tag, series, index or path; `parameter` names the one that matched nothing.
    static func notFound(_ message: String, parameter: String? = nil) -> APIError {
        APIError(status: .notFound, message: message, parameter: parameter)
    }

    /// Logged data that was found but cannot be read (a damaged or undecodable record).
    static func unreadable(_ message: String) -> APIError {
        APIError(status: .unprocessableContent, message: message, parameter: nil)
    }

    private struct Body: Encodable {
        let error: String
        let parameter: String?
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try JSONBody(Body(error: message, parameter: parameter)).response(status: status)
        response.headers.append(contentsOf: headers)
        return response
    }
}

extension APIError {
    /// `text` cut to `limit` characters for quoting in a message, so that a 64 KiB tag or a
    /// hostile parameter does not make the message itself huge.
    static func quoted(_ text: String, limit: Int = 200) -> String {
        text.count <= limit ? "\"\(text)\"" : "\"\(text.prefix(limit))…\" (\(text.utf8.count) bytes)"
    }
}
