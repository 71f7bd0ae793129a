import Foundation

/// Where S3-compatible storage is and how to sign requests to it: the endpoint, the region, the
/// credentials and the addressing style, plus the client's limits.
///
/// ``resolve(environment:)`` finds them where the AWS CLI and SDKs do: `AWS_ACCESS_KEY_ID`,
/// `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`; `AWS_REGION` or `AWS_DEFAULT_REGION`;
/// `AWS_ENDPOINT_URL_S3` or `AWS_ENDPOINT_URL` (MinIO, Ceph, R2, a local test server); else the
/// profile `AWS_PROFILE` (or `default`) of `~/.aws/credentials` and `~/.aws/config`
/// (`AWS_SHARED_CREDENTIALS_FILE`, `AWS_CONFIG_FILE` to read others); temporary credentials
/// of a role (STS AssumeRole, a web identity token, IAM Identity Center), from the profile's
/// `credential_process`, a container's credentials endpoint, or EC2 instance metadata, renewed
/// before they expire.
public struct S3Configuration: Sendable {
    /// How a request names its bucket.
    public enum Addressing: String, Sendable {
        /// `https://endpoint/bucket/key`: what MinIO and most other servers expect.
        case path
        /// `https://bucket.endpoint/key`: AWS's default.
        case virtualHosted = "virtual"
    }

    /// The server's base URL: scheme, host and port, e.g. `http://127.0.0.1:9000`.
    public var endpoint: URL
    /// The region signed for (`us-east-1` unless set).
    public var region: String
    /// The keys requests are signed with (the first ones, when they come from a source).
    public var credentials: AWSCredentials
    /// Where the credentials come from again a few minutes before they expire; nil for
    /// long-term keys.
    public var credentialSource: (any AWSCredentialSource)?
    /// How requests name their bucket.
    public var addressing: Addressing
    /// Requests in flight at once at most, across every thread using the client.
    public var maxConcurrentRequests = 16
    /// Tries of a request that fails with a 5xx status, a timeout or a lost connection (with
    /// exponential backoff between them) before it fails.
    public var maxAttempts = 4
    /// Seconds a request may take before it is abandoned (and tried again).
    public var requestTimeout: Double = 60
    /// Seconds spent trying to connect (a refused connection is tried again within them)
    /// before an attempt fails.
    public var connectTimeout: Double = 3

    /// A configuration for `endpoint`; path-style addressing unless told otherwise.
    public init(endpoint: URL, region: String, credentials: AWSCredentials, credentialSource: (any AWSCredentialSource)? = nil,
                addressing: Addressing = .path) {
        self.endpoint = endpoint
        self.region = region
        self.credentials = credentials
        self.credentialSource = credentialSource
        self.addressing = addressing
    }

    /// The configuration the environment and the AWS shared files give.
    ///
    /// Credentials come from the first of: `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` (unless
    /// `AWS_PROFILE` names a profile with a `role_arn`); the profile's `role_arn` with `source_profile` or `credential_source` (STS AssumeRole, at
    /// `AWS_ENDPOINT_URL_STS` or `AWS_ENDPOINT_URL` when set); a web identity token
    /// (`AWS_WEB_IDENTITY_TOKEN_FILE` with `AWS_ROLE_ARN` and `AWS_ROLE_SESSION_NAME`, or the
    /// profile's `web_identity_token_file`; STS AssumeRoleWithWebIdentity); the profile's SSO
    /// settings (`sso_session` or `sso_start_url`, `sso_account_id`, `sso_role_name`, with the
    /// token `aws sso login` cached); the profile's `aws_access_key_id` and
    /// `aws_secret_access_key`; the profile's `credential_process`; `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` or `_FULL_URI`; EC2
    /// instance metadata (unless `AWS_EC2_METADATA_DISABLED=true`).
    ///
    /// Addressing is path-style for a custom endpoint and virtual-hosted for AWS's own, unless
    /// the profile's `s3 = addressing_style = path|virtual` or `LUMEN_S3_ADDRESSING=path|virtual`
    /// says otherwise.
    /// - Throws: ``S3ConfigurationError`` when no credentials are found, a source that is set up
    ///   fails to give them, or the endpoint or the addressing style is not understood.
    public static func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> S3Configuration {
        func set(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let home = set("HOME") ?? NSHomeDirectory()
        let profile = set("AWS_PROFILE") ?? "default"
        let credentialsPath = set("AWS_SHARED_CREDENTIALS_FILE") ?? home + "/.aws/credentials"
        let configPath = set("AWS_CONFIG_FILE") ?? home + "/.aws/config"
        let credentialsFile: AWSConfigFile, configFile: AWSConfigFile
        do {
            credentialsFile = try AWSConfigFile(path: credentialsPath, isConfigFile: false)
            configFile = try AWSConfigFile(path: configPath, isConfigFile: true)
        } catch {
            throw S3ConfigurationError("cannot read the AWS shared files (\(credentialsPath), \(configPath)): \(error.localizedDescription)")
        }
        func fromProfile(_ key: String) -> String? {
            credentialsFile.value(key, profile: profile) ?? configFile.value(key, profile: profile)
        }

        let region = set("AWS_REGION") ?? set("AWS_DEFAULT_REGION") ?? configFile.value("region", profile: profile) ?? "us-east-1"
        let roles = RoleCredentialResolver(environment: environment, credentialsFile: credentialsFile, configFile: configFile,
                                           configPath: configPath, home: home, region: region)
        let credentials: AWSCredentials
        var source: (any AWSCredentialSource)?
        let environmentKeys = set("AWS_ACCESS_KEY_ID").flatMap { id in set("AWS_SECRET_ACCESS_KEY").map { (id, $0) } }
        if let role = try roles.source(profile: profile, profileNamed: set("AWS_PROFILE") != nil, environmentKeys: environmentKeys != nil) {
            do {
                credentials = try role.fetch()
            } catch {
                throw S3ConfigurationError("no S3 credentials: \(error)")
            }
            source = role
        } else if let keys = environmentKeys {
            credentials = AWSCredentials(accessKeyID: keys.0, secretAccessKey: keys.1, sessionToken: set("AWS_SESSION_TOKEN"))
        } else if let id = fromProfile("aws_access_key_id"), let secret = fromProfile("aws_secret_access_key") {
            credentials = AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: fromProfile("aws_session_token"))
        } else {
            let missing = "no S3 credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or give profile \"\(profile)\" "
                + "aws_access_key_id and aws_secret_access_key or credential_process in \(credentialsPath) or \(configPath)"
            guard let found = try temporarySource(command: fromProfile("credential_process"), environment: environment) else {
                throw S3ConfigurationError(missing + " (EC2 instance metadata is off: AWS_EC2_METADATA_DISABLED)")
            }
            do {
                credentials = try found.fetch()
            } catch {
                // Instance metadata is only a last guess: its silence means "no credentials".
                throw S3ConfigurationError(found is InstanceMetadataCredentialSource ? missing + "; and \(error)" : "no S3 credentials: \(error)")
            }
            source = found
        }

        let custom = set("AWS_ENDPOINT_URL_S3") ?? set("AWS_ENDPOINT_URL") ?? configFile.value("s3.endpoint_url", profile: profile)
            ?? configFile.value("endpoint_url", profile: profile)
        let endpointText = custom ?? "https://s3.\(region).amazonaws.com"
        guard let endpoint = URL(string: endpointText), let scheme = endpoint.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = endpoint.host, !host.isEmpty else {
            throw S3ConfigurationError("S3 endpoint \"\(endpointText)\" is not an http:// or https:// URL with a host")
        }
        let style = set("LUMEN_S3_ADDRESSING") ?? configFile.value("s3.addressing_style", profile: profile)
        let addressing: Addressing
        switch style?.lowercased() {
        case nil, "auto": addressing = custom == nil ? .virtualHosted : .path
        case let name?:
            guard let chosen = Addressing(rawValue: name) else {
                throw S3ConfigurationError("S3 addressing style \"\(name)\" is neither \"path\" nor \"virtual\"")
            }
            addressing = chosen
        }
        return S3Configuration(endpoint: endpoint, region: region, credentials: credentials, credentialSource: source, addressing: addressing)
    }
}

extension S3Configuration {
    /// The first source of temporary credentials set up: the profile's `credential_process`
    /// `command`, a container endpoint, or instance metadata (nil when that is turned off).
    /// - Throws: ``S3ConfigurationError`` for a container endpoint that is not allowed.
    fileprivate static func temporarySource(command: String?, environment: [String: String]) throws -> (any AWSCredentialSource)? {
        if let command { return ProcessCredentialSource(command: command) }
        do {
            if let container = try ContainerCredentialSource(environment: environment) { return container }
        } catch {
            throw S3ConfigurationError("no S3 credentials: \(error)")
        }
        return InstanceMetadataCredentialSource(environment: environment)
    }
}

/// Settings for S3 that are missing or not understood.
public struct S3ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// What is missing or wrong, and where it was looked for.
    public let description: String

    init(_ description: String) { self.description = description }
}
