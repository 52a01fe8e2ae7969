import Catalog
import Foundation
import SceneGraph

/// What the room's signs say, taken from the film's record only.
struct PanelTexts: Sendable {
    /// The title sign: the title with its year, then who directed it.
    var title: (heading: String, body: String)
    /// The cast list, "Actor as Character", for a frame.
    var cast: String?
    /// The synopsis's first sentence, for a frame.
    var tagline: String?

    init(film: Film) {
        let year = film.year.map { " (\($0))" } ?? ""
        let directors = film.directors.isEmpty ? "" : "Directed by \(film.directors.joined(separator: " and "))."
        title = (film.title + year, directors)
        cast = film.cast.isEmpty ? nil : film.cast.prefix(6).map { "\($0.person) as \($0.character)" }.joined(separator: ". ") + "."
        if let synopsis = film.synopsis, let end = synopsis.firstIndex(where: { ".!?".contains($0) }) {
            tagline = String(synopsis[...end])
        } else {
            tagline = film.synopsis
        }
    }

    /// What the `index`-th framed piece on the walls shows: the title first, then the cast, then the tagline, in turn.
    func framed(_ index: Int) -> (heading: String?, body: String) {
        let pieces: [(String?, String)] = [(title.heading, title.body)] + (cast.map { [("Cast", $0)] } ?? []) + (tagline.map { [(nil, $0)] } ?? [])
        return pieces[index % pieces.count]
    }
}

extension SceneAssembler {
    /// The part a text face goes on: the largest thin `paper` box facing the front (+Z).
    static func paperFace(of prop: CompositeProp) -> CompositeProp.Part? {
        prop.parts.filter { part in
            guard part.shape == .box, part.material == "paper", let size = part.size, part.yaw ?? 0 == 0, part.pitch ?? 0 == 0 else { return false }
            return size[2] <= 0.03 && size[0] >= 0.15 && size[1] >= 0.1
        }.max { ($0.size![0] * $0.size![1]) < ($1.size![0] * $1.size![1]) }
    }

    /// Adds a quad just in front of `part`'s +Z face, under `parent`, textured with the text.
    mutating func addTextFace(on part: CompositeProp.Part, parent: SceneIndex<Node>, heading: String?, body: String, name: String) {
        let (width, height) = (part.size![0], part.size![1])
        let style: TextPanelRenderer.Style = palette.highContrast ? .highContrast : .standard
        let key = "text \(width)x\(height) \(style.ink) \(heading ?? "") | \(body)"
        guard let rendered = try? textPanels.render(title: heading, body: body, aspect: width / height, style: style, name: name) else { return }
        let texture = scene.texture(key: key) { rendered.texture }
        let material = scene.material(Material(name: "text \(texture.rawValue)\(palette.highContrast ? "/high-contrast" : "")", baseColor: SIMD4(1, 1, 1, 1), roughness: 0.85, baseColorTexture: texture))
        let quadKey = "text quad \(width)x\(height) v\(rendered.usedHeight) \(material.rawValue)"
        let mesh = scene.mesh(key: quadKey) {
            Mesh(name: "text face", primitives: [Primitive(geometry: Self.quad(width: width, height: height, usedHeight: rendered.usedHeight), material: material)])
        }
        let at = Vec3(part.at[0], part.at[1], part.at[2] + part.size![2] / 2 + 0.002)
        scene.add(Node(name: "\(name) text", transform: Transform(translation: at), mesh: mesh), parent: parent)
    }

    /// A quad in the XY plane facing +Z, its texture's top-left at the quad's top-left and the
    /// image's lower part (below `usedHeight`) left off.
    static func quad(width: Float, height: Float, usedHeight: Float) -> Geometry {
        var g = Geometry()
        let (x, y) = (width / 2, height / 2)
        g.positions = [Vec3(-x, -y, 0), Vec3(x, -y, 0), Vec3(x, y, 0), Vec3(-x, y, 0)]
        g.normals = Array(repeating: Vec3(0, 0, 1), count: 4)
        g.uvs = [SIMD2(0, usedHeight), SIMD2(1, usedHeight), SIMD2(1, 0), SIMD2(0, 0)]
        g.indices = [0, 1, 2, 0, 2, 3]
        return g
    }
}
