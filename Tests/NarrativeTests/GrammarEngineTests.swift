import Foundation
import Narrative
import Testing

@Suite("Grammar engine")
struct GrammarEngineTests {
    func grammar(_ json: String) throws -> Grammar { try Grammar(name: "test.en", json: Data(json.utf8)) }

    @Test("expands symbols, modifiers and push actions as Tracery does")
    func traceryBasics() throws {
        let g = try grammar("""
            {"origin": ["#[hero:#animal#]story#"], "story": ["#hero.a.capitalize# met #hero.s#. #hero.capitalize#’s day ended."],
             "animal": ["owl"], "$entries": ["origin"]}
            """)
        var expander = Expander(grammar: g, seed: 1)
        #expect(try expander.expand("origin", GrammarInputs()).text == "An owl met owls. Owl’s day ended.")
    }

    @Test("modifiers: capitalize, a, s, ed, possessive, inline")
    func modifiers() throws {
        #expect(try Modifiers.apply("a", to: "umbrella") == "an umbrella")
        #expect(try Modifiers.apply("a", to: "unicorn") == "a unicorn")
        #expect(try Modifiers.apply("a", to: "hour") == "an hour")
        #expect(try Modifiers.apply("s", to: "city") == "cities")
        #expect(try Modifiers.apply("s", to: "box") == "boxes")
        #expect(try Modifiers.apply("s", to: "day") == "days")
        #expect(try Modifiers.apply("ed", to: "walk") == "walked")
        #expect(try Modifiers.apply("ed", to: "carry") == "carried")
        #expect(try Modifiers.apply("ed", to: "bake") == "baked")
        #expect(try Modifiers.apply("possessive", to: "Woody") == "Woody’s")
        #expect(try Modifiers.apply("possessive", to: "Jess") == "Jess’")
        #expect(try Modifiers.apply("inline", to: "A toy dinosaur who worries.") == "a toy dinosaur who worries")
        #expect(try Modifiers.apply("inline", to: "Vito's youngest son.") == "Vito's youngest son")
        #expect(try Modifiers.apply("capitalize", to: "élan") == "Élan")
        #expect(throws: GrammarError.unknownModifier("shout")) { try Modifiers.apply("shout", to: "x") }
    }

    @Test("push and POP restore the previous value")
    func pushPop() throws {
        let g = try grammar(##"{"origin": "[x:one]#x# [x:two]#x# [x:POP]#x#", "$entries": ["origin"]}"##)
        var expander = Expander(grammar: g, seed: 9)
        #expect(try expander.expand("origin", GrammarInputs()).text == "one two one")
    }

    @Test("guards select rules by attribute, order and bound inputs")
    func guards() throws {
        let g = try grammar("""
            {"$inputs": ["director"], "$attributes": {"audience": ["child", "teen", "adult"]}, "$entries": ["line"],
             "line": [{"text": "short", "when": ["audience=child"]}, {"text": "long #who#", "when": ["audience>=teen"]}],
             "who": [{"text": "by #director#", "when": ["has:director"]}, {"text": "by nobody we know", "when": ["!has:director"]}]}
            """)
        var expander = Expander(grammar: g, seed: 3)
        #expect(try expander.expand("line", GrammarInputs(attributes: ["audience": "child"])).text == "short")
        #expect(try expander.expand("line", GrammarInputs(attributes: ["audience": "adult"])).text == "long by nobody we know")
        var inputs = GrammarInputs(attributes: ["audience": "teen"])
        inputs.bind("director", Fact("Joel Coen", source: "film.directors[0]"))
        let expansion = try expander.expand("line", inputs)
        #expect(expansion.text == "long by Joel Coen")
        #expect(expansion.facts == ["film.directors[0]"])
    }

    @Test("inputs are inserted verbatim: grammar syntax in a catalog value is text")
    func hostileInputs() throws {
        let g = try grammar(##"{"$inputs": ["title"], "origin": "Title: #title#.", "$entries": ["origin"]}"##)
        var expander = Expander(grammar: g, seed: 1)
        var inputs = GrammarInputs()
        inputs.bind("title", Fact("#origin# [x:POP] \\ \u{0}", source: "film.title"))
        #expect(try expander.expand("origin", inputs).text == "Title: #origin# [x:POP] \\ \u{0}.")
    }

    @Test("the same seed gives the same text; different seeds can differ")
    func seeded() throws {
        let g = try grammar(##"{"origin": ["a", "b", "c", "d", "e", "f", "g", "h"], "$entries": ["origin"]}"##)
        func run(_ seed: UInt64) throws -> [String] {
            var expander = Expander(grammar: g, seed: seed)
            return try (0..<20).map { _ in try expander.expand("origin", GrammarInputs()).text }
        }
        #expect(try run(42) == run(42))
        #expect(try run(42) != run(43))
    }

    @Test("expansion errors are reported, not crashes")
    func expansionErrors() throws {
        let g = try grammar(##"{"$inputs": ["name"], "loop": "#loop#", "missing": "#nowhere#", "unbound": "#name#", "gap": [{"text": "x", "when": ["has:name"]}]}"##)
        var expander = Expander(grammar: g, seed: 1)
        #expect(throws: GrammarError.tooDeep("loop")) { try expander.expand("loop", GrammarInputs()) }
        #expect(throws: GrammarError.undefinedSymbol("nowhere")) { try expander.expand("missing", GrammarInputs()) }
        #expect(throws: GrammarError.unboundInput("name")) { try expander.expand("unbound", GrammarInputs()) }
        #expect(throws: GrammarError.noApplicableRule("gap")) { try expander.expand("gap", GrammarInputs()) }
    }

    @Test("malformed grammars and rules are rejected with a reason")
    func malformed() throws {
        #expect(throws: GrammarError.self) { try grammar("[1, 2]") }
        #expect(throws: GrammarError.self) { try grammar(##"{"origin": "#unclosed"}"##) }
        #expect(throws: GrammarError.self) { try grammar(##"{"origin": "[x:#y#"}"##) }
        #expect(throws: GrammarError.self) { try grammar(##"{"origin": "a ] b"}"##) }
        #expect(throws: GrammarError.self) { try grammar(##"{"origin": [{"text": "x", "when": ["audience~child"]}]}"##) }
        #expect(throws: GrammarError.self) { try grammar(##"{"origin": [42]}"##) }
        #expect(throws: GrammarError.self) { try grammar(##"{"origin": []}"##) }
    }
}

@Suite("Grammar check")
struct GrammarCheckTests {
    @Test("every shipped grammar passes the check")
    func shippedGrammars() throws {
        let library = try NarrativeFixture.library()
        #expect(library.grammars.count >= 2)
        for (name, grammar) in library.grammars.sorted(by: { $0.key < $1.key }) {
            let issues = GrammarCheck.issues(in: grammar)
            #expect(issues.isEmpty, "\(name): \(issues)")
        }
    }

    @Test("finds undefined symbols, recursion, gaps, unused rules, bad guards and invented names")
    func findsEveryKind() throws {
        let g = try Grammar(name: "bad.en", json: Data("""
            {"$entries": ["origin", "ghost"], "$inputs": ["name"], "$attributes": {"audience": ["child", "adult"]}, "$lexicon": ["Hello"],
             "origin": ["Hello #name#, #missing# #loop# #kids# #odd.shout#", {"text": "x", "when": ["depth=scholar", "has:title"]}],
             "loop": ["#loop# again", {"text": "stop", "when": ["audience=child"]}],
             "kids": [{"text": "hi", "when": ["audience=child"]}],
             "orphan": "never used",
             "boast": "Gandalf was here"}
            """.utf8))
        let kinds = Dictionary(grouping: GrammarCheck.issues(in: g), by: \.kind).mapValues { $0.map(\.symbol) }
        #expect(kinds[.undefinedSymbol] == ["origin", "origin"])  // #missing# and #odd#
        #expect(kinds[.unknownModifier] == ["origin"])
        #expect(kinds[.infiniteRecursion]?.contains("loop") == true)
        #expect(kinds[.noApplicableRule] == ["kids"])
        #expect(Set(kinds[.unusedRule] ?? []) == ["orphan", "boast"])
        #expect(kinds[.missingEntry] == ["ghost"])
        #expect(Set(kinds[.badGuard] ?? []) == ["origin"])
        #expect(kinds[.unlistedCapital] == ["boast"])
    }

    @Test("grounding flags a name the sources do not contain")
    func grounding() throws {
        let film = try NarrativeFixture.film("toy-story-1995")
        let missing = GroundingCheck.ungroundedWords(
            in: ["Woody’s friend Buzz Lightyear met Gandalf in Andy's bedroom."], film: film, profile: nil, lexicon: ["the"])
        #expect(missing == ["Gandalf"])
    }
}

@Suite("Typography")
struct TypographyTests {
    @Test("joins are tidied; ellipses in titles survive")
    func tidy() {
        #expect(Typography.tidy("Hello ,  world .") == "Hello, world.")
        #expect(Typography.tidy("It is about dolls..") == "It is about dolls.")
        #expect(Typography.tidy("When Harry Met Sally... (1989).") == "When Harry Met Sally... (1989).")
        #expect(Typography.tidy("When Harry Met Sally....") == "When Harry Met Sally...")
        #expect(Typography.tidy("Really?.") == "Really?")
        #expect(Typography.list(["a", "b", "c"], conjunction: "et") == "a, b et c")
    }

    @Test("sentences split on full stops but not on titles and initials")
    func sentences() {
        #expect(Sentences.split("Mr. Potato Head is here. Dr. Emmett Brown too! Is it?") == ["Mr. Potato Head is here.", "Dr. Emmett Brown too!", "Is it?"])
        #expect(Sentences.split("Michael J. Fox plays Marty.") == ["Michael J. Fox plays Marty."])
        #expect(Sentences.words("Andy's bedroom, 1995 — space-ranger") == ["Andy's", "bedroom", "1995", "space-ranger"])
    }
}
