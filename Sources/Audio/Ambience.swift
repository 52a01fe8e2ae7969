/// A room's sound: a seamless loop synthesised for an archetype's ambience tag from filtered
/// noise, hums, tones and seeded events, all written round the loop (see ``LoopBuffer``), then
/// brought to −23 LUFS. Deterministic: the same tag gives the same samples.
public enum Ambience {
    /// Seconds per loop: long enough that its events do not feel like a pattern.
    public static let loopSeconds = 20.0
    public static let sampleRate = 22_050

    /// Every tag with a recipe of its own; any other tag gets a quiet room tone.
    public static let tags = ["cinema-lobby", "city-night", "courtroom", "forest-magic", "creaking-house", "jungle-night", "rain-on-window",
                              "playroom", "diner-chatter", "great-hall", "orchestra-tuning", "starship-hum", "sonar-ping", "saloon-piano"]

    /// The loop for `tag`, normalised to ``Loudness/Target/ambience``.
    public static func loop(tag: String) throws -> AudioClip {
        var loop = LoopBuffer(seconds: loopSeconds, sampleRate: sampleRate, seed: VoiceCasting.fnv1a("ambience:" + tag))
        compose(tag, into: &loop)
        return try Loudness.normalise(AudioClip(samples: loop.samples, sampleRate: sampleRate), to: .ambience)
    }

    static func compose(_ tag: String, into loop: inout LoopBuffer) {
        // Every room has air: a soft low room tone under the rest.
        loop.noise(level: 0.15, centre: 180, q: 0.5, modulation: (0.05, 0.2))
        switch tag {
        case "city-night":
            loop.noise(level: 0.5, centre: 110, q: 0.7, modulation: (0.1, 0.5))
            loop.noise(level: 0.3, centre: 450, q: 0.6, modulation: (0.15, 0.7))
            loop.events(2, level: 0.12, frequencies: 700...760, decay: 1.2, sweep: -40)
        case "rain-on-window":
            loop.noise(level: 0.35, centre: 3_000, q: 0.4)
            loop.crackle(900, level: 0.25, decay: 0.0015)
            loop.notes(6, level: 0.06, scale: [48, 51, 55, 58, 60], decay: 1.5, partials: 3)
        case "cinema-lobby":
            loop.hum(level: 0.12, fundamental: 48, harmonics: 4, wobble: 0.4)
            loop.noise(level: 0.25, centre: 500, q: 1, modulation: (2.5, 0.5))
            loop.crackle(40, level: 0.4, decay: 0.004)
        case "courtroom":
            loop.noise(level: 0.2, centre: 400, q: 1, modulation: (1.5, 0.4))
            loop.crackle(25, level: 0.3, decay: 0.012)
            loop.events(2, level: 0.5, frequencies: 120...170, decay: 0.06)
        case "forest-magic":
            loop.noise(level: 0.3, centre: 2_200, q: 0.6, modulation: (0.2, 0.6))
            loop.noise(level: 0.3, centre: 800, q: 1.5, modulation: (1.3, 0.3))
            loop.events(10, level: 0.12, frequencies: 1_500...3_000, decay: 0.8)
        case "creaking-house":
            loop.noise(level: 0.5, centre: 320, q: 2, modulation: (0.07, 0.8))
            loop.events(6, level: 0.25, frequencies: 180...320, decay: 0.3, sweep: 80)
        case "jungle-night":
            loop.hum(level: 0.05, fundamental: 4_100, harmonics: 1, wobble: 6)
            loop.crackle(120, level: 0.3, decay: 0.003)
            loop.events(8, level: 0.15, frequencies: 1_500...2_500, decay: 0.12, sweep: 1_500)
        case "playroom":
            loop.notes(40, level: 0.12, scale: [84, 86, 88, 91, 93, 96], decay: 0.6, partials: 2)
            loop.events(5, level: 0.15, frequencies: 900...1_400, decay: 0.05, sweep: 2_000)
        case "diner-chatter":
            loop.noise(level: 0.4, centre: 500, q: 1, modulation: (3, 0.5))
            loop.noise(level: 0.12, centre: 5_000, q: 0.5)
            loop.notes(30, level: 0.08, scale: [45, 48, 50, 52, 55, 57], decay: 0.4, partials: 3)
        case "great-hall":
            loop.noise(level: 0.35, centre: 400, q: 1, modulation: (2.5, 0.5))
            loop.noise(level: 0.3, centre: 150, q: 0.7)
            loop.crackle(200, level: 0.25, decay: 0.003)
        case "orchestra-tuning":
            loop.hum(level: 0.08, fundamental: 440, harmonics: 6, wobble: 0.3)
            loop.hum(level: 0.06, fundamental: 220, harmonics: 4, wobble: 0.2)
            loop.crackle(60, level: 0.3, decay: 0.002)
        case "starship-hum":
            loop.hum(level: 0.15, fundamental: 55, harmonics: 5, wobble: 0.2)
            loop.noise(level: 0.2, centre: 220, q: 0.7)
            loop.events(12, level: 0.08, frequencies: 2_000...3_000, decay: 0.03)
        case "sonar-ping":
            loop.hum(level: 0.12, fundamental: 40, harmonics: 3)
            loop.events(4, level: 0.3, frequencies: 1_180...1_220, decay: 0.8)
            loop.events(3, level: 0.3, frequencies: 60...90, decay: 0.6, sweep: -10)
        case "saloon-piano":
            loop.notes(45, level: 0.12, scale: [60, 62, 64, 65, 67, 69, 71, 72], decay: 0.8, partials: 4)
            loop.events(8, level: 0.1, frequencies: 3_000...4_500, decay: 0.08)
            loop.noise(level: 0.2, centre: 500, q: 1, modulation: (2.5, 0.4))
        default:
            break
        }
    }
}
