import ArgumentParser
import ContentServer
import Foundation
import Logging
import Metrics
import Prometheus
import Recommender
import Store
import Studio
import Voice

/// `scenewright serve`: runs the HTTP API.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP API.",
        discussion: "On an empty database the server first loads the sample catalog from Assets/catalog and says so. Stop it with Ctrl-C or SIGTERM; in-flight requests finish first.")

    @OptionGroup var data: DataOptions

    @Option(help: "Address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free port).")
    var port: Int = 8080

    @Option(help: ArgumentHelp("Ranking model for recommendations: \(AlgorithmCatalog.names.joined(separator: ", ")).", valueName: "name"))
    var recommender: String = "default"

    @Option(help: "Refit the recommender in the background after this many new feedback events.")
    var refitAfter: Int = 200

    @Flag(help: "Ask for an API key (scope read) on every route but /healthz, /openapi.yaml and the viewer's files: reads, generation and chat.")
    var requireKeyForReads = false

    @Option(help: ArgumentHelp("A proxy (address or CIDR, such as 10.0.0.0/8) whose X-Forwarded-For names the client for rate limits (repeatable).", valueName: "cidr"))
    var trustedProxy: [String] = []

    @Option(help: "Stored public artifacts (scenes, previews, dialogues, maps) in MiB; past it the least recently used are evicted and made again on request.")
    var artifactStoreMb: Int = StorageBudget.standard.publicBytes >> 20

    @Option(help: "Stored personal artifacts per user, in MiB; past it their least recently used are evicted and made again on request.")
    var personalStoreMb: Int = StorageBudget.standard.personalBytesPerUser >> 20

    @Option(help: "Largest request body accepted, in bytes (larger bodies get 413).")
    var maxBodyBytes: Int = ServerLimits.maxBodyBytes

    @Option(help: "Sustained requests per second allowed per key (or per client address); 0 turns the limit off.")
    var rateLimit: Double = 50

    @Option(help: "Requests a client may send in a burst above the sustained rate.")
    var rateBurst: Int = 200

    @Option(help: "An origin allowed to fetch from a browser, such as https://viewer.example (repeatable; * for any).")
    var corsOrigin: [String] = []

    @Option(help: "Directory with three.js (Debian's libjs-three), served under /vendor/three/ for the WebXR viewer.")
    var threeDir: String = "/usr/share/javascript/three"

    @Option(help: "Memory for recently served public scenes, previews and dialogues, in MiB, per replica (0 turns the cache off).")
    var artifactCacheMb: Int = StudioConfiguration.defaultMemoryCacheBytes >> 20

    @Option(help: "An OpenAI-compatible server (llama-server, Ollama, vLLM…) to restyle text and voice characters, such as http://127.0.0.1:8081. Off when absent.")
    var llmUrl: String?

    @Option(help: "The model name sent to --llm-url.")
    var llmModel: String = "default"

    @Option(help: "Seconds to wait for the model before serving the grammar's draft.")
    var llmTimeout: Double = 10

    @Option(help: "Most tokens the model may write per reply.")
    var llmMaxTokens: Int = 256

    @Option(help: "Sampling temperature sent to the model.")
    var llmTemperature: Double = 0.3

    @Option(help: "Sampling seed sent to the model.")
    var llmSeed: UInt64 = 1

    @Option(help: "An OpenAI-compatible speech server (POST /v1/audio/speech), such as http://127.0.0.1:8880, for better voices; espeak-ng speaks whatever it cannot. Off when absent.")
    var ttsUrl: String?

    @Option(help: "The model name sent to --tts-url.")
    var ttsModel: String = "tts-1"

    @Option(help: "Seconds to wait for one clip from --tts-url before espeak-ng speaks it.")
    var ttsTimeout: Double = 30

    /// The speech server, when --tts-url is given; the key comes from $SCENEWRIGHT_TTS_API_KEY.
    var speechServer: SpeechServerSettings? {
        ttsUrl.map { SpeechServerSettings(url: $0, model: ttsModel, apiKey: ProcessInfo.processInfo.environment["SCENEWRIGHT_TTS_API_KEY"], timeoutSeconds: ttsTimeout) }
    }

    /// The model settings, when --llm-url is given; the key comes from $SCENEWRIGHT_LLM_API_KEY
    /// (never from the command line, where `ps` would show it).
    var languageModel: LanguageModelSettings? {
        llmUrl.map {
            LanguageModelSettings(
                url: $0, model: llmModel, apiKey: ProcessInfo.processInfo.environment["SCENEWRIGHT_LLM_API_KEY"], timeoutSeconds: llmTimeout,
                maxTokens: llmMaxTokens, temperature: llmTemperature, seed: llmSeed)
        }
    }

    func validate() throws {
        if let problem = languageModel?.problem { throw ValidationError(problem) }
        if let problem = speechServer?.problem { throw ValidationError(problem) }
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard AlgorithmCatalog.names.contains(recommender) else {
            throw ValidationError("unknown --recommender '\(recommender)'; expected one of \(AlgorithmCatalog.names.joined(separator: ", "))")
        }
        guard refitAfter >= 1 else { throw ValidationError("--refit-after must be at least 1") }
        guard (1024...(256 << 20)).contains(maxBodyBytes) else { throw ValidationError("--max-body-bytes must be between 1024 and 268435456") }
        guard (0...65_536).contains(artifactCacheMb) else { throw ValidationError("--artifact-cache-mb must be between 0 and 65536") }
        for proxy in trustedProxy where AddressRange(proxy) == nil {
            throw ValidationError("--trusted-proxy '\(proxy)' is not an IPv4 or IPv6 address or CIDR range")
        }
        guard (1...1_048_576).contains(artifactStoreMb) else { throw ValidationError("--artifact-store-mb must be between 1 and 1048576") }
        guard (1...65_536).contains(personalStoreMb) else { throw ValidationError("--personal-store-mb must be between 1 and 65536") }
        guard rateLimit >= 0, rateLimit.isFinite, (1...1_000_000).contains(rateBurst) else { throw ValidationError("--rate-limit must be ≥ 0 and --rate-burst 1–1000000") }
    }

    func run() async throws {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let studio = try await data.openStudio(
            configuration: StudioConfiguration(
                recommender: .init(algorithm: recommender, refitAfterEvents: refitAfter), memoryCacheBytes: artifactCacheMb << 20,
                storageBudget: StorageBudget(publicBytes: artifactStoreMb << 20, personalBytesPerUser: personalStoreMb << 20),
                voice: languageModel.map { Voice(settings: $0) } ?? .off, speechServer: speechServer))
        note("storage: \(studio.storage.engineName) at \(studio.storage.location)")
        if let model = languageModel {
            note("language model: \(model.model) at \(model.url) (timeout \(model.timeoutSeconds) s); drafts are served whenever it fails a check")
        }
        if let server = speechServer {
            note("speech server: \(server.model) at \(server.url) (timeout \(server.timeoutSeconds) s); espeak-ng speaks whatever it cannot")
        }
        let seed = try await studio.seedIfEmpty()
        if seed.seeded {
            note("seeded the empty database \(data.db) with \(seed.films) films and \(seed.users) users from \(studio.imports.sampleCatalogDirectory.path)")
        }
        if let model = try await studio.prepareRecommender() {
            note("recommender: \(model.algorithm) version \(model.version), fitted on \(model.eventCount) events in \(String(format: "%.2f", model.fitSeconds)) s")
        } else {
            note("recommender: no feedback yet; recommendations use profiles and film metadata until events arrive")
        }
        try await ContentServer.run(
            studio: studio,
            configuration: ServerConfiguration(
                host: host, port: port,
                settings: ServerSettings(
                    maxBodyBytes: maxBodyBytes, requireKeyForReads: requireKeyForReads,
                    rateLimit: rateLimit > 0 ? .init(perSecond: rateLimit, burst: rateBurst) : nil, corsOrigins: corsOrigin, threeDirectory: threeDir,
                    metrics: registry, trustedProxies: trustedProxy.compactMap(AddressRange.init))),
            logger: studio.logger,
            onServerRunning: { port in note("Scenewright listening on http://\(host):\(port)") })
    }
}
