import Foundation

/// A request's query string, decoded (`+` as space, percent escapes), with typed accessors that
/// throw ``APIError/badRequest(_:parameter:)`` naming the parameter at fault.
struct QueryParameters {
    private var values: [String: String] = [:]

    init(_ query: String?) {
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
            }
            values[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
    }

    /// A required parameter.
    func string(_ name: String) throws -> String {
        guard let value = values[name] else { throw APIError.badRequest("missing query parameter \"\(name)\"", parameter: name) }
        return value
    }

    func optionalString(_ name: String) -> String? { values[name] }

    /// An optional integer within `range`.
    func int(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = values[name] else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw APIError.badRequest("query parameter \"\(name)\" must be an integer in \(range.lowerBound)…\(range.upperBound), got \(APIError.quoted(text))", parameter: name)
        }
        return value
    }

    /// An optional 64-bit step.
    func step(_ name: String) throws -> Int64? {
        guard let text = values[name] else { return nil }
        guard let value = Int64(text) else {
            throw APIError.badRequest("query parameter \"\(name)\" must be an integer step, got \(APIError.quoted(text))", parameter: name)
        }
        return value
    }

    /// An optional generation of the log directory (a non-negative integer).
    func generation(_ name: String) throws -> UInt64? {
        guard let text = values[name] else { return nil }
        guard let value = UInt64(text) else {
            throw APIError.badRequest("query parameter \"\(name)\" must be a generation from /api/status, got \(APIError.quoted(text))", parameter: name)
        }
        return value
    }

    /// An optional number within `range`.
    func double(_ name: String, in range: ClosedRange<Double>) throws -> Double? {
        guard let text = values[name] else { return nil }
        guard let value = Double(text), range.contains(value) else {
            throw APIError.badRequest("query parameter \"\(name)\" must be a number in \(range.lowerBound)…\(range.upperBound), got \(APIError.quoted(text))", parameter: name)
        }
        return value
    }
}
