import Audio
import Catalog
import Foundation
import Narrative
import Tours

/// One clip of a tour's audio: the welcome, a stop (by its number in the order walked), or the
/// farewell.
public enum TourClip: Sendable, Hashable {
    case intro
    case stop(Int)
    case outro

    /// `intro`, `stop-7`, `outro`: the clip's name in a pack and in logs.
    var name: String {
        switch self {
        case .intro: return "intro"
        case .stop(let number): return "stop-\(number)"
        case .outro: return "outro"
        }
    }
}

extension TourService {
    /// The narrator who speaks every clip of a tour, in the tour's language.
    static func narrator(_ tour: Tour) -> SpeechVoice { VoiceCasting.narrator(language: tour.language.used) }

    /// What `clip` says: the intro, a stop's transcript (its description first, for audio
    /// description), or the outro.
    /// - Throws: ``StudioError`` `.notFound` for a stop number the tour does not have.
    static func text(of clip: TourClip, in tour: Tour) throws -> String {
        switch clip {
        case .intro: return tour.intro
        case .outro: return tour.outro
        case .stop(let number):
            guard let stop = tour.stops.first(where: { $0.number == number }) else {
                throw StudioError(.notFound, "tour \(tour.id) version \(tour.version) has stops 1–\(tour.stops.count); no stop \(number)")
            }
            return stop.transcript
        }
    }

    /// One clip of a tour version, spoken by the narrator, as `format`.
    /// - Throws: ``StudioError`` `.notFound` for an unknown tour, version or stop;
    ///   `.unavailable` when speech cannot be synthesised here.
    public func audio(id: String, version: Int? = nil, clip: TourClip, format: AudioFormat) async throws -> ServedArtifact {
        try await studioErrors {
            let tour = try await tour(id: id, version: version)
            return try await speech.clip(try Self.text(of: clip, in: tour), voice: Self.narrator(tour), format: format, owner: tour.request.userId)
        }
    }

    /// Plans a tour whose stops are timed by their measured narration audio. The planner first
    /// estimates each stop at the rate the narrator speaks; every chosen stop's clip is then
    /// synthesised and measured, the estimates recalibrated and the tour planned once more; after
    /// that the stops are re-timed from their clips, and while the tour is over budget the least
    /// valuable optional stop is dropped (re-measuring the neighbours whose directions change).
    /// The result has every stop timed by its own clip and fits the budget.
    func planTimedByAudio(_ request: TourRequest, id: String, films: [String: Film], taste: [String: Double]) async throws -> Tour {
        let planner = TourPlanner(library: grammars)
        var timing = NarrationTiming.audio(measuredSeconds: [:], estimatedWordsPerMinute: Self.narratorWordsPerMinute)
        var tour = try await work.run("tour") { [timing] in try planner.plan(request, id: id, films: films, taste: taste, timing: timing) }
        let voice = Self.narrator(tour)
        var replanned = false
        for _ in 0..<(2 * tour.stops.count + 4) {
            let missing = Set(tour.stops.map(\.transcript)).subtracting(timing.measuredSeconds.keys)
            if !missing.isEmpty {
                timing.measuredSeconds.merge(try await speech.seconds(of: missing, voice: voice, owner: request.userId)) { first, _ in first }
                timing.wordsPerMinute = timing.measuredWordsPerMinute ?? timing.wordsPerMinute
                let exhibits = tour.stops.map(\.exhibitId)
                let current = timing
                if replanned {
                    tour = try await work.run("tour") { try planner.assemble(request, id: id, exhibits: exhibits, films: films, taste: taste, timing: current) }
                } else {
                    replanned = true
                    tour = try await work.run("tour") { try planner.plan(request, id: id, films: films, taste: taste, timing: current) }
                }
                continue
            }
            if tour.totalMinutes <= request.budgetMinutes { return tour }
            guard let drop = tour.stops.filter({ !request.mustInclude.contains($0.exhibitId) }).min(by: { $0.value < $1.value }) else {
                throw TourError(
                    "the required exhibits take \(String(format: "%.1f", tour.totalMinutes)) minutes as narrated, over the budget of \(Int(request.budgetMinutes)) minutes")
            }
            let exhibits = tour.stops.map(\.exhibitId).filter { $0 != drop.exhibitId }
            let current = timing
            tour = try await work.run("tour") { try planner.assemble(request, id: id, exhibits: exhibits, films: films, taste: taste, timing: current) }
        }
        throw StudioError(.internal, "timing tour \(id) from its audio did not settle")
    }

    /// Re-times an edit of a tour timed by audio: its clips are measured, then the edit is
    /// checked against the budget with those lengths.
    func editTimedByAudio(_ current: Tour, edit: @escaping @Sendable (NarrationTiming, Bool) throws -> Tour) async throws -> Tour {
        var timing = NarrationTiming.audio(measuredSeconds: [:], estimatedWordsPerMinute: current.wordsPerMinute)
        let draft = try await work.run("tour.edit") { [timing] in try edit(timing, false) }
        timing.measuredSeconds = try await speech.seconds(of: Set(draft.stops.map(\.transcript)), voice: Self.narrator(current), owner: current.request.userId)
        let measured = timing
        return try await work.run("tour.edit") { try edit(measured, true) }
    }

    /// The narrator's speaking rate to estimate with before any clip is measured (words per
    /// minute, pauses included; measured clips replace it at once).
    static let narratorWordsPerMinute = 150.0
}
