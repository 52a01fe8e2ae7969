/// Which voice speaks: one narrator per language, and for each character a voice derived from
/// what the catalog says about them. Traits set the prosody (a gruff character is lower, a
/// nervous one faster, a wry one flatter), a hash of the name gives two characters with the
/// same traits slightly different voices, and the espeak-ng variant follows the pronouns of the
/// character's own description ("she", "his"); without them the variant stays neutral. Nothing
/// is inferred from a fact the record lacks. Deterministic: the same record, the same voice.
public enum VoiceCasting {
    /// espeak-ng's voice for a catalog language tag: "zh-Hans" → "cmn", "fr-CA" → "fr".
    public static func espeakLanguage(for tag: String) -> String {
        let primary = tag.split(separator: "-").first.map { $0.lowercased() } ?? "en"
        switch primary {
        case "zh": return "cmn"
        case "": return "en"
        default: return primary
        }
    }

    /// The narrator of tours and stage directions in `language`: unhurried, even.
    public static func narrator(language: String) -> SpeechVoice {
        SpeechVoice(language: espeakLanguage(for: language), rate: 160, pitch: 48, range: 45)
    }

    /// The visitor's side of a conversation (the options they choose): neutral, a little
    /// brighter than the narrator, so the two are told apart.
    public static func visitor(language: String) -> SpeechVoice {
        SpeechVoice(language: espeakLanguage(for: language), rate: 170, pitch: 60, range: 55)
    }

    /// A character's voice in `language`.
    public static func character(name: String, description: String?, traits: [String], language: String) -> SpeechVoice {
        var rate = 165, pitch = 50, range = 50
        for trait in Set(traits.map { $0.lowercased() }) {
            if faster.contains(trait) { rate += 25 }
            if slower.contains(trait) { rate -= 20 }
            if lower.contains(trait) { pitch -= 15 }
            if higher.contains(trait) { pitch += 10 }
            if flatter.contains(trait) { range -= 15 }
            if livelier.contains(trait) { range += 15 }
        }
        let hash = fnv1a(name)
        rate += Int(hash % 17) - 8
        pitch += Int((hash >> 8) % 13) - 6
        range += Int((hash >> 16) % 11) - 5
        let variants: [String]? = switch pronouns(in: description) {
        case .feminine: ["f1", "f2", "f3", "f4", "f5"]
        case .masculine: ["m1", "m2", "m3", "m4", "m5", "m6", "m7"]
        case .none: nil
        }
        return SpeechVoice(
            language: espeakLanguage(for: language), variant: variants.map { $0[Int((hash >> 24) % UInt64($0.count))] },
            rate: min(max(rate, 110), 260), pitch: min(max(pitch, 10), 90), range: min(max(range, 10), 90))
    }

    static let faster: Set<String> = ["nervous", "anxious", "talkative", "impulsive", "cheerful", "playful", "reckless", "spirited", "excitable", "frantic", "cocky", "boastful", "mischievous"]
    static let slower: Set<String> = ["calm", "patient", "wise", "weary", "quiet", "gentle", "dignified", "steady", "haunted", "melancholy", "lonely", "shy"]
    static let lower: Set<String> = ["gruff", "tough", "menacing", "commanding", "cold", "dangerous", "ruthless", "strong", "fierce", "grim", "intimidating"]
    static let higher: Set<String> = ["cheerful", "playful", "shy", "nervous", "anxious", "mischievous", "innocent", "excitable"]
    static let flatter: Set<String> = ["sardonic", "wry", "cold", "weary", "bitter", "deadpan", "cynical", "guarded"]
    static let livelier: Set<String> = ["cheerful", "charming", "flirtatious", "romantic", "spirited", "eccentric", "playful", "theatrical", "warm"]

    enum Pronouns { case feminine, masculine, none }

    /// The pronouns of a description, when it uses only one kind.
    static func pronouns(in description: String?) -> Pronouns {
        guard let description else { return .none }
        let words = Set(description.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init))
        let feminine = !words.isDisjoint(with: ["she", "her", "hers", "herself", "elle"]), masculine = !words.isDisjoint(with: ["he", "him", "his", "himself", "il"])
        return feminine == masculine ? .none : feminine ? .feminine : .masculine
    }

    /// FNV-1a of the UTF-8 bytes: the same on every machine and run (unlike `Hasher`).
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
