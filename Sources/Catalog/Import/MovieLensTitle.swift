import Foundation

/// MovieLens titles carry the year and a trailing article: `Godfather, The (1972)`.
enum MovieLensTitle {
    /// Articles MovieLens moves to the end of a title, in the languages its titles use.
    private static let articles: Set<String> = ["The", "A", "An", "Das", "Der", "Die", "La", "Le", "Les", "Il", "El", "L'"]

    /// Splits off a trailing `(YYYY)` and moves a trailing article to the front.
    static func parse(_ raw: String) -> (title: String, year: Int?) {
        var title = raw.trimmingCharacters(in: .whitespaces)
        var year: Int?
        if title.hasSuffix(")"), let open = title.lastIndex(of: "(") {
            let inside = title[title.index(after: open)..<title.index(before: title.endIndex)]
            // "(1995)" or a range such as "(2007-2013)" for series: take the first year.
            let digits = inside.prefix(4)
            if digits.count == 4, digits.allSatisfy(\.isNumber), inside.allSatisfy({ $0.isNumber || $0 == "-" || $0 == "–" }) {
                year = Int(digits)
                title = String(title[..<open]).trimmingCharacters(in: .whitespaces)
            }
        }
        return (naturalOrder(title), year)
    }

    /// `"Godfather, The"` → `"The Godfather"`; `"Seven (Se7en)"` unchanged.
    static func naturalOrder(_ title: String) -> String {
        // The article may come before an alternative title in parentheses: "Boot, Das (Boat, The)".
        var main = title
        var rest = ""
        if let paren = title.range(of: " (") {
            main = String(title[..<paren.lowerBound])
            rest = String(title[paren.lowerBound...])
        }
        guard let comma = main.range(of: ", ", options: .backwards) else { return title }
        let article = String(main[comma.upperBound...])
        guard articles.contains(article) else { return title }
        let joiner = article.hasSuffix("'") ? "" : " "
        return article + joiner + main[..<comma.lowerBound] + rest
    }
}
