import Catalog
import Determinism
import Foundation
import Narrative

/// Turns an ordered list of exhibits into a ``Tour``: times every walk and stop, writes the
/// narration (unless an author wrote it), the directions from each stop to the next and the
/// transitions, and traces the route. Used for planned tours and for every edit.
public struct TourAssembler: Sendable {
    /// Narration is timed at this speaking rate.
    public static let wordsPerMinute = 130.0

    public let museum: Museum
    public let graph: WalkingGraph
    public let profile: UserProfile
    public let grammar: Grammar
    public let language: LanguageChoice
    /// Catalog films by id (those the museum's exhibits are about).
    public let films: [String: Film]

    public init(museum: Museum, graph: WalkingGraph, profile: UserProfile, library: GrammarLibrary, films: [String: Film]) throws(GrammarError) {
        self.museum = museum
        self.graph = graph
        self.profile = profile
        (grammar, language) = try library.grammar("narration", language: profile.language)
        self.films = films
    }

    var speed: Double { WalkingPace.metresPerMinute(profile) }

    /// The films an exhibit is about that the catalog has.
    func films(of exhibit: Exhibit) -> [Film] { exhibit.films.compactMap { films[$0] } }

    /// The narration for every exhibit, written once per tour request (its length times the stop).
    func narrations(seed: UInt64) throws(GrammarError) -> [String: (text: String, facts: [String])] {
        var result: [String: (text: String, facts: [String])] = [:]
        let writer = StopNarration(grammar: grammar, profile: profile)
        for exhibit in museum.exhibits {
            var expander = Expander(grammar: grammar, seed: SeededRandom(seed: seed).derivedSeed("stop:" + exhibit.id))
            result[exhibit.id] = try writer.write(exhibit, films: films(of: exhibit), expander: &expander)
        }
        return result
    }

    /// A stop as the author or planner gives it: the exhibit, and narration an author wrote.
    public struct Choice: Sendable {
        public var exhibitId: String
        public var narration: String?
        public init(exhibitId: String, narration: String? = nil) {
            self.exhibitId = exhibitId
            self.narration = narration
        }
    }

    /// Assembles the tour; `values` are the exhibits' values for this visitor. Stops are timed
    /// by `timing`; `keypads` holds the keypad numbers of an earlier version's stops, which the
    /// same exhibits keep (new stops get numbers no stop of it used).
    public func assemble(
        id: String, version: Int, request: Tour.Request, choices: [Choice], values: [String: Double], seed: UInt64, origin: String,
        timing: NarrationTiming = .words, keypads: [String: Int] = [:]
    ) throws(GrammarError) -> Tour {
        let written = try narrations(seed: seed)
        var expander = Expander(grammar: grammar, seed: SeededRandom(seed: seed).derivedSeed("tour"))
        let index = Dictionary(uniqueKeysWithValues: museum.exhibits.enumerated().map { ($1.id, $0) })
        let points = choices.map { index[$0.exhibitId]! }
        let sequence = [graph.entrance] + points + [graph.exit]
        var base = GrammarInputs(attributes: ["audience": profile.audience.rawValue, "depth": profile.depth.rawValue])
        base.bind("museum", Fact(museum.name, source: "museum.name"))

        var stops: [Tour.Stop] = []
        var route: [Tour.RouteLeg] = []
        var walks: [Double] = []
        var toExit = ""
        let describer = request.audioDescription == true ? AudioDescription(museum: museum) : nil
        var nextKeypad = (keypads.values.max() ?? 0) + 1
        for step in 1..<sequence.count {
            let from = sequence[step - 1], to = sequence[step]
            let walk = graph.walk(from: from, to: to)
            let minutes = ((walk?.metres ?? 0) / speed * 100).rounded() / 100
            for leg in walk?.legs ?? [] {
                route.append(Tour.RouteLeg(floor: leg.floor, points: leg.points.map { [Self.round($0.x), Self.round($0.z)] }, toStop: to == graph.exit ? 0 : step))
            }
            // Directions are read at the point walked from: the previous stop, or the entrance.
            let heading = step >= 2 ? position(sequence[step - 2]) : nil
            let directions = try self.directions(walk: walk, from: from, to: to, heading: heading, expander: &expander)
            if step >= 2 {
                stops[step - 2].directions = directions
                stops[step - 2].walkMinutesToNext = minutes
                let transition: String
                if to == graph.exit {
                    transition = try expander.expand("transitionExit", base).text
                } else {
                    let next = museum.exhibits[to]
                    transition = try expander.expand("transitionNext", base.binding("nextTitle", [Fact(next.title, source: "exhibit.title")])).text
                }
                stops[step - 2].transition = transition
            }
            if to == graph.exit { toExit = directions }
            walks.append(minutes)
            guard to != graph.exit else { break }

            let exhibit = museum.exhibits[to]
            let choice = choices[step - 1]
            let narration = choice.narration ?? written[exhibit.id]?.text ?? ""
            let sources = choice.narration == nil ? written[exhibit.id]?.facts ?? [] : []
            let room = museum.room(exhibit.room)
            var description: String?
            if let describer {
                // The way the visitor walks in: the route's last bend before the exhibit.
                let arrival = walk?.legs.last?.points.dropLast().last ?? position(from)
                let placement = describer.placement(of: exhibit, arrivingFrom: arrival)
                var inputs = base.binding("exhibit", [Fact(exhibit.title, source: "exhibit.title")])
                inputs.bind("room", Fact(room?.name ?? exhibit.room, source: "room.name"))
                inputs.bind("kind", word: placement.kind)
                inputs.bind("placement", word: placement.placement)
                inputs.bind("facing", word: placement.facing)
                description = try expander.expand("stopDescription", inputs).text
            }
            let keypad: Int
            if let kept = keypads[exhibit.id] {
                keypad = kept
            } else {
                keypad = nextKeypad
                nextKeypad += 1
            }
            let firstFilm = films(of: exhibit).first
            var alt = base
            alt.bind("exhibit", Fact(exhibit.title, source: "exhibit.title"))
            alt.bind("room", Fact(room?.name ?? exhibit.room, source: "room.name"))
            if let firstFilm, profile.audience != .child || !ContentAdvisory.isMature(firstFilm.title) {
                alt.bind("title", Fact(firstFilm.title, source: "film.title"))
            }
            stops.append(Tour.Stop(
                number: step, keypad: keypad, exhibitId: exhibit.id, title: exhibit.title, roomId: exhibit.room, roomName: room?.name ?? exhibit.room,
                floor: room?.floor ?? 0, position: [Self.round(exhibit.point.x), Self.round(exhibit.point.z)],
                arrivalMinute: 0, dwellMinutes: exhibit.dwellMinutes, narrationMinutes: 0, stopMinutes: 0, narration: narration,
                description: description, transcript: "", altText: try expander.expand("stopAltText", alt).text,
                directions: "", transition: "", walkMinutesToNext: 0, value: values[exhibit.id] ?? 0, narrationEdited: choice.narration != nil,
                facts: sources.compactMap { source in factText(source, exhibit: exhibit).map { Fact($0, source: source) } }))
        }
        for index in stops.indices {
            let stop = stops[index]
            let heading = try expander.expand("stopIntro", base.binding("number", [Fact(String(stop.number), source: "tour.stops")]).binding("exhibit", [Fact(stop.title, source: "exhibit.title")])).text
            stops[index].transcript = [stop.description ?? "", heading, stop.narration, stop.directions, stop.transition].filter { !$0.isEmpty }.joined(separator: " ")
        }
        // Timing, once every stop's words are known: walk, stop, walk, …, walk to the exit.
        var clock = 0.0, walking = 0.0, atStops = 0.0
        for index in stops.indices {
            clock += walks[index]
            walking += walks[index]
            let spoken = [stops[index].description ?? "", stops[index].narration].filter { !$0.isEmpty }.joined(separator: " ")
            let narrationMinutes = timing.minutes(spoken: spoken, transcript: stops[index].transcript)
            let stopMinutes = max(stops[index].dwellMinutes, narrationMinutes)
            stops[index].arrivalMinute = (clock * 100).rounded() / 100
            stops[index].narrationMinutes = narrationMinutes
            stops[index].narrationSeconds = timing.seconds(transcript: stops[index].transcript)
            stops[index].stopMinutes = stopMinutes
            clock += stopMinutes
            atStops += stopMinutes
        }
        for walk in walks.dropFirst(stops.count) {
            clock += walk
            walking += walk
        }
        let total = (clock * 100).rounded() / 100
        var intro = base
        intro.bind("count", Fact(String(stops.count), source: "tour.stops"))
        intro.bind("minutes", Fact(String(Int(total.rounded())), source: "tour.totalMinutes"))
        return Tour(
            id: id, version: version, museumId: museum.id, museumName: museum.name, request: request, language: language,
            wordsPerMinute: timing.byAudio ? (timing.measuredWordsPerMinute.map { ($0 * 10).rounded() / 10 } ?? timing.wordsPerMinute) : Self.wordsPerMinute,
            timedBy: timing.byAudio ? "audio" : nil, intro: try expander.expand("tourIntro", intro).text, stops: stops, toExit: toExit,
            outro: try expander.expand("tourOutro", base).text, walkingMinutes: (walking * 100).rounded() / 100,
            stopMinutes: (atStops * 100).rounded() / 100, totalMinutes: total,
            score: (stops.reduce(0) { $0 + $1.value } * 100).rounded() / 100, route: route, origin: origin)
    }

    static func round(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

    private func position(_ node: Int) -> PlanPoint { graph.positions[node].point }

    /// The text of a fact source a narration cited (`film[id].title`, `exhibit.title`, …).
    func factText(_ source: String, exhibit: Exhibit) -> String? {
        if source == "exhibit.title" { return exhibit.title }
        guard source.hasPrefix("film["), let close = source.firstIndex(of: "]") else { return nil }
        let id = String(source[source.index(source.startIndex, offsetBy: 5)..<close])
        guard let film = films[id] else { return nil }
        let field = String(source[source.index(after: close)...])
        func indexed(_ prefix: String) -> Int? {
            guard field.hasPrefix(prefix + "["), let end = field.firstIndex(of: "]") else { return nil }
            return Int(field[field.index(field.startIndex, offsetBy: prefix.count + 1)..<end])
        }
        switch true {
        case field == ".title": return film.title
        case field == ".year": return film.year.map(String.init)
        case field == ".synopsis.sentences[0]": return Sentences.split(film.synopsis ?? "").first
        case field.hasPrefix(".directors"): return indexed(".directors").flatMap { film.directors.indices.contains($0) ? film.directors[$0] : nil }
        case field.hasPrefix(".keywords"): return indexed(".keywords").flatMap { film.keywords.indices.contains($0) ? film.keywords[$0] : nil }
        case field.hasPrefix(".settings"): return indexed(".settings").flatMap { film.settings.indices.contains($0) ? film.settings[$0] : nil }
        case field.hasPrefix(".cast"): return indexed(".cast").flatMap { film.cast.indices.contains($0) ? film.cast[$0].person : nil }
        default: return nil
        }
    }

    // MARK: - Directions

    /// "Go through the door on your left into the Noir Room. Then go on into …"
    func directions(walk: Walk?, from: Int, to: Int, heading previous: PlanPoint?, expander: inout Expander) throws(GrammarError) -> String {
        guard let walk else { return "" }
        let here = position(from)
        let forward = previous.map { here - $0 } ?? PlanPoint(0, -1)
        var inputs = GrammarInputs(attributes: ["audience": profile.audience.rawValue, "depth": profile.depth.rawValue])
        var currentRoom = roomId(of: from)
        guard let first = walk.doors.first else {
            inputs.bind("metres", Fact(String(Int(walk.metres.rounded())), source: "tour.route"))
            inputs.bind("side", word: Self.side(of: position(to), from: here, facing: forward))
            return try expander.expand(to == graph.exit ? "dirExitSameRoom" : "dirSameRoom", inputs).text
        }
        var sentences: [String] = []
        for (index, door) in walk.doors.enumerated() {
            let entered = door.rooms.first { $0 != currentRoom } ?? door.rooms[0]
            var bound = inputs
            bound.bind("room", Fact(museum.room(entered)?.name ?? entered, source: "room.name"))
            if index == 0 {
                bound.bind("side", word: Self.side(of: first.point, from: here, facing: forward))
                switch door.kind {
                case .door: sentences.append(try expander.expand("dirDoor", bound).text)
                case .opening: sentences.append(try expander.expand("dirOpening", bound).text)
                case .stairs, .lift:
                    let level = museum.room(entered)?.floor ?? 0
                    bound.bind("floorName", Fact(museum.floors.first { $0.level == level }?.name ?? "floor \(level)", source: "floor.name"))
                    sentences.append(try expander.expand(door.kind == .stairs ? "dirStairs" : "dirLift", bound).text)
                }
            } else if door.isVertical {
                let level = museum.room(entered)?.floor ?? 0
                bound.bind("floorName", Fact(museum.floors.first { $0.level == level }?.name ?? "floor \(level)", source: "floor.name"))
                sentences.append(try expander.expand(door.kind == .stairs ? "dirStairs" : "dirLift", bound).text)
            } else {
                sentences.append(try expander.expand(index == walk.doors.count - 1 ? "dirInto" : "dirThrough", bound).text)
            }
            currentRoom = entered
        }
        return sentences.joined(separator: " ")
    }

    private func roomId(of node: Int) -> String {
        if node < museum.exhibits.count { return museum.exhibits[node].room }
        return node == graph.entrance ? museum.entrance.room : museum.exit.room
    }

    /// "on your left", "on your right", "straight ahead", "behind you" — relative to the way the
    /// visitor faces (plan coordinates: x to the right, z down the map).
    static func side(of target: PlanPoint, from here: PlanPoint, facing forward: PlanPoint) -> String {
        let direction = target - here
        let f = (forward.x * forward.x + forward.z * forward.z).squareRoot(), d = (direction.x * direction.x + direction.z * direction.z).squareRoot()
        guard f > 1e-9, d > 1e-9 else { return "straight ahead" }
        let cosine = (forward.x * direction.x + forward.z * direction.z) / (f * d)
        let cross = forward.x * direction.z - forward.z * direction.x
        if cosine > 0.8 { return "straight ahead" }
        if cosine < -0.8 { return "behind you" }
        return cross > 0 ? "on your right" : "on your left"
    }
}
