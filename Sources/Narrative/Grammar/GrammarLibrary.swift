import Foundation

/// The grammars in `Assets/grammars/`, loaded once, looked up by purpose and language
/// (`dialogue.en.json`, `dialogue.fr.json`, `narration.en.json`, …).
public struct GrammarLibrary: Sendable {
    /// The language every purpose must have; others fall back to it.
    public static let fallbackLanguage = "en"

    /// File name without extension → grammar.
    public let grammars: [String: Grammar]
    public let tones: CharacterTones
    /// A hash of every file loaded (FNV-1a, hex): part of generated artifacts' inputs, so
    /// editing a grammar changes the ids of what it writes.
    public let digest: String

    /// Loads every `*.json` grammar in `directory` (and `tones.json`); a grammar that fails
    /// ``GrammarCheck`` is an error, so a broken grammar stops the server at start-up rather
    /// than a visitor's request.
    public init(directory: URL) throws(GrammarError) {
        let files: [URL]
        do {
            files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "json" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        } catch {
            throw .missingGrammar(directory.path)
        }
        var grammars: [String: Grammar] = [:]
        var tones = CharacterTones(traitsByTone: [:])
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for file in files {
            let bytes = (try? Data(contentsOf: file)) ?? Data()
            for byte in Array(file.lastPathComponent.utf8) + [0] + Array(bytes) {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01b3
            }
            if file.lastPathComponent == CharacterTones.fileName {
                tones = try CharacterTones(contentsOf: file)
            } else {
                let grammar = try Grammar(contentsOf: file)
                let issues = GrammarCheck.issues(in: grammar)
                if !issues.isEmpty { throw .failedCheck(grammar: grammar.name, issues: issues.map(\.description)) }
                grammars[grammar.name] = grammar
            }
        }
        self.grammars = grammars
        self.tones = tones
        digest = String(hash, radix: 16)
    }

    /// The grammar for `purpose` in `language` (a BCP 47 tag), or English with the fallback
    /// recorded in the returned choice.
    public func grammar(_ purpose: String, language: String) throws(GrammarError) -> (Grammar, LanguageChoice) {
        let code = String(language.split(separator: "-").first ?? "en").lowercased()
        if let grammar = grammars["\(purpose).\(code)"] { return (grammar, LanguageChoice(requested: language, used: code)) }
        guard let grammar = grammars["\(purpose).\(Self.fallbackLanguage)"] else { throw .missingGrammar("\(purpose).\(Self.fallbackLanguage)") }
        return (grammar, LanguageChoice(requested: language, used: Self.fallbackLanguage))
    }

    /// Languages that have a grammar for `purpose`, sorted.
    public func languages(for purpose: String) -> [String] {
        grammars.keys.filter { $0.hasPrefix(purpose + ".") }.map { String($0.dropFirst(purpose.count + 1)) }.sorted()
    }
}

/// How a character speaks, chosen from their catalog traits (`Assets/grammars/tones.json`).
public struct CharacterTones: Sendable {
    static let fileName = "tones.json"
    /// The tone of characters with no listed trait.
    public static let neutral = "neutral"

    public let traitsByTone: [String: Set<String>]

    public init(traitsByTone: [String: Set<String>]) {
        self.traitsByTone = traitsByTone
    }

    init(contentsOf url: URL) throws(GrammarError) {
        do {
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
            guard let table = object as? [String: Any] else { throw GrammarError.malformed("tones.json must be an object") }
            var result: [String: Set<String>] = [:]
            for (tone, traits) in table where !tone.hasPrefix("$") {
                guard let traits = traits as? [String] else { throw GrammarError.malformed("tones.json: \(tone) must list traits") }
                result[tone] = Set(traits.map { $0.lowercased() })
            }
            traitsByTone = result
        } catch let error as GrammarError {
            throw error
        } catch {
            throw .malformed("tones.json: \(error.localizedDescription)")
        }
    }

    /// The tone of the first trait that has one; ``neutral`` otherwise.
    public func tone(for traits: [String]) -> String {
        for trait in traits {
            let key = trait.lowercased()
            if let tone = traitsByTone.keys.sorted().first(where: { traitsByTone[$0]!.contains(key) }) { return tone }
        }
        return Self.neutral
    }
}
