import Catalog
import Foundation
import SceneGraph
import Staging
import Testing

/// Property tests over the whole sample catalog: every film × every profile × five seeds.
@Suite struct LayoutPropertyTests {
    @Test func everySceneOfTheSweepHasAValidLayout() async throws {
        let stager = try StagingFixture.stager()
        let films = try StagingFixture.catalog().films
        let users = try StagingFixture.catalog().users
        let results = try await withThrowingTaskGroup(of: (scenes: Int, overlaps: Int, outOfBounds: Int, unreachable: Int, dropped: Int, attempts: Int, failures: [String]).self) { group in
            for film in films {
                group.addTask {
                    var total = (scenes: 0, overlaps: 0, outOfBounds: 0, unreachable: 0, dropped: 0, attempts: 0, failures: [String]())
                    for user in users {
                        for seed in StagingFixture.seeds {
                            let document = try stager.stage(film: film, profile: user, seed: seed, id: "test").document
                            let m = document.layout
                            total.scenes += 1
                            total.overlaps += m.overlaps
                            total.outOfBounds += m.outOfBounds
                            total.unreachable += m.unreachableTargets
                            total.dropped += m.dropped.count
                            total.attempts += m.placementAttempts
                            if m.overlaps + m.outOfBounds + m.unreachableTargets > 0 { total.failures.append("\(film.id)/\(user.id)/\(seed): \(m)") }
                            if document.seats.isEmpty { total.failures.append("\(film.id)/\(user.id)/\(seed): no seat") }
                            if document.hotspots.count < 3 { total.failures.append("\(film.id)/\(user.id)/\(seed): only \(document.hotspots.count) hotspots") }
                            if document.characters.isEmpty { total.failures.append("\(film.id)/\(user.id)/\(seed): no character marks") }
                            for hotspot in document.hotspots where !(0.9...1.8).contains(hotspot.height) {
                                total.failures.append("\(film.id)/\(user.id)/\(seed): hotspot at \(hotspot.height) m")
                            }
                        }
                    }
                    return total
                }
            }
            var sum = (scenes: 0, overlaps: 0, outOfBounds: 0, unreachable: 0, dropped: 0, attempts: 0, failures: [String]())
            for try await part in group {
                sum.scenes += part.scenes
                sum.overlaps += part.overlaps
                sum.outOfBounds += part.outOfBounds
                sum.unreachable += part.unreachable
                sum.dropped += part.dropped
                sum.attempts += part.attempts
                sum.failures += part.failures
            }
            return sum
        }
        print("layout sweep: scenes=\(results.scenes) overlaps=\(results.overlaps) outOfBounds=\(results.outOfBounds) unreachable=\(results.unreachable) dropped=\(results.dropped) attempts=\(results.attempts)")
        #expect(results.scenes == films.count * users.count * StagingFixture.seeds.count)
        #expect(results.overlaps == 0)
        #expect(results.outOfBounds == 0)
        #expect(results.unreachable == 0)
        #expect(results.failures.isEmpty, "\(results.failures.prefix(10))")
    }
}
