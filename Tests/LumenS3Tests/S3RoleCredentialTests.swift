import Foundation
import LumenTestSupport
import Testing
@testable import LumenS3

/// Credentials of a role: STS AssumeRole and AssumeRoleWithWebIdentity against moto's STS, and
/// IAM Identity Center (SSO) against a local portal.
@Suite("Role credentials: AssumeRole, web identity, SSO")
struct S3RoleCredentialTests {
    static let account = "123456789012"

    /// Who moto's STS says `credentials` belong to (GetCallerIdentity's Arn).
    static func caller(_ credentials: AWSCredentials, sts endpoint: String) throws -> String? {
        let signer = SignatureV4(credentials: credentials, region: "us-east-1", service: "sts", normalizesPath: true, sendsPayloadHash: false)
        let xml = try STSRequest.send(action: "GetCallerIdentity", parameters: [], endpoint: endpoint, signer: signer, origin: "test")
        return S3XML.fields(of: "GetCallerIdentityResult", in: xml)["Arn"]
    }

    @Test("role_arn with source_profile: AssumeRole signed with the source's keys at AWS_ENDPOINT_URL_STS; roles chain",
          .enabled(if: MotoServer.isInstalled, Comment(rawValue: MotoServer.notInstalledMessage)))
    func assumeRole() throws {
        let moto = try MotoServer()
        defer { moto.stop() }
        let home = try S3ConfigurationTests.home(
            credentials: "[base]\naws_access_key_id = BASEKEY\naws_secret_access_key = BASESECRET\n",
            config: """
                [profile reader]
                role_arn = arn:aws:iam::\(Self.account):role/reader
                source_profile = base
                role_session_name = lumen-test

                [profile chained]
                role_arn = arn:aws:iam::\(Self.account):role/auditor
                source_profile = reader
                role_session_name = second-hop

                [profile fromenv]
                role_arn = arn:aws:iam::\(Self.account):role/ci
                credential_source = Environment
                role_session_name = ci-job
                """)
        let base = ["HOME": home, "AWS_ENDPOINT_URL_STS": moto.endpoint, "AWS_EC2_METADATA_DISABLED": "true"]

        let reader = try S3Configuration.resolve(environment: base.merging(["AWS_PROFILE": "reader"]) { $1 })
        #expect(reader.credentialSource is AssumeRoleCredentialSource)
        #expect(reader.credentials.sessionToken != nil && reader.credentials.accessKeyID != "BASEKEY")
        #expect((reader.credentials.expiration ?? .distantPast) > Date())
        #expect(try Self.caller(reader.credentials, sts: moto.endpoint) == "arn:aws:sts::\(Self.account):assumed-role/reader/lumen-test")

        let chained = try S3Configuration.resolve(environment: base.merging(["AWS_PROFILE": "chained"]) { $1 })
        #expect(try Self.caller(chained.credentials, sts: moto.endpoint) == "arn:aws:sts::\(Self.account):assumed-role/auditor/second-hop")

        // credential_source = Environment signs with the environment's keys: a role of the profile
        // AWS_PROFILE names comes before them, unlike a profile's own keys.
        let environmentKeys = ["AWS_ACCESS_KEY_ID": "ENVKEY", "AWS_SECRET_ACCESS_KEY": "ENVSECRET"]
        let fromEnvironment = try S3Configuration.resolve(environment: base.merging(environmentKeys) { $1 }.merging(["AWS_PROFILE": "fromenv"]) { $1 })
        #expect(try Self.caller(fromEnvironment.credentials, sts: moto.endpoint) == "arn:aws:sts::\(Self.account):assumed-role/ci/ci-job")
        let missing = #expect(throws: S3ConfigurationError.self) {
            try S3Configuration.resolve(environment: base.merging(["AWS_PROFILE": "fromenv"]) { $1 })
        }
        #expect(missing?.description.contains("credential_source = Environment but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set") == true)
    }

    @Test("A role_arn without a source, or a source profile with nothing to sign with, is one clear error")
    func incompleteRoles() throws {
        let home = try S3ConfigurationTests.home(config: """
            [profile lonely]
            role_arn = arn:aws:iam::\(Self.account):role/x
            [profile both]
            role_arn = arn:aws:iam::\(Self.account):role/x
            source_profile = empty
            credential_source = Environment
            [profile hollow]
            role_arn = arn:aws:iam::\(Self.account):role/x
            source_profile = empty
            [profile empty]
            region = eu-west-1
            [profile loop]
            role_arn = arn:aws:iam::\(Self.account):role/x
            source_profile = loop2
            [profile loop2]
            role_arn = arn:aws:iam::\(Self.account):role/y
            source_profile = loop
            """)
        func error(_ profile: String) -> String? {
            let thrown = #expect(throws: S3ConfigurationError.self) {
                try S3Configuration.resolve(environment: ["HOME": home, "AWS_PROFILE": profile, "AWS_EC2_METADATA_DISABLED": "true"])
            }
            return thrown?.description
        }
        let config = home + "/.aws/config"
        #expect(error("lonely") == "profile \"lonely\" in \(config) sets role_arn but neither source_profile nor credential_source")
        #expect(error("both") == "profile \"both\" in \(config) sets both source_profile and credential_source; keep one")
        #expect(error("hollow") == "profile \"hollow\" in \(config): source_profile \"empty\" has no aws_access_key_id and "
            + "aws_secret_access_key, role_arn or credential_process")
        #expect(error("loop") == "profile \"loop2\" in \(config): source_profile \"loop\" leads back to a profile already in the chain")
    }

    @Test("Web identity: AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN exchanged with AssumeRoleWithWebIdentity (unsigned)",
          .enabled(if: MotoServer.isInstalled, Comment(rawValue: MotoServer.notInstalledMessage)))
    func webIdentity() throws {
        let moto = try MotoServer()
        defer { moto.stop() }
        let home = try S3ConfigurationTests.home()
        let tokenFile = temporaryDirectory() + "/token"
        try "eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl\n".write(toFile: tokenFile, atomically: true, encoding: .utf8)
        let environment = [
            "HOME": home, "AWS_ENDPOINT_URL": moto.endpoint, "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile, "AWS_ROLE_ARN": "arn:aws:iam::\(Self.account):role/trainer",
            "AWS_ROLE_SESSION_NAME": "pod-7",
        ]
        let configuration = try S3Configuration.resolve(environment: environment)
        #expect(configuration.credentialSource is WebIdentityCredentialSource)
        #expect(configuration.credentials.sessionToken != nil)
        #expect(try Self.caller(configuration.credentials, sts: moto.endpoint) == "arn:aws:sts::\(Self.account):assumed-role/trainer/pod-7")

        let noRole = #expect(throws: S3ConfigurationError.self) {
            try S3Configuration.resolve(environment: environment.filter { $0.key != "AWS_ROLE_ARN" })
        }
        #expect(noRole?.description == "AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN, the role to assume with it, is not")
        let unreadable = #expect(throws: S3ConfigurationError.self) {
            try S3Configuration.resolve(environment: environment.merging(["AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile + ".missing"]) { $1 })
        }
        #expect(unreadable?.description == "no S3 credentials: cannot read the web identity token file \(tokenFile).missing")
    }

    /// A config with an `[sso-session]` profile and an older-style one, and the portal's answer.
    static let ssoConfig = """
        [profile modern]
        sso_session = lumen-sso
        sso_account_id = 111122223333
        sso_role_name = Reader
        [sso-session lumen-sso]
        sso_start_url = https://example.awsapps.com/start
        sso_region = eu-west-1
        [profile legacy]
        sso_start_url = https://example.awsapps.com/start
        sso_region = eu-west-1
        sso_account_id = 111122223333
        sso_role_name = Reader
        """

    /// Caches `token` as `aws sso login` does, under the SHA-1 `name` of its key.
    static func cacheToken(_ token: String, expiresAt: String, in home: String, name: String) throws {
        let directory = home + "/.aws/sso/cache"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try """
            {"startUrl": "https://example.awsapps.com/start", "region": "eu-west-1", "accessToken": "\(token)", "expiresAt": "\(expiresAt)"}
            """.write(toFile: directory + "/\(name).json", atomically: true, encoding: .utf8)
    }

    @Test("SSO: the cached token (SHA-1 of the session name, or of the start URL) traded at the portal's GetRoleCredentials")
    func sso() throws {
        let portal = try LocalHTTPServer { request in
            request.method == "GET" && request.target == "/federation/credentials?account_id=111122223333&role_name=Reader"
                && request.headers["x-amz-sso_bearer_token"] == "portal-token"
                ? (200, """
                    {"roleCredentials": {"accessKeyId": "SSOKEY", "secretAccessKey": "SSOSECRET", "sessionToken": "SSOTOKEN", "expiration": 4071006245000}}
                    """)
                : (401, "{\"message\": \"Session token not found or invalid\"}")
        }
        defer { portal.stop() }
        let home = try S3ConfigurationTests.home(config: Self.ssoConfig)
        try Self.cacheToken("portal-token", expiresAt: "2099-01-01T00:00:00Z", in: home, name: "c21ee3ac403b9ed434caee03dc60990e97c656a0")
        let environment = ["HOME": home, "AWS_ENDPOINT_URL_SSO": portal.endpoint, "AWS_EC2_METADATA_DISABLED": "true"]
        let modern = try S3Configuration.resolve(environment: environment.merging(["AWS_PROFILE": "modern"]) { $1 })
        #expect(modern.credentials == AWSCredentials(accessKeyID: "SSOKEY", secretAccessKey: "SSOSECRET", sessionToken: "SSOTOKEN",
                                                     expiration: Date(timeIntervalSince1970: 4_071_006_245)))
        #expect(modern.credentialSource is SSOCredentialSource)

        // The older form's token is cached under the SHA-1 of the start URL; a refused token says to sign in again.
        try Self.cacheToken("stale-token", expiresAt: "2099-01-01T00:00:00.000Z", in: home, name: "e8be5486177c5b5392bd9aa76563515b29358e6e")
        let refused = #expect(throws: S3ConfigurationError.self) {
            try S3Configuration.resolve(environment: environment.merging(["AWS_PROFILE": "legacy"]) { $1 })
        }
        #expect(refused?.description == "no S3 credentials: SSO role Reader of account 111122223333: "
            + "the SSO portal refused the cached token (HTTP 401); run `aws sso login` to sign in again")
    }

    @Test("SSO: an expired cached token is one error telling the user to run `aws sso login`, and no request is sent")
    func expiredSSOToken() throws {
        let portal = try LocalHTTPServer { _ in (500, "") }
        defer { portal.stop() }
        let home = try S3ConfigurationTests.home(config: Self.ssoConfig)
        let file = home + "/.aws/sso/cache/c21ee3ac403b9ed434caee03dc60990e97c656a0.json"
        try Self.cacheToken("old", expiresAt: "2020-05-01T10:00:00Z", in: home, name: "c21ee3ac403b9ed434caee03dc60990e97c656a0")
        let environment = ["HOME": home, "AWS_PROFILE": "modern", "AWS_ENDPOINT_URL_SSO": portal.endpoint]
        let expired = #expect(throws: S3ConfigurationError.self) { try S3Configuration.resolve(environment: environment) }
        #expect(expired?.description == "no S3 credentials: SSO role Reader of account 111122223333: the SSO token at \(file) "
            + "expired at 2020-05-01T10:00:00Z; run `aws sso login` to sign in again")
        try FileManager.default.removeItem(atPath: file)
        let absent = #expect(throws: S3ConfigurationError.self) { try S3Configuration.resolve(environment: environment) }
        #expect(absent?.description == "no S3 credentials: SSO role Reader of account 111122223333: no SSO token cached at \(file); "
            + "run `aws sso login` to sign in again")
        #expect(portal.requests.isEmpty)
    }
}
