/// An 8-bit RGB colour for drawing boxes and masks, given by components or by a name PIL's
/// `ImageColor.getrgb` accepts ("red", "darkorange", "#F0A", "#FF00AA").
///
/// ```swift
/// let colors = [Color(255, 0, 0), try Color("lime"), try Color("#0a0")]
/// ```
public struct Color: Sendable, Equatable, Hashable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    /// A colour from its red, green and blue components.
    ///
    /// ```swift
    /// let pink = Color(240, 10, 157)
    /// ```
    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// A colour from a CSS name (any case) or `#rgb` / `#rrggbb` hexadecimal text, as
    /// PIL's `ImageColor.getrgb` reads them.
    ///
    /// - Throws: ``VisionError`` naming the text when it is neither.
    ///
    /// ```swift
    /// let orange = try Color("DarkOrange")   // (255, 140, 0)
    /// ```
    public init(_ text: String) throws {
        let value: UInt32
        if text.hasPrefix("#"), let hex = UInt32(text.dropFirst(), radix: 16),
           text.utf8.allSatisfy({ $0 != UInt8(ascii: "+") && $0 != UInt8(ascii: "-") }) {
            switch text.utf8.count {
            case 7: value = hex
            case 4:
                let (r, g, b) = ((hex >> 8) & 0xF, (hex >> 4) & 0xF, hex & 0xF)
                value = (r * 17) << 16 | (g * 17) << 8 | b * 17
            default: throw VisionError("unknown colour \"\(text)\": expected #rgb or #rrggbb")
            }
        } else if let named = Color.names[text.lowercased()] {
            value = named
        } else {
            throw VisionError("unknown colour \"\(text)\": not a colour name, #rgb or #rrggbb")
        }
        self.init(UInt8(value >> 16), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF))
    }

    /// torchvision's default colours for `count` boxes or masks: colour `i` has components
    /// `i × (2²⁵ − 1, 2¹⁵ − 1, 2²¹ − 1) mod 255`.
    ///
    /// ```swift
    /// let colors = Color.palette(count: 3)   // (0, 0, 0), (1, 127, 31), (2, 254, 62)
    /// ```
    public static func palette(count: Int) -> [Color] {
        (0..<max(count, 0)).map { i in
            let i = Int64(i)
            return Color(UInt8(i * ((1 << 25) - 1) % 255), UInt8(i * ((1 << 15) - 1) % 255),
                         UInt8(i * ((1 << 21) - 1) % 255))
        }
    }

    /// One colour per object: torchvision's palette when `colors` is nil, the one colour for
    /// every object, or the first `count` of a list.
    static func resolve(_ colors: [Color]?, count: Int, for function: String) throws -> [Color] {
        guard let colors else { return palette(count: count) }
        if colors.count == 1 { return Array(repeating: colors[0], count: count) }
        guard colors.count >= count else {
            throw VisionError("\(function): \(colors.count) colours for \(count) objects; give one colour, or at least one per object")
        }
        return Array(colors.prefix(count))
    }
}
