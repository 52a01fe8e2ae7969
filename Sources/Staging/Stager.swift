import Catalog
import Determinism
import Foundation
import Narrative
import SceneGraph

/// A staged film: the semantic document and the scene graph it describes.
public struct StagedScene: Sendable {
    public var document: SceneDocument
    public var scene: Scene
}

/// Stages a film as an interactive room: film + visitor profile + seed → scene. A pure
/// function of its inputs and the data folders: the same inputs give the same scene.
public struct Stager: Sendable {
    /// Changes whenever generation changes, so artifact ids change with it.
    public static let generatorVersion = "scenewright-staging/6"

    public let library: ArchetypeLibrary
    public let cardWriter: HotspotCardWriter
    public let textPanels: TextPanelRenderer

    public init(library: ArchetypeLibrary, cardWriter: HotspotCardWriter, textPanels: TextPanelRenderer) {
        self.library = library
        self.cardWriter = cardWriter
        self.textPanels = textPanels
    }

    /// Loads `Scenes/`, `Assets/props/`, the hotspot grammar from `Assets/grammars/` and the
    /// label font from `Assets/fonts/` (beside the props folder).
    public static func load(scenes: URL, props: URL, grammars: URL) throws -> Stager {
        try load(scenes: scenes, props: props, grammars: try GrammarLibrary(directory: grammars))
    }

    /// Uses grammars already loaded.
    public static func load(scenes: URL, props: URL, grammars: GrammarLibrary) throws -> Stager {
        Stager(
            library: try ArchetypeLibrary.load(scenes: scenes, props: props), cardWriter: try HotspotCardWriter(library: grammars),
            textPanels: try TextPanelRenderer.load(fonts: props.deletingLastPathComponent().appendingPathComponent("fonts")))
    }

    /// Affinity of every archetype for the film, best first; ties keep data order.
    public func archetypeScores(for film: Film) -> [(archetype: Archetype, score: Float)] {
        let keywords = film.keywords.map { $0.lowercased() }
        let settings = film.settings.map { $0.lowercased() }
        return library.archetypes.map { archetype in
            var score: Float = 0
            for genre in film.genres { score += archetype.affinities.genres[genre.rawValue] ?? 0 }
            for (key, weight) in archetype.affinities.keywords.sorted(by: { $0.key < $1.key }) {
                if keywords.contains(where: { $0 == key || $0.contains(key) || key.contains($0) }) { score += weight }
            }
            for (key, weight) in archetype.affinities.settings.sorted(by: { $0.key < $1.key }) {
                if settings.contains(where: { $0.contains(key) }) { score += weight }
            }
            return (archetype, score)
        }.sorted { $0.score > $1.score }
    }

    /// Stages `film` for `profile`.
    /// - Parameters:
    ///   - id: the scene's artifact id (computed by the caller from the canonical inputs).
    ///   - dialogueRef: the dialogue id for a character, when dialogues are available.
    /// - Throws: a ``GrammarError`` only if a grammar file is broken in a way the grammar check
    ///   cannot see (the shipped ones are swept by the tests).
    public func stage(
        film: Film, profile: UserProfile, seed: UInt64, id: String, dialogueRef: (String) -> String? = { _ in nil }
    ) throws(GrammarError) -> StagedScene {
        let root = SeededRandom(seed: seed)
        var random = root.derived("archetype")
        let scores = archetypeScores(for: film)
        let best = scores.first!.score
        let tied = scores.filter { $0.score == best }
        let chosen = tied.count == 1 ? tied[0] : random.pick(tied)!
        let archetype = chosen.archetype

        // What the profile allows and wants.
        let child = profile.audience == .child
        let stepFree = profile.accessibility.contains(.stepFree)
        var excluded: [DroppedItem] = []
        func allowed(_ prop: CompositeProp) -> String? {
            if child, let tag = prop.tags.first(where: { $0 == "weapon" || $0 == "scary" }) { return "tagged \(tag): not staged for children" }
            if stepFree && prop.tags.contains("step") { return "a raised platform: left out for step-free access" }
            return nil
        }
        var cardRandom = root.derived("cards")
        let cards = try cardWriter.cards(for: film, profile: profile, seed: cardRandom.next())
        let characterLimit = profile.depth == .casual ? 3 : 4
        let characters = Array(film.principalCharacterNames.filter { name in !child || !ContentAdvisory.isMature(film.character(named: name)?.description ?? "") }.prefix(characterLimit))

        // Layout.
        let w = archetype.room.width, d = archetype.room.depth
        let roomRect = Footprint(minX: -w / 2, minZ: -d / 2, maxX: w / 2, maxZ: d / 2)
        let spawn = (x: Float(0), z: d / 2 - 1.2)
        let entranceZone = Footprint(minX: -1.0, minZ: d / 2 - 2.2, maxX: 1.0, maxZ: d / 2)
        let windows = (archetype.windows ?? []).map { window -> Footprint in
            let length = (window.wall == .left || window.wall == .right) ? d : w
            let center = -length / 2 + window.at * length
            switch window.wall {
            case .back: return Footprint(minX: center - window.width / 2, minZ: -d / 2, maxX: center + window.width / 2, maxZ: -d / 2 + 0.3)
            case .front: return Footprint(minX: center - window.width / 2, minZ: d / 2 - 0.3, maxX: center + window.width / 2, maxZ: d / 2)
            case .left: return Footprint(minX: -w / 2, minZ: center - window.width / 2, maxX: -w / 2 + 0.3, maxZ: center + window.width / 2)
            case .right: return Footprint(minX: w / 2 - 0.3, minZ: center - window.width / 2, maxX: w / 2, maxZ: center + window.width / 2)
            }
        }
        var solver = LayoutSolver(room: roomRect, enclosure: archetype.room.enclosure, spawn: spawn, reserved: [entranceZone], wallReserved: windows, random: root.derived("layout"))
        var counters: [String: Int] = [:]
        func nextId(_ propId: String) -> String {
            counters[propId, default: 0] += 1
            return "\(propId)-\(counters[propId]!)"
        }
        func placeRules(_ rules: [Archetype.PropRule], attempts: Int) {
            for rule in rules {
                // A wall piece where the walls stop below it is set up on posts, before it is placed.
                guard let prop = library.props.props[rule.prop]?.carried(byWallsOfHeight: archetype.room.wallHeight) else { continue }
                for _ in 0..<rule.count {
                    let id = nextId(rule.prop)
                    if let reason = allowed(prop) { excluded.append(DroppedItem(item: id, reason: reason)); continue }
                    solver.place(prop, rule: rule, id: id, maxAttempts: attempts)
                }
            }
        }
        placeRules(archetype.props.filter(\.isRequired), attempts: 150)
        // Every room offers somewhere to sit: one seat goes in before the walls fill with hotspots.
        var remaining = archetype.props.filter { !$0.isRequired }
        let hasSeat = { solver.items.contains { $0.prop?.isSeat == true && $0.host == nil } }
        if !hasSeat(), let index = remaining.firstIndex(where: { library.props.props[$0.prop]?.isSeat == true && allowed(library.props.props[$0.prop]!) == nil }) {
            var first = remaining[index]
            first.count = 1
            placeRules([first], attempts: 80)
            remaining[index].count -= 1
            if remaining[index].count == 0 { remaining.remove(at: index) }
        }
        for (fallback, placement) in [("bench", Archetype.Placement.againstWall), ("stool", .center), ("chair", .center)] where !hasSeat() {
            guard let prop = library.props.props[fallback] else { continue }
            solver.place(prop, rule: Archetype.PropRule(prop: fallback, placement: placement, count: 1), id: nextId(fallback), maxAttempts: 80)
        }
        let mount = library.props.props[archetype.hotspotProp]!
        var placedCards: [(HotspotCard, PlacedItem)] = []
        for card in cards {
            if let item = solver.placeHotspot(mount, id: "hotspot-\(card.id)", maxAttempts: 60) { placedCards.append((card, item)) }
        }
        var placedCharacters: [(String, PlacedItem)] = []
        for (index, name) in characters.enumerated() {
            if let item = solver.placeCharacter(id: "character-\(index + 1)", maxAttempts: 80) { placedCharacters.append((name, item)) }
        }
        placeRules(remaining, attempts: 40)
        var metrics = solver.metrics()
        metrics.dropped = excluded + metrics.dropped

        // Lighting rig from the film's mood; children always get the bright rig.
        let rigName: String
        if child {
            rigName = "bright"
        } else {
            rigName = film.moods.lazy.compactMap { self.library.moodLighting[$0.lowercased()] }.first ?? library.defaultLighting
        }

        var assembler = SceneAssembler(
            archetype: archetype, palette: MaterialPalette(highContrast: profile.accessibility.contains(.highContrast)),
            name: "\(film.title) — \(archetype.name)", textPanels: textPanels, texts: PanelTexts(film: film))
        assembler.buildRoom(mountHeight: (child || stepFree) ? 1.2 : 1.5)
        let lights = assembler.addLights(rig: archetype.lighting[rigName] ?? [], mood: rigName, brightness: child ? 1.3 : 1)
        var propDocs: [SceneDocument.Prop] = []
        var seats: [SceneDocument.Seat] = []
        for item in solver.items where item.kind == .prop {
            let prop = item.prop!
            assembler.addProp(item)
            propDocs.append(SceneDocument.Prop(
                id: item.id, kind: prop.kind, propId: prop.id, name: prop.name, tags: prop.tags,
                footprint: [item.footprint.minX, item.footprint.minZ, item.footprint.maxX, item.footprint.maxZ].map { (Double($0) * 1000).rounded() / 1000 },
                height: Double(prop.height), transform: .init(position: SceneDocument.point(item.x, item.y, item.z), yawDegrees: SceneDocument.degrees(item.yaw)),
                standsOn: item.host))
            if let seatAt = prop.seatAt, item.host == nil {
                let position = assembler.addSeat(item, at: Vec3(seatAt[0], seatAt[1], seatAt[2]), id: "seat-\(seats.count + 1)")
                seats.append(SceneDocument.Seat(id: "seat-\(seats.count + 1)", position: position, prop: item.id))
            }
        }
        let mountHeight: Float = (child || stepFree) ? 1.2 : 1.5
        var hotspots: [SceneDocument.Hotspot] = []
        for (card, item) in placedCards {
            assembler.addHotspot(item, card: card, mountHeight: mountHeight)
            hotspots.append(SceneDocument.Hotspot(
                id: item.id, label: card.label, text: card.text, facts: card.facts, position: SceneDocument.point(item.x, mountHeight, item.z), height: SceneDocument.point(mountHeight, 0, 0)[0],
                triggerRadius: 1.2, approach: SceneDocument.point(item.approach!.x, 0, item.approach!.z)))
        }
        var marks: [SceneDocument.CharacterMark] = []
        for (index, (name, item)) in placedCharacters.enumerated() {
            let actors = film.actors(playing: name)
            let description = film.character(named: name)?.description
            let reference = dialogueRef(name)
            assembler.addCharacter(
                item, name: name, actors: actors, description: description, traits: film.character(named: name)?.traits ?? [], colorIndex: index, dialogueRef: reference)
            marks.append(SceneDocument.CharacterMark(
                id: item.id, name: name, actors: actors, description: description,
                transform: .init(position: SceneDocument.point(item.x, 0, item.z), yawDegrees: SceneDocument.degrees(item.yaw)),
                approach: SceneDocument.point(item.approach!.x, 0, item.approach!.z), dialogueRef: reference))
        }
        let captions = profile.accessibility.contains(.captions)
        let audioPosition = assembler.addAudio(tag: archetype.ambience.tag, caption: captions ? archetype.ambience.caption : nil)
        assembler.addSpawn(x: spawn.x, z: spawn.z, stepFree: stepFree)

        let document = SceneDocument(
            id: id, generator: Self.generatorVersion, seed: seed,
            film: .init(id: film.id, title: film.title, year: film.year),
            profile: .init(audience: profile.audience, depth: profile.depth, language: profile.language, accessibility: profile.accessibility.sorted()),
            archetype: .init(
                id: archetype.id, name: archetype.name, score: Double(chosen.score),
                candidates: scores.map { .init(id: $0.archetype.id, score: Double($0.score)) }),
            lighting: rigName,
            room: .init(
                width: Double(w), depth: Double(d), height: Double(archetype.room.height), enclosure: archetype.room.enclosure.rawValue,
                floor: assembler.surfaceNames.floor, walls: assembler.surfaceNames.walls,
                entrance: .init(position: SceneDocument.point(0, 0, d / 2), width: 1.4, height: Double(min(2.2, assembler.wallHeight)))),
            spawn: .init(position: SceneDocument.point(spawn.x, 0, spawn.z), yawDegrees: 180),
            props: propDocs, characters: marks, hotspots: hotspots, lights: lights, seats: seats,
            audio: [.init(
                id: "ambience", ambience: archetype.ambience.tag, loop: true, position: audioPosition,
                url: SceneDocument.ambienceURL(archetype.ambience.tag, format: "mp3"), caption: captions ? archetype.ambience.caption : nil)],
            layout: metrics)
        return StagedScene(document: document, scene: assembler.scene)
    }
}
