import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Studio

/// How the HTTP server listens and behaves.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var settings: ServerSettings

    public init(host: String = "127.0.0.1", port: Int = 8080, settings: ServerSettings = ServerSettings()) {
        self.host = host
        self.port = port
        self.settings = settings
    }
}

/// Builds Scenewright's HTTP application: the router with every route and middleware.
public enum ContentServer {
    /// The router alone, for in-process tests.
    public static func router(studio: Studio, settings: ServerSettings = ServerSettings()) -> Router<AppRequestContext> {
        let router = Router(context: AppRequestContext.self)
        // CORS outermost, so error responses carry its headers too.
        if !settings.corsOrigins.isEmpty { router.add(middleware: CrossOriginMiddleware(origins: settings.corsOrigins)) }
        // Metrics outside the problem mapping, so they count the status clients receive.
        if settings.metrics != nil { router.add(middleware: MetricsMiddleware()) }
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: CompressionMiddleware())
        router.add(middleware: SecurityMiddleware(studio: studio, settings: settings))
        HealthRoutes(studio: studio, metrics: settings.metrics).register(on: router)
        CatalogRoutes(studio: studio).register(on: router)
        RecommendationRoutes(studio: studio).register(on: router)
        SceneRoutes(studio: studio).register(on: router)
        DialogueRoutes(studio: studio).register(on: router)
        TourRoutes(studio: studio).register(on: router)
        TourAudioRoutes(studio: studio).register(on: router)
        AmbienceRoutes(studio: studio).register(on: router)
        ViewerRoutes(studio: studio, settings: settings).register(on: router)
        return router
    }

    /// The whole application, ready to `runService()`.
    public static func application(
        studio: Studio, configuration: ServerConfiguration, logger: Logger,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: router(studio: studio, settings: configuration.settings),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Scenewright"),
            services: studio.services,
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
            logger: logger)
    }
}

extension ContentServer {
    /// Runs the server until SIGINT or SIGTERM; in-flight requests finish before it returns.
    public static func run(
        studio: Studio, configuration: ServerConfiguration, logger: Logger,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        let app = application(studio: studio, configuration: configuration, logger: logger, onServerRunning: onServerRunning)
        try await app.runService()
    }
}
