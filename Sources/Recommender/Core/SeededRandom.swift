import Foundation

/// A seeded pseudo-random generator (SplitMix64): the only source of randomness in fitting,
/// so the same seed gives the same model.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform Float in [0, 1).
    public mutating func nextUnitFloat() -> Float {
        Float(next() >> 40) * (1.0 / Float(1 << 24))
    }

    /// A normally distributed Float (Box–Muller).
    public mutating func nextGaussian(mean: Float = 0, deviation: Float = 1) -> Float {
        let u1 = max(nextUnitFloat(), 1e-7)
        let u2 = nextUnitFloat()
        return mean + deviation * (-2 * logf(u1)).squareRoot() * cosf(2 * .pi * u2)
    }
}
