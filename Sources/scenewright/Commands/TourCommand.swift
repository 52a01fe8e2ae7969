import ArgumentParser
import Foundation
import Studio
import Tours

/// `scenewright tour plan …` and `scenewright tour solve-op FILE`.
struct TourCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tour",
        abstract: "Plan museum tours, or run the route planner on an Orienteering Problem benchmark file.",
        subcommands: [Plan.self, SolveOP.self])

    /// `scenewright tour plan --museum ID --user ID --minutes 45 --out DIR`.
    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Plan a tour and write tour.json, script.md, tour.glb, tour.usdz and map.png (one map per floor the tour visits).")

        @OptionGroup var data: DataOptions

        @Option(help: "Museum id (see Assets/museums).")
        var museum: String

        @Option(help: "Plan for this user's profile and taste.")
        var user: String

        @Option(help: "Time budget in minutes (5–600).")
        var minutes: Double

        @Option(help: "Favour exhibits matching this theme (a tag, genre or keyword).")
        var theme: String?

        @Option(name: .customLong("include"), help: "An exhibit id the tour must visit (repeatable).")
        var mustInclude: [String] = []

        @Option(help: "An exhibit id the tour must skip (repeatable).")
        var exclude: [String] = []

        @Option(help: "Seed for the planner.")
        var seed: UInt64 = 1

        @Option(help: "Directory to write the files to (created if missing).")
        var out: String

        func run() async throws {
            let studio = try await data.openStudio()
            try await studio.seedIfEmpty()
            let (tour, _) = try await studio.tours.planTour(TourPlanRequest(
                museumId: museum, userId: user, budgetMinutes: minutes, theme: theme, mustInclude: mustInclude, exclude: exclude, seed: seed))
            let directory = URL(fileURLWithPath: out)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            try encoder.encode(tour).write(to: directory.appendingPathComponent("tour.json"))
            try Data(TourMarkdown.render(tour).utf8).write(to: directory.appendingPathComponent("script.md"))
            try await studio.tours.glb(id: tour.id).bytes.write(to: directory.appendingPathComponent("tour.glb"))
            try await studio.tours.usdz(id: tour.id).bytes.write(to: directory.appendingPathComponent("tour.usdz"))
            let museumPlan = try await studio.museums.museum(id: tour.museumId)
            let floors = Set([museumPlan.floor(of: museumPlan.entrance.room)] + tour.stops.map(\.floor)).sorted()
            var maps: [String] = []
            for floor in floors {
                let name = floors.count == 1 ? "map.png" : "map-floor-\(floor).png"
                try await studio.tours.map(TourMapRequest(tourId: tour.id, floor: floor)).bytes.write(to: directory.appendingPathComponent(name))
                maps.append(name)
            }
            print("tour \(tour.id): \(tour.stops.count) stops, \(String(format: "%.1f", tour.totalMinutes)) of \(Int(minutes)) minutes")
            note("wrote tour.json, script.md, tour.glb, tour.usdz and \(maps.joined(separator: ", ")) to \(directory.path)")
        }
    }

    /// `scenewright tour solve-op FILE [--time-limit-ms N]`.
    struct SolveOP: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "solve-op",
            abstract: "Solve an Orienteering Problem file in the standard benchmark format and print the route as JSON.",
            discussion: """
                Format: line 1 'Tmax P' (P ignored); then one 'x y score' per line, tab- or space-separated. The first \
                point is the start, the second the end; distances are unrounded Euclidean. Prints \
                {"score":…,"length":…,"route":[0-based indices],"ms":…}. Without --time-limit-ms the planner runs a fixed \
                number of iterations and is deterministic; with it, it searches until the limit.
                """)

        @Argument(help: "The instance file.")
        var file: String

        @Option(help: "Search for this many milliseconds instead of the default fixed number of iterations.")
        var timeLimitMs: Int?

        @Option(help: "Seed for the planner.")
        var seed: UInt64 = 1

        func validate() throws {
            if let timeLimitMs, timeLimitMs < 1 || timeLimitMs > 3_600_000 { throw ValidationError("--time-limit-ms must be between 1 and 3600000") }
        }

        func run() throws {
            let text: String
            do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
                throw CommandFailure("cannot read \(file): \(error.localizedDescription)")
            }
            let problem: OrienteeringProblem
            do { problem = try OPFormat.parse(text).problem } catch { throw CommandFailure("\(file): \(error)") }
            var options = OrienteeringSolver.Options(seed: seed)
            if let timeLimitMs {
                options.iterations = Int.max
                options.timeLimit = .milliseconds(timeLimitMs)
            }
            let clock = ContinuousClock()
            let started = clock.now
            let solution = try OrienteeringSolver.solve(problem, options: options)
            let elapsed = clock.now - started
            let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) * 1e-15
            print(#"{"score":\#(format(solution.score)),"length":\#(format(solution.length)),"route":[\#(solution.route.map(String.init).joined(separator: ","))],"ms":\#(String(format: "%.1f", ms))}"#)
        }

        func format(_ value: Double) -> String {
            value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%.6f", value)
        }
    }
}

/// A failure to report as `Error: …` with exit status 1 (not a usage error).
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
