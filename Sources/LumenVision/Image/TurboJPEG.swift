#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libjpeg-turbo's TurboJPEG C API, loaded at run time with `dlopen`, so that building Lumen
/// needs no JPEG headers and only reading or writing a JPEG needs the library.
///
/// Both ways use PIL's settings: the accurate integer ("islow") DCT, and when decoding fancy
/// (smooth) chroma upsampling, so decoded pixels and encoded bytes equal PIL's.
struct TurboJPEG: @unchecked Sendable {
    typealias Handle = UnsafeMutableRawPointer
    private typealias InitFunction = @convention(c) () -> Handle?
    private typealias DestroyFunction = @convention(c) (Handle?) -> Int32
    private typealias HeaderFunction = @convention(c) (
        Handle?, UnsafePointer<UInt8>?, UInt,
        UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?
    ) -> Int32
    private typealias DecompressFunction = @convention(c) (
        Handle?, UnsafePointer<UInt8>?, UInt, UnsafeMutablePointer<UInt8>?, Int32, Int32, Int32, Int32, Int32
    ) -> Int32
    private typealias CompressFunction = @convention(c) (
        Handle?, UnsafePointer<UInt8>?, Int32, Int32, Int32, Int32,
        UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?, UnsafeMutablePointer<UInt>?, Int32, Int32, Int32
    ) -> Int32
    private typealias ErrorTextFunction = @convention(c) (Handle?) -> UnsafeMutablePointer<CChar>?
    private typealias ErrorCodeFunction = @convention(c) (Handle?) -> Int32
    private typealias FreeFunction = @convention(c) (UnsafeMutablePointer<UInt8>?) -> Void

    private let initDecompress: InitFunction
    private let initCompress: InitFunction
    private let destroy: DestroyFunction
    private let decompressHeader: HeaderFunction
    private let decompress: DecompressFunction
    private let compress: CompressFunction
    private let errorText: ErrorTextFunction
    private let errorCode: ErrorCodeFunction
    private let free: FreeFunction

    // TurboJPEG's constants (turbojpeg.h).
    private static let pixelFormatRGB: Int32 = 0, pixelFormatGray: Int32 = 6, pixelFormatCMYK: Int32 = 11
    private static let colorspaceGray: Int32 = 2, colorspaceCMYK: Int32 = 3, colorspaceYCCK: Int32 = 4
    private static let errorWarning: Int32 = 0
    /// TJFLAG_ACCURATEDCT: the accurate integer DCT ("islow") both ways. libjpeg-turbo 2.1's
    /// TurboJPEG otherwise encodes with the fast DCT, whose bytes differ from PIL's.
    private static let accurateDCT: Int32 = 4096
    private static let stopOnWarning: Int32 = 8192

    /// Where the library is looked for: Debian's `libturbojpeg0`, then Homebrew's `jpeg-turbo`.
    static let libraryNames = [
        "libturbojpeg.so.0", "libturbojpeg.0.dylib",
        "/opt/homebrew/opt/jpeg-turbo/lib/libturbojpeg.0.dylib", "/usr/local/opt/jpeg-turbo/lib/libturbojpeg.0.dylib",
    ]

    /// The library, loaded on first use.
    static let shared = Result { try TurboJPEG(libraryNames: libraryNames) }

    /// Loads the first of `libraryNames` that `dlopen` finds.
    /// - Throws: ``VisionError`` saying which package to install when none is found.
    init(libraryNames: [String]) throws {
        guard let library = libraryNames.lazy.compactMap({ dlopen($0, RTLD_NOW | RTLD_LOCAL) }).first else {
            throw VisionError("JPEG support needs libjpeg-turbo's TurboJPEG library (\(libraryNames[0])), which was not found: install the Debian package libturbojpeg0 (apt-get install libturbojpeg0), or jpeg-turbo with Homebrew on macOS")
        }
        func symbol<F>(_ name: String, as type: F.Type) throws -> F {
            guard let address = dlsym(library, name) else {
                throw VisionError("the TurboJPEG library has no function \(name): libjpeg-turbo 2.0 or newer is needed")
            }
            return unsafeBitCast(address, to: type)
        }
        initDecompress = try symbol("tjInitDecompress", as: InitFunction.self)
        initCompress = try symbol("tjInitCompress", as: InitFunction.self)
        destroy = try symbol("tjDestroy", as: DestroyFunction.self)
        decompressHeader = try symbol("tjDecompressHeader3", as: HeaderFunction.self)
        decompress = try symbol("tjDecompress2", as: DecompressFunction.self)
        compress = try symbol("tjCompress2", as: CompressFunction.self)
        errorText = try symbol("tjGetErrorStr2", as: ErrorTextFunction.self)
        errorCode = try symbol("tjGetErrorCode", as: ErrorCodeFunction.self)
        free = try symbol("tjFree", as: FreeFunction.self)
    }

    /// Decodes a baseline or progressive JPEG: gray ones to 1 channel (PIL's "L"), colour ones
    /// to RGB, CMYK ones to RGB as PIL's `convert("RGB")` of its mode "CMYK".
    /// - Throws: ``VisionError`` for corrupt or truncated data and absurd sizes.
    func decode(_ jpeg: [UInt8]) throws -> Image {
        guard let handle = initDecompress() else { throw VisionError("JPEG: TurboJPEG could not start a decoder") }
        defer { _ = destroy(handle) }
        return try jpeg.withUnsafeBufferPointer { src in
            var width: Int32 = 0, height: Int32 = 0, subsampling: Int32 = 0, colorspace: Int32 = 0
            // A warning (such as stray bytes before a marker) still leaves a usable header.
            if decompressHeader(handle, src.baseAddress, UInt(src.count), &width, &height, &subsampling, &colorspace) != 0,
               errorCode(handle) != Self.errorWarning {
                throw VisionError("JPEG: cannot read the header (\(message(handle)))")
            }
            guard width > 0, height > 0 else { throw VisionError("JPEG: truncated or invalid header (size \(width)×\(height))") }
            guard Int(width) * Int(height) <= 1 << 28 else {
                throw VisionError("JPEG: size \(width)×\(height) exceeds the limit of \(1 << 28) pixels")
            }
            let cmyk = colorspace == Self.colorspaceCMYK || colorspace == Self.colorspaceYCCK
            let (format, channels) = colorspace == Self.colorspaceGray ? (Self.pixelFormatGray, 1)
                : cmyk ? (Self.pixelFormatCMYK, 4) : (Self.pixelFormatRGB, 3)
            var pixels = [UInt8](repeating: 0, count: Int(width) * Int(height) * channels)
            func run(_ flags: Int32) -> Int32 {
                pixels.withUnsafeMutableBufferPointer { dst in
                    decompress(handle, src.baseAddress, UInt(src.count), dst.baseAddress, width, 0, height,
                               format, Self.accurateDCT | flags)
                }
            }
            // Stop at the first warning, to tell a file that ends early (an error, as in PIL) from
            // one with corrupt data, which PIL decodes anyway: decode that one again to the end.
            if run(Self.stopOnWarning) != 0 {
                let text = message(handle)
                guard errorCode(handle) == Self.errorWarning, !text.contains("Premature end") else {
                    let truncated = text.contains("Premature end") ? "truncated: " : ""
                    throw VisionError("JPEG: \(truncated)cannot decode the \(width)×\(height) image (\(text))")
                }
                if run(0) != 0 && errorCode(handle) != Self.errorWarning {
                    throw VisionError("JPEG: cannot decode the \(width)×\(height) image (\(message(handle)))")
                }
            }
            if cmyk {
                let rgb = CMYK.rgb(fromCMYK: pixels, inverted: CMYK.hasAdobeMarker(jpeg))
                return Image(width: Int(width), height: Int(height), channels: 3, pixels: rgb)
            }
            return Image(width: Int(width), height: Int(height), channels: channels, pixels: pixels)
        }
    }

    /// JPEG bytes for a 1- or 3-channel picture.
    func encode(_ image: Image, quality: Int, subsampling: JPEGSubsampling) throws -> [UInt8] {
        guard let handle = initCompress() else { throw VisionError("JPEG: TurboJPEG could not start an encoder") }
        defer { _ = destroy(handle) }
        let gray = image.channels == 1
        var output: UnsafeMutablePointer<UInt8>?
        var size: UInt = 0
        let status = image.pixels.withUnsafeBufferPointer { src in
            compress(handle, src.baseAddress, Int32(image.width), 0, Int32(image.height),
                     gray ? Self.pixelFormatGray : Self.pixelFormatRGB, &output, &size,
                     gray ? 3 : subsampling.rawValue, Int32(quality), Self.accurateDCT)
        }
        defer { free(output) }
        guard status == 0, let output else {
            throw VisionError("JPEG: cannot encode the \(image.width)×\(image.height) image (\(message(handle)))")
        }
        return Array(UnsafeBufferPointer(start: output, count: Int(size)))
    }

    private func message(_ handle: Handle) -> String {
        errorText(handle).map { String(cString: $0) } ?? "unknown error"
    }
}
