@testable import Catalog
import Foundation
import TestSupport
import Testing

/// The MovieLens importers on small hand-written files, including broken ones.
@Suite struct MovieLensImportTests {
    /// 19 genre flags for u.item rows.
    func flags(_ set: Int...) -> String {
        (0..<19).map { set.contains($0) ? "1" : "0" }.joined(separator: "|")
    }

    func write100K(_ dir: TemporaryDirectory, items: Data, data: Data, users: String? = nil) throws {
        try dir.write("u.item", items)
        try dir.write("u.data", data)
        if let users { try dir.write("u.user", users) }
    }

    @Test func malformedRowsAreReportedWithLineNumbersAndGoodRowsImported() throws {
        let dir = TemporaryDirectory()
        var items = Data("1|Toy Story (1995)|01-Jan-1995||http://x|\(flags(3, 4, 5))\n".utf8)
        items += Data("2|Godfather, The (1972)|01-Jan-1972||http://x|\(flags(1, 6, 8))\n".utf8)
        items += Data("3|Broken row|only|four\n".utf8)                                   // line 3: wrong field count
        items += Data("4|Caf".utf8) + Data([0xE9]) + Data(" Society (1999)|||x|\(flags(5))\n".utf8)  // é in Latin-1: fine
        items += Data("5|Bad ".utf8) + Data([0x85]) + Data(" byte (1990)|||x|\(flags(5))\n".utf8)    // line 5: C1 control byte
        var ratings = "1\t1\t5\t881250949\n"        // line 1 good
        ratings += "1\t2\t4\n"                      // line 2: wrong field count
        ratings += "2\t1\tfive\t881250949\n"        // line 3: non-numeric rating
        ratings += "2\t2\t7\t881250949\n"           // line 4: rating 7
        ratings += "3\t999\t3\t881250949\n"         // line 5: unknown item
        var ratingData = Data(ratings.utf8)
        ratingData += Data("4\t1\t3\t88".utf8) + Data([0xC3, 0x28]) + Data("\n".utf8)  // line 6: invalid byte
        ratingData += Data("2\t4\t3\t881250950".utf8)  // line 7: good, no trailing newline
        try write100K(dir, items: items, data: ratingData, users: "1|24|M|technician|85711\n2|10|F|student|12345\n3|x|M|none|1\n")

        let batch = try MovieLens100K.read(dir.url)

        #expect(batch.films.map(\.id) == ["ml100k-1", "ml100k-2", "ml100k-4"])
        #expect(batch.films[1].title == "The Godfather")
        #expect(batch.films[1].year == 1972)
        #expect(batch.films[1].genres == [.action, .crime, .drama])
        #expect(batch.films[2].title == "Café Society")
        #expect(batch.events.map(\.idempotencyKey) == ["ml100k:1:1", "ml100k:2:4"])
        let reported = Set(batch.problems.map { "\($0.file):\($0.line)" })
        #expect(reported == ["u.item:3", "u.item:5", "u.data:2", "u.data:3", "u.data:4", "u.data:5", "u.data:6", "u.user:3"])
        let byLine = Dictionary(batch.problems.filter { $0.file == "u.data" }.map { ($0.line, $0.message) }, uniquingKeysWith: { a, _ in a })
        #expect(byLine[3]?.contains("not a number") == true)
        #expect(byLine[4]?.contains("between 0.5 and 5") == true)
        #expect(byLine[6]?.contains("0xC3") == true)
        #expect(batch.problems.first { $0.file == "u.item" && $0.line == 5 }?.message.contains("0x85") == true)
        // Age 10 is a child; gender, occupation and zip are not kept.
        #expect(batch.users.first { $0.id == "ml100k-2" }?.audience == .child)
    }

    @Test func latestLayoutHandlesQuotesHalfStarsTagsAndLinks() throws {
        let dir = TemporaryDirectory()
        try dir.write("movies.csv", """
            movieId,title,genres
            1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy
            11,"American President, The (1995)",Comedy|Drama|Romance
            12,"Dracula: Dead and Loving It (1995)",Comedy|Horror
            13,"Film with ""quotes"" (2001)",(no genres listed)
            14,Untitled,IMAX
            bad,Nope (2000),Drama
            """)
        try dir.write("ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.5,964982703\n1,11,0.5,964981247\n2,12,6.0,964982224\n2,13,3,964982224\n")
        try dir.write("tags.csv", "userId,movieId,tag,timestamp\n2,11,politics,1445714994\n3,11,politics,1445714996\n2,11,\"romance, sweet\",1445714994\n")
        try dir.write("links.csv", "movieId,imdbId,tmdbId\n1,0114709,862\n11,112346,9087\n")

        let batch = try MovieLensLatest.read(dir.url)
        let films = Dictionary(uniqueKeysWithValues: batch.films.map { ($0.id, $0) })
        #expect(films["ml-11"]?.title == "The American President")
        #expect(films["ml-11"]?.year == 1995)
        #expect(films["ml-11"]?.keywords == ["politics", "romance, sweet"])
        #expect(films["ml-11"]?.externalIds.imdb == "tt0112346")
        #expect(films["ml-13"]?.title == "Film with \"quotes\"")
        #expect(films["ml-13"]?.genres == [])
        #expect(films["ml-14"]?.year == nil)
        #expect(batch.events.map(\.value) == [4.5, 0.5, 3])
        #expect(Set(batch.problems.map { "\($0.file):\($0.line)" }) == ["movies.csv:7", "ratings.csv:4"])
        #expect(batch.users.map(\.id) == ["ml-1", "ml-2"])
    }

    @Test(arguments: [
        ("Godfather, The (1972)", "The Godfather", 1972),
        ("Boot, Das (1981)", "Das Boot", 1981),
        ("Seven (Se7en) (1995)", "Seven (Se7en)", 1995),
        ("Good, The Bad and The Ugly, The (1966)", "The Good, The Bad and The Ugly", 1966),
        ("Babylon 5", "Babylon 5", nil),
        ("City of Lost Children, The (Cité des enfants perdus, La) (1995)", "The City of Lost Children (Cité des enfants perdus, La)", 1995),
    ] as [(String, String, Int?)])
    func titlesAreParsed(raw: String, title: String, year: Int?) {
        let parsed = MovieLensTitle.parse(raw)
        #expect(parsed.title == title)
        #expect(parsed.year == year)
    }

    @Test(.enabled(if: TestPaths.ml100k != nil || CIRequirement.isCI, "needs ../shared/data/ml-100k"))
    func readsTheRealMovieLens100K() throws {
        let batch = try MovieLens100K.read((try #require(TestPaths.ml100k)))
        #expect(batch.users.count == 943)
        #expect(batch.films.count == 1682)
        #expect(batch.events.count == 100_000)
        #expect(batch.problems.isEmpty)
    }

    @Test(.enabled(if: TestPaths.mlLatestSmall != nil || CIRequirement.isCI, "needs ../shared/data/ml-latest-small"))
    func readsTheRealMovieLensLatestSmall() throws {
        let batch = try MovieLensLatest.read((try #require(TestPaths.mlLatestSmall)))
        #expect(batch.users.count == 610)
        #expect(batch.films.count == 9742)
        #expect(batch.events.count == 100_836)
        #expect(batch.problems.isEmpty)
    }
}
