import Foundation

/// TCP sockets on 127.0.0.1: how `lumen demo` finds a free port for the board, and how the
/// board's tests and benchmark talk to it without an HTTP client library.
public enum Loopback {
    /// A socket connected to 127.0.0.1:`port` (close it when done), or nil when nothing listens.
    public static func connect(port: Int) -> Int32? {
        withSocket(port: port) { fd, address, length in Foundation.connect(fd, address, length) == 0 }
    }

    /// Whether 127.0.0.1:`port` can be bound, i.e. nothing listens there.
    public static func isFree(port: Int) -> Bool {
        guard let fd = withSocket(port: port, { fd, address, length in bind(fd, address, length) == 0 }) else { return false }
        close(fd)
        return true
    }

    /// Makes a TCP socket and calls `body` with 127.0.0.1:`port`; keeps the socket if `body` succeeds.
    private static func withSocket(port: Int, _ body: (Int32, UnsafePointer<sockaddr>, socklen_t) -> Bool) -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let ok = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if ok { return fd }
        close(fd)
        return nil
    }
}
