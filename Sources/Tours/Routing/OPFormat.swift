import Foundation

/// The text format of the standard Orienteering Problem benchmark sets (Tsiligirides,
/// Chao et al.): line 1 `Tmax P` (P ignored), then one `x y score` per line, tab- or
/// space-separated, decimals allowed. The first point is the start, the second the end; costs
/// are plain unrounded Euclidean distances.
public enum OPFormat {
    /// A malformed file, with the 1-based line at fault.
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    public static func parse(_ text: String) throws(ParseError) -> (problem: OrienteeringProblem, points: [(x: Double, y: Double)]) {
        var budget: Double?
        var points: [(x: Double, y: Double)] = []
        var scores: [Double] = []
        // "\r\n" is one Character in Swift: split on any newline.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        var lastLine = 1
        for (index, raw) in lines.enumerated() {
            let number = index + 1
            let fields = raw.split(whereSeparator: \.isWhitespace).map(String.init)
            if fields.isEmpty { continue }
            lastLine = number
            func value(_ field: String, _ name: String) throws(ParseError) -> Double {
                guard let parsed = Double(field), parsed.isFinite else { throw ParseError(line: number, message: "\(name) '\(field.prefix(40))' is not a number") }
                return parsed
            }
            if budget == nil {
                guard fields.count == 2 else { throw ParseError(line: number, message: "expected 'Tmax P', found \(fields.count) fields") }
                let tmax = try value(fields[0], "Tmax")
                guard tmax >= 0 else { throw ParseError(line: number, message: "Tmax must not be negative") }
                _ = try value(fields[1], "P")
                budget = tmax
                continue
            }
            guard fields.count == 3 else { throw ParseError(line: number, message: "expected 'x y score', found \(fields.count) fields") }
            let x = try value(fields[0], "x"), y = try value(fields[1], "y"), score = try value(fields[2], "score")
            guard score >= 0 else { throw ParseError(line: number, message: "score must not be negative") }
            points.append((x, y))
            scores.append(score)
        }
        guard let budget else { throw ParseError(line: 1, message: "the file is empty (expected 'Tmax P')") }
        guard points.count >= 2 else { throw ParseError(line: lastLine, message: "need at least a start and an end point, found \(points.count)") }
        // Start and end collect nothing, whatever the file says.
        scores[0] = 0
        scores[1] = 0
        let problem = OrienteeringProblem(scores: scores, costs: OrienteeringProblem.euclidean(points), budget: budget, start: 0, end: 1)
        return (problem, points)
    }
}
