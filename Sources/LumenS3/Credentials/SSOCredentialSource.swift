import Crypto
import Foundation

/// An IAM Identity Center (SSO) profile: `sso_account_id` and `sso_role_name`, with
/// `sso_session` naming an `[sso-session NAME]` section (or the older `sso_start_url` and
/// `sso_region` in the profile itself). The access token `aws sso login` cached in
/// `~/.aws/sso/cache/SHA1.json` (the SHA-1 of the session name, or of the start URL) is traded
/// for the role's credentials at the portal's GetRoleCredentials,
/// `https://portal.sso.REGION.amazonaws.com/federation/credentials` (`AWS_ENDPOINT_URL_SSO`
/// names another).
public struct SSOCredentialSource: AWSCredentialSource {
    /// The cached token's file.
    public let tokenFile: String
    /// The account whose role's credentials are asked for.
    public let accountID: String
    /// The role's name.
    public let roleName: String
    /// The portal's base URL, without a trailing slash.
    public let portal: String

    /// The source of a profile that names `sessionName` (nil for the older form) and
    /// `startURL`, whose tokens `aws sso login` caches under `cacheDirectory`.
    public init(sessionName: String?, startURL: String, region: String, accountID: String, roleName: String,
                cacheDirectory: String, portalOverride: String?) {
        let key = Insecure.SHA1.hash(data: Array((sessionName ?? startURL).utf8)).map { String(format: "%02x", $0) }.joined()
        tokenFile = cacheDirectory + "/" + key + ".json"
        self.accountID = accountID
        self.roleName = roleName
        var portal = portalOverride ?? "https://portal.sso.\(region).amazonaws.com"
        while portal.hasSuffix("/") { portal.removeLast() }
        self.portal = portal
    }

    public var name: String { "SSO role \(roleName) of account \(accountID)" }

    public func fetch() throws -> AWSCredentials {
        let login = "run `aws sso login` to sign in again"
        guard let data = FileManager.default.contents(atPath: tokenFile),
              let token = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw AWSCredentialError("\(name): no SSO token cached at \(tokenFile); \(login)")
        }
        guard let accessToken = token["accessToken"] as? String, !accessToken.isEmpty else {
            throw AWSCredentialError("\(name): the SSO token at \(tokenFile) has no accessToken; \(login)")
        }
        guard let stamp = token["expiresAt"] as? String, let expiresAt = Self.date(stamp) else {
            throw AWSCredentialError("\(name): the SSO token at \(tokenFile) has no ISO 8601 expiresAt; \(login)")
        }
        guard expiresAt > Date() else {
            throw AWSCredentialError("\(name): the SSO token at \(tokenFile) expired at \(stamp); \(login)")
        }
        let query = "account_id=\(URIEncoding.encode(accountID))&role_name=\(URIEncoding.encode(roleName))"
        let answer: CredentialHTTP.Answer
        do {
            answer = try CredentialHTTP.send(.GET, portal + "/federation/credentials?" + query,
                                             headers: [("x-amz-sso_bearer_token", accessToken)], timeout: 10)
        } catch {
            throw AWSCredentialError("\(name): the SSO portal \(portal) did not answer: \(error)")
        }
        if answer.status == 401 || answer.status == 403 {
            throw AWSCredentialError("\(name): the SSO portal refused the cached token (HTTP \(answer.status)); \(login)")
        }
        guard answer.status == 200 else { throw AWSCredentialError("\(name): the SSO portal \(portal) answered HTTP \(answer.status)") }
        guard let object = try? JSONSerialization.jsonObject(with: answer.body) as? [String: Any],
              let role = object["roleCredentials"] as? [String: Any] else {
            throw AWSCredentialError("\(name): the SSO portal's answer has no roleCredentials object")
        }
        func text(_ field: String) throws -> String {
            guard let value = role[field] as? String, !value.isEmpty else {
                throw AWSCredentialError("\(name): the SSO portal gave no roleCredentials.\(field)")
            }
            return value
        }
        guard let milliseconds = (role["expiration"] as? NSNumber)?.doubleValue ?? (role["expiration"] as? Double) else {
            throw AWSCredentialError("\(name): the SSO portal gave no roleCredentials.expiration (milliseconds since 1970)")
        }
        return AWSCredentials(accessKeyID: try text("accessKeyId"), secretAccessKey: try text("secretAccessKey"),
                              sessionToken: try text("sessionToken"), expiration: Date(timeIntervalSince1970: milliseconds / 1000))
    }

    /// An ISO 8601 time, with or without fractional seconds.
    static func date(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return plain.date(from: text) ?? fractional.date(from: AWSCredentials.millisecondPrecision(text))
    }
}
