import Foundation
import LumenTestSupport
import Synchronization
import Testing
@testable import LumenS3

/// Temporary credentials: a profile's credential_process, a container endpoint, EC2 instance
/// metadata (each against a local script or server), their precedence, and renewal.
@Suite("Temporary credentials: credential_process, container, instance metadata")
struct S3CredentialSourceTests {
    static let json = """
        {"Version": 1, "AccessKeyId": "TEMPKEY", "SecretAccessKey": "TEMPSECRET", "SessionToken": "TEMPTOKEN", "Expiration": "2099-01-02T03:04:05Z"}
        """
    static let temporary = AWSCredentials(accessKeyID: "TEMPKEY", secretAccessKey: "TEMPSECRET", sessionToken: "TEMPTOKEN",
                                          expiration: Date(timeIntervalSince1970: 4_071_006_245))

    /// An executable shell script in a temporary directory.
    static func script(_ body: String) throws -> String {
        let path = temporaryDirectory() + "/credentials.sh"
        try ("#!/bin/sh\n" + body).write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    @Test("credential_process: the profile's command prints the keys, token and expiration; a failing one is named with its status and error")
    func process() throws {
        let good = try Self.script("echo '\(Self.json)'")
        let home = try S3ConfigurationTests.home(config: "[profile tool]\ncredential_process = \(good) --role ci\n")
        let configuration = try S3Configuration.resolve(environment: ["HOME": home, "AWS_PROFILE": "tool", "AWS_EC2_METADATA_DISABLED": "true"])
        #expect(configuration.credentials == Self.temporary)
        #expect(configuration.credentialSource is ProcessCredentialSource)

        let bad = try Self.script("echo 'access denied for ci' >&2; exit 3")
        let failing = try S3ConfigurationTests.home(config: "[default]\ncredential_process = \(bad)\n")
        let error = #expect(throws: S3ConfigurationError.self) { try S3Configuration.resolve(environment: ["HOME": failing]) }
        #expect(error?.description == "no S3 credentials: credential_process \"\(bad)\" failed with status 3: access denied for ci")

        let noSecret = try Self.script("echo '{\"Version\": 1, \"AccessKeyId\": \"K\"}'")
        let partial = try S3ConfigurationTests.home(config: "[default]\ncredential_process = \(noSecret)\n")
        let missing = #expect(throws: S3ConfigurationError.self) { try S3Configuration.resolve(environment: ["HOME": partial]) }
        #expect(missing?.description == "no S3 credentials: credential_process \"\(noSecret)\" gave no SecretAccessKey")
    }

    @Test("Precedence: environment keys, then the profile's keys, then its credential_process, then the container")
    func precedence() throws {
        let good = try Self.script("echo '\(Self.json)'")
        let home = try S3ConfigurationTests.home(credentials: "[keys]\naws_access_key_id = FILE\naws_secret_access_key = S\n",
                                                 config: "[profile keys]\ncredential_process = \(good)\n[default]\ncredential_process = \(good)\n")
        let container = ["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:9/never-asked"]
        func key(_ environment: [String: String]) throws -> String {
            try S3Configuration.resolve(environment: environment.merging(["HOME": home]) { $1 }.merging(container) { $1 }).credentials.accessKeyID
        }
        #expect(try key(["AWS_ACCESS_KEY_ID": "ENV", "AWS_SECRET_ACCESS_KEY": "S", "AWS_PROFILE": "keys"]) == "ENV")
        #expect(try key(["AWS_PROFILE": "keys"]) == "FILE")
        #expect(try key([:]) == "TEMPKEY")
    }

    @Test("Container credentials: the full URI with the token of AWS_CONTAINER_AUTHORIZATION_TOKEN(_FILE); plain http to another host is refused")
    func container() throws {
        let server = try LocalHTTPServer { request in
            request.target == "/v2/credentials" && request.headers["authorization"] == "Bearer secret-token"
                ? (200, "{\"AccessKeyId\": \"TASKKEY\", \"SecretAccessKey\": \"TASKSECRET\", \"Token\": \"TASKTOKEN\", \"Expiration\": \"2099-01-02T03:04:05Z\"}")
                : (403, "no")
        }
        defer { server.stop() }
        let home = try S3ConfigurationTests.home()
        let environment = ["HOME": home, "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.endpoint + "/v2/credentials", "AWS_EC2_METADATA_DISABLED": "true"]
        let configuration = try S3Configuration.resolve(environment: environment.merging(["AWS_CONTAINER_AUTHORIZATION_TOKEN": "Bearer secret-token"]) { $1 })
        #expect(configuration.credentials.accessKeyID == "TASKKEY" && configuration.credentials.sessionToken == "TASKTOKEN")
        #expect(configuration.credentialSource is ContainerCredentialSource)

        let tokenFile = temporaryDirectory() + "/token"
        try "Bearer secret-token\n".write(toFile: tokenFile, atomically: true, encoding: .utf8)
        let fromFile = try S3Configuration.resolve(environment: environment.merging([
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": tokenFile, "AWS_CONTAINER_AUTHORIZATION_TOKEN": "wrong",
        ]) { $1 })
        #expect(fromFile.credentials.accessKeyID == "TASKKEY")

        let refused = #expect(throws: S3ConfigurationError.self) { try S3Configuration.resolve(environment: environment) }
        #expect(refused?.description == "no S3 credentials: the container credentials endpoint \(server.endpoint)/v2/credentials answered HTTP 403")
        let remote = #expect(throws: S3ConfigurationError.self) {
            try S3Configuration.resolve(environment: ["HOME": home, "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://example.com/creds"])
        }
        #expect(remote?.description.hasPrefix("no S3 credentials: AWS_CONTAINER_CREDENTIALS_FULL_URI \"http://example.com/creds\" must be https://") == true)
    }

    @Test("Instance metadata: an IMDSv2 token, then the role, then its credentials; off when disabled; silence is 'no credentials'")
    func instanceMetadata() throws {
        let server = try LocalHTTPServer { request in
            switch (request.method, request.target) {
            case ("PUT", "/latest/api/token") where request.headers["x-aws-ec2-metadata-token-ttl-seconds"] == "21600":
                return (200, "IMDS-TOKEN")
            case ("GET", _) where request.headers["x-aws-ec2-metadata-token"] != "IMDS-TOKEN":
                return (401, "")
            case ("GET", "/latest/meta-data/iam/security-credentials/"):
                return (200, "trainer-role\n")
            case ("GET", "/latest/meta-data/iam/security-credentials/trainer-role"):
                return (200, "{\"Code\": \"Success\", \"AccessKeyId\": \"ROLEKEY\", \"SecretAccessKey\": \"ROLESECRET\", \"Token\": \"ROLETOKEN\", \"Expiration\": \"2099-01-02T03:04:05Z\"}")
            default:
                return (404, "")
            }
        }
        defer { server.stop() }
        let home = try S3ConfigurationTests.home()
        let configuration = try S3Configuration.resolve(environment: ["HOME": home, "AWS_EC2_METADATA_SERVICE_ENDPOINT": server.endpoint + "/"])
        #expect(configuration.credentials == AWSCredentials(accessKeyID: "ROLEKEY", secretAccessKey: "ROLESECRET", sessionToken: "ROLETOKEN",
                                                           expiration: Date(timeIntervalSince1970: 4_071_006_245)))
        #expect(server.requests.map { "\($0.method) \($0.target)" } == [
            "PUT /latest/api/token", "GET /latest/meta-data/iam/security-credentials/",
            "GET /latest/meta-data/iam/security-credentials/trainer-role",
        ])

        let off = #expect(throws: S3ConfigurationError.self) {
            try S3Configuration.resolve(environment: ["HOME": home, "AWS_EC2_METADATA_SERVICE_ENDPOINT": server.endpoint, "AWS_EC2_METADATA_DISABLED": "TRUE"])
        }
        #expect(off?.description.hasSuffix("(EC2 instance metadata is off: AWS_EC2_METADATA_DISABLED)") == true)
        let closed = "http://127.0.0.1:\(try MotoServer.freePort())"
        let silent = #expect(throws: S3ConfigurationError.self) {
            try S3Configuration.resolve(environment: ["HOME": home, "AWS_EC2_METADATA_SERVICE_ENDPOINT": closed])
        }
        #expect(silent?.description.hasPrefix("no S3 credentials: set AWS_ACCESS_KEY_ID") == true)
        #expect(silent?.description.contains("; and EC2 instance metadata at \(closed) did not answer") == true)
    }

    @Test("Credentials close to expiring are renewed before a request; expired ones that cannot be renewed fail it without sending")
    func renewal() throws {
        let server = try LocalHTTPServer { _ in (200, "") }
        defer { server.stop() }
        let fresh = AWSCredentials(accessKeyID: "RENEWED", secretAccessKey: "S", expiration: Date(timeIntervalSinceNow: 3600))
        let source = CountingSource(answer: .success(fresh))
        let soon = AWSCredentials(accessKeyID: "FIRST", secretAccessKey: "S", expiration: Date(timeIntervalSinceNow: 60))
        let client = S3Client(configuration: S3Configuration(endpoint: URL(string: server.endpoint)!, region: "us-east-1",
                                                             credentials: soon, credentialSource: source))
        try client.deleteObject(bucket: "logs", key: "a")
        try client.deleteObject(bucket: "logs", key: "b")
        #expect(source.fetches.load(ordering: .relaxed) == 1)
        #expect(server.requests.allSatisfy { $0.headers["authorization"]?.contains("Credential=RENEWED/") == true })

        let expired = AWSCredentials(accessKeyID: "OLD", secretAccessKey: "S", expiration: Date(timeIntervalSinceNow: -1))
        let broken = CountingSource(answer: .failure(AWSCredentialError("the test source is down")))
        let stale = S3Client(configuration: S3Configuration(endpoint: URL(string: server.endpoint)!, region: "us-east-1",
                                                            credentials: expired, credentialSource: broken))
        let sent = server.requests.count
        let error = #expect(throws: S3Error.self) { try stale.deleteObject(bucket: "logs", key: "a") }
        #expect(error?.description == "S3 DELETE s3://logs/a failed: the credentials from the test source expired and cannot be renewed: the test source is down")
        #expect(server.requests.count == sent)
    }
}

/// A credential source that gives one answer and counts how often it was asked.
private final class CountingSource: AWSCredentialSource {
    let answer: Result<AWSCredentials, AWSCredentialError>
    let fetches = Atomic(0)

    init(answer: Result<AWSCredentials, AWSCredentialError>) { self.answer = answer }

    var name: String { "the test source" }

    func fetch() throws -> AWSCredentials {
        fetches.add(1, ordering: .relaxed)
        return try answer.get()
    }
}
