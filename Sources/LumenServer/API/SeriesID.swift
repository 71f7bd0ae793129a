/// The id that addresses one series — one tag of one run — in every per-series endpoint, so
/// that a tag of any length fits in a URL.
///
/// It is the 128-bit FNV-1a hash of the run's name, a zero byte and the tag, as 32 lowercase
/// hexadecimal digits: the same for the same run and tag on every reload and every start of the
/// board, whatever other tags appear. (Run names are paths, so they hold no zero byte: two
/// different (run, tag) pairs never hash the same bytes, and their ids collide only as two
/// random 128-bit numbers would.)
public enum SeriesID {
    /// The id of `tag` in `run`.
    public static func of(run: String, tag: String) -> String {
        var hash = FNV128()
        hash.mix(run.utf8)
        hash.mix(0)
        hash.mix(tag.utf8)
        return hash.hex
    }

    /// Whether `text` has the form of an id (32 lowercase hexadecimal digits).
    static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == 32 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
