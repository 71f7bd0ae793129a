import Foundation

/// The credentials endpoint of a container (ECS tasks, EKS Pod Identity):
/// `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (a path on `http://169.254.170.2`) or
/// `AWS_CONTAINER_CREDENTIALS_FULL_URI`, sent with the `Authorization` token of
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` or `AWS_CONTAINER_AUTHORIZATION_TOKEN`.
///
/// A full URI over plain http must name a loopback address or the container hosts
/// 169.254.170.2 and 169.254.170.23, as in AWS's SDKs: credentials are never asked of
/// another host in clear text.
public struct ContainerCredentialSource: AWSCredentialSource {
    /// The endpoint.
    public let url: URL
    private let environment: [String: String]

    /// The endpoint `environment` names, or nil when it names none.
    /// - Throws: ``AWSCredentialError`` for a URI that is not allowed.
    public init?(environment: [String: String]) throws {
        func set(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        self.environment = environment
        if let relative = set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") {
            let text = "http://169.254.170.2" + (relative.hasPrefix("/") ? "" : "/") + relative
            guard let url = URL(string: text) else {
                throw AWSCredentialError("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI \"\(relative)\" is not a URL path")
            }
            self.url = url
        } else if let full = set("AWS_CONTAINER_CREDENTIALS_FULL_URI") {
            guard let url = URL(string: full), let scheme = url.scheme?.lowercased(), let host = url.host else {
                throw AWSCredentialError("AWS_CONTAINER_CREDENTIALS_FULL_URI \"\(full)\" is not an http:// or https:// URL")
            }
            let allowed = ["127.0.0.1", "localhost", "::1", "[::1]", "169.254.170.2", "169.254.170.23", "fd00:ec2::23", "[fd00:ec2::23]"]
            guard scheme == "https" || (scheme == "http" && (allowed.contains(host.lowercased()) || host.hasPrefix("127."))) else {
                throw AWSCredentialError("AWS_CONTAINER_CREDENTIALS_FULL_URI \"\(full)\" must be https://, "
                    + "or http:// on a loopback address, 169.254.170.2 or 169.254.170.23")
            }
            self.url = url
        } else {
            return nil
        }
    }

    public var name: String { "the container credentials endpoint \(url.absoluteString)" }

    public func fetch() throws -> AWSCredentials {
        func set(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        var headers: [(String, String)] = []
        if let file = set("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE") {
            guard let token = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw AWSCredentialError("cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE \(file)")
            }
            headers.append(("Authorization", token.trimmingCharacters(in: .whitespacesAndNewlines)))
        } else if let token = set("AWS_CONTAINER_AUTHORIZATION_TOKEN") {
            headers.append(("Authorization", token))
        }
        let answer: CredentialHTTP.Answer
        do {
            answer = try CredentialHTTP.send(.GET, url.absoluteString, headers: headers, timeout: 2)
        } catch {
            throw AWSCredentialError("\(name) did not answer: \(error)")
        }
        guard answer.status == 200 else { throw AWSCredentialError("\(name) answered HTTP \(answer.status)") }
        return try AWSCredentials(json: answer.body, from: name)
    }
}
