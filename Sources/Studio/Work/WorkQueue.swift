import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The one bounded queue every CPU-heavy job goes through — staging, rendering, dialogue
/// writing, exports, refits — sized to the cores, so generation can never take the threads
/// that answer cheap requests.
///
/// At most `slots` jobs run at once, on their own threads (never the cooperative pool that
/// serves requests); up to `queueDepth` more wait in order. A client may have at most
/// `perClient` jobs running or waiting. Past either limit the job is refused at once with a
/// ``StudioError`` (`.unavailable` when the queue is full, `.rateLimited` past the client's
/// share), which the server answers with 503 or 429 and `Retry-After`.
public final class WorkQueue: Sendable {
    /// How many jobs run and wait.
    public struct Configuration: Sendable, Equatable {
        /// Jobs running at once (default: the number of cores).
        public var slots: Int
        /// Jobs waiting for a slot before new ones are refused.
        public var queueDepth: Int
        /// Jobs one client may have running or waiting.
        public var perClient: Int

        public init(slots: Int = ProcessInfo.processInfo.activeProcessorCount, queueDepth: Int? = nil, perClient: Int = 2) {
            self.slots = max(1, slots)
            self.queueDepth = max(0, queueDepth ?? max(1, slots) * 4)
            self.perClient = max(1, perClient)
        }
    }

    /// Whether a job may be refused.
    public enum Admission: Sendable {
        /// Refused at once when the queue is full (requests).
        case refuseWhenFull
        /// Waits for a slot however long the queue (work that must happen: a refit after an erase).
        case wait
    }

    /// Who is asking, for the per-client share: set by the front end around each request.
    @TaskLocal public static var client: String?

    public let configuration: Configuration
    private let gate: Gate
    /// Below the threads that answer requests, so cheap requests never wait behind generation.
    private let queue = DispatchQueue(label: "scenewright.work", qos: .utility, attributes: .concurrent)

    public init(_ configuration: Configuration = Configuration()) {
        self.configuration = configuration
        gate = Gate(configuration)
    }

    /// Runs `work` on a worker thread once a slot is free.
    /// - Throws: ``StudioError`` `.unavailable` or `.rateLimited` when refused, or what `work` throws.
    public func run<T: Sendable>(
        _ kind: String, admission: Admission = .refuseWhenFull, _ work: @escaping @Sendable () throws -> T
    ) async throws -> T {
        let client = Self.client
        try await gate.enter(client: client, admission: admission, kind: kind)
        let result = await withCheckedContinuation { continuation in
            queue.async {
                WorkerPriority.lower()
                continuation.resume(returning: Result { try work() })
            }
        }
        await gate.leave(client: client)
        return try result.get()
    }

    /// Jobs running and waiting now.
    public func load() async -> (running: Int, waiting: Int) { await gate.load() }
}

/// Linux ignores dispatch QoS, so a worker thread lowers its own scheduling priority (nice 10)
/// before a job: when generation saturates the cores, the threads answering cheap requests still
/// get the CPU first. (Other platforms honour the queue's `.utility` QoS.)
enum WorkerPriority {
    static let niceness: Int32 = 10

    static func lower() {
        #if os(Linux)
        // Once per thread: the thread keeps its niceness for every later job.
        let flags = Thread.current.threadDictionary
        guard flags["scenewright.worker"] == nil else { return }
        flags["scenewright.worker"] = true
        // This thread's kernel id, from /proc/thread-self -> "<pid>/task/<tid>".
        guard let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/thread-self"),
              let thread = link.split(separator: "/").last.flatMap({ id_t($0) })
        else { return }
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), thread, niceness)
        #endif
    }
}

/// The slot accounting behind ``WorkQueue``.
private actor Gate {
    let configuration: WorkQueue.Configuration
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var perClient: [String: Int] = [:]

    init(_ configuration: WorkQueue.Configuration) { self.configuration = configuration }

    func enter(client: String?, admission: WorkQueue.Admission, kind: String) async throws {
        if admission == .refuseWhenFull {
            if let client, perClient[client, default: 0] >= configuration.perClient {
                throw StudioError(
                    .rateLimited, "this client already has \(configuration.perClient) generation jobs running or waiting; try again when one finishes",
                    retryAfter: 1)
            }
            if running >= configuration.slots && waiting.count >= configuration.queueDepth {
                StudioMetrics.refused(kind)
                throw StudioError(.unavailable, "the server is busy generating content; try again shortly", retryAfter: 2)
            }
        }
        if let client { perClient[client, default: 0] += 1 }
        if running < configuration.slots {
            running += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }  // `leave` hands its slot over
    }

    func leave(client: String?) {
        if let client {
            let left = perClient[client, default: 1] - 1
            perClient[client] = left > 0 ? left : nil
        }
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }

    func load() -> (running: Int, waiting: Int) { (running, waiting.count) }
}
