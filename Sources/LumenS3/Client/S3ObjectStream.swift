import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The answer to one GET, its body handed to a reading thread as it arrives: the event loop
/// appends each received buffer to a queue, and `read(into:)` copies from the queue into the
/// reader's memory — no collection of the whole body, no copy in between. While more than
/// `highWater` bytes wait unread, the connection is not read (the server waits), so a slow
/// reader holds a bounded amount of memory.
///
/// The request holds one of the client's concurrency slots until its body has arrived, it
/// failed, or it was cancelled: `onEnd` is called once, then.
final class S3ObjectStream: HTTPClientResponseDelegate, @unchecked Sendable {
    typealias Response = Void

    /// Bytes received and not yet read above which the connection is no longer read.
    let highWater: Int
    private let condition = NSCondition()
    // Everything below is guarded by `condition`.
    private var head: HTTPResponseHead?
    private var chunks = CircularBuffer<ByteBuffer>()
    private var buffered = 0
    private var finished = false
    private var failure: (any Error)?
    /// Completed to read the connection again once the reader has taken bytes.
    private var resume: EventLoopPromise<Void>?
    private var onEnd: (@Sendable () -> Void)?
    private var task: HTTPClient.Task<Void>?

    init(highWater: Int, onEnd: @escaping @Sendable () -> Void) {
        self.highWater = max(1, highWater)
        self.onEnd = onEnd
    }

    /// Sends `request` on `http` with this stream as its delegate.
    func start(_ request: HTTPClient.Request, on http: HTTPClient) {
        let task = http.execute(request: request, delegate: self)
        condition.withLock { self.task = task }
    }

    // MARK: - The event loop's side

    func didReceiveHead(task: HTTPClient.Task<Void>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        condition.withLock {
            self.head = head
            condition.broadcast()
        }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Void>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        condition.withLock {
            chunks.append(buffer)
            buffered += buffer.readableBytes
            condition.broadcast()
            guard buffered >= highWater else { return task.eventLoop.makeSucceededVoidFuture() }
            let promise = task.eventLoop.makePromise(of: Void.self)
            resume = promise
            return promise.futureResult
        }
    }

    func didFinishRequest(task: HTTPClient.Task<Void>) throws {
        end { finished = true }
    }

    func didReceiveError(task: HTTPClient.Task<Void>, _ error: any Error) {
        end { failure = error }
    }

    /// Records how the request ended, wakes the reader, and gives the slot back (once).
    private func end(_ record: () -> Void) {
        let release = condition.withLock {
            record()
            condition.broadcast()
            defer { onEnd = nil }
            return onEnd
        }
        release?()
    }

    // MARK: - The reader's side

    /// The status line and headers, once they are here.
    /// - Throws: the transport's error when the request failed before an answer came.
    func waitForHead() throws -> HTTPResponseHead {
        condition.lock()
        defer { condition.unlock() }
        while head == nil && failure == nil && !finished { condition.wait() }
        if let head { return head }
        throw failure ?? S3StreamError.noAnswer
    }

    /// Copies the next bytes of the body into `buffer`: waits until `buffer` can be filled, the
    /// body has ended, or `highWater` bytes are waiting. Returns 0 at the end of the body.
    /// - Throws: the transport's error when the body was cut off, once the bytes that came
    ///   before it have been read.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        condition.lock()
        while buffered < buffer.count && buffered < highWater && !finished && failure == nil { condition.wait() }
        var copied = 0
        while copied < buffer.count, var chunk = chunks.first {
            let count = min(chunk.readableBytes, buffer.count - copied)
            chunk.withUnsafeReadableBytes { bytes in
                UnsafeMutableRawBufferPointer(rebasing: buffer[copied..<(copied + count)])
                    .copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[0..<count]))
            }
            chunk.moveReaderIndex(forwardBy: count)
            if chunk.readableBytes == 0 { chunks.removeFirst() } else { chunks[chunks.startIndex] = chunk }
            copied += count
        }
        buffered -= copied
        var wake: EventLoopPromise<Void>?
        if buffered < highWater { swap(&wake, &resume) }
        let failure = copied == 0 ? self.failure : nil
        condition.unlock()
        wake?.succeed(())
        if let failure { throw failure }
        return copied
    }

    /// The whole body (an error answer's XML), once it has arrived.
    func remainingBody() -> [UInt8] {
        condition.lock()
        defer { condition.unlock() }
        while !finished && failure == nil { condition.wait() }
        var body: [UInt8] = []
        for chunk in chunks { body += chunk.readableBytesView }
        return body
    }

    /// Stops the request (when its body is no longer wanted).
    func cancel() {
        let (task, wake): (HTTPClient.Task<Void>?, EventLoopPromise<Void>?) = condition.withLock {
            defer { resume = nil }
            return (finished || failure != nil ? nil : self.task, resume)
        }
        task?.cancel()
        wake?.succeed(())
    }
}

/// The request ended without an answer and without an error from the transport.
enum S3StreamError: Error, CustomStringConvertible {
    case noAnswer
    var description: String { "the connection closed before an answer came" }
}
