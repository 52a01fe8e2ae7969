import ArgumentParser
import Foundation
import Narrative
import Studio

/// `scenewright dialogue --film ID --character NAME [--user ID] [--format yarn] --out FILE`.
struct DialogueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dialogue",
        abstract: "Write a conversation with a film character as JSON, a Yarn Spinner 2 script or compiled ink JSON.",
        discussion: "The same film, character, profile and seed always give the same dialogue (and the same id).")

    @OptionGroup var data: DataOptions

    @Option(help: "Film id or title.")
    var film: String

    @Option(help: "The character's name, as the catalog lists it.")
    var character: String

    @Option(help: "Write for this user's profile (default: an anonymous adult).")
    var user: String?

    @Option(help: "Seed for the phrasing and the order of topics.")
    var seed: UInt64 = 1

    @Option(help: "Output format: json, yarn or ink.")
    var format: DialogueFormatArgument = .json

    @Option(help: "File to write ('-' for standard output).")
    var out: String

    func run() async throws {
        let studio = try await data.openStudio()
        try await studio.seedIfEmpty()
        let filmId = try await resolveFilm(film, in: studio)
        let summary = try await studio.dialogues.createDialogue(DialogueRequest(filmId: filmId, character: character, userId: user, seed: seed))
        let artifact = try await studio.dialogues.dialogue(id: summary.id, format: format.value)
        if out == "-" {
            FileHandle.standardOutput.write(artifact.bytes)
        } else {
            try artifact.bytes.write(to: URL(fileURLWithPath: out))
            note("wrote \(format.value.rawValue) to \(out)")
        }
        let report = summary.report
        let fallback = summary.language.fallback ? " (no \(summary.language.requested) grammar: fell back to English)" : ""
        note("dialogue \(summary.id): \(summary.character), \(report.nodeCount) nodes, \(report.optionCount) options, checks \(report.passed ? "passed" : "FAILED")\(fallback)")
    }
}

/// `--format` values.
enum DialogueFormatArgument: String, ExpressibleByArgument, CaseIterable {
    case json, yarn, ink

    var value: DialogueFormat { DialogueFormat(rawValue: rawValue)! }
}
