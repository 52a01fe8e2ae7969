import Catalog
import Determinism
import Foundation
import Narrative
import Testing
import Tours

@Suite("Tour planning")
struct TourPlanningTests {
    /// Checks a planned or edited tour against its museum: entrance to exit, no repeats, only
    /// existing (and step-free when required) doors, within budget.
    static func violations(_ tour: Tour, museum: Museum, stepFree: Bool) -> [String] {
        var problems: [String] = []
        let ids = tour.stops.map(\.exhibitId)
        if Set(ids).count != ids.count { problems.append("an exhibit repeats") }
        if tour.totalMinutes > tour.request.budgetMinutes + 1e-6 { problems.append("over budget: \(tour.totalMinutes) > \(tour.request.budgetMinutes)") }
        let graph = WalkingGraph(museum: museum, stepFree: stepFree)
        let index = Dictionary(uniqueKeysWithValues: museum.exhibits.enumerated().map { ($1.id, $0) })
        let sequence = [graph.entrance] + ids.compactMap { index[$0] } + [graph.exit]
        if sequence.count != ids.count + 2 { problems.append("unknown exhibit") }
        let doorIds = Set(museum.doors.filter { !stepFree || $0.stepFree }.map(\.id))
        for (a, b) in zip(sequence, sequence.dropFirst()) {
            guard let walk = graph.walk(from: a, to: b) else { problems.append("no walk \(a)→\(b)"); continue }
            for door in walk.doors where !doorIds.contains(door.id) { problems.append("uses door \(door.id)") }
        }
        // The route drawn starts at the entrance and ends at the exit.
        if let first = tour.route.first?.points.first, let entrance = Optional(museum.entrance.point) {
            if hypot(first[0] - entrance.x, first[1] - entrance.z) > 0.01 { problems.append("route does not start at the entrance") }
        }
        if let last = tour.route.last?.points.last {
            if hypot(last[0] - museum.exit.point.x, last[1] - museum.exit.point.z) > 0.01 { problems.append("route does not end at the exit") }
        }
        for stop in tour.stops {
            let arrival = stop.arrivalMinute
            if arrival < 0 || arrival > tour.totalMinutes { problems.append("stop \(stop.number) arrives at \(arrival)") }
        }
        return problems
    }

    @Test("property: random museums and budgets give valid routes")
    func randomMuseums() throws {
        let films = try ToursFixture.catalog().films
        let filmIndex = try ToursFixture.films()
        let planner = try ToursFixture.planner()
        var random = SeededRandom(seed: 77)
        var planned = 0, infeasible = 0, stops = 0
        for round in 0..<120 {
            let museum = ToursFixture.randomMuseum(&random, films: films)
            try museum.validate()
            var profile = try ToursFixture.catalog().users[round % 10]
            if round % 3 == 0 { profile.accessibility.insert(.stepFree) }
            let budget = Double(random.nextInt(in: 5..<120))
            do {
                let tour = try planner.plan(
                    TourRequest(museum: museum, profile: profile, userId: profile.id, budgetMinutes: budget, seed: UInt64(round)),
                    id: "t", films: filmIndex, taste: [:])
                let problems = Self.violations(tour, museum: museum, stepFree: profile.accessibility.contains(.stepFree))
                #expect(problems.isEmpty, "round \(round): \(problems)")
                for stop in tour.stops {
                    let exhibit = try #require(museum.exhibit(stop.exhibitId))
                    #expect(exhibit.audience <= profile.audience, "round \(round): \(exhibit.id) is for \(exhibit.audience)")
                }
                planned += 1
                stops += tour.stops.count
            } catch let error as TourError {
                #expect(error.message.contains("over the budget"), "round \(round): \(error)")
                infeasible += 1
            }
        }
        print("tour property test: \(planned) planned (\(stops) stops), \(infeasible) infeasible budgets reported")
        #expect(planned > 80)
    }

    @Test("assembled tours never exceed their budget, not even by rounding", arguments: ["film-history-wing"])
    func assembledToursFitTheirBudget(_ museumId: String) throws {
        let museum = try ToursFixture.museum(museumId)
        let planner = try ToursFixture.planner()
        let films = try ToursFixture.films()
        var planned = 0
        for budget in stride(from: 10.0, through: 120.0, by: 2.5) {
            for (index, profile) in try ToursFixture.catalog().users.enumerated() where index % 3 == Int(budget) % 3 {
                guard let tour = try? planner.plan(
                    TourRequest(museum: museum, profile: profile, userId: profile.id, budgetMinutes: budget, seed: UInt64(budget * 10)),
                    id: "t", films: films, taste: [:])
                else { continue }
                #expect(tour.totalMinutes <= budget, "\(profile.id) at \(budget) min: \(tour.totalMinutes)")
                planned += 1
            }
        }
        #expect(planned > 100)
    }

    @Test("must-include, exclude, audience and budget errors are explained")
    func requestErrors() throws {
        let planner = try ToursFixture.planner()
        let films = try ToursFixture.films()
        let wing = try ToursFixture.museum("film-history-wing")
        let emma = try ToursFixture.user("emma")
        let adultOnly = try #require(wing.exhibits.first { $0.audience == .adult })
        #expect { try planner.plan(TourRequest(museum: wing, profile: emma, userId: "emma", budgetMinutes: 60, mustInclude: [adultOnly.id]), id: "t", films: films, taste: [:]) }
            throws: { ($0 as? TourError)?.message.contains("adult audiences") == true }
        #expect { try planner.plan(TourRequest(museum: wing, profile: emma, userId: "emma", budgetMinutes: 60, mustInclude: ["nope"]), id: "t", films: films, taste: [:]) }
            throws: { ($0 as? TourError)?.message.contains("no exhibit nope") == true }
        let far = wing.exhibits.filter { $0.audience == .child }
        #expect { try planner.plan(TourRequest(museum: wing, profile: emma, userId: "emma", budgetMinutes: 5, mustInclude: far.map(\.id)), id: "t", films: films, taste: [:]) }
            throws: { ($0 as? TourError)?.message.contains("over the budget") == true }
        #expect { try planner.plan(TourRequest(museum: wing, profile: emma, userId: "emma", budgetMinutes: 2), id: "t", films: films, taste: [:]) }
            throws: { ($0 as? TourError)?.message.contains("budgetMinutes") == true }
        let tour = try planner.plan(TourRequest(museum: wing, profile: emma, userId: "emma", budgetMinutes: 60, exclude: [far[0].id]), id: "t", films: films, taste: [:])
        #expect(!tour.stops.contains { $0.exhibitId == far[0].id })
        #expect(tour.stops.allSatisfy { wing.exhibit($0.exhibitId)!.audience == .child })
    }

    @Test("the same request gives the same tour, byte for byte")
    func deterministic() throws {
        let planner = try ToursFixture.planner()
        let films = try ToursFixture.films()
        let hall = try ToursFixture.museum("grand-hall")
        let ada = try ToursFixture.user("ada")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let a = try planner.plan(TourRequest(museum: hall, profile: ada, userId: "ada", budgetMinutes: 90, seed: 4), id: "t", films: films, taste: [:])
        let b = try planner.plan(TourRequest(museum: hall, profile: ada, userId: "ada", budgetMinutes: 90, seed: 4), id: "t", films: films, taste: [:])
        #expect(try encoder.encode(a) == encoder.encode(b))
        #expect(Self.violations(a, museum: hall, stepFree: false).isEmpty)
    }

    @Test("scripts differ by profile: children short, scholars rich; all grounded")
    func scripts() throws {
        let planner = try ToursFixture.planner()
        let films = try ToursFixture.films()
        let wing = try ToursFixture.museum("film-history-wing")
        let lexicon = try ToursFixture.library().grammars["narration.en"]!.lexicon
        var words: [InterestDepth: Double] = [:]
        var sentenceLength: [String: Double] = [:]
        for user in ["emma", "ben", "ada"] {
            let profile = try ToursFixture.user(user)
            let tour = try planner.plan(TourRequest(museum: wing, profile: profile, userId: user, budgetMinutes: 45), id: "t", films: films, taste: [:])
            #expect(!tour.stops.isEmpty)
            let narrations = tour.stops.map(\.narration)
            words[profile.depth] = Double(narrations.map { Sentences.words($0).count }.reduce(0, +)) / Double(narrations.count)
            let sentences = narrations.flatMap(Sentences.split)
            sentenceLength[user] = Double(sentences.map { Sentences.words($0).count }.reduce(0, +)) / Double(sentences.count)
            for stop in tour.stops {
                #expect(!stop.directions.isEmpty && !stop.transcript.isEmpty && !stop.altText.isEmpty, "stop \(stop.number)")
                #expect(stop.transcript.hasPrefix("Stop \(stop.number): "))
                let film = films[wing.exhibit(stop.exhibitId)!.films[0]]!
                let sources = [stop.title, stop.roomName, wing.name] + wing.rooms.map(\.name) + wing.floors.map(\.name)
                let missing = GroundingCheck.ungroundedWords(in: [stop.transcript, stop.altText], film: film, profile: profile, lexicon: lexicon)
                    .filter { word in !sources.contains { $0.contains(word) } && !wing.exhibits.contains { $0.title.contains(word) } }
                #expect(missing.isEmpty, "\(user) stop \(stop.number): \(missing)")
                if profile.audience == .child { #expect(ContentAdvisory.matureTermsUsed(in: stop.narration).isEmpty) }
                #expect(abs(stop.narrationMinutes - Double(Sentences.words(stop.narration).count) / 130) < 0.01)
            }
        }
        print("tour narration words per stop: \(words); words per sentence: \(sentenceLength)")
        #expect(words[.scholar]! > words[.casual]!)
        #expect(sentenceLength["emma"]! < sentenceLength["ben"]!)
        #expect(sentenceLength["emma"]! <= 12)
    }

    @Test("edits are re-timed and checked; an edit over budget is refused")
    func edits() throws {
        let planner = try ToursFixture.planner()
        let films = try ToursFixture.films()
        let wing = try ToursFixture.museum("film-history-wing")
        let ben = try ToursFixture.user("ben")
        let tour = try planner.plan(TourRequest(museum: wing, profile: ben, userId: "ben", budgetMinutes: 30), id: "t", films: films, taste: [:])
        // Drop the last stop and visit the rest in reverse order.
        var choices = tour.stops.dropLast().map { TourAssembler.Choice(exhibitId: $0.exhibitId) }
        choices.reverse()
        choices[0].narration = "A curator's own words about this exhibit."
        let edited = try planner.edit(tour, museum: wing, profile: ben, choices: choices, films: films, taste: [:])
        #expect(edited.version == 2 && edited.origin == "edit")
        #expect(edited.stops.map(\.exhibitId) == choices.map(\.exhibitId))
        #expect(edited.stops[0].narration == "A curator's own words about this exhibit." && edited.stops[0].narrationEdited)
        let everything = wing.exhibits.map { TourAssembler.Choice(exhibitId: $0.id) }
        #expect { try planner.edit(tour, museum: wing, profile: ben, choices: everything, films: films, taste: [:]) }
            throws: { ($0 as? TourError)?.message.contains("over the budget") == true }
        #expect { try planner.edit(tour, museum: wing, profile: ben, choices: choices + [choices[0]], films: films, taste: [:]) }
            throws: { ($0 as? TourError)?.message.contains("twice") == true }
    }
}
