/// Splits comma-separated text into records (RFC 4180: quoted fields, `""` escapes, quoted
/// newlines), remembering the line each record starts on for error reports.
///
/// Written here rather than taken from a package because imports must keep going after a
/// malformed record and report it by line number; a CSV library stops at the first error.
struct CSVRecords {
    struct Record {
        var line: Int
        var fields: [String]
    }

    enum Failure: Error {
        case unterminatedQuote(line: Int)
        case strayQuote(line: Int, column: Int)
    }

    /// Parses decoded lines into records. Lines that failed to decode are reported through
    /// `problem` and skipped; so are records with broken quoting.
    static func parse(_ lines: [TextLine], problem: (Int, String) -> Void) -> [Record] {
        var records: [Record] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            guard var text = line.text else {
                problem(line.number, line.decodingError ?? "undecodable line")
                index += 1
                continue
            }
            // A quoted field may continue on the next physical line: join until quotes balance.
            var consumed = 1
            while text.utf8.reduce(0, { $0 + ($1 == UInt8(ascii: "\"") ? 1 : 0) }) % 2 == 1,
                index + consumed < lines.count, let next = lines[index + consumed].text, consumed < 20
            {
                text += "\n" + next
                consumed += 1
            }
            switch fields(of: text, line: line.number) {
            case .success(let fields): records.append(Record(line: line.number, fields: fields))
            case .failure(.unterminatedQuote(let at)): problem(at, "unterminated quoted field")
            case .failure(.strayQuote(let at, let column)): problem(at, "unexpected quote at column \(column)")
            }
            index += consumed
        }
        return records
    }

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    /// Splits one record into fields. A quote inside an unquoted field is kept as a character
    /// (lenient, as real exports contain them); a quoted field must close before the next comma.
    static func fields(of text: String, line: Int) -> Result<[String], Failure> {
        var fields: [String] = []
        var field = ""
        var state = State.fieldStart
        for (offset, c) in text.enumerated() {
            switch state {
            case .fieldStart:
                if c == "\"" { state = .quoted } else if c == "," { fields.append("") } else { field.append(c); state = .unquoted }
            case .unquoted:
                if c == "," { fields.append(field); field = ""; state = .fieldStart } else { field.append(c) }
            case .quoted:
                if c == "\"" { state = .quoteInQuoted } else { field.append(c) }
            case .quoteInQuoted:
                if c == "\"" {
                    field.append("\""); state = .quoted
                } else if c == "," {
                    fields.append(field); field = ""; state = .fieldStart
                } else {
                    return .failure(.strayQuote(line: line, column: offset + 1))
                }
            }
        }
        if state == .quoted { return .failure(.unterminatedQuote(line: line)) }
        fields.append(field)
        return .success(fields)
    }
}
