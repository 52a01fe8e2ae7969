import Foundation
import Dispatch

/// Runs independent chunks of work on several threads (model fitting, rendering). Work is split into fixed chunks that
/// depend only on the problem size, and each chunk writes only its own outputs, so results are
/// the same bytes whatever the thread count.
public enum Parallel {
    /// The number of threads to use when a configuration says 0 ("all cores").
    public static var defaultThreads: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Calls `body` for every chunk of `0..<count`, on up to `threads` threads.
    /// - Parameter chunkSize: fixed size of each chunk; the last may be shorter.
    public static func forEachChunk(count: Int, chunkSize: Int, threads: Int, _ body: (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let chunks = (count + chunkSize - 1) / chunkSize
        let workers = max(1, min(threads, chunks))
        if workers == 1 {
            for chunk in 0..<chunks { body(chunk * chunkSize..<min(count, (chunk + 1) * chunkSize)) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var chunk = worker
                while chunk < chunks {
                    shared.value(chunk * chunkSize..<min(count, (chunk + 1) * chunkSize))
                    chunk += workers
                }
            }
        }
    }
}

/// Carries a value across a concurrency boundary the compiler cannot check.
/// Used only where each thread touches disjoint memory (documented at each use).
public struct UncheckedSendable<Value>: @unchecked Sendable {
    public var value: Value
    public init(_ value: Value) { self.value = value }
}

/// A buffer several threads write disjoint parts of. `@unchecked Sendable` because callers
/// guarantee that no two threads write the same element.
public struct SharedBuffer<Element>: @unchecked Sendable {
    public let base: UnsafeMutablePointer<Element>
    public let count: Int

    public init(_ buffer: UnsafeMutableBufferPointer<Element>) {
        base = buffer.baseAddress!
        count = buffer.count
    }

    @inline(__always) public subscript(index: Int) -> Element {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }
}
