import Foundation

/// The credential sources of a profile that stand for a role: `role_arn` with
/// `source_profile` or `credential_source` (STS AssumeRole), a web identity token
/// (STS AssumeRoleWithWebIdentity), and IAM Identity Center (SSO).
struct RoleCredentialResolver {
    let environment: [String: String]
    let credentialsFile: AWSConfigFile
    let configFile: AWSConfigFile
    let configPath: String
    let home: String
    /// The region the profile's STS requests are signed for.
    let region: String

    private func set(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }

    /// `key` of `profile`, from the credentials file first, then the config file.
    func value(_ key: String, profile: String) -> String? {
        credentialsFile.value(key, profile: profile) ?? configFile.value(key, profile: profile)
    }

    /// The first of these that `profile` and the environment set up, in the AWS SDKs' order:
    /// the profile's `role_arn` with `source_profile` or `credential_source`; a web identity
    /// token (`AWS_WEB_IDENTITY_TOKEN_FILE` and `AWS_ROLE_ARN`, or the profile's
    /// `web_identity_token_file` and `role_arn`); the profile's SSO settings. Nil when none is.
    ///
    /// Keys in the environment (`environmentKeys`) come before all of these, except a role of
    /// the profile `AWS_PROFILE` names (`profileNamed`): that is what makes
    /// `credential_source = Environment` useful.
    /// - Throws: ``S3ConfigurationError`` for settings that are incomplete or contradict each other.
    func source(profile: String, profileNamed: Bool, environmentKeys: Bool) throws -> (any AWSCredentialSource)? {
        if let role = value("role_arn", profile: profile), value("web_identity_token_file", profile: profile) == nil,
           profileNamed || !environmentKeys {
            var visited: Set<String> = []
            return try assumeRole(profile: profile, roleARN: role, visited: &visited)
        }
        if environmentKeys { return nil }
        if let tokenFile = set("AWS_WEB_IDENTITY_TOKEN_FILE") {
            guard let role = set("AWS_ROLE_ARN") else {
                throw S3ConfigurationError("AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN, the role to assume with it, is not")
            }
            return WebIdentityCredentialSource(tokenFile: tokenFile, roleARN: role, sessionName: set("AWS_ROLE_SESSION_NAME"),
                                               endpoint: stsEndpoint(profile: profile))
        }
        if let tokenFile = value("web_identity_token_file", profile: profile) {
            guard let role = value("role_arn", profile: profile) else {
                throw S3ConfigurationError("profile \"\(profile)\" in \(configPath) sets web_identity_token_file but no role_arn")
            }
            return WebIdentityCredentialSource(tokenFile: tokenFile, roleARN: role, sessionName: value("role_session_name", profile: profile),
                                               endpoint: stsEndpoint(profile: profile))
        }
        return try sso(profile: profile)
    }

    private func stsEndpoint(profile: String) -> String {
        STSRequest.endpoint(environment: environment, profileValue: { configFile.value($0, profile: profile) }, region: region)
    }

    /// AssumeRole of `roleARN` for `profile`, signed with what its `source_profile` (itself
    /// possibly a role: roles chain) or `credential_source` gives.
    private func assumeRole(profile: String, roleARN: String, visited: inout Set<String>) throws -> AssumeRoleCredentialSource {
        visited.insert(profile)
        let origin = "profile \"\(profile)\" in \(configPath)"
        let sourceProfile = value("source_profile", profile: profile)
        let credentialSource = value("credential_source", profile: profile)
        let base: any AWSCredentialSource
        switch (sourceProfile, credentialSource) {
        case (nil, nil):
            throw S3ConfigurationError("\(origin) sets role_arn but neither source_profile nor credential_source")
        case (.some, .some):
            throw S3ConfigurationError("\(origin) sets both source_profile and credential_source; keep one")
        case (let name?, nil):
            if let id = value("aws_access_key_id", profile: name), let secret = value("aws_secret_access_key", profile: name) {
                base = StaticCredentialSource(AWSCredentials(accessKeyID: id, secretAccessKey: secret,
                                                             sessionToken: value("aws_session_token", profile: name)),
                                              name: "the keys of profile \"\(name)\"")
            } else if name != profile, let chained = value("role_arn", profile: name) {
                guard !visited.contains(name) else {
                    throw S3ConfigurationError("\(origin): source_profile \"\(name)\" leads back to a profile already in the chain")
                }
                base = try assumeRole(profile: name, roleARN: chained, visited: &visited)
            } else if let command = value("credential_process", profile: name) {
                base = ProcessCredentialSource(command: command)
            } else {
                throw S3ConfigurationError("\(origin): source_profile \"\(name)\" has no aws_access_key_id and aws_secret_access_key, "
                    + "role_arn or credential_process")
            }
        case (nil, let kind?):
            switch kind {
            case "Environment":
                guard let id = set("AWS_ACCESS_KEY_ID"), let secret = set("AWS_SECRET_ACCESS_KEY") else {
                    throw S3ConfigurationError("\(origin): credential_source = Environment but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set")
                }
                base = StaticCredentialSource(AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: set("AWS_SESSION_TOKEN")),
                                              name: "AWS_ACCESS_KEY_ID")
            case "Ec2InstanceMetadata":
                guard let metadata = InstanceMetadataCredentialSource(environment: environment) else {
                    throw S3ConfigurationError("\(origin): credential_source = Ec2InstanceMetadata but AWS_EC2_METADATA_DISABLED is true")
                }
                base = metadata
            case "EcsContainer":
                let container: ContainerCredentialSource?
                do {
                    container = try ContainerCredentialSource(environment: environment)
                } catch {
                    throw S3ConfigurationError("\(origin): \(error)")
                }
                guard let container else {
                    throw S3ConfigurationError("\(origin): credential_source = EcsContainer but neither "
                        + "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor AWS_CONTAINER_CREDENTIALS_FULL_URI is set")
                }
                base = container
            default:
                throw S3ConfigurationError("\(origin): credential_source \"\(kind)\" is not Environment, Ec2InstanceMetadata or EcsContainer")
            }
        }
        let durationText = value("duration_seconds", profile: profile)
        let duration = durationText.flatMap { Int($0) }
        if let durationText, duration == nil {
            throw S3ConfigurationError("\(origin): duration_seconds \"\(durationText)\" is not a whole number")
        }
        return AssumeRoleCredentialSource(roleARN: roleARN, sessionName: value("role_session_name", profile: profile),
                                          externalID: value("external_id", profile: profile), durationSeconds: duration,
                                          endpoint: stsEndpoint(profile: profile), region: region, base: base)
    }

    /// The SSO source `profile` sets up with `sso_account_id` and `sso_role_name`, or nil.
    private func sso(profile: String) throws -> SSOCredentialSource? {
        let session = configFile.value("sso_session", profile: profile)
        guard session != nil || configFile.value("sso_start_url", profile: profile) != nil else { return nil }
        let origin = "profile \"\(profile)\" in \(configPath)"
        func setting(_ key: String) throws -> String {
            if let session, let value = configFile.value(key, profile: "sso-session " + session) { return value }
            if let value = configFile.value(key, profile: profile) { return value }
            let place = session.map { "[sso-session \($0)] or " } ?? ""
            throw S3ConfigurationError("\(origin) uses SSO but \(place)the profile sets no \(key)")
        }
        guard let account = configFile.value("sso_account_id", profile: profile),
              let role = configFile.value("sso_role_name", profile: profile) else {
            throw S3ConfigurationError("\(origin) uses SSO but does not set both sso_account_id and sso_role_name")
        }
        return SSOCredentialSource(sessionName: session, startURL: try setting("sso_start_url"), region: try setting("sso_region"),
                                   accountID: account, roleName: role, cacheDirectory: home + "/.aws/sso/cache",
                                   portalOverride: set("AWS_ENDPOINT_URL_SSO"))
    }
}
