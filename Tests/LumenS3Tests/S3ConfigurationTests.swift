import Foundation
import LumenTestSupport
import Testing
@testable import LumenS3

@Suite("Where the S3 endpoint, region and credentials come from")
struct S3ConfigurationTests {
    /// An environment whose HOME holds `credentials` and `config` as ~/.aws's files.
    static func home(credentials: String = "", config: String = "") throws -> String {
        let home = temporaryDirectory()
        try FileManager.default.createDirectory(atPath: home + "/.aws", withIntermediateDirectories: true)
        try credentials.write(toFile: home + "/.aws/credentials", atomically: true, encoding: .utf8)
        try config.write(toFile: home + "/.aws/config", atomically: true, encoding: .utf8)
        return home
    }

    @Test("Environment variables come first: keys, session token, region, endpoint; a custom endpoint is path-style")
    func environment() throws {
        let home = try Self.home(credentials: "[default]\naws_access_key_id = FILE\naws_secret_access_key = FILESECRET\n")
        let configuration = try S3Configuration.resolve(environment: [
            "HOME": home, "AWS_ACCESS_KEY_ID": "ENVKEY", "AWS_SECRET_ACCESS_KEY": "ENVSECRET", "AWS_SESSION_TOKEN": "TOKEN",
            "AWS_DEFAULT_REGION": "eu-west-3", "AWS_ENDPOINT_URL": "http://127.0.0.1:9000",
        ])
        #expect(configuration.credentials == AWSCredentials(accessKeyID: "ENVKEY", secretAccessKey: "ENVSECRET", sessionToken: "TOKEN"))
        #expect(configuration.region == "eu-west-3")
        #expect(configuration.endpoint.absoluteString == "http://127.0.0.1:9000")
        #expect(configuration.addressing == .path)
        #expect(try S3Configuration.resolve(environment: ["HOME": home, "AWS_REGION": "ap-south-1", "AWS_DEFAULT_REGION": "eu-west-3"]).region == "ap-south-1")
    }

    @Test("AWS_PROFILE picks a profile of ~/.aws/credentials and ~/.aws/config: keys, region, endpoint, addressing style")
    func profiles() throws {
        let home = try Self.home(
            credentials: """
                [default]
                aws_access_key_id = DEFAULTKEY
                aws_secret_access_key = DEFAULTSECRET

                [minio]
                aws_access_key_id = MINIOKEY
                aws_secret_access_key = MINIOSECRET
                """,
            config: """
                [default]
                region = us-west-2

                # the local server
                [profile minio]
                region = eu-central-1
                endpoint_url = https://minio.example.net:9000
                s3 =
                  addressing_style = virtual
                """)
        let fallback = try S3Configuration.resolve(environment: ["HOME": home])
        #expect(fallback.credentials.accessKeyID == "DEFAULTKEY" && fallback.region == "us-west-2")
        #expect(fallback.endpoint.absoluteString == "https://s3.us-west-2.amazonaws.com" && fallback.addressing == .virtualHosted)

        let minio = try S3Configuration.resolve(environment: ["HOME": home, "AWS_PROFILE": "minio"])
        #expect(minio.credentials == AWSCredentials(accessKeyID: "MINIOKEY", secretAccessKey: "MINIOSECRET"))
        #expect(minio.region == "eu-central-1")
        #expect(minio.endpoint.absoluteString == "https://minio.example.net:9000")
        #expect(minio.addressing == .virtualHosted)
        #expect(try S3Configuration.resolve(environment: ["HOME": home, "AWS_PROFILE": "minio", "LUMEN_S3_ADDRESSING": "path"]).addressing == .path)
    }

    @Test("No credentials anywhere, a bad endpoint, a bad addressing style: errors that say what to set")
    func missingSettings() throws {
        let home = try Self.home()
        let none = #expect(throws: S3ConfigurationError.self) {
            try S3Configuration.resolve(environment: ["HOME": home, "AWS_PROFILE": "ci", "AWS_EC2_METADATA_DISABLED": "true"])
        }
        #expect(none?.description == "no S3 credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or give profile \"ci\" "
            + "aws_access_key_id and aws_secret_access_key or credential_process in \(home)/.aws/credentials or \(home)/.aws/config "
            + "(EC2 instance metadata is off: AWS_EC2_METADATA_DISABLED)")
        let keys = ["HOME": home, "AWS_ACCESS_KEY_ID": "K", "AWS_SECRET_ACCESS_KEY": "S"]
        let endpoint = #expect(throws: S3ConfigurationError.self) {
            try S3Configuration.resolve(environment: keys.merging(["AWS_ENDPOINT_URL": "ftp://host"]) { $1 })
        }
        #expect(endpoint?.description == "S3 endpoint \"ftp://host\" is not an http:// or https:// URL with a host")
        let style = #expect(throws: S3ConfigurationError.self) {
            try S3Configuration.resolve(environment: keys.merging(["LUMEN_S3_ADDRESSING": "dns"]) { $1 })
        }
        #expect(style?.description == "S3 addressing style \"dns\" is neither \"path\" nor \"virtual\"")
    }

    @Test("s3:// URLs: bucket and prefix, or what is malformed", arguments: [
        ("s3://logs", "logs", ""), ("s3://logs/", "logs", ""), ("s3://my.logs-1/exp/a", "my.logs-1", "exp/a"),
        ("S3://logs/x/", "logs", "x/"),
    ])
    func locations(url: String, bucket: String, prefix: String) throws {
        let location = try S3Location(parsing: url)
        #expect(location.bucket == bucket && location.prefix == prefix)
    }

    @Test("Malformed s3:// URLs name the URL and the fault", arguments: [
        ("s3://", "malformed S3 URL \"s3://\": it names no bucket"),
        ("s3:///x", "malformed S3 URL \"s3:///x\": it names no bucket"),
        ("s3://Logs/x", "malformed S3 URL \"s3://Logs/x\": \"Logs\" is not a bucket name (3 to 63 lowercase letters, digits, dots and hyphens)"),
        ("s3://logs/a//b", "malformed S3 URL \"s3://logs/a//b\": its key prefix has an empty path segment"),
        ("/tmp/logs", "malformed S3 URL \"/tmp/logs\": it does not start with s3://"),
    ])
    func malformedLocations(url: String, message: String) {
        let error = #expect(throws: S3LocationError.self) { try S3Location(parsing: url) }
        #expect(error?.description == message)
    }

    @Test("The source reports a malformed URL and missing credentials before any request")
    func sourceErrors() throws {
        let home = try Self.home()
        #expect(throws: S3LocationError.self) { try S3LogdirSource(url: "s3://", environment: ["HOME": home]) }
        #expect(throws: S3ConfigurationError.self) {
            try S3LogdirSource(url: "s3://logs/exp", environment: ["HOME": home, "AWS_EC2_METADATA_DISABLED": "true"])
        }
    }
}
