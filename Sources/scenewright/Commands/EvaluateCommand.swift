import ArgumentParser
import Foundation
import Recommender

/// `scenewright evaluate`: reproduces the recommender accuracy figures.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Measure recommender accuracy on MovieLens folds or a fixed split.",
        discussion: """
            Protocols:
              ml100k-official  the five official folds u1.base/u1.test … u5.base/u5.test in --data;
                               reports mean RMSE and MAE and mean fit seconds per fold.
              split            --train and --test files (TSV with header 'user item rating ts', or u.data layout);
                               every training row is a positive; for each test user every item seen in training
                               minus the user's own is ranked; reports NDCG@k (all test items relevant, and items
                               rated ≥ 4), precision@k, recall@k, catalogue coverage and fit seconds.
            --algo takes a name, a comma-separated list, or 'all': \(AlgorithmCatalog.names.joined(separator: ", ")).
            """)

    enum ProtocolName: String, ExpressibleByArgument, CaseIterable {
        case ml100kOfficial = "ml100k-official"
        case split
    }

    @Option(name: .customLong("protocol"), help: "ml100k-official or split.")
    var protocolName: ProtocolName

    @Option(help: "Directory with u1.base … u5.test (ml100k-official).")
    var data: String?

    @Option(help: "Training file (split).")
    var train: String?

    @Option(help: "Test file (split).")
    var test: String?

    @Option(help: "Algorithm name(s): comma-separated, or 'all'.")
    var algo: String = "default"

    @Option(name: .short, help: "Cut-off for ranking metrics (split).")
    var k: Int = 10

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a hyperparameter, e.g. --set lambda=300 (repeatable).", valueName: "key=value"))
    var settings: [String] = []

    @Option(help: "Threads for fitting (0 = all cores).")
    var threads: Int = 0

    @Flag(help: "Print one JSON object per algorithm per line instead of a table.")
    var json = false

    @Option(help: "Also write the JSON lines to this file.")
    var output: String?

    func validate() throws {
        switch protocolName {
        case .ml100kOfficial where data == nil: throw ValidationError("--protocol ml100k-official needs --data DIR")
        case .split where train == nil || test == nil: throw ValidationError("--protocol split needs --train FILE and --test FILE")
        default: break
        }
        guard (1...1000).contains(k) else { throw ValidationError("-k must be between 1 and 1000") }
        for setting in settings where setting.split(separator: "=").count != 2 {
            throw ValidationError("--set takes key=value (got '\(setting)')")
        }
        for name in algorithms where !AlgorithmCatalog.names.contains(name) {
            throw ValidationError("unknown algorithm '\(name)'; expected one of \(AlgorithmCatalog.names.joined(separator: ", ")) or all")
        }
    }

    var parameters: [String: String] {
        Dictionary(settings.map { setting in
            let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
            return (parts[0], parts[1])
        }, uniquingKeysWith: { _, last in last })
    }

    func model(_ name: String, _ task: AlgorithmCatalog.Task) throws -> any Recommender {
        guard let model = try AlgorithmCatalog.make(name, task: task, threads: threads, parameters: parameters) else {
            throw ValidationError("unknown algorithm '\(name)'")
        }
        return model
    }

    var algorithms: [String] {
        algo == "all" ? AlgorithmCatalog.names.filter { $0 != "default" }
            : algo.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    func run() throws {
        var lines: [String] = []
        switch protocolName {
        case .ml100kOfficial:
            let folds = try Evaluation.officialFolds(in: URL(fileURLWithPath: data!))
            if !json { print(pad("algo", 12) + pad("rmse", 10) + pad("mae", 10) + "fitSeconds") }
            for name in algorithms {
                let report = try Evaluation.rating(folds: folds) { try model(name, .rating) }
                let line = jsonLine([("algo", .text(name)), ("rmse", .number(report.rmse)), ("mae", .number(report.mae)), ("fitSeconds", .number(report.fitSeconds))])
                lines.append(line)
                print(json ? line : pad(name, 12) + pad(fixed(report.rmse), 10) + pad(fixed(report.mae), 10) + fixed(report.fitSeconds, digits: 3))
            }
        case .split:
            let trainRows = try RatingFile.read(URL(fileURLWithPath: train!))
            let testRows = try RatingFile.read(URL(fileURLWithPath: test!))
            if !json {
                print(pad("algo", 12) + pad("ndcg@\(k)", 11) + pad("ndcgRel4@\(k)", 15) + pad("prec@\(k)", 10) + pad("recall@\(k)", 12) + pad("coverage", 10) + "fitSeconds")
            }
            for name in algorithms {
                let report = try Evaluation.ranking(train: trainRows, test: testRows, k: k) { try model(name, .ranking) }
                let line = jsonLine([
                    ("algo", .text(name)), ("ndcg@\(k)", .number(report.ndcg)), ("ndcgRel4@\(k)", .number(report.ndcgHighRated)),
                    ("precision@\(k)", .number(report.precision)), ("recall@\(k)", .number(report.recall)),
                    ("coverage", .number(report.coverage)), ("fitSeconds", .number(report.fitSeconds)),
                ])
                lines.append(line)
                print(json ? line : pad(name, 12) + pad(fixed(report.ndcg), 11) + pad(fixed(report.ndcgHighRated), 15) + pad(fixed(report.precision), 10)
                    + pad(fixed(report.recall), 12) + pad(fixed(report.coverage), 10) + fixed(report.fitSeconds, digits: 3))
            }
        }
        if let output {
            try (lines.joined(separator: "\n") + "\n").write(toFile: output, atomically: true, encoding: .utf8)
        }
    }

    private enum Value {
        case text(String)
        case number(Double)
    }

    /// One JSON object with keys in the given order (the order the issue documents).
    private func jsonLine(_ fields: [(String, Value)]) -> String {
        "{" + fields.map { key, value in
            switch value {
            case .text(let text): return "\"\(key)\":\"\(text)\""
            case .number(let number): return "\"\(key)\":\(number.isFinite ? fixed(number, digits: 6) : "null")"
            }
        }.joined(separator: ",") + "}"
    }

    private func fixed(_ value: Double, digits: Int = 4) -> String { String(format: "%.\(digits)f", value) }

    private func pad(_ text: String, _ width: Int) -> String { text.padding(toLength: max(width, text.count + 1), withPad: " ", startingAt: 0) }
}
