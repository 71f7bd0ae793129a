/// What is wrong with one of a projector's files: the file, the line when one is at fault,
/// and what was found there.
struct ProjectorFileError: Error, CustomStringConvertible, Equatable {
    let file: String
    let line: Int?
    let message: String

    var description: String { line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)" }
}
