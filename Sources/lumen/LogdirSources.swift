import Lumen
import LumenS3

/// The source of each directory a command reads: S3-compatible storage for `s3://bucket/prefix`
/// (endpoint and credentials from the environment and the AWS shared files), local files
/// otherwise.
enum LogdirSources {
    /// The source of `path`.
    /// - Throws: `S3LocationError` for a malformed `s3://` URL, `S3ConfigurationError` when
    ///   no credentials are found or the endpoint is not understood.
    static func make(_ path: String) throws -> any LogdirSource {
        S3Location.isS3URL(path) ? try S3LogdirSource(url: path) : LocalLogdirSource(root: path)
    }
}
