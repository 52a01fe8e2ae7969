import Catalog
import Narrative

/// Writes what the guide says at an exhibit, from the exhibit's films and the visitor's
/// profile: children hear short sentences without synopsis lines, casual visitors the film and
/// its premise, enthusiasts also its settings, scholars also the cast and the other films the
/// exhibit covers.
struct StopNarration {
    let grammar: Grammar
    let profile: UserProfile

    func write(_ exhibit: Exhibit, films: [Film], expander: inout Expander) throws(GrammarError) -> (text: String, facts: [String]) {
        let child = profile.audience == .child
        func allowed(_ text: String) -> Bool { !child || !ContentAdvisory.isMature(text) }
        var inputs = GrammarInputs(attributes: ["audience": profile.audience.rawValue, "depth": profile.depth.rawValue])
        inputs.bind("exhibit", Fact(exhibit.title, source: "exhibit.title"))
        var sentences: [Expansion] = []
        if let film = films.first {
            inputs.bind("title", allowed(film.title) ? Fact(film.title, source: "film[\(film.id)].title") : nil)
            inputs.bind("year", film.year.map { Fact(String($0), source: "film[\(film.id)].year") })
            inputs.bind("director", Fact.joined(film.directors.enumerated().map { Fact($1, source: "film[\(film.id)].directors[\($0)]") }, conjunction: grammar.conjunction))
            sentences.append(try expander.expand("stopFilm", inputs))
            var story = inputs
            if !child, let first = Sentences.split(film.synopsis ?? "").first {
                story.bind("premise", Fact(first, source: "film[\(film.id)].synopsis.sentences[0]"))
            }
            story.bind("keywords", Fact.joined(film.keywords.enumerated().filter { allowed($1) }.prefix(3).map { Fact($1, source: "film[\(film.id)].keywords[\($0)]") }, conjunction: grammar.conjunction))
            if story.isBound("premise") || story.isBound("keywords") { sentences.append(try expander.expand("stopStory", story)) }
            if profile.depth >= .enthusiast, !child,
               let settings = Fact.joined(film.settings.prefix(2).enumerated().map { Fact($1, source: "film[\(film.id)].settings[\($0)]") }, conjunction: grammar.conjunction) {
                sentences.append(try expander.expand("stopSetting", inputs.binding("settings", [settings])))
            }
            if profile.depth == .scholar,
               let cast = Fact.joined(film.cast.prefix(3).enumerated().map { Fact($1.person, source: "film[\(film.id)].cast[\($0)].person") }, conjunction: grammar.conjunction) {
                sentences.append(try expander.expand("stopCast", inputs.binding("cast", [cast])))
            }
        }
        if profile.depth == .scholar || films.count > 1 && !child,
           let others = Fact.joined(films.dropFirst().filter { allowed($0.title) }.map { Fact($0.title, source: "film[\($0.id)].title") }, conjunction: grammar.conjunction) {
            sentences.append(try expander.expand("stopMore", inputs.binding("otherTitles", [others])))
        }
        var sources: [String] = []
        for source in sentences.flatMap(\.facts).flatMap({ $0.split(separator: "+").map(String.init) }) where !sources.contains(source) { sources.append(source) }
        return (sentences.map(\.text).joined(separator: " "), sources)
    }
}
