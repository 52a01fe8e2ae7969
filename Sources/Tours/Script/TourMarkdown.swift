import Foundation

/// A tour as a printable script: the intro, a section per stop (number, title, room, timing,
/// narration, directions, transition, the alt text), the way to the exit and the outro.
public enum TourMarkdown {
    public static func render(_ tour: Tour) -> String {
        func minutes(_ value: Double) -> String { String(format: "%.1f", value) }
        var out = "# Tour of \(escape(tour.museumName))\n\n"
        out += "\(tour.stops.count) stops · \(minutes(tour.totalMinutes)) minutes of \(Int(tour.request.budgetMinutes)) "
        out += "(\(minutes(tour.walkingMinutes)) walking, \(minutes(tour.stopMinutes)) at stops) · version \(tour.version)"
        if let theme = tour.request.theme { out += " · theme: \(escape(theme))" }
        out += "\n\nNarration is timed at \(Int(tour.wordsPerMinute)) words per minute.\n\n"
        out += escape(tour.intro) + "\n"
        for stop in tour.stops {
            out += "\n## Stop \(stop.number): \(escape(stop.title))\n\n"
            out += "*\(escape(stop.roomName)) · arrive at minute \(minutes(stop.arrivalMinute)) · \(minutes(stop.stopMinutes)) minutes here*\n\n"
            out += escape(stop.narration) + "\n\n"
            out += "> **Next:** \(escape(stop.directions)) (\(minutes(stop.walkMinutesToNext)) min walk) \(escape(stop.transition))\n\n"
            out += "Alt text: \(escape(stop.altText))\n"
        }
        out += "\n## Finish\n\n"
        if tour.stops.isEmpty, !tour.toExit.isEmpty { out += escape(tour.toExit) + "\n\n" }
        out += escape(tour.outro) + "\n\n"
        out += "Total: \(minutes(tour.totalMinutes)) minutes.\n"
        return out
    }

    /// Escapes the characters Markdown would read as formatting.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_[]<>#|".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
