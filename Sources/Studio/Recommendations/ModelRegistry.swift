import Foundation

/// What one replica holds in memory for recommendations: the installed model, the catalog
/// index, and each user's feedback weights (the fold-in input) until they post new events or
/// are erased — on any replica, told by a notice.
actor ModelRegistry {
    private var snapshot: ModelSnapshot?
    /// The newest version seen published (installed or not).
    private(set) var latestKnownVersion = 0
    private var catalog: CatalogIndex?
    private var weightsCache: [String: [String: Float]] = [:]
    let cacheSize: Int

    init(cacheSize: Int) { self.cacheSize = cacheSize }

    func currentSnapshot() -> ModelSnapshot? { snapshot }

    /// Installs `fitted` (nil withdraws the model) unless a newer version is installed already.
    func install(_ fitted: ModelSnapshot?, version: Int) {
        guard version >= latestKnownVersion else { return }
        latestKnownVersion = version
        snapshot = fitted
    }

    /// Stops serving the installed model (it holds an erased user's events).
    func uninstall() { snapshot = nil }

    func currentCatalog() -> CatalogIndex? { catalog }

    func install(catalog: CatalogIndex) { self.catalog = catalog }

    /// Drops the film index, e.g. after an import; it is rebuilt on next use.
    func invalidateCatalog() { catalog = nil }

    func cachedWeights(user: String) -> [String: Float]? { weightsCache[user] }

    func cache(weights: [String: Float], user: String) {
        if weightsCache.count >= cacheSize { weightsCache.removeAll(keepingCapacity: true) }
        weightsCache[user] = weights
    }

    /// Forgets a user's cached weights (new events, or the user was erased).
    func forget(user: String) { weightsCache[user] = nil }

    /// Forgets every cached weight and the catalog index (notices may have been missed).
    func forgetAll() {
        weightsCache = [:]
        catalog = nil
    }
}
