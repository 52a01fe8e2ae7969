import Foundation
import Logging
import ServiceLifecycle
import Store

/// The recommender's background work, run as a ServiceLifecycle `Service` beside the HTTP
/// server (it starts and stops with it): installs what other replicas publish, drops cached
/// weights when any replica records events or erases a user, and refits when enough new
/// events are pending — woken by requests, by notices, and every `interval` in case a notice
/// was missed.
public struct RefitService: Service {
    let recommendations: RecommendationService
    let interval: Duration

    init(recommendations: RecommendationService, interval: Duration = .seconds(2)) {
        self.recommendations = recommendations
        self.interval = interval
    }

    public func run() async throws {
        let fitter = recommendations.fitter
        let notices = await recommendations.storage.coordinator.notices()
        await withDiscardingTaskGroup { group in
            group.addTask {
                for await notice in notices.cancelOnGracefulShutdown() { await handle(notice) }
            }
            group.addTask {
                for await _ in fitter.requestStream.cancelOnGracefulShutdown() { await fitter.refitIfDue() }
            }
            group.addTask {
                while !Task.isCancelled && !Task.isShuttingDownGracefully {
                    try? await Task.sleep(for: interval)
                    await refresh()
                }
            }
            try? await gracefulShutdown()
            group.cancelAll()
        }
    }

    private func refresh() async {
        do {
            try await recommendations.fitter.installLatest()
        } catch {
            recommendations.logger.warning("could not install the published model", metadata: ["error": "\(error)"])
        }
        await recommendations.fitter.refitIfDue()
    }

    private func handle(_ notice: ReplicaNotice) async {
        let registry = recommendations.registry
        switch notice {
        case .eventsRecorded(let user): await registry.forget(user: user)
        case .userErased(let user):
            await registry.forget(user: user)
            try? await recommendations.fitter.forgetErased(user: user)
        case .catalogChanged: await registry.invalidateCatalog()
        case .modelPublished: await refresh()
        case .resynchronise:
            await registry.forgetAll()
            await refresh()
        }
    }
}
