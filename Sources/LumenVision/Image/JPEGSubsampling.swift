/// How much a JPEG encoder reduces the colour (chroma) resolution, as PIL's `subsampling=`.
///
/// ```swift
/// let bytes = try image.jpegData(quality: 90, subsampling: .chroma444)
/// ```
public enum JPEGSubsampling: Int32, Sendable {
    /// 4:4:4, full colour resolution (PIL's `subsampling=0`).
    case chroma444 = 0
    /// 4:2:2, half the columns (PIL's `subsampling=1`).
    case chroma422 = 1
    /// 4:2:0, half the columns and rows: PIL's and libjpeg's default (`subsampling=2`).
    case chroma420 = 2
}
