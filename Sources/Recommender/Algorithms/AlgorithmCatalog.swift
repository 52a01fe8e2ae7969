/// Algorithms by name, with the configurations Scenewright uses: what `--algo` accepts.
/// Hyperparameters can be overridden by name (`lambda=300`, `factors=64`…), for tuning.
public enum AlgorithmCatalog {
    /// What a model is being chosen for.
    public enum Task: Sendable {
        /// Predicting star ratings.
        case rating
        /// Ranking items a user has not interacted with.
        case ranking
    }

    public static let names = ["popularity", "userknn", "itemknn", "biasedmf", "baselineknn", "blend", "als", "ease", "rp3beta", "easemix", "default"]

    /// A fresh, unfitted model; nil for an unknown name. `default` is the server's choice for the task.
    /// - Throws: ``RecommenderError`` for an unknown or malformed parameter.
    public static func make(_ name: String, task: Task, threads: Int = 0, parameters: [String: String] = [:]) throws -> (any Recommender)? {
        var reader = ParameterReader(parameters)
        let model: (any Recommender)?
        switch name {
        case "popularity":
            model = Popularity()
        case "userknn":
            model = UserKNN(.init(variant: .meanCentred, neighbours: try reader.int("neighbours", task == .rating ? 40 : 60), threads: threads))
        case "itemknn":
            model = ItemKNN(.init(neighbours: try reader.int("neighbours", 100), binary: try reader.bool("binary", task == .ranking), threads: threads))
        case "biasedmf":
            model = BiasedMF(try factorization(&reader))
        case "baselineknn":
            model = BaselineKNN(try neighbourhood(&reader, threads: threads))
        case "blend":
            model = RatingBlend(.init(factorization: try factorization(&reader), neighbourhood: try neighbourhood(&reader, threads: threads),
                                      holdoutFraction: try reader.float("holdout", 0.1)))
        case "als":
            let defaults = ImplicitALS.Configuration()
            model = ImplicitALS(.init(
                factors: try reader.int("factors", defaults.factors), regularization: try reader.float("regularization", defaults.regularization),
                alpha: try reader.float("alpha", defaults.alpha), iterations: try reader.int("iterations", defaults.iterations),
                conjugateGradientSteps: try reader.int("cgSteps", defaults.conjugateGradientSteps), seed: UInt64(try reader.int("seed", 42)), threads: threads))
        case "ease":
            model = EASE(.init(lambda: try reader.float("lambda", 500), userDegreeExponent: try reader.float("delta", 0), dropout: try reader.float("dropout", 0), binary: try reader.bool("binary", true), maxItems: try reader.int("maxItems", 0), threads: threads))
        case "rp3beta":
            model = RP3Beta(.init(alpha: try reader.float("alpha", 1), beta: try reader.float("beta", 0.5), neighbours: try reader.int("neighbours", 200), threads: threads))
        case "easemix":
            let partner = try reader.string("partner", "rp3beta")
            let share = try reader.float("share", 0.3)
            let ease = EASE(.init(lambda: try reader.float("lambda", 500), threads: threads))
            let other: any Recommender
            switch partner {
            case "rp3beta": other = RP3Beta(.init(alpha: try reader.float("alpha", 1), beta: try reader.float("beta", 0.5), neighbours: try reader.int("neighbours", 200), threads: threads))
            case "userknn": other = UserKNN(.init(variant: .meanCentred, neighbours: try reader.int("neighbours", 60), threads: threads))
            case "als": other = ImplicitALS(.init(threads: threads))
            case "itemknn": other = ItemKNN(.init(neighbours: try reader.int("neighbours", 100), threads: threads))
            default: throw RecommenderError("partner must be rp3beta, userknn, als or itemknn")
            }
            model = RankingBlend(name: "easemix", members: [ease, other], weights: [1 - share, share])
        case "default":
            if task == .rating { return try make("blend", task: task, threads: threads, parameters: parameters) }
            var tuned = ["lambda": "50", "delta": "0.5"]
            tuned.merge(parameters) { _, given in given }
            return try make("ease", task: task, threads: threads, parameters: tuned)
        default:
            return nil
        }
        try reader.finish()
        return model
    }

    private static func factorization(_ reader: inout ParameterReader) throws -> BiasedMF.Configuration {
        let d = BiasedMF.Configuration()
        return BiasedMF.Configuration(
            factors: try reader.int("factors", d.factors), epochs: try reader.int("epochs", d.epochs),
            learningRate: try reader.float("learningRate", d.learningRate), learningRateDecay: try reader.float("decay", d.learningRateDecay),
            regularization: try reader.float("regularization", d.regularization), biasRegularization: try reader.float("biasRegularization", d.biasRegularization),
            implicitFeedback: try reader.bool("implicit", d.implicitFeedback), initialDeviation: try reader.float("initialDeviation", d.initialDeviation),
            seed: UInt64(try reader.int("seed", Int(d.seed))))
    }

    private static func neighbourhood(_ reader: inout ParameterReader, threads: Int) throws -> BaselineKNN.Configuration {
        let d = BaselineKNN.Configuration()
        return BaselineKNN.Configuration(
            neighbours: try reader.int("neighbours", d.neighbours), shrinkage: try reader.float("shrinkage", d.shrinkage),
            userRegularization: try reader.float("userRegularization", d.userRegularization),
            itemRegularization: try reader.float("itemRegularization", d.itemRegularization), threads: threads)
    }
}

/// Reads typed hyperparameters from `key=value` strings and reports unknown keys.
struct ParameterReader {
    private let values: [String: String]
    private var used = Set<String>()

    init(_ values: [String: String]) { self.values = values }

    mutating func int(_ key: String, _ fallback: Int) throws -> Int {
        used.insert(key)
        guard let text = values[key] else { return fallback }
        guard let value = Int(text) else { throw RecommenderError("parameter \(key) must be an integer (got '\(text)')") }
        return value
    }

    mutating func float(_ key: String, _ fallback: Float) throws -> Float {
        used.insert(key)
        guard let text = values[key] else { return fallback }
        guard let value = Float(text), value.isFinite else { throw RecommenderError("parameter \(key) must be a number (got '\(text)')") }
        return value
    }

    mutating func string(_ key: String, _ fallback: String) throws -> String {
        used.insert(key)
        return values[key] ?? fallback
    }

    mutating func bool(_ key: String, _ fallback: Bool) throws -> Bool {
        used.insert(key)
        guard let text = values[key] else { return fallback }
        switch text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw RecommenderError("parameter \(key) must be true or false (got '\(text)')")
        }
    }

    func finish() throws {
        let unknown = Set(values.keys).subtracting(used)
        if !unknown.isEmpty { throw RecommenderError("unknown parameter(s): \(unknown.sorted().joined(separator: ", "))") }
    }
}
