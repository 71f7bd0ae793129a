import Foundation
import Testing
@testable import LumenS3

@Suite("Signature Version 4 against AWS's test suite")
struct SignatureV4Tests {
    struct Case: Decodable, CustomTestStringConvertible {
        struct Request: Decodable {
            let method, path, query, body: String
            let headers: [[String]]
        }
        let name: String
        let request: Request
        let accessKeyID, secretAccessKey, region, service, timestamp: String
        let sessionToken: String?
        let omitSessionToken, normalize, signBody: Bool
        let canonicalRequest, stringToSign, signature: String
        var testDescription: String { name }
    }

    static let cases: [Case] = {
        struct Suite: Decodable { let cases: [Case] }
        let url = Bundle.module.url(forResource: "sigv4", withExtension: "json", subdirectory: "Fixtures")!
        return try! JSONDecoder().decode(Suite.self, from: Data(contentsOf: url)).cases
    }()

    @Test("Canonical request, string to sign and signature match the suite's", arguments: cases)
    func suiteCase(_ test: Case) throws {
        let credentials = AWSCredentials(accessKeyID: test.accessKeyID, secretAccessKey: test.secretAccessKey,
                                         sessionToken: test.omitSessionToken ? nil : test.sessionToken)
        let signer = SignatureV4(credentials: credentials, region: test.region, service: test.service,
                                 normalizesPath: test.normalize, sendsPayloadHash: test.signBody)
        let date = try #require(ISO8601DateFormatter().date(from: test.timestamp))
        var request = SignableRequest(method: test.request.method, path: test.request.path, query: test.request.query,
                                      headers: test.request.headers.map { ($0[0], $0[1]) }, body: Array(test.request.body.utf8))
        let added = signer.signingHeaders(for: request, at: date)
        let authorization = try #require(added.last)
        #expect(authorization.name == "Authorization")
        request.headers += added.dropLast()
        let canonical = signer.canonicalRequest(request)
        #expect(canonical.text == test.canonicalRequest)
        let time = SigningTime(date)
        #expect(signer.stringToSign(canonicalRequest: canonical.text, at: time) == test.stringToSign)
        #expect(authorization.value.hasSuffix("Signature=\(test.signature)"), "\(authorization.value)")
    }

    @Test("Object keys are encoded once, byte by byte, slashes kept")
    func keys() {
        #expect(URIEncoding.path("/bucket/runs/a b/é+%.txt") == "/bucket/runs/a%20b/%C3%A9%2B%25.txt")
        #expect(URIEncoding.encode("a/b~c") == "a%2Fb~c")
    }
}
