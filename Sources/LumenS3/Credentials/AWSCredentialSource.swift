import Foundation

/// Where temporary credentials come from, and come from again before they expire: a profile's
/// `credential_process`, a container's credentials endpoint, or EC2 instance metadata.
public protocol AWSCredentialSource: Sendable {
    /// The source, as a message names it ("credential_process \"…\"", …).
    var name: String { get }

    /// Fresh credentials.
    /// - Throws: ``AWSCredentialError`` naming the source and what went wrong.
    func fetch() throws -> AWSCredentials
}
