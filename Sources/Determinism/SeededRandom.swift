import Foundation

/// A seeded pseudo-random generator (SplitMix64): the only source of randomness in model
/// fitting and content generation, so the same seed gives the same bytes.
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

    /// A uniform integer in `range`.
    public mutating func nextInt(in range: Range<Int>) -> Int {
        precondition(!range.isEmpty)
        return range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// A uniform Float in `range`.
    public mutating func nextFloat(in range: ClosedRange<Float>) -> Float {
        range.lowerBound + (range.upperBound - range.lowerBound) * nextUnitFloat()
    }

    /// A deterministic shuffle (Fisher–Yates driven by this generator).
    public mutating func shuffled<T>(_ items: [T]) -> [T] {
        var result = items
        guard result.count > 1 else { return result }
        for i in stride(from: result.count - 1, to: 0, by: -1) {
            result.swapAt(i, nextInt(in: 0..<(i + 1)))
        }
        return result
    }

    /// One element, chosen uniformly; nil for an empty array.
    public mutating func pick<T>(_ items: [T]) -> T? {
        items.isEmpty ? nil : items[nextInt(in: 0..<items.count)]
    }

    /// A generator for a named sub-stream, so adding draws in one part of a generator does not
    /// change the draws of another part.
    /// A seed for a sub-generator: the first value of ``derived(_:)``.
    public func derivedSeed(_ label: String) -> UInt64 {
        var generator = derived(label)
        return generator.next()
    }

    public func derived(_ label: String) -> SeededRandom {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in label.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return SeededRandom(seed: state ^ hash)
    }

    /// A normally distributed Float (Box–Muller).
    public mutating func nextGaussian(mean: Float = 0, deviation: Float = 1) -> Float {
        let u1 = max(nextUnitFloat(), 1e-7)
        let u2 = nextUnitFloat()
        return mean + deviation * (-2 * logf(u1)).squareRoot() * cosf(2 * .pi * u2)
    }
}
