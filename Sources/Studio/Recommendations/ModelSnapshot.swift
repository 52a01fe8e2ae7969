import Foundation
import Recommender

/// A fitted recommender with everything needed to use it: which film and user each index is.
/// Immutable; a refit builds a new snapshot and swaps it in.
public struct ModelSnapshot: Sendable {
    public let model: any Recommender
    public let algorithm: String
    public let films: IDMap<String>
    public let users: IDMap<String>
    /// Users with a positive interaction, per item index.
    public let popularity: [Float]
    public let fittedAt: Date
    /// Feedback events the model was fitted on.
    public let eventCount: Int
    public let fitSeconds: Double
    /// Increases by one with every refit.
    public let version: Int
}
