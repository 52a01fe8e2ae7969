import Foundation
import Catalog
import Narrative

/// Why a tour cannot be planned or an edit cannot be accepted (the API answers 422 with it).
public struct TourError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// What a visitor (or a curator on their behalf) asks for.
public struct TourRequest: Sendable {
    public var museum: Museum
    public var profile: UserProfile
    public var userId: String?
    public var budgetMinutes: Double
    public var theme: String?
    public var mustInclude: [String]
    public var exclude: [String]
    public var seed: UInt64
    /// Time stops by their narration audio (the caller measures the clips: see ``NarrationTiming``).
    public var audio: Bool

    public init(
        museum: Museum, profile: UserProfile, userId: String?, budgetMinutes: Double, theme: String? = nil, mustInclude: [String] = [],
        exclude: [String] = [], seed: UInt64 = 1, audio: Bool = false
    ) {
        self.audio = audio
        self.museum = museum
        self.profile = profile
        self.userId = userId
        self.budgetMinutes = budgetMinutes
        self.theme = theme
        self.mustInclude = mustInclude
        self.exclude = exclude
        self.seed = seed
    }

    public static let budgetRange = 5.0...600.0

    var summary: Tour.Request {
        Tour.Request(
            userId: userId, audience: profile.audience, depth: profile.depth, pace: profile.pace,
            stepFree: profile.accessibility.contains(.stepFree), language: profile.language, budgetMinutes: budgetMinutes,
            theme: theme, mustInclude: mustInclude, exclude: exclude, seed: seed, audio: audio ? true : nil,
            audioDescription: profile.accessibility.contains(.audioDescription) ? true : nil)
    }
}

/// Plans tours: scores the exhibits for the visitor, times every walk and stop, and solves the
/// orienteering problem from the entrance to the exit within the budget.
public struct TourPlanner: Sendable {
    /// Local-search iterations (fixed, so a seed always gives the same tour).
    public static let iterations = 600

    public let library: GrammarLibrary

    public init(library: GrammarLibrary) {
        self.library = library
    }

    /// Plans a tour; `films` holds the catalog records of the museum's films, `taste` the
    /// recommender's 0–1 score for each for this visitor. Stops are timed by `timing`.
    public func plan(_ request: TourRequest, id: String, films: [String: Film], taste: [String: Double], timing: NarrationTiming = .words) throws -> Tour {
        let museum = request.museum
        guard TourRequest.budgetRange.contains(request.budgetMinutes) else {
            throw TourError("budgetMinutes must be between \(Int(TourRequest.budgetRange.lowerBound)) and \(Int(TourRequest.budgetRange.upperBound))")
        }
        let known = Set(museum.exhibits.map(\.id))
        for id in request.mustInclude + request.exclude where !known.contains(id) { throw TourError("museum \(museum.id) has no exhibit \(id)") }
        if let both = request.mustInclude.first(where: request.exclude.contains) { throw TourError("exhibit \(both) is both required and excluded") }

        let stepFree = request.profile.accessibility.contains(.stepFree)
        let graph = WalkingGraph(museum: museum, stepFree: stepFree)
        let assembler = try TourAssembler(museum: museum, graph: graph, profile: request.profile, library: library, films: films)
        let written = try assembler.narrations(seed: request.seed)
        let metres = graph.pointDistances()
        let speed = WalkingPace.metresPerMinute(request.profile)
        let n = graph.pointCount
        let fromEntrance = (0..<n).map { metres[graph.entrance * n + $0] }, toExit = (0..<n).map { metres[$0 * n + graph.exit] }

        var scores = [Double](repeating: 0, count: n), service = [Double](repeating: 0, count: n)
        var forbidden = Set<Int>(), required = Set<Int>()
        var values: [String: Double] = [:]
        for (index, exhibit) in museum.exhibits.enumerated() {
            let exhibitFilms = assembler.films(of: exhibit)
            let exclusion = ExhibitScoring.exclusion(exhibit, films: exhibitFilms, audience: request.profile.audience)
                ?? (fromEntrance[index] == .infinity || toExit[index] == .infinity ? "exhibit \(exhibit.id) cannot be reached without stairs" : nil)
            if request.mustInclude.contains(exhibit.id) {
                if let exclusion { throw TourError("cannot include \(exhibit.id): \(exclusion)") }
                required.insert(index)
            }
            if exclusion != nil || request.exclude.contains(exhibit.id) { forbidden.insert(index); continue }
            let value = ExhibitScoring.value(exhibit, films: exhibitFilms, profile: request.profile, taste: taste, theme: request.theme)
            values[exhibit.id] = value
            scores[index] = value
            service[index] = max(exhibit.dwellMinutes, timing.estimate(spoken: written[exhibit.id]?.text ?? ""))
        }
        // Walking minutes; unreachable pairs get a cost no route can pay.
        let costs = metres.map { $0 == .infinity ? 1e9 : $0 / speed }
        let problem = OrienteeringProblem(
            scores: scores, service: service, costs: costs, budget: request.budgetMinutes, start: graph.entrance, end: graph.exit,
            required: required, forbidden: forbidden)
        let solution: OrienteeringSolution
        do {
            solution = try OrienteeringSolver.solve(problem, options: .init(seed: request.seed, iterations: Self.iterations))
        } catch {
            switch error {
            case .requiredOverBudget(let needed, let budget):
                throw TourError("the required exhibits need at least \(Int(needed.rounded(.up))) minutes, over the budget of \(Int(budget)) minutes")
            case .startToEndOverBudget(let needed, let budget):
                throw TourError("walking from the entrance to the exit takes \(Int(needed.rounded(.up))) minutes, over the budget of \(Int(budget)) minutes")
            case .contradictory(let reason): throw TourError(reason)
            }
        }
        // The solver times stops and walks in unrounded minutes; the assembled tour times what it
        // really says and walks. Should that push it past the budget, drop the least valuable
        // optional stop until it fits.
        var route = Array(solution.route.dropFirst().dropLast())
        while true {
            let choices = route.map { TourAssembler.Choice(exhibitId: museum.exhibits[$0].id) }
            let tour = try assembler.assemble(
                id: id, version: 1, request: request.summary, choices: choices, values: values, seed: request.seed, origin: "planner", timing: timing)
            if tour.totalMinutes <= request.budgetMinutes { return tour }
            guard let drop = route.filter({ !required.contains($0) }).min(by: { scores[$0] < scores[$1] }) else {
                throw TourError(
                    "the required exhibits take \(String(format: "%.1f", tour.totalMinutes)) minutes as assembled, over the budget of \(Int(request.budgetMinutes)) minutes")
            }
            route.removeAll { $0 == drop }
        }
    }

    /// Re-times an author's edit of `tour` and checks it: every exhibit exists and suits the
    /// visitor, none repeats, every walk is possible (without stairs when required), and the
    /// whole tour fits the budget.
    public func edit(
        _ tour: Tour, museum: Museum, profile: UserProfile, choices: [TourAssembler.Choice], films: [String: Film], taste: [String: Double],
        timing: NarrationTiming = .words, checkBudget: Bool = true
    ) throws -> Tour {
        var seen = Set<String>()
        for choice in choices {
            guard let exhibit = museum.exhibit(choice.exhibitId) else { throw TourError("museum \(museum.id) has no exhibit \(choice.exhibitId)") }
            guard seen.insert(choice.exhibitId).inserted else { throw TourError("exhibit \(choice.exhibitId) appears twice") }
            if let reason = ExhibitScoring.exclusion(exhibit, films: exhibit.films.compactMap { films[$0] }, audience: profile.audience) { throw TourError(reason) }
            if let narration = choice.narration, narration.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || narration.count > 4000 {
                throw TourError("narration for \(choice.exhibitId) must be 1–4000 characters")
            }
        }
        let graph = WalkingGraph(museum: museum, stepFree: tour.request.stepFree)
        let index = Dictionary(uniqueKeysWithValues: museum.exhibits.enumerated().map { ($1.id, $0) })
        let sequence = [graph.entrance] + choices.map { index[$0.exhibitId]! } + [graph.exit]
        for (from, to) in zip(sequence, sequence.dropFirst()) where graph.walk(from: from, to: to) == nil {
            let name = { (node: Int) in node == graph.entrance ? "the entrance" : node == graph.exit ? "the exit" : museum.exhibits[node].id }
            throw TourError("there is no \(tour.request.stepFree ? "step-free " : "")way from \(name(from)) to \(name(to))")
        }
        var values: [String: Double] = [:]
        for choice in choices {
            let exhibit = museum.exhibit(choice.exhibitId)!
            values[exhibit.id] = ExhibitScoring.value(exhibit, films: exhibit.films.compactMap { films[$0] }, profile: profile, taste: taste, theme: tour.request.theme)
        }
        let assembler = try TourAssembler(museum: museum, graph: graph, profile: profile, library: library, films: films)
        let keypads = Dictionary(tour.stops.map { ($0.exhibitId, $0.keypadNumber) }, uniquingKeysWith: { first, _ in first })
        let edited = try assembler.assemble(
            id: tour.id, version: tour.version + 1, request: tour.request, choices: choices, values: values, seed: tour.request.seed, origin: "edit",
            timing: timing, keypads: keypads)
        if checkBudget && edited.totalMinutes > tour.request.budgetMinutes + 1e-6 {
            throw TourError("the edited tour takes \(String(format: "%.1f", edited.totalMinutes)) minutes, over the budget of \(Int(tour.request.budgetMinutes)) minutes")
        }
        return edited
    }

    /// The planned tour `id` (version 1) visiting `exhibits` in this order, without a budget
    /// check: for a caller re-timing a plan from measured audio, who drops stops itself.
    public func assemble(
        _ request: TourRequest, id: String, exhibits: [String], films: [String: Film], taste: [String: Double], timing: NarrationTiming
    ) throws -> Tour {
        let museum = request.museum
        let graph = WalkingGraph(museum: museum, stepFree: request.profile.accessibility.contains(.stepFree))
        let assembler = try TourAssembler(museum: museum, graph: graph, profile: request.profile, library: library, films: films)
        var values: [String: Double] = [:]
        for id in exhibits {
            guard let exhibit = museum.exhibit(id) else { throw TourError("museum \(museum.id) has no exhibit \(id)") }
            values[id] = ExhibitScoring.value(exhibit, films: assembler.films(of: exhibit), profile: request.profile, taste: taste, theme: request.theme)
        }
        return try assembler.assemble(
            id: id, version: 1, request: request.summary, choices: exhibits.map { TourAssembler.Choice(exhibitId: $0) }, values: values,
            seed: request.seed, origin: "planner", timing: timing)
    }
}
