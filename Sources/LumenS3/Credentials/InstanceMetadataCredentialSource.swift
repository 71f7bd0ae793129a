import Foundation

/// The role credentials of an EC2 instance, from its instance metadata service (IMDSv2: a
/// session token first, then the role's name and its credentials; IMDSv1 requests when the
/// service refuses tokens). The service is `http://169.254.169.254` unless
/// `AWS_EC2_METADATA_SERVICE_ENDPOINT` names another; `AWS_EC2_METADATA_DISABLED=true` turns
/// it off.
public struct InstanceMetadataCredentialSource: AWSCredentialSource {
    /// The service's base URL, without a trailing slash.
    public let endpoint: String
    /// Seconds to wait for the service to connect and to answer: short, since off EC2 nothing
    /// answers.
    public var timeout: Double = 1

    /// The service `environment` names, or nil when `AWS_EC2_METADATA_DISABLED` is `true`.
    public init?(environment: [String: String]) {
        guard environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() != "true" else { return nil }
        var endpoint = environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"].flatMap { $0.isEmpty ? nil : $0 } ?? "http://169.254.169.254"
        while endpoint.hasSuffix("/") { endpoint.removeLast() }
        self.endpoint = endpoint
    }

    public var name: String { "EC2 instance metadata at \(endpoint)" }

    public func fetch() throws -> AWSCredentials {
        func get(_ path: String, _ headers: [(String, String)]) throws -> CredentialHTTP.Answer {
            do {
                return try CredentialHTTP.send(.GET, endpoint + path, headers: headers, timeout: timeout)
            } catch {
                throw AWSCredentialError("\(name) did not answer: \(error)")
            }
        }
        var headers: [(String, String)] = []
        let tokenAnswer: CredentialHTTP.Answer
        do {
            tokenAnswer = try CredentialHTTP.send(.PUT, endpoint + "/latest/api/token",
                                                  headers: [("X-aws-ec2-metadata-token-ttl-seconds", "21600")], timeout: timeout)
        } catch {
            throw AWSCredentialError("\(name) did not answer: \(error)")
        }
        if tokenAnswer.status == 200 {
            headers.append(("X-aws-ec2-metadata-token", String(decoding: tokenAnswer.body, as: UTF8.self)))
        }
        let rolePath = "/latest/meta-data/iam/security-credentials/"
        let roles = try get(rolePath, headers)
        guard roles.status == 200 else {
            throw AWSCredentialError("\(name) answered HTTP \(roles.status) for \(rolePath) (does the instance have a role?)")
        }
        guard let role = String(decoding: roles.body, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init),
              !role.isEmpty else {
            throw AWSCredentialError("\(name) lists no role at \(rolePath)")
        }
        let answer = try get(rolePath + role, headers)
        guard answer.status == 200 else { throw AWSCredentialError("\(name) answered HTTP \(answer.status) for \(rolePath + role)") }
        if let object = try? JSONSerialization.jsonObject(with: answer.body) as? [String: Any],
           let code = object["Code"] as? String, code != "Success" {
            throw AWSCredentialError("\(name) answered Code \"\(code)\" for role \(role)")
        }
        return try AWSCredentials(json: answer.body, from: "\(name) (role \(role))")
    }
}
