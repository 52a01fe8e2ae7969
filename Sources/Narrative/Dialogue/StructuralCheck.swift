import Foundation

/// The structural checks every generated tree must pass, with the shape metrics the note and the
/// API report. ``check(_:)`` never throws: problems are listed in the report.
public enum StructuralCheck {
    /// Problems found and the tree's shape.
    public struct Report: Codable, Sendable, Hashable {
        public var problems: [String]
        public var nodeCount: Int
        public var lineCount: Int
        public var optionCount: Int
        /// Shortest and longest path from the start to an end, counted in steps between strongly
        /// connected components (a hub and its topics form one component).
        public var shortestPathToEnd: Int
        public var longestPathToEnd: Int
        /// Mean and largest number of options at non-terminal nodes, and how many offer one.
        public var meanBranching: Double
        public var maxBranching: Int
        public var singleOptionNodes: Int
        /// Elementary cycles in the option graph (capped at ``cycleLimit``) and the strongly
        /// connected components that contain one.
        public var cycles: Int
        public var cyclicComponents: Int
        /// Readability: mean words per sentence over every line and option.
        public var meanWordsPerSentence: Double
        /// Mean number of distinct catalog facts cited per node.
        public var factsPerNode: Double

        public var passed: Bool { problems.isEmpty }
    }

    public static let cycleLimit = 100_000

    public static func check(_ tree: DialogueTree) -> Report {
        var problems: [String] = []
        var index: [String: Int] = [:]
        for (position, node) in tree.nodes.enumerated() {
            if index[node.id] != nil { problems.append("node id \(node.id) is used twice") }
            index[node.id] = position
            if !isIdentifier(node.id) { problems.append("node id \(node.id) is not a valid Yarn title / ink knot name") }
        }
        guard let start = index[tree.start] else {
            return emptyReport(problems + ["the start node \(tree.start) does not exist"], tree)
        }

        // Edges, targets, options.
        var edges = [[Int]](repeating: [], count: tree.nodes.count)
        for (position, node) in tree.nodes.enumerated() {
            var texts = Set<String>()
            for option in node.options {
                if let target = index[option.target] { edges[position].append(target) } else {
                    problems.append("\(node.id): option \(option.id) leads to \(option.target), which does not exist")
                }
                let text = option.text.trimmingCharacters(in: .whitespaces)
                if text.isEmpty { problems.append("\(node.id): option \(option.id) has no text") }
                if !texts.insert(text).inserted { problems.append("\(node.id): two options read \"\(text)\"") }
            }
            if node.terminal, !node.options.isEmpty { problems.append("\(node.id): a terminal node offers options") }
            if !node.terminal {
                if node.options.isEmpty { problems.append("\(node.id): not terminal, but offers no options") }
                else if node.options.allSatisfy({ $0.condition != nil }) {
                    problems.append("\(node.id): every option is conditional, so the visitor can be left with none")
                }
            }
            for line in node.lines where line.text.trimmingCharacters(in: .whitespaces).isEmpty {
                problems.append("\(node.id): line \(line.id) is empty")
            }
        }

        // Reachability both ways.
        let reachable = reach(from: [start], edges)
        for (position, node) in tree.nodes.enumerated() where !reachable.contains(position) {
            problems.append("\(node.id) cannot be reached from \(tree.start)")
        }
        var reverse = [[Int]](repeating: [], count: tree.nodes.count)
        for (from, targets) in edges.enumerated() { for to in targets { reverse[to].append(from) } }
        let terminals = tree.nodes.indices.filter { tree.nodes[$0].terminal }
        if terminals.isEmpty { problems.append("the tree has no terminal node") }
        let canEnd = reach(from: terminals, reverse)
        for position in reachable.sorted() where !canEnd.contains(position) {
            problems.append("\(tree.nodes[position].id) cannot reach an end (a trap)")
        }

        // Variables.
        var declared: [String: VariableType] = [:]
        for variable in tree.variables {
            if declared[variable.name] != nil { problems.append("variable \(variable.name) is declared twice") }
            declared[variable.name] = variable.type
            if !isIdentifier(variable.name) { problems.append("variable name \(variable.name) is not an identifier") }
            if variable.initial.type != variable.type { problems.append("variable \(variable.name): initial value is not a \(variable.type.rawValue)") }
        }
        func use(_ name: String, _ type: VariableType, _ place: String) {
            guard let declaredType = declared[name] else { problems.append("\(place) uses undeclared variable \(name)"); return }
            if declaredType != type { problems.append("\(place) uses \(name) as \(type.rawValue), declared \(declaredType.rawValue)") }
        }
        var ids: [String: String] = [:]
        func register(_ id: String, _ place: String) {
            if id.isEmpty || !id.hasPrefix("line:") { problems.append("\(place) has no line id") }
            if let other = ids[id] { problems.append("line id \(id) is used by \(other) and \(place)") }
            ids[id] = place
        }
        for node in tree.nodes {
            for line in node.lines {
                register(line.id, "\(node.id) line")
                for read in line.condition?.reads ?? [] { use(read.name, read.type, "\(node.id) line \(line.id)") }
            }
            for option in node.options {
                register(option.id, "\(node.id) option")
                for read in option.condition?.reads ?? [] { use(read.name, read.type, "\(node.id) option \(option.id)") }
                for effect in option.effects { use(effect.variable, effect.type, "\(node.id) option \(option.id)") }
            }
        }

        // Shape.
        let components = stronglyConnectedComponents(edges)
        let (shortest, longest) = pathLengths(start: start, terminals: Set(terminals), edges: edges, components: components)
        let branching = tree.nodes.filter { !$0.terminal }.map(\.options.count)
        let texts = tree.nodes.flatMap { $0.lines.map(\.text) + $0.options.map(\.text) }
        let sentences = texts.flatMap(Sentences.split)
        let words = sentences.map { Sentences.words($0).count }
        let factCounts = tree.nodes.map { Set($0.lines.flatMap(\.facts)).count }
        return Report(
            problems: problems, nodeCount: tree.nodes.count, lineCount: tree.nodes.reduce(0) { $0 + $1.lines.count },
            optionCount: tree.nodes.reduce(0) { $0 + $1.options.count }, shortestPathToEnd: shortest, longestPathToEnd: longest,
            meanBranching: branching.isEmpty ? 0 : Double(branching.reduce(0, +)) / Double(branching.count),
            maxBranching: branching.max() ?? 0, singleOptionNodes: branching.filter { $0 == 1 }.count,
            cycles: countCycles(edges.map { Array(Set($0)).sorted() }), cyclicComponents: components.groups.filter { group in
                group.count > 1 || edges[group[0]].contains(group[0])
            }.count,
            meanWordsPerSentence: words.isEmpty ? 0 : Double(words.reduce(0, +)) / Double(words.count),
            factsPerNode: tree.nodes.isEmpty ? 0 : Double(factCounts.reduce(0, +)) / Double(tree.nodes.count))
    }

    private static func emptyReport(_ problems: [String], _ tree: DialogueTree) -> Report {
        Report(
            problems: problems, nodeCount: tree.nodes.count, lineCount: 0, optionCount: 0, shortestPathToEnd: 0, longestPathToEnd: 0,
            meanBranching: 0, maxBranching: 0, singleOptionNodes: 0, cycles: 0, cyclicComponents: 0, meanWordsPerSentence: 0, factsPerNode: 0)
    }

    /// `[a-z][a-z0-9_]*`.
    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    private static func reach(from starts: [Int], _ edges: [[Int]]) -> Set<Int> {
        var seen = Set(starts)
        var stack = starts
        while let node = stack.popLast() {
            for next in edges[node] where seen.insert(next).inserted { stack.append(next) }
        }
        return seen
    }

    /// Tarjan's algorithm: component of each node, and the components' members.
    private static func stronglyConnectedComponents(_ edges: [[Int]]) -> (of: [Int], groups: [[Int]]) {
        let count = edges.count
        var index = [Int](repeating: -1, count: count), low = [Int](repeating: 0, count: count)
        var onStack = [Bool](repeating: false, count: count), stack: [Int] = []
        var component = [Int](repeating: -1, count: count), groups: [[Int]] = []
        var counter = 0
        func visit(_ v: Int) {
            index[v] = counter; low[v] = counter; counter += 1
            stack.append(v); onStack[v] = true
            for w in edges[v] {
                if index[w] < 0 { visit(w); low[v] = min(low[v], low[w]) } else if onStack[w] { low[v] = min(low[v], index[w]) }
            }
            if low[v] == index[v] {
                var group: [Int] = []
                while let w = stack.popLast() {
                    onStack[w] = false
                    component[w] = groups.count
                    group.append(w)
                    if w == v { break }
                }
                groups.append(group)
            }
        }
        for v in 0..<count where index[v] < 0 { visit(v) }
        return (component, groups)
    }

    /// Shortest and longest number of steps on the condensation from the start's component to a
    /// component holding a terminal node.
    private static func pathLengths(start: Int, terminals: Set<Int>, edges: [[Int]], components: (of: [Int], groups: [[Int]])) -> (Int, Int) {
        let count = components.groups.count
        var dag = [Set<Int>](repeating: [], count: count)
        for (from, targets) in edges.enumerated() {
            for to in targets where components.of[from] != components.of[to] { dag[components.of[from]].insert(components.of[to]) }
        }
        let ends = Set(terminals.map { components.of[$0] })
        var shortest = [Int?](repeating: nil, count: count), longest = [Int?](repeating: nil, count: count)
        // Tarjan numbers components in reverse topological order: successors come first.
        for c in 0..<count {
            var best: Int? = ends.contains(c) ? 0 : nil
            var worst: Int? = ends.contains(c) ? 0 : nil
            for next in dag[c] {
                if let s = shortest[next] { best = min(best ?? Int.max, s + 1) }
                if let l = longest[next] { worst = max(worst ?? Int.min, l + 1) }
            }
            shortest[c] = best
            longest[c] = worst
        }
        let first = components.of[start]
        return (shortest[first] ?? -1, longest[first] ?? -1)
    }

    /// Elementary cycles, by depth-first search from each node through higher-numbered nodes.
    private static func countCycles(_ edges: [[Int]]) -> Int {
        var total = 0
        var onPath = [Bool](repeating: false, count: edges.count)
        func explore(_ v: Int, _ origin: Int) {
            guard total < cycleLimit else { return }
            for w in edges[v] where w >= origin {
                if w == origin { total += 1 } else if !onPath[w] {
                    onPath[w] = true
                    explore(w, origin)
                    onPath[w] = false
                }
            }
        }
        for origin in edges.indices {
            onPath[origin] = true
            explore(origin, origin)
            onPath[origin] = false
        }
        return min(total, cycleLimit)
    }
}
