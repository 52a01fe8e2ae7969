import Determinism
import Foundation

/// A loop under construction: every layer is written modulo its length, so whatever rings past
/// the end continues at the start and the loop joins itself without a seam.
struct LoopBuffer {
    var samples: [Float]
    let sampleRate: Int
    var random: SeededRandom

    init(seconds: Double, sampleRate: Int, seed: UInt64) {
        samples = [Float](repeating: 0, count: Int(seconds * Double(sampleRate)))
        self.sampleRate = sampleRate
        random = SeededRandom(seed: seed)
    }

    var count: Int { samples.count }
    var seconds: Double { Double(count) / Double(sampleRate) }

    /// A frequency rounded to a whole number of cycles per loop, so a tone or a modulation
    /// ends exactly where it began.
    func loopFrequency(_ hertz: Double) -> Double { max(1, (hertz * seconds).rounded()) / seconds }

    /// Noise through a resonant band-pass (centre, Q), at `level`, amplitude-modulated by
    /// `1 + depth·sin` at whole cycles per loop. The filter runs round the loop twice and
    /// keeps the second pass, so its state at the end is its state at the start.
    mutating func noise(level: Float, centre: Double, q: Double, modulation: (rate: Double, depth: Float) = (0, 0)) {
        let white = (0..<count).map { _ in random.nextFloat(in: -1...1) }
        let w = 2 * Double.pi * centre / Double(sampleRate), alpha = sin(w) / (2 * q)
        let b0 = Float(alpha / (1 + alpha)), a1 = Float(-2 * cos(w) / (1 + alpha)), a2 = Float((1 - alpha) / (1 + alpha))
        var (x1, x2, y1, y2): (Float, Float, Float, Float) = (0, 0, 0, 0)
        var out = [Float](repeating: 0, count: count)
        for pass in 0..<2 {
            for n in 0..<count {
                let x = white[n]
                let y = b0 * x - b0 * x2 - a1 * y1 - a2 * y2
                (x2, x1, y2, y1) = (x1, x, y1, y)
                if pass == 1 { out[n] = y }
            }
        }
        let peak = out.map(abs).max() ?? 1
        let rate = modulation.rate > 0 ? loopFrequency(modulation.rate) : 0
        for n in 0..<count {
            let envelope = 1 + modulation.depth * Float(sin(2 * Double.pi * rate * Double(n) / Double(sampleRate)))
            samples[n] += out[n] / peak * level * envelope / (1 + modulation.depth)
        }
    }

    /// A steady tone with harmonics (1, ½, ⅓…), each at a whole number of cycles per loop.
    mutating func hum(level: Float, fundamental: Double, harmonics: Int, wobble: Double = 0) {
        for k in 1...harmonics {
            let f = loopFrequency(fundamental * Double(k)), wobbleRate = loopFrequency(max(wobble, 0.05))
            for n in 0..<count {
                let t = Double(n) / Double(sampleRate)
                let swell = 1 + (wobble > 0 ? 0.3 * sin(2 * Double.pi * wobbleRate * t + Double(k)) : 0)
                samples[n] += level / Float(k) * Float(sin(2 * Double.pi * f * t) * swell)
            }
        }
    }

    /// `number` short events at seeded times: a sine at a seeded frequency within `frequencies`
    /// (gliding by `sweep` Hz per second) that starts with a 2 ms attack and decays over
    /// `decay` seconds, written round the loop.
    mutating func events(_ number: Int, level: Float, frequencies: ClosedRange<Double>, decay: Double, sweep: Double = 0) {
        for _ in 0..<number {
            let start = random.nextInt(in: 0..<count)
            let frequency = Double(random.nextFloat(in: Float(frequencies.lowerBound)...Float(frequencies.upperBound)))
            let amplitude = level * random.nextFloat(in: 0.5...1)
            let length = Int(decay * 6 * Double(sampleRate))
            var phase = 0.0
            for i in 0..<min(length, count) {
                let t = Double(i) / Double(sampleRate)
                phase += 2 * Double.pi * (frequency + sweep * t) / Double(sampleRate)
                // A 2 ms attack keeps the onset from clicking.
                let attack = min(1, t / 0.002)
                samples[(start + i) % count] += amplitude * Float(sin(phase) * exp(-t / decay) * attack)
            }
        }
    }

    /// Sparse crackles: single-sample impulses through a short decay (fire, vinyl, rain taps).
    mutating func crackle(_ number: Int, level: Float, decay: Double) {
        let length = Int(decay * 8 * Double(sampleRate))
        for _ in 0..<number {
            let start = random.nextInt(in: 0..<count)
            let amplitude = level * random.nextFloat(in: 0.2...1) * (random.nextInt(in: 0..<2) == 0 ? 1 : -1)
            var previous: Float = 0
            for i in 0..<min(length, count) {
                // Decaying noise, smoothed one pole: a tick, not a square click.
                let value = random.nextFloat(in: -1...1) * Float(exp(-Double(i) / (decay * Double(sampleRate))))
                previous = 0.6 * previous + 0.4 * value
                samples[(start + i) % count] += amplitude * previous
            }
        }
    }

    /// Notes of a simple instrument: partials decaying at `decay` seconds, at seeded times,
    /// pitches drawn from `scale` (MIDI note numbers).
    mutating func notes(_ number: Int, level: Float, scale: [Int], decay: Double, partials: Int) {
        for _ in 0..<number {
            let start = random.nextInt(in: 0..<count)
            let note = scale[random.nextInt(in: 0..<scale.count)]
            let frequency = 440 * pow(2, Double(note - 69) / 12)
            let length = Int(decay * 5 * Double(sampleRate))
            for i in 0..<min(length, count) {
                let t = Double(i) / Double(sampleRate)
                var value = 0.0
                for k in 1...partials { value += sin(2 * Double.pi * frequency * Double(k) * t) * exp(-t * Double(k) / decay) / Double(k) }
                samples[(start + i) % count] += level * Float(value * min(1, t / 0.003))
            }
        }
    }
}
