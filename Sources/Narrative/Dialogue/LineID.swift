/// Stable line ids: a hash of the film, the character and the line's slot in the tree (node and
/// position), so regenerating — for another seed, profile or language — gives the same slot the
/// same id, as localisation tools expect of Yarn `#line:` tags.
enum LineID {
    static func make(film: String, character: String, slot: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(film)\u{1F}\(character.lowercased())\u{1F}\(slot)".utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        // SplitMix64's finaliser spreads one-character differences over every digit.
        hash = (hash ^ (hash >> 30)) &* 0xbf58_476d_1ce4_e5b9
        hash = (hash ^ (hash >> 27)) &* 0x94d0_49bb_1331_11eb
        hash ^= hash >> 31
        let hex = String(hash, radix: 16)
        return "line:" + String(repeating: "0", count: max(0, 16 - hex.count)) + hex
    }
}
