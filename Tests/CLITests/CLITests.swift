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

    @Test(.enabled(if: TestPaths.ml100k != nil, "needs ../shared/data/ml-100k"))
    func importMovieLensPrintsTheSummaryAndIsIdempotent() throws {
        let arguments = ["import", "movielens", TestPaths.ml100k!.path, "--db", directory.path("cli.sqlite"), "--log-level", "error"]
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
}
