import Foundation

/// A profile's `role_arn`: the role's temporary credentials from STS `AssumeRole`, the request
/// signed with the credentials of the profile's `source_profile` or `credential_source`.
public struct AssumeRoleCredentialSource: AWSCredentialSource {
    /// The role assumed.
    public let roleARN: String
    /// The session name STS records (`role_session_name`, else one made from the time).
    public let sessionName: String
    /// The profile's `external_id`, when the role's trust policy asks for one.
    public let externalID: String?
    /// The profile's `duration_seconds`, when set.
    public let durationSeconds: Int?
    /// The STS endpoint, without a trailing slash.
    public let endpoint: String
    /// The region STS requests are signed for.
    public let region: String
    /// Where the credentials that sign the request come from.
    public let base: any AWSCredentialSource

    /// A source assuming `roleARN` at `endpoint`, signed for `region` with what `base` gives;
    /// the session is named `sessionName`, or after the time when nil.
    public init(roleARN: String, sessionName: String?, externalID: String?, durationSeconds: Int?, endpoint: String, region: String,
                base: any AWSCredentialSource) {
        self.roleARN = roleARN
        self.sessionName = sessionName ?? "lumen-\(Int(Date().timeIntervalSince1970))"
        self.externalID = externalID
        self.durationSeconds = durationSeconds
        self.endpoint = endpoint
        self.region = region
        self.base = base
    }

    public var name: String { "role_arn \(roleARN) (signed with \(base.name))" }

    public func fetch() throws -> AWSCredentials {
        let signing = try base.fetch()
        var parameters = [("RoleArn", roleARN), ("RoleSessionName", sessionName)]
        if let externalID { parameters.append(("ExternalId", externalID)) }
        if let durationSeconds { parameters.append(("DurationSeconds", String(durationSeconds))) }
        let signer = SignatureV4(credentials: signing, region: region, service: "sts", normalizesPath: true, sendsPayloadHash: false)
        return try STSRequest.credentials(action: "AssumeRole", parameters: parameters, endpoint: endpoint, signer: signer,
                                          origin: "role_arn \(roleARN)")
    }
}

/// A web identity token exchanged for a role's temporary credentials with STS
/// `AssumeRoleWithWebIdentity` (unsigned): `AWS_WEB_IDENTITY_TOKEN_FILE`, `AWS_ROLE_ARN` and
/// `AWS_ROLE_SESSION_NAME` (as on EKS with IAM roles for service accounts), or a profile's
/// `web_identity_token_file`, `role_arn` and `role_session_name`. The token file is read again
/// on every renewal (it is rotated).
public struct WebIdentityCredentialSource: AWSCredentialSource {
    /// The file holding the token.
    public let tokenFile: String
    /// The role assumed.
    public let roleARN: String
    /// The session name STS records.
    public let sessionName: String
    /// The STS endpoint, without a trailing slash.
    public let endpoint: String

    /// A source trading the token in `tokenFile` for `roleARN`'s credentials at `endpoint`; the
    /// session is named `sessionName`, or after the time when nil.
    public init(tokenFile: String, roleARN: String, sessionName: String?, endpoint: String) {
        self.tokenFile = tokenFile
        self.roleARN = roleARN
        self.sessionName = sessionName ?? "lumen-\(Int(Date().timeIntervalSince1970))"
        self.endpoint = endpoint
    }

    public var name: String { "web identity token \(tokenFile) for \(roleARN)" }

    public func fetch() throws -> AWSCredentials {
        guard let token = try? String(contentsOfFile: tokenFile, encoding: .utf8) else {
            throw AWSCredentialError("cannot read the web identity token file \(tokenFile)")
        }
        let parameters = [("RoleArn", roleARN), ("RoleSessionName", sessionName),
                          ("WebIdentityToken", token.trimmingCharacters(in: .whitespacesAndNewlines))]
        return try STSRequest.credentials(action: "AssumeRoleWithWebIdentity", parameters: parameters, endpoint: endpoint,
                                          signer: nil, origin: name)
    }
}

/// Fixed keys as a source (what a `source_profile`'s keys or `credential_source = Environment`
/// give a role to sign with).
public struct StaticCredentialSource: AWSCredentialSource {
    /// The keys.
    public let credentials: AWSCredentials
    /// Where they were found.
    public let name: String

    /// A source that always gives `credentials`, found where `name` says.
    public init(_ credentials: AWSCredentials, name: String) {
        self.credentials = credentials
        self.name = name
    }

    public func fetch() throws -> AWSCredentials { credentials }
}
