import Foundation
import TestSupport
import Testing

/// Runs the real `scenewright` binary built next to the test bundle.
enum CLI {
    static let binary: URL? = {
        let candidate = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("scenewright")
        return FileManager.default.isExecutableFile(atPath: candidate.path) ? candidate : nil
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], in directory: URL) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }
}

@Suite(.enabled(if: CLI.binary != nil, "needs the scenewright binary beside the test bundle"))
struct CLITests {
    let directory = TemporaryDirectory()

    @Test(.enabled(if: TestPaths.ml100k != nil || CIRequirement.isCI, "needs ../shared/data/ml-100k"))
    func importMovieLensPrintsTheSummaryAndIsIdempotent() throws {
        let arguments = ["import", "movielens", (try #require(TestPaths.ml100k)).path, "--db", directory.path("cli.sqlite"), "--log-level", "error"]
        let first = try CLI.run(arguments, in: directory.url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("imported users=943 films=1682 ratings=100000 skipped=0"))
        let second = try CLI.run(arguments, in: directory.url)
        #expect(second.stdout.contains("imported users=943 films=1682 ratings=100000 skipped=0"))
        #expect(second.stdout.contains("new this run: users=0 films=0 events=0"))
        let database = { (output: String) in output.split(separator: "\n").first { $0.hasPrefix("database") }.map { $0.split(separator: "(")[0] } }
        #expect(database(first.stdout) == database(second.stdout))
    }

    @Test func filmsSearchFindsTheSampleCatalogInAnEmptyDirectory() throws {
        let result = try CLI.run(["films", "search", "matrix", "--db", directory.path("search.sqlite"), "--log-level", "error"], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("the-matrix-1999\tThe Matrix (1999)"))
    }

    @Test func badArgumentsFailWithUsefulMessages() throws {
        let badGenre = try CLI.run(["films", "search", "x", "--genre", "Polka", "--db", directory.path("x.sqlite")], in: directory.url)
        #expect(badGenre.status != 0)
        #expect(badGenre.stderr.contains("unknown genre 'Polka'"))
        let missing = try CLI.run(["import", "movielens", directory.path("nope"), "--db", directory.path("x.sqlite"), "--log-level", "error"], in: directory.url)
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("no such file or directory"))
        let help = try CLI.run(["import", "movielens", "--help"], in: directory.url)
        #expect(help.stdout.contains("MovieLens 100K or MovieLens latest"))
    }

    @Test func dialogueWritesEachFormatDeterministically() throws {
        let db = directory.path("dialogue.sqlite")
        let base = ["dialogue", "--film", "Fargo", "--character", "Marge Gunderson", "--user", "chloe", "--db", db, "--log-level", "error"]
        for format in ["json", "yarn", "ink"] {
            let first = try CLI.run(base + ["--format", format, "--out", directory.path("a.\(format)")], in: directory.url)
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stderr.contains("checks passed"))
            let second = try CLI.run(base + ["--format", format, "--out", directory.path("b.\(format)")], in: directory.url)
            #expect(second.status == 0)
            let a = try Data(contentsOf: directory.url.appendingPathComponent("a.\(format)"))
            #expect(!a.isEmpty)
            #expect(a == (try Data(contentsOf: directory.url.appendingPathComponent("b.\(format)"))))
        }
        let yarn = try String(contentsOf: directory.url.appendingPathComponent("a.yarn"), encoding: .utf8)
        #expect(yarn.contains("title: start") && yarn.contains("#line:"))
        let unknown = try CLI.run(["dialogue", "--film", "fargo-1996", "--character", "Gandalf", "--db", db, "--out", "-", "--log-level", "error"], in: directory.url)
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("its characters are: Marge Gunderson"))
        let badFormat = try CLI.run(["dialogue", "--film", "fargo-1996", "--character", "Marge", "--format", "pdf", "--out", "-", "--db", db], in: directory.url)
        #expect(badFormat.status != 0)
    }

    @Test func solveOPReadsTheBenchmarkFormatAndRejectsMalformedFiles() throws {
        let variants = ["15 2\n0 0 0\n10 0 0\n5 1 10\n5 -1 4", "15\t2\n0\t0\t0\n10\t0\t0\n5\t1\t10\n5\t-1\t4\n", "15 2\r\n0 0 0\r\n10 0 0\r\n5.0 1.0 10\r\n5 -1 4.0\r\n"]
        for (index, text) in variants.enumerated() {
            let file = try directory.write("op\(index).txt", text)
            let result = try CLI.run(["tour", "solve-op", file.path], in: directory.url)
            #expect(result.status == 0, "\(result.stderr)")
            let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            #expect(object?["score"] as? Int == 14, "\(result.stdout)")
            #expect(object?["route"] as? [Int] == [0, 2, 3, 1] || object?["route"] as? [Int] == [0, 3, 2, 1])
            #expect((object?["length"] as? Double ?? 99) <= 15 + 1e-9)
            #expect(object?["ms"] is Double || object?["ms"] is Int)
        }
        let limited = try CLI.run(["tour", "solve-op", directory.path("op0.txt"), "--time-limit-ms", "30"], in: directory.url)
        #expect(limited.status == 0 && limited.stdout.contains("\"score\":14"))
        let bad = try directory.write("bad.txt", "15 2\n0 0 0\n10 zero 0\n")
        let rejected = try CLI.run(["tour", "solve-op", bad.path], in: directory.url)
        #expect(rejected.status == 1)
        #expect(rejected.stderr.contains("line 3: y 'zero' is not a number"), "\(rejected.stderr)")
        let short = try directory.write("short.txt", "15 2\n0 0 0\n")
        #expect(try CLI.run(["tour", "solve-op", short.path], in: directory.url).stderr.contains("line 2"))
        #expect(try CLI.run(["tour", "solve-op", directory.path("missing.txt")], in: directory.url).status == 1)
    }

    @Test func tourPlanWritesTheTourScriptAndMap() throws {
        let out = directory.url.appendingPathComponent("tour")
        let result = try CLI.run(
            ["tour", "plan", "--museum", "film-history-wing", "--user", "ada", "--minutes", "45", "--out", out.path, "--db", directory.path("tour.sqlite"), "--log-level", "error"],
            in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("tour "))
        for name in ["tour.json", "script.md", "map.png"] { #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name)") }
        let tour = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("tour.json"))) as? [String: Any]
        #expect((tour?["totalMinutes"] as? Double ?? 99) <= 45)
        let over = try CLI.run(
            ["tour", "plan", "--museum", "film-history-wing", "--user", "ada", "--minutes", "2", "--out", out.path, "--db", directory.path("tour.sqlite"), "--log-level", "error"],
            in: directory.url)
        #expect(over.status != 0 && over.stderr.contains("budgetMinutes"))
    }
}
