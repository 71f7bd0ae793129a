import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The parts of S3's XML answers the client reads: a ListObjectsV2 page, and an error's code
/// and message.
enum S3XML {
    /// One page of a ListObjectsV2 answer.
    struct ListPage {
        var objects: [S3ObjectSummary] = []
        /// Where the next page starts, when this one is not the last.
        var nextContinuationToken: String?
    }

    /// Reads a ListObjectsV2 page.
    /// - Throws: a description of what is wrong when `bytes` is not such a page.
    static func listPage(_ bytes: [UInt8]) throws(MalformedXML) -> ListPage {
        let elements = try parse(bytes)
        guard elements.first?.name == "ListBucketResult" else {
            throw MalformedXML(reason: "the answer is not a ListBucketResult document")
        }
        var page = ListPage()
        var truncated = false
        var current: (key: String?, size: Int64?, etag: String?) = (nil, nil, nil)
        for element in elements.dropFirst() {
            switch (element.path, element.name) {
            case ("ListBucketResult", "IsTruncated"): truncated = element.text == "true"
            case ("ListBucketResult", "NextContinuationToken"): page.nextContinuationToken = element.text
            case ("ListBucketResult/Contents", "Key"): current.key = element.text
            case ("ListBucketResult/Contents", "Size"): current.size = Int64(element.text)
            case ("ListBucketResult/Contents", "ETag"): current.etag = element.text
            case ("ListBucketResult", "Contents"):
                guard let key = current.key, let size = current.size else {
                    throw MalformedXML(reason: "a listed object has no Key or Size")
                }
                page.objects.append(S3ObjectSummary(key: key, size: size, etag: current.etag ?? ""))
                current = (nil, nil, nil)
            default: break
            }
        }
        if truncated && page.nextContinuationToken == nil {
            throw MalformedXML(reason: "a truncated listing gives no NextContinuationToken")
        }
        if !truncated { page.nextContinuationToken = nil }
        return page
    }

    /// The `<Code>` and `<Message>` of an S3 `<Error>` document, when `bytes` is one.
    static func error(_ bytes: [UInt8]) -> (code: String?, message: String?) {
        guard let elements = try? parse(bytes), elements.first?.name == "Error" else { return (nil, nil) }
        let code = elements.first { $0.path == "Error" && $0.name == "Code" }?.text
        let message = elements.first { $0.path == "Error" && $0.name == "Message" }?.text
        return (code, message)
    }

    /// The `<Code>` and `<Message>` of an STS `<ErrorResponse><Error>` document (or an S3-style
    /// `<Error>` one), when `bytes` is one.
    static func stsError(_ bytes: [UInt8]) -> (code: String?, message: String?) {
        guard let elements = try? parse(bytes) else { return (nil, nil) }
        let code = elements.first { $0.path.hasSuffix("Error") && $0.name == "Code" }?.text
        let message = elements.first { $0.path.hasSuffix("Error") && $0.name == "Message" }?.text
        return (code, message)
    }

    /// The texts of the elements directly inside the first element named `parent`, by name;
    /// empty when `bytes` is not XML or has no such element.
    static func fields(of parent: String, in bytes: [UInt8]) -> [String: String] {
        guard let elements = try? parse(bytes) else { return [:] }
        guard let path = elements.first(where: { $0.path.split(separator: "/").last.map(String.init) == parent })?.path else { return [:] }
        var fields: [String: String] = [:]
        for element in elements where element.path == path && fields[element.name] == nil { fields[element.name] = element.text }
        return fields
    }

    /// The text of the element `name` directly inside the root element `root`, when `bytes` is
    /// such a document.
    static func value(of name: String, in root: String, _ bytes: [UInt8]) -> String? {
        guard let elements = try? parse(bytes), elements.first?.name == root else { return nil }
        return elements.first { $0.path == root && $0.name == name }?.text
    }

    /// An element as it closes: its name, the names of the elements around it joined by "/",
    /// and its text. The root comes first, then the others in closing order.
    struct Element {
        var name: String
        var path: String
        var text: String
    }

    struct MalformedXML: Error {
        var reason: String
    }

    private static func parse(_ bytes: [UInt8]) throws(MalformedXML) -> [Element] {
        let collector = Collector()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = collector
        guard parser.parse(), let root = collector.root else {
            throw MalformedXML(reason: "the answer is not XML (\(parser.parserError.map { "\($0)" } ?? "no root element"))")
        }
        return [Element(name: root, path: "", text: "")] + collector.elements
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var root: String?
        var elements: [Element] = []
        private var open: [String] = []
        private var text = ""

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            if root == nil { root = name }
            open.append(name)
            text = ""
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
            elements.append(Element(name: name, path: open.joined(separator: "/"), text: text))
            text = ""
        }
    }
}
