import Catalog
import Foundation
import Testing

/// Validation rejects impossible values with messages that name the field.
@Suite struct ValidationTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    func event(_ kind: FeedbackKind, _ value: Double) -> FeedbackEvent {
        FeedbackEvent(userId: "ada", filmId: "fargo-1996", kind: kind, value: value, timestamp: now, idempotencyKey: "k1")
    }

    @Test(arguments: [0.5, 1, 3.5, 5])
    func acceptsRatingsInRange(_ value: Double) {
        #expect(event(.rating, value).validationProblems().isEmpty)
    }

    @Test(arguments: [0, 0.4, 5.5, 7, -1, .nan, .infinity])
    func rejectsRatingsOutOfRange(_ value: Double) throws {
        let problems = event(.rating, value).validationProblems()
        #expect(problems.map(\.field) == ["value"])
        #expect(throws: CatalogError.self) { try event(.rating, value).validated() }
    }

    @Test func rejectsNegativeAndHugeDwell() {
        #expect(event(.dwell, -1).validationProblems().map(\.field) == ["value"])
        #expect(event(.dwell, 100_000).validationProblems().map(\.field) == ["value"])
        #expect(event(.dwell, 0).validationProblems().isEmpty)
        #expect(event(.dwell, 3_600).validationProblems().isEmpty)
    }

    @Test func rejectsBadIdsAndKeys() {
        var bad = event(.like, 1)
        bad.userId = "../etc/passwd"
        bad.filmId = "x'; DROP TABLE films; --"
        bad.idempotencyKey = ""
        #expect(Set(bad.validationProblems().map(\.field)) == ["userId", "filmId", "idempotencyKey"])
    }

    @Test func rejectsEmptyTitleAndImpossibleYearListingEveryProblem() throws {
        let film = Film(id: "x", title: "   ", year: 1700, runtimeMinutes: 0)
        let problems = film.validationProblems()
        #expect(Set(problems.map(\.field)) == ["title", "year", "runtimeMinutes"])
        let error = try #require(throws: CatalogError.self) { try film.validated() }
        #expect(error.code == .invalidValue)
        #expect(error.message.contains("title: must not be empty"))
    }

    @Test func rejectsContradictoryProfile() {
        let user = UserProfile(id: "u1", displayName: "U", language: "not a tag!", likedGenres: [.drama], dislikedGenres: [.drama])
        #expect(Set(user.validationProblems().map(\.field)) == ["language", "dislikedGenres"])
    }

    @Test func identifiersAllowOnlySafeCharacters() {
        #expect(Identifier.isValid("fargo-1996"))
        #expect(Identifier.isValid("ml100k-12"))
        #expect(!Identifier.isValid(""))
        #expect(!Identifier.isValid("../x"))
        #expect(!Identifier.isValid(".hidden"))
        #expect(!Identifier.isValid("a b"))
        #expect(!Identifier.isValid(String(repeating: "a", count: 129)))
    }

    @Test func genreLabelsAcceptEverySpelling() {
        #expect(Genre(label: "Children's") == .children)
        #expect(Genre(label: "children") == .children)
        #expect(Genre(label: "film-noir") == .filmNoir)
        #expect(Genre(label: "IMAX") == nil)
        #expect(Genre(label: "(no genres listed)") == nil)
    }

    @Test func slugsAreAsciiAndStable() {
        #expect(Slug.make("Schindler's List") == "schindler-s-list")
        #expect(Slug.make("Miloš Forman") == "milos-forman")
        #expect(Slug.stableHash("abc") == Slug.stableHash("abc"))
        #expect(Slug.stableHash("abc") == "e71fa2190541574b")
        #expect(Person(name: "黒澤明").id == "person-" + Slug.stableHash("黒澤明"))
    }
}
