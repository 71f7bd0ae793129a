import Foundation

/// An HTTP answer, independent of the server framework so the API can be tested directly.
public struct BoardResponse: Sendable {
    public var status: Int
    public var contentType: String
    public var body: Data
    public var headers: [(name: String, value: String)] = []

    static func json(_ text: JSONText, status: Int = 200) -> BoardResponse {
        BoardResponse(status: status, contentType: "application/json; charset=utf-8", body: Data(text.text.utf8))
    }

    static func error(_ error: APIError) -> BoardResponse {
        var text = JSONText()
        text.raw("{")
        text.key("error")
        text.string(error.message)
        text.raw("}")
        return json(text, status: error.status)
    }
}
