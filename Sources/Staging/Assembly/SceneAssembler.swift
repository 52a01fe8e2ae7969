import Foundation
import Narrative
import SceneGraph

/// Builds the scene graph of a staged room: shell, props (from their part data), lights,
/// hotspots, character figures, seats, audio, spawn point and a preview camera.
struct SceneAssembler {
    let archetype: Archetype
    let palette: MaterialPalette
    let textPanels: TextPanelRenderer
    let texts: PanelTexts
    var scene: Scene
    let root: SceneIndex<Node>
    private var framedPieces = 0
    private var propLights = 0
    /// Height of the walls (or parapet); 0 outdoors.
    private(set) var wallHeight: Float = 0
    private(set) var surfaceNames: (floor: String, walls: String) = ("", "")

    static let wallThickness: Float = 0.2
    static let maxPropLights = 6

    init(archetype: Archetype, palette: MaterialPalette, name: String, textPanels: TextPanelRenderer, texts: PanelTexts) {
        self.archetype = archetype
        self.palette = palette
        self.textPanels = textPanels
        self.texts = texts
        var scene = Scene(name: name)
        root = scene.add(Node(name: "room"))
        self.scene = scene
    }

    private mutating func meshNode(_ name: String, geometry key: String, _ build: () -> Geometry, material: Material, transform: Transform, parent: SceneIndex<Node>) {
        let materialIndex = scene.material(material)
        let mesh = scene.mesh(key: "\(key)|\(materialIndex.rawValue)") { Mesh(name: name, primitives: [Primitive(geometry: build().withoutUVs, material: materialIndex)]) }
        scene.add(Node(name: name, transform: transform, mesh: mesh), parent: parent)
    }

    // MARK: Shell

    mutating func buildRoom(mountHeight: Float) {
        let room = archetype.room
        let (w, d, h) = (room.width, room.depth, room.height)
        let floor = palette.surface("floor", archetype.surfaces.floor, archetype: archetype.id)
        let walls = palette.surface("walls", archetype.surfaces.walls, archetype: archetype.id)
        surfaceNames = (floor.name, walls.name)
        let structure = scene.add(Node(name: "structure"), parent: root)
        let groundMargin: Float = room.enclosure == .open ? 6 : 0.4
        meshNode("floor", geometry: "plane \(w + groundMargin)x\(d + groundMargin)", { MeshBuilder.plane(width: w + groundMargin, depth: d + groundMargin) },
                 material: floor, transform: .identity, parent: structure)
        guard room.enclosure != .open else { return }
        wallHeight = room.wallHeight
        let t = Self.wallThickness
        let door = MeshBuilder.Opening(x: (w + 2 * t) / 2 - 0.7, y: 0, width: 1.4, height: min(2.2, wallHeight + 0.01))
        func openings(_ wall: Archetype.Wall, length: Float, offset: Float) -> [MeshBuilder.Opening] {
            guard room.enclosure == .walls else { return wall == .front ? [door] : [] }
            var list = (archetype.windows ?? []).filter { $0.wall == wall }.map {
                MeshBuilder.Opening(x: offset + $0.at * length - $0.width / 2, y: $0.sill, width: $0.width, height: $0.height)
            }
            if wall == .front { list.append(door) }
            return list
        }
        // Back and front walls overlap the side walls' ends, so corners are closed.
        let specs: [(Archetype.Wall, Float, Transform, Float)] = [
            (.back, w + 2 * t, Transform(translation: Vec3(-w / 2 - t, 0, -d / 2 - t / 2)), t),
            (.front, w + 2 * t, Transform(translation: Vec3(-w / 2 - t, 0, d / 2 + t / 2)), t),
            (.left, d, Transform(translation: Vec3(-w / 2 - t / 2, 0, -d / 2), rotation: .yaw(-.pi / 2)), 0),
            (.right, d, Transform(translation: Vec3(w / 2 + t / 2, 0, -d / 2), rotation: .yaw(-.pi / 2)), 0),
        ]
        for (wall, length, transform, offset) in specs {
            let holes = openings(wall, length: wall == .back || wall == .front ? w : d, offset: offset)
            let key = "wall \(wall.rawValue) \(length)x\(wallHeight) \(holes.map { "\($0.x),\($0.y),\($0.width),\($0.height)" }.joined(separator: ";"))"
            let height = wallHeight
            meshNode("wall-\(wall.rawValue)", geometry: key, { MeshBuilder.wall(width: length, height: height, thickness: t, openings: holes) },
                     material: walls, transform: transform, parent: structure)
        }
        if room.enclosure == .walls {
            let ceiling = palette.surface("ceiling", archetype.surfaces.ceiling, archetype: archetype.id)
            meshNode("ceiling", geometry: "plane \(w)x\(d)", { MeshBuilder.plane(width: w, depth: d) }, material: ceiling,
                     transform: Transform(translation: Vec3(0, h, 0), rotation: .pitch(.pi)), parent: structure)
        }
    }

    // MARK: Lights

    mutating func addLights(rig: [Archetype.LightSpec], mood: String, brightness: Float) -> [SceneDocument.LightEntry] {
        let (w, d) = (archetype.room.width, archetype.room.depth)
        let group = scene.add(Node(name: "lights"), parent: root)
        var entries: [SceneDocument.LightEntry] = []
        for (index, spec) in rig.enumerated() {
            let position = Vec3(spec.at[0] * w, spec.at[1], spec.at[2] * d)
            var rotation = Quaternion.identity
            if let aim = spec.aim, aim.count == 3 {
                let direction = spec.type == .directional ? Vec3(aim[0], aim[1], aim[2]) : Vec3(aim[0] * w, aim[1], aim[2] * d) - position
                rotation = .looking(along: direction)
            } else if spec.type != .point {
                rotation = .looking(along: Vec3(0, -1, 0))
            }
            let color = Vec3(spec.color[0], spec.color[1], spec.color[2])
            let rig = Light(
                name: "\(archetype.id) light \(index + 1)", kind: spec.type, color: color, intensity: spec.intensity * brightness, range: spec.range,
                innerConeAngle: 0.35, outerConeAngle: 0.75).reachingAsClientsDo
            let light = scene.light(rig)
            scene.add(Node(name: "light-\(index + 1)", transform: Transform(translation: position, rotation: rotation), light: light), parent: group)
            entries.append(SceneDocument.LightEntry(
                name: "light-\(index + 1)", type: spec.type.rawValue, position: SceneDocument.point(position.x, position.y, position.z),
                color: spec.color.map(Double.init), intensity: Double(spec.intensity * brightness), range: rig.range.map(Double.init)))
        }
        return entries + addFill(mood: mood, brightness: brightness, group: group)
    }

    // MARK: Props

    /// Adds a composite prop as one node with one mesh: its parts merged into one primitive per
    /// material. The mesh is shared by every instance with the same look. Scenes are untextured,
    /// so no texture coordinates are written.
    @discardableResult
    private mutating func addParts(of definition: CompositeProp, transform: Transform, name: String, annotation: Annotation?, lift: Float = 0) -> SceneIndex<Node> {
        let prop = definition.lifted(by: lift)
        let slots = Set(prop.parts.map(\.material)).sorted()
        let materials = slots.map { scene.material(palette.slot($0, in: archetype)) }
        let key = "prop \(prop.id) lift \(lift) parts \(prop.parts.count) materials \(materials.map { String($0.rawValue) }.joined(separator: ","))"
        let mesh = scene.mesh(key: key) {
            let primitives = zip(slots, materials).map { slot, material -> Primitive in
                if let merged = prop.measured?.slotGeometry[slot] { return Primitive(geometry: merged, material: material) }
                var geometry = Geometry()
                for part in prop.parts where part.material == slot {
                    geometry.append(CompositeProp.geometry(of: part).geometry, transform: CompositeProp.transform(of: part))
                }
                return Primitive(geometry: geometry.withoutUVs, material: material)
            }
            return Mesh(name: prop.id, primitives: primitives)
        }
        return scene.add(Node(name: name, transform: transform, mesh: mesh, annotation: annotation), parent: root)
    }

    mutating func addProp(_ item: PlacedItem) {
        let prop = item.prop!
        let transform = Transform(translation: Vec3(item.x, item.y, item.z), rotation: .yaw(item.yaw))
        let annotation = Annotation(role: .prop, id: item.id, label: prop.name, properties: [
            "kind": .string(prop.kind), "propId": .string(prop.id), "tags": .array(prop.tags.map { .string($0) }),
            "footprint": .array([.rounded(prop.width), .rounded(prop.depth)]),
        ])
        let node = addParts(of: prop, transform: transform, name: item.id, annotation: annotation)
        if prop.tags.contains("wall"), let face = Self.paperFace(of: prop) {
            let piece = texts.framed(framedPieces)
            framedPieces += 1
            addTextFace(on: face, parent: node, heading: piece.heading, body: piece.body, name: item.id)
        }
        if let at = prop.lightAt, propLights < Self.maxPropLights {
            propLights += 1
            // A 60 W-equivalent bulb: about 800 lm.
            let light = scene.light(Light(name: "\(item.id) lamp", kind: .point, color: Vec3(1, 0.85, 0.65), intensity: 64, range: 6, castsShadows: false).reachingAsClientsDo)
            scene.add(Node(name: "\(item.id)/lamp", transform: Transform(translation: Vec3(at[0], at[1], at[2])), light: light), parent: node)
        }
    }

    /// Adds a seat marker; returns its world position.
    mutating func addSeat(_ item: PlacedItem, at local: Vec3, id: String) -> [Double] {
        let world = Transform(translation: Vec3(item.x, item.y, item.z), rotation: .yaw(item.yaw)).apply(local)
        scene.add(Node(
            name: id, transform: Transform(translation: world, rotation: .yaw(item.yaw)),
            annotation: Annotation(role: .seat, id: id, label: "Seat: \(item.prop!.name)", properties: ["prop": .string(item.id)]),
            seat: item.prop!.seatPose), parent: root)
        return SceneDocument.point(world.x, world.y, world.z)
    }

    // MARK: Interactive parts

    mutating func addHotspot(_ item: PlacedItem, card: HotspotCard, mountHeight: Float) {
        let annotation = Annotation(role: .hotspot, id: item.id, label: card.label, properties: [
            "triggerRadius": 1.2, "height": .rounded(mountHeight),
            "action": .object(["type": "info", "text": .string(card.text)]),
            "approach": .position(Vec3(item.approach!.x, 0, item.approach!.z)),
        ])
        // Panels are modelled centred at 1.5 m; lift or lower them to the visitor's reach.
        let lift = mountHeight - 1.5
        let node = addParts(of: item.prop!, transform: Transform(translation: Vec3(item.x, 0, item.z), rotation: .yaw(item.yaw)), name: item.id, annotation: annotation, lift: lift)
        if let face = Self.paperFace(of: item.prop!.lifted(by: lift)) {
            addTextFace(on: face, parent: node, heading: card.label, body: card.text, name: item.id)
        }
    }

    mutating func addCharacter(_ item: PlacedItem, name: String, actors: [String], description: String?, traits: [String], colorIndex: Int, dialogueRef: String?) {
        var properties: [String: AnnotationValue] = [
            "name": .string(name), "actors": .array(actors.map { .string($0) }), "triggerRadius": 1.5,
            "approach": .position(Vec3(item.approach!.x, 0, item.approach!.z)),
        ]
        if let description { properties["description"] = .string(description) }
        if let dialogueRef {
            properties["dialogueRef"] = .string(dialogueRef)
            properties["action"] = .object(["type": "dialogue", "dialogueRef": .string(dialogueRef)])
        }
        let colors = MaterialPalette.characterColors
        let color = colors[colorIndex % colors.count]
        let high = palette.highContrast
        let clothing = scene.material(Material(name: "character-\(colorIndex + 1)", baseColor: SIMD4(color, 1), roughness: 0.6))
        // Legwear: the next colour of the palette, darkened, so two figures never share both.
        let legColor = colors[(colorIndex + 3) % colors.count] * 0.45
        let legwear = scene.material(Material(name: "character-\(colorIndex + 1)-legwear", baseColor: SIMD4(legColor, 1), roughness: 0.75))
        let skin = scene.material(high ? Material(name: "character-head/high-contrast", baseColor: SIMD4(1, 1, 1, 1), roughness: 0.6)
            : Material(name: "character-head", baseColor: SIMD4(0.8, 0.62, 0.5, 1), roughness: 0.7))
        let base = scene.material(high ? Material(name: "mark/high-contrast", baseColor: SIMD4(1, 0.78, 0, 1), roughness: 0.5)
            : Material(name: "mark", baseColor: SIMD4(0.9, 0.85, 0.7, 1), roughness: 0.6))
        let figure = HumanFigure(name: name, traits: traits, description: description)
        let key = "figure \(figure.height) \(figure.breadth) \(clothing.rawValue) \(legwear.rawValue) \(skin.rawValue) \(base.rawValue)"
        let mesh = scene.mesh(key: key) {
            let parts = figure.geometry()
            let marker = Geometry.transformed(MeshBuilder.cylinder(radius: 0.28, height: 0.01), Transform(translation: Vec3(0, 0.005, 0)))
            // Untextured: no texture coordinates are written.
            return Mesh(name: "figure", primitives: [
                Primitive(geometry: parts.clothing.withoutUVs, material: clothing), Primitive(geometry: parts.legwear.withoutUVs, material: legwear),
                Primitive(geometry: parts.skin.withoutUVs, material: skin), Primitive(geometry: marker.withoutUVs, material: base),
            ])
        }
        let node = scene.add(Node(
            name: item.id, transform: Transform(translation: Vec3(item.x, 0, item.z), rotation: .yaw(item.yaw)), mesh: mesh,
            annotation: Annotation(role: .character, id: item.id, label: name, properties: properties)), parent: root)
        addNamePlate(name: name, actors: actors, parent: node, id: item.id)
    }

    /// A small plaque standing at the front of the mark, tilted back toward the visitor.
    private mutating func addNamePlate(name: String, actors: [String], parent: SceneIndex<Node>, id: String) {
        let plaque = scene.material(palette.slot("darkWood", in: archetype))
        let mesh = scene.mesh(key: "name plate \(plaque.rawValue)") {
            Mesh(name: "name plate", primitives: [Primitive(geometry: MeshBuilder.box(Vec3(0.34, 0.14, 0.02)).withoutUVs, material: plaque)])
        }
        let holder = scene.add(Node(
            name: "\(id) name plate", transform: Transform(translation: Vec3(0, 0.1, 0.2), rotation: .pitch(-0.5)), mesh: mesh), parent: parent)
        let face = CompositeProp.Part(shape: .box, size: [0.32, 0.12, 0.02], at: [0, 0, 0], material: "paper")
        addTextFace(on: face, parent: holder, heading: name, body: actors.isEmpty ? "" : "played by " + actors.joined(separator: " and "), name: "\(id) name plate")
    }

    /// Adds the ambience node: a positional, looping emitter of the tag's loop (served at
    /// ``SceneDocument/ambienceURL(_:format:)``) under the ceiling; returns its position.
    mutating func addAudio(tag: String, caption: String?) -> [Double] {
        let url = SceneDocument.ambienceURL(tag, format: "mp3")
        var properties: [String: AnnotationValue] = [
            "ambience": .string(tag), "loop": true, "volume": 0.7, "spatial": true,
            "audio": .object([
                "url": .string(url), "mimeType": "audio/mpeg", "loudness": -23,
                "formats": .object(["mp3": .string(url), "opus": .string(SceneDocument.ambienceURL(tag, format: "opus")), "wav": .string(SceneDocument.ambienceURL(tag, format: "wav"))]),
            ]),
        ]
        if let caption { properties["caption"] = .string(caption) }
        let y = min(archetype.room.height - 0.4, 2.6)
        let emitter = AudioEmitter(uri: url, mimeType: "audio/mpeg", gain: 0.7, refDistance: 2, maxDistance: 40)
        scene.add(Node(
            name: "ambience", transform: Transform(translation: Vec3(0, y, 0)),
            annotation: Annotation(role: .audio, id: "ambience", label: "Ambience", properties: properties), audio: emitter), parent: root)
        return SceneDocument.point(0, y, 0)
    }

    /// The spawn point (facing into the room, −Z) and a preview camera at eye height there.
    mutating func addSpawn(x: Float, z: Float, stepFree: Bool) {
        scene.add(Node(
            name: "spawn", transform: Transform(translation: Vec3(x, 0, z)),
            annotation: Annotation(role: .spawn, id: "spawn", label: "Start here", properties: ["forward": .array([0, 0, -1]), "eyeHeight": 1.6, "stepFree": .bool(stepFree)])), parent: root)
        let camera = scene.camera(.perspective(yfov: .pi / 3, aspectRatio: 16.0 / 9.0, znear: 0.05, zfar: 100))
        scene.add(Node(name: "preview-camera", transform: Transform(translation: Vec3(x, 1.6, z), rotation: .pitch(-0.12)), camera: camera), parent: root)
    }
}
