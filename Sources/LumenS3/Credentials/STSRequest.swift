import Foundation
import NIOHTTP1

/// The AWS Security Token Service's query API as credential sources use it: a form-encoded
/// POST of an action (`AssumeRole`, `AssumeRoleWithWebIdentity`), signed or not, whose XML
/// answer holds `<Credentials>` with `AccessKeyId`, `SecretAccessKey`, `SessionToken` and an
/// ISO 8601 `Expiration`.
enum STSRequest {
    /// The API version every action is sent with.
    static let version = "2011-06-15"

    /// The STS endpoint `environment` and the profile name: `AWS_ENDPOINT_URL_STS`, then
    /// `AWS_ENDPOINT_URL`, then the profile's `sts.endpoint_url` or `endpoint_url`, else the
    /// region's own, `https://sts.REGION.amazonaws.com`.
    static func endpoint(environment: [String: String], profileValue: (String) -> String?, region: String) -> String {
        func set(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let chosen = set("AWS_ENDPOINT_URL_STS") ?? set("AWS_ENDPOINT_URL") ?? profileValue("sts.endpoint_url")
            ?? profileValue("endpoint_url") ?? "https://sts.\(region).amazonaws.com"
        return chosen.hasSuffix("/") ? String(chosen.dropLast()) : chosen
    }

    /// Sends `action` with `parameters` to `endpoint`, signed with `signer` when given, and
    /// returns the temporary credentials of the answer.
    /// - Throws: ``AWSCredentialError`` naming `origin` with STS's error code and message, or
    ///   the field missing from its answer.
    static func credentials(action: String, parameters: [(String, String)], endpoint: String, signer: SignatureV4?,
                            origin: String) throws -> AWSCredentials {
        let fields = S3XML.fields(of: "Credentials", in: try send(action: action, parameters: parameters, endpoint: endpoint,
                                                                   signer: signer, origin: origin))
        func field(_ name: String) throws -> String {
            guard let value = fields[name], !value.isEmpty else {
                throw AWSCredentialError("\(origin): STS \(action) gave no Credentials/\(name)")
            }
            return value
        }
        let json: [String: String] = [
            "AccessKeyId": try field("AccessKeyId"), "SecretAccessKey": try field("SecretAccessKey"),
            "SessionToken": try field("SessionToken"), "Expiration": try field("Expiration"),
        ]
        return try AWSCredentials(json: try JSONSerialization.data(withJSONObject: json), from: "\(origin) (STS \(action))")
    }

    /// Sends `action` with `parameters` to `endpoint`, signed with `signer` when given, and
    /// returns the XML of a 200 answer.
    /// - Throws: ``AWSCredentialError`` naming `origin` with STS's error code and message.
    static func send(action: String, parameters: [(String, String)], endpoint: String, signer: SignatureV4?,
                     origin: String) throws -> [UInt8] {
        let form = ([("Action", action), ("Version", version)] + parameters)
            .map { "\(URIEncoding.encode($0.0))=\(URIEncoding.encode($0.1))" }.joined(separator: "&")
        let body = Array(form.utf8)
        guard let url = URL(string: endpoint + "/"), let host = url.host else {
            throw AWSCredentialError("\(origin): the STS endpoint \"\(endpoint)\" is not a URL with a host")
        }
        var headers = [("Host", host + (url.port.map { ":\($0)" } ?? "")),
                       ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")]
        if let signer {
            let signable = SignableRequest(method: "POST", path: "/", headers: headers, body: body)
            headers += signer.signingHeaders(for: signable, at: Date()).map { ($0.name, $0.value) }
        }
        let answer: CredentialHTTP.Answer
        do {
            answer = try CredentialHTTP.send(.POST, endpoint + "/", headers: headers, body: body, timeout: 10)
        } catch {
            throw AWSCredentialError("\(origin): STS at \(endpoint) did not answer: \(error)")
        }
        let xml = Array(answer.body)
        guard answer.status == 200 else {
            let (code, message) = S3XML.stsError(xml)
            let detail = [code, message].compactMap { $0 }.joined(separator: ": ")
            throw AWSCredentialError("\(origin): STS \(action) answered HTTP \(answer.status)" + (detail.isEmpty ? "" : " \(detail)"))
        }
        return xml
    }
}
