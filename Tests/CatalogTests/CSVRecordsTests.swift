@testable import Catalog
import Foundation
import Testing

/// The CSV splitter behind the MovieLens latest importer.
@Suite struct CSVRecordsTests {
    func parse(_ text: String) -> (records: [[String]], problems: [Int]) {
        var problems: [Int] = []
        let records = CSVRecords.parse(TextLines.split(Data(text.utf8), encoding: .utf8)) { line, _ in problems.append(line) }
        return (records.map(\.fields), problems)
    }

    @Test func quotedFieldsCommasAndEscapedQuotes() {
        let result = parse("a,\"b, c\",\"say \"\"hi\"\"\"\n,,\n")
        #expect(result.records == [["a", "b, c", "say \"hi\""], ["", "", ""]])
        #expect(result.problems.isEmpty)
    }

    @Test func quotedNewlineJoinsLinesAndKeepsStartLine() {
        var problems: [Int] = []
        let records = CSVRecords.parse(TextLines.split(Data("x\n\"multi\nline\",2\nlast,3".utf8), encoding: .utf8)) { line, _ in problems.append(line) }
        #expect(records.map(\.fields) == [["x"], ["multi\nline", "2"], ["last", "3"]])
        #expect(records.map(\.line) == [1, 2, 4])
    }

    @Test func brokenQuotingIsReportedNotFatal() {
        let result = parse("ok,1\n\"closed\"junk,2\nfine,3\n")
        #expect(result.records == [["ok", "1"], ["fine", "3"]])
        #expect(result.problems == [2])
    }

    @Test func crlfAndMissingTrailingNewline() {
        #expect(parse("a,b\r\nc,d").records == [["a", "b"], ["c", "d"]])
    }
}
