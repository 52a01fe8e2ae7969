import Catalog
import Foundation
import Narrative
import SceneGraph
import Staging
import TestSupport
import Testing

/// What staging promises beyond valid layouts: determinism, personalisation, grounding.
@Suite struct StagingBehaviourTests {
    @Test func archetypesAreEnoughAndCoverEveryGenre() throws {
        let library = try StagingFixture.stager().library
        #expect(library.archetypes.count >= 12)
        #expect(library.coveredGenres == Set(Genre.allCases))
    }

    /// Rules are placed in order, so a rule that relates to another prop must follow it, and a
    /// prop placed on another needs a host with a surface: the loader says so, naming the file.
    @Test func anArchetypeWhoseSurfaceRuleComesBeforeItsHostIsRejected() throws {
        let scenes = TestPaths.repositoryRoot.appendingPathComponent("Scenes"), props = TestPaths.assets.appendingPathComponent("props")
        let directory = TemporaryDirectory("archetypes")
        for file in try FileManager.default.contentsOfDirectory(atPath: scenes.path) where file.hasSuffix(".json") {
            var text = try String(contentsOf: scenes.appendingPathComponent(file), encoding: .utf8)
            if file == "haunted-manor.json" {
                // The candelabra's rule moved in front of the cabinet it stands on.
                let rule = #"{"prop": "candelabra", "placement": "onSurface", "count": 1, "surfaceOf": "cabinet"}, "#
                text = text.replacingOccurrences(of: #""props": ["#, with: #""props": ["# + rule)
            }
            _ = try directory.write(file, Data(text.utf8))
        }
        #expect { try ArchetypeLibrary.load(scenes: directory.url, props: props) } throws: { error in
            "\(error)".contains("haunted-manor.json") && "\(error)".contains("'candelabra' refers to 'cabinet', whose rule comes later")
        }
    }

    /// Every host a rule puts things on has a surface, so the things appear: the royal hall's
    /// throne on its dais, the soundstage's piano or microphone on its stage (both required or
    /// common, and both were silently dropped while the platforms had no surface height).
    @Test func propsOnPlatformsArePlacedOnThem() throws {
        let stager = try StagingFixture.stager()
        var thrones = 0, onStage = 0
        for film in try StagingFixture.catalog().films {
            let document = try stager.stage(film: film, profile: .anonymous, seed: 1, id: "x").document
            switch document.archetype.id {
            case "royal-hall":
                let throne = try #require(document.props.first { $0.propId == "throne" }, "\(film.id)")
                #expect(throne.standsOn?.hasPrefix("dais") == true, "\(film.id): \(throne.standsOn ?? "floor")")
                thrones += 1
            case "soundstage":
                onStage += document.props.filter { ($0.propId == "piano" || $0.propId == "microphone-stand") && $0.standsOn?.hasPrefix("stage-platform") == true }.count
            default: break
            }
        }
        #expect(thrones > 0)
        #expect(onStage > 0)
    }

    @Test func sameInputsGiveByteIdenticalGLBAndOtherInputsDiffer() throws {
        let stager = try StagingFixture.stager()
        let film = try StagingFixture.film("the-matrix-1999")
        let ada = try StagingFixture.user("ada")
        let glb = { (profile: UserProfile, seed: UInt64) in try GLTFExporter.glb(try stager.stage(film: film, profile: profile, seed: seed, id: "x").scene) }
        let first = try glb(ada, 7)
        #expect(try glb(ada, 7) == first)
        #expect(try glb(ada, 8) != first)
        #expect(try glb(try StagingFixture.user("emma"), 7) != first)
        #expect(try GLTFExporter.gltf(try stager.stage(film: film, profile: ada, seed: 7, id: "x").scene) == GLTFExporter.gltf(try stager.stage(film: film, profile: ada, seed: 7, id: "x").scene))
    }

    @Test func childScenesHaveNoWeaponsOrScaryPropsAnywhereInTheCatalog() throws {
        let stager = try StagingFixture.stager()
        for film in try StagingFixture.catalog().films {
            for user in ["emma", "felix"] {
                let document = try stager.stage(film: film, profile: try StagingFixture.user(user), seed: 3, id: "x").document
                let forbidden = document.props.filter { $0.tags.contains("weapon") || $0.tags.contains("scary") }
                #expect(forbidden.isEmpty, "\(film.id) for \(user): \(forbidden.map(\.id))")
                #expect(document.lighting == "bright")
            }
        }
        // The same rooms do hold weapons for adults: the filter is what removes them.
        let adultProps = try stager.stage(film: try StagingFixture.film("the-maltese-falcon-1941"), profile: try StagingFixture.user("ben"), seed: 3, id: "x").document.props
        #expect(adultProps.contains { $0.tags.contains("weapon") })
    }

    @Test func childLightingIsBrighter() throws {
        let stager = try StagingFixture.stager()
        let film = try StagingFixture.film("the-shining-1980")
        let adult = try stager.stage(film: film, profile: try StagingFixture.user("ben"), seed: 1, id: "x").document
        let child = try stager.stage(film: film, profile: try StagingFixture.user("emma"), seed: 1, id: "x").document
        #expect(adult.lighting == "dark")
        let total = { (d: SceneDocument) in d.lights.map(\.intensity).reduce(0, +) }
        // The bright rig at 1.3×; a dark room's fixtures are already raised to reach the floor
        // (FillLighting), so the child's room is brighter by at least the rig's factor.
        #expect(total(child) > total(adult) * 1.3)
    }

    @Test func deeperInterestMeansMoreHotspots() throws {
        let stager = try StagingFixture.stager()
        for film in try StagingFixture.catalog().films {
            let count = { (user: String) in try stager.stage(film: film, profile: try StagingFixture.user(user), seed: 2, id: "x").document.hotspots.count }
            let casual = try count("ben"), enthusiast = try count("iris"), scholar = try count("ada")
            #expect(enthusiast > casual && scholar > enthusiast, "\(film.id): \(casual) / \(enthusiast) / \(scholar)")
        }
    }

    @Test func accessibilityNeedsChangeTheScene() throws {
        let stager = try StagingFixture.stager()
        let film = try StagingFixture.film("casablanca-1942")
        // Grace needs high contrast, captions and step-free access; Ada has none of these.
        let grace = try stager.stage(film: film, profile: try StagingFixture.user("grace"), seed: 4, id: "x")
        let ada = try stager.stage(film: film, profile: try StagingFixture.user("ada"), seed: 4, id: "x")
        #expect(grace.document.audio.allSatisfy { $0.caption?.isEmpty == false })
        #expect(ada.document.audio.allSatisfy { $0.caption == nil })
        let audioNodes = grace.scene.annotated(.audio)
        #expect(!audioNodes.isEmpty && audioNodes.allSatisfy { $0.node.annotation?.properties["caption"] != nil })
        // High contrast: walls and floor far apart in luminance; the usual palette is not used.
        func luminance(_ name: String, in scene: Scene) -> Float? {
            scene.materials.first { $0.name == name }.map { 0.2126 * $0.baseColor.x + 0.7152 * $0.baseColor.y + 0.0722 * $0.baseColor.z }
        }
        let walls = try #require(luminance(grace.document.room.walls, in: grace.scene))
        let floor = try #require(luminance(grace.document.room.floor, in: grace.scene))
        #expect(abs(walls - floor) >= 0.6)
        #expect(Set(grace.scene.materials.map(\.name)).isDisjoint(with: Set(ada.scene.materials.map(\.name)).subtracting(grace.scene.materials.filter { $0.name.hasPrefix("character-") }.map(\.name))))
        // Step-free: no raised platforms, and hotspots within seated reach.
        #expect(grace.document.props.allSatisfy { !$0.tags.contains("step") })
        #expect(grace.document.hotspots.allSatisfy { $0.height <= 1.2 })
        let royal = try StagingFixture.film("braveheart-1995")
        let hallForGrace = try stager.stage(film: royal, profile: try StagingFixture.user("grace"), seed: 1, id: "x").document
        let hallForAda = try stager.stage(film: royal, profile: try StagingFixture.user("ada"), seed: 1, id: "x").document
        #expect(hallForAda.props.contains { $0.tags.contains("step") })
        #expect(!hallForGrace.props.contains { $0.tags.contains("step") })
        #expect(hallForGrace.layout.dropped.contains { $0.reason.contains("step-free") })
    }

    /// Every capitalised word in hotspot texts and labels, and every character label, comes from
    /// the film's record or the cards' fixed lexicon.
    @Test func hotspotTextIsGroundedInTheCatalog() throws {
        let stager = try StagingFixture.stager()
        for film in try StagingFixture.catalog().films {
            let record = String(decoding: try JSONEncoder().encode(film), as: UTF8.self)
            for user in ["ada", "ben", "emma"] {
                let document = try stager.stage(film: film, profile: try StagingFixture.user(user), seed: 5, id: "x").document
                let texts = document.hotspots.flatMap { [$0.text, $0.label] } + document.characters.map(\.name)
                for text in texts {
                    for word in Grounding.capitalisedWords(in: text) where !stager.cardWriter.grammar.lexicon.contains(word.lowercased()) {
                        #expect(record.contains(word), "\(film.id): '\(word)' in \"\(text)\" is not in the record")
                    }
                    for number in Grounding.numbers(in: text) { #expect(record.contains(number), "\(film.id): number \(number) in \"\(text)\"") }
                }
                if user == "emma" {
                    for text in document.hotspots.map(\.text) {
                        #expect(!ContentAdvisory.isMature(text.replacingOccurrences(of: film.title, with: "")), "\(film.id): \"\(text)\"")
                    }
                }
            }
        }
    }

    @Test func archetypeChoiceFollowsAffinities() throws {
        let stager = try StagingFixture.stager()
        let cases: [(String, String)] = [
            ("the-maltese-falcon-1941", "noir-office"), ("the-good-the-bad-and-the-ugly-1966", "western-saloon"),
            ("das-boot-1981", "submarine"), ("12-angry-men-1957", "courtroom"), ("toy-story-1995", "playroom"),
            ("star-trek-first-contact-1996", "space-bridge"), ("the-shining-1980", "haunted-manor"), ("cinema-paradiso-1988", "cinema-lobby"),
        ]
        for (film, archetype) in cases {
            #expect(stager.archetypeScores(for: try StagingFixture.film(film)).first?.archetype.id == archetype, "\(film)")
        }
    }

    @Test func charactersFaceTheSpawnPointAndCarryTheirActors() throws {
        let stager = try StagingFixture.stager()
        let staged = try stager.stage(film: try StagingFixture.film("fargo-1996"), profile: try StagingFixture.user("iris"), seed: 9, id: "x")
        let spawn = try #require(staged.document.spawn.position.map(Float.init) as [Float]?)
        for mark in staged.document.characters {
            let p = mark.transform.position.map(Float.init)
            let toSpawn = atan2(spawn[0] - p[0], spawn[2] - p[2]) * 180 / .pi
            var difference = abs(Double(toSpawn) - mark.transform.yawDegrees).truncatingRemainder(dividingBy: 360)
            if difference > 180 { difference = 360 - difference }
            #expect(difference < 1, "\(mark.name)")
            #expect(!mark.actors.isEmpty)
        }
        let annotated = staged.scene.annotated(.character)
        #expect(annotated.count == staged.document.characters.count)
        #expect(annotated.allSatisfy { $0.node.annotation?.properties["actors"] != nil })
    }
}

/// Helpers for grounding checks.
enum Grounding {
    /// Words that start with a capital letter (after the first word of a sentence too).
    static func capitalisedWords(in text: String) -> [String] {
        text.split(whereSeparator: { !($0.isLetter || $0 == "'" || $0 == "’" || $0 == "-") }).map(String.init)
            .filter { $0.first?.isUppercase == true }
            .map { $0.hasSuffix("'s") ? String($0.dropLast(2)) : $0 }
    }

    static func numbers(in text: String) -> [String] {
        text.split(whereSeparator: { !$0.isNumber }).map(String.init)
    }
}
