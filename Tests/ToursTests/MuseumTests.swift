import Catalog
import Foundation
import Testing
import Tours

@Suite("Museum plans")
struct MuseumTests {
    @Test("the sample museums are valid and as large as promised")
    func samples() throws {
        let films = Set(try ToursFixture.catalog().films.map(\.id))
        let wing = try ToursFixture.museum("film-history-wing"), hall = try ToursFixture.museum("grand-hall")
        try wing.validate(filmIds: films)
        try hall.validate(filmIds: films)
        #expect((6...10).contains(wing.rooms.count) && wing.exhibits.count >= 25)
        #expect(hall.rooms.count >= 20 && hall.exhibits.count >= 80)
    }

    func tiny() -> Museum {
        Museum(
            id: "tiny", name: "a tiny museum", floors: [Floor(level: 0, name: "ground")],
            rooms: [
                Room(id: "a", name: "room A", floor: 0, polygon: [[0, 0], [10, 0], [10, 10], [0, 10]]),
                Room(id: "b", name: "room B", floor: 0, polygon: [[10, 0], [20, 0], [20, 10], [10, 10]]),
            ],
            doors: [Door(id: "ab", rooms: ["a", "b"], position: [10, 9])],
            exhibits: [Exhibit(id: "x", title: "X", films: ["fargo-1996"], room: "a", position: [9, 1]),
                       Exhibit(id: "y", title: "Y", films: ["fargo-1996"], room: "b", position: [11, 1])],
            entrance: Portal(room: "a", position: [0, 5]), exit: Portal(room: "b", position: [20, 5]))
    }

    func problems(_ museum: Museum) -> [String] {
        do { try museum.validate(); return [] } catch { return error.problems }
    }

    @Test("walks go through doors, never through walls")
    func throughDoors() throws {
        let graph = WalkingGraph(museum: tiny(), stepFree: false)
        let metres = graph.pointDistances()
        // X and Y are 2 m apart through the wall; the door is 8 m down it.
        let xy = metres[0 * graph.pointCount + 1]
        #expect(xy > 15 && xy < 17.5, "\(xy)")
        let walk = try #require(graph.walk(from: 0, to: 1))
        #expect(walk.doors.map(\.id) == ["ab"])
    }

    @Test("inside an L-shaped room, walks turn the corner")
    func aroundCorners() throws {
        var museum = tiny()
        museum.rooms[0].polygon = [[0, 0], [10, 0], [10, 10], [4, 10], [4, 4], [0, 4]]
        museum.exhibits[0].position = [2, 2]
        museum.entrance = Portal(room: "a", position: [0, 2])
        museum.exhibits.append(Exhibit(id: "z", title: "Z", films: ["fargo-1996"], room: "a", position: [6, 9]))
        try museum.validate()
        let graph = WalkingGraph(museum: museum, stepFree: false)
        let metres = graph.pointDistances()
        let straight = (16.0 + 49.0).squareRoot()
        let around = (4.0 + 4.0).squareRoot() + (4.0 + 25.0).squareRoot()  // via the corner (4, 4)
        let measured = metres[0 * graph.pointCount + 2]
        #expect(measured > straight + 0.1)
        #expect(abs(measured - around) < 0.01, "\(measured) vs \(around)")
    }

    @Test("every kind of bad plan is rejected with a reason")
    func rejects() {
        var overlap = tiny()
        overlap.rooms[1].polygon = [[8, 0], [20, 0], [20, 10], [8, 10]]
        #expect(problems(overlap).contains { $0.contains("overlap") })
        var selfCrossing = tiny()
        selfCrossing.rooms[0].polygon = [[0, 0], [10, 10], [10, 0], [0, 10]]
        #expect(problems(selfCrossing).contains { $0.contains("not simple") })
        var offWall = tiny()
        offWall.doors[0].position = [5, 5]
        #expect(problems(offWall).contains { $0.contains("not on a wall") })
        var outside = tiny()
        outside.exhibits[0].position = [15, 5]
        #expect(problems(outside).contains { $0.contains("not inside room a") })
        var cutOff = tiny()
        cutOff.doors = []
        #expect(problems(cutOff).contains { $0.contains("cannot be reached") })
        var stairsOnly = tiny()
        stairsOnly.floors.append(Floor(level: 1, name: "upstairs"))
        stairsOnly.rooms[1].floor = 1
        stairsOnly.rooms[1].polygon = [[0, 0], [10, 0], [10, 10], [0, 10]]
        stairsOnly.doors = [Door(id: "s", rooms: ["a", "b"], position: [5, 5], kind: .stairs)]
        stairsOnly.exit = Portal(room: "a", position: [10, 5])
        stairsOnly.exhibits[1].position = [3, 3]
        #expect(problems(stairsOnly).contains { $0.contains("claims step-free access but needs stairs") })
        var badIds = tiny()
        badIds.id = "Bad Id!"
        badIds.exhibits[1].id = "x"
        #expect(problems(badIds).contains { $0.contains("must be a slug") })
        #expect(problems(badIds).contains { $0.contains("used twice") })
        var hugeDwell = tiny()
        hugeDwell.exhibits[0].dwellMinutes = .infinity
        #expect(problems(hugeDwell).contains { $0.contains("dwellMinutes") })
        #expect(problems(tiny()).isEmpty)
    }

    @Test("a step-free graph leaves out the stairs")
    func stepFreeGraph() throws {
        let hall = try ToursFixture.museum("grand-hall")
        let mezzanine = try #require(hall.exhibits.firstIndex { $0.room == "mezzanine" })
        #expect(WalkingGraph(museum: hall, stepFree: false).distances(from: WalkingGraph(museum: hall, stepFree: false).entrance)[mezzanine] < .infinity)
        let stepFree = WalkingGraph(museum: hall, stepFree: true)
        #expect(stepFree.distances(from: stepFree.entrance)[mezzanine] == .infinity)
    }
}
