import Audio
import Catalog
import Foundation
import Narrative
import SceneGraph

/// Voiced characters: one line of a stored dialogue in its speaker's voice, and the voice-over
/// zip of a whole dialogue — every line's clip named by its line id, Yarn Spinner's string table
/// (`lines.csv`), the Yarn script it indexes and a voice-over script for a recording session.
extension DialogueService {
    /// The voices of a dialogue: the character's from their catalog record, the narrator's and
    /// the visitor's, all in the dialogue's language.
    struct Cast: Codable, Sendable, Hashable {
        var character: SpeechVoice
        var narrator: SpeechVoice
        var visitor: SpeechVoice

        func voice(_ speaker: Speaker) -> SpeechVoice {
            switch speaker {
            case .character: character
            case .narrator: narrator
            case .visitor: visitor
            }
        }
    }

    /// The stored tree of dialogue `id`, whose it is, and its cast.
    func voicedTree(id: String) async throws -> (tree: DialogueTree, owner: String?, cast: Cast) {
        let stored = try await dialogue(id: id, format: .json)
        let tree: DialogueTree
        do { tree = try DialogueJSON.decode(stored.bytes) } catch { throw StudioError(.internal, "stored dialogue \(id) is unreadable: \(error)") }
        let film = try await catalog.film(id: tree.film.id)
        let record = film.character(named: tree.character)
        let language = tree.language.used
        let cast = Cast(
            character: VoiceCasting.character(name: tree.character, description: record?.description, traits: record?.traits ?? [], language: language),
            narrator: VoiceCasting.narrator(language: language), visitor: VoiceCasting.visitor(language: language))
        return (tree, stored.owner, cast)
    }

    /// One line (or option) of a dialogue in its speaker's voice. `lineId` is the Yarn tag, with
    /// or without its `line:` prefix.
    /// - Throws: ``StudioError`` `.notFound` for an unknown dialogue or line.
    public func lineAudio(id: String, lineId: String, format: AudioFormat) async throws -> ServedArtifact {
        try await studioErrors {
            let (tree, owner, cast) = try await voicedTree(id: id)
            let wanted = lineId.hasPrefix("line:") ? lineId : "line:" + lineId
            for node in tree.nodes {
                if let line = node.lines.first(where: { $0.id == wanted }) {
                    return try await speech.clip(line.text, voice: cast.voice(line.speaker), format: format, owner: owner)
                }
                if let option = node.options.first(where: { $0.id == wanted }) {
                    return try await speech.clip(option.text, voice: cast.visitor, format: format, owner: owner)
                }
            }
            throw StudioError(.notFound, "dialogue \(id) has no line '\(lineId.prefix(40))'")
        }
    }

    /// The voice-over zip of a dialogue, with every clip in `format`.
    public func voiceover(id: String, format: AudioFormat) async throws -> ServedArtifact {
        try await studioErrors {
            let (_, owner, cast) = try await voicedTree(id: id)
            return try await artifacts.obtain(voiceoverRecipe, VoiceoverInputs(dialogue: id, format: format, cast: cast, owner: owner)).artifact
        }
    }

    /// The file a line's clip has in the zip: `audio/<id without line:>.<format>`.
    static func clipFile(_ lineId: String, format: AudioFormat) -> String {
        "audio/\(lineId.hasPrefix("line:") ? String(lineId.dropFirst(5)) : lineId).\(format.rawValue)"
    }

    static let scriptFile = "dialogue.yarn"

    /// Builds the zip: the Yarn script, the string table over it, the voice-over script, the clips.
    static func buildVoiceover(_ inputs: VoiceoverInputs, artifacts: ArtifactService, speech: SpeechService) async throws -> [GeneratedFile] {
        guard inputs.engine == SpeechService.engine, let stored = try await artifacts.artifact(id: inputs.dialogue, kinds: [DialogueFormat.json.kind]) else {
            throw StudioError(.notFound, "no dialogue with id '\(inputs.dialogue.prefix(80))'")
        }
        let tree = try DialogueJSON.decode(stored.bytes)
        let rows = YarnStringTable.rows(tree, file: scriptFile)
        // Each speaker's lines, two clips at a time.
        var spoken: [Speaker: [String: ServedArtifact]] = [:]
        for speaker in Set(rows.map(\.speaker)) {
            let texts = Set(rows.filter { $0.speaker == speaker }.map(\.text))
            spoken[speaker] = try await speech.clips(of: texts, voice: inputs.cast.voice(speaker), format: inputs.format, owner: inputs.owner)
        }
        let clips = rows.map { StoredZip.Entry(path: clipFile($0.id, format: inputs.format), data: spoken[$0.speaker]![$0.text]!.bytes) }
        var script = "# Voice-over script: \(tree.character), \(tree.film.title)\n\n"
        script += "Language: \(tree.language.used). Each line is recorded to the file named by its line id.\n"
        var node = ""
        for row in rows {
            if row.node != node {
                node = row.node
                script += "\n## \(node)\n\n"
            }
            script += "- **\(row.comment)** `\(row.id)` → `\(clipFile(row.id, format: inputs.format))`: \(row.text)\n"
        }
        let entries = [
            StoredZip.Entry(path: scriptFile, data: Data(YarnExporter.export(tree).utf8)),
            StoredZip.Entry(path: "lines.csv", data: Data(YarnStringTable.csv(rows).utf8)),
            StoredZip.Entry(path: "voiceover.md", data: Data(script.utf8)),
        ] + clips
        return [GeneratedFile(suffix: nil, kind: "dialogue.voiceover", contentType: "application/zip", bytes: StoredZip.pack(entries))]
    }
}

/// Every input that shapes a dialogue's voice-over zip.
struct VoiceoverInputs: Codable, Sendable {
    var kind = "dialogue.voiceover"
    var engine = SpeechService.engine
    var dialogue: String
    var format: AudioFormat
    var cast: DialogueService.Cast
    /// The dialogue's visitor, for a personal dialogue.
    var owner: String?
}
