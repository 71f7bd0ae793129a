import LumenServer

/// Finds a free TCP port on the loopback interface.
enum PortProbe {
    /// `port` when nothing listens on it, else the next free one of the following 20.
    static func firstFree(from port: Int) -> Int {
        (port..<(port + 20)).first { Loopback.isFree(port: $0) } ?? port
    }
}
