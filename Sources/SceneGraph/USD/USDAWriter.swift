import Foundation

/// Writes a ``Scene`` as one USDA layer, the root layer of a USDZ package.
///
/// The stage is Y-up in metres with `/Scene` as its default prim. Prims mirror the glTF
/// nodes one for one, with the same translate / orient / scale: a node with only a mesh is a
/// `Mesh`, one with only a camera a `Camera`, any other an `Xform` (its mesh, then, is the child
/// `geometry`, its camera the child `camera`). Every mesh is bound to a `UsdPreviewSurface`
/// material under `/Scene/Materials`, textured through `UsdUVTexture` where the glTF material
/// is. Lights are UsdLux `LightAPI` prims (`light:shaderId` names the light type) and each
/// annotation is the prim's `customData` dictionary `scenewright`, the same fields as
/// `extras.scenewright` in the GLB (and, as JSON text, the attribute `userProperties:scenewright`
/// that DCC tools show as a custom property).
///
/// Texture coordinates are flipped to USD's convention (v = 0 at the bottom of the image).
struct USDAWriter {
    /// The path of each texture inside the package, by texture index.
    let texturePaths: [String]
    private let scene: Scene
    private var out = ""
    private var materialPaths: [String] = []

    static let rootPath = "/Scene"

    /// The layer's text.
    static func layer(_ scene: Scene, texturePaths: [String]) -> String {
        var writer = USDAWriter(texturePaths: texturePaths, scene: scene)
        writer.write()
        return writer.out
    }

    private init(texturePaths: [String], scene: Scene) {
        self.texturePaths = texturePaths
        self.scene = scene
    }

    private mutating func write() {
        out += """
            #usda 1.0
            (
                customLayerData = {
                    string creator = \(USDAText.string(GLTFExporter.generator))
                    string sceneName = \(USDAText.string(scene.name))
                }
                defaultPrim = "Scene"
                metersPerUnit = 1
                upAxis = "Y"
            )

            def Xform "Scene" (
                kind = "assembly"
            )
            {

            """
        var rootNames = SiblingNames(reserved: ["Materials"])
        writeMaterials(indent: "    ")
        for root in scene.roots {
            writeNode(root, name: rootNames.claim(scene[root].name), parent: Self.rootPath, indent: "    ")
        }
        out += "}\n"
    }

    // MARK: Materials

    private mutating func writeMaterials(indent: String) {
        guard !scene.materials.isEmpty else { return }
        var names = SiblingNames()
        out += "\(indent)def Scope \"Materials\"\n\(indent){\n"
        for material in scene.materials {
            let path = "\(Self.rootPath)/Materials/\(names.claim(material.name))"
            materialPaths.append(path)
            writeMaterial(material, path: path, indent: indent + "    ")
        }
        out += "\(indent)}\n"
    }

    private mutating func writeMaterial(_ m: Material, path: String, indent: String) {
        let name = String(path.split(separator: "/").last!)
        let inner = indent + "    ", body = inner + "    "
        let color = Vec3(m.baseColor.x, m.baseColor.y, m.baseColor.z)
        let texture = m.baseColorTexture.flatMap { $0.rawValue < texturePaths.count ? texturePaths[$0.rawValue] : nil }
        out += "\(indent)def Material \"\(name)\"\n\(indent){\n"
        out += "\(inner)token outputs:surface.connect = <\(path)/Surface.outputs:surface>\n\n"
        out += "\(inner)def Shader \"Surface\"\n\(inner){\n"
        out += "\(body)uniform token info:id = \"UsdPreviewSurface\"\n"
        if texture != nil {
            out += "\(body)color3f inputs:diffuseColor.connect = <\(path)/BaseColor.outputs:rgb>\n"
        } else {
            out += "\(body)color3f inputs:diffuseColor = \(USDAText.tuple(color))\n"
        }
        if m.emissive != .zero { out += "\(body)color3f inputs:emissiveColor = \(USDAText.tuple(m.emissive))\n" }
        out += "\(body)float inputs:metallic = \(USDAText.number(m.metallic))\n"
        if m.baseColor.w < 1 { out += "\(body)float inputs:opacity = \(USDAText.number(m.baseColor.w))\n" }
        out += "\(body)float inputs:roughness = \(USDAText.number(m.roughness))\n"
        out += "\(body)int inputs:useSpecularWorkflow = 0\n"
        out += "\(body)token outputs:surface\n\(inner)}\n"
        if let texture {
            // The glTF base colour factor multiplies the image: UsdUVTexture's `scale`.
            out += "\n\(inner)def Shader \"BaseColor\"\n\(inner){\n"
            out += "\(body)uniform token info:id = \"UsdUVTexture\"\n"
            out += "\(body)asset inputs:file = @\(texture)@\n"
            out += "\(body)float4 inputs:scale = \(USDAText.tuple([m.baseColor.x, m.baseColor.y, m.baseColor.z, m.baseColor.w]))\n"
            out += "\(body)token inputs:sourceColorSpace = \"sRGB\"\n"
            out += "\(body)float2 inputs:st.connect = <\(path)/TexCoords.outputs:result>\n"
            out += "\(body)token inputs:wrapS = \"clamp\"\n\(body)token inputs:wrapT = \"clamp\"\n"
            out += "\(body)float3 outputs:rgb\n\(inner)}\n"
            out += "\n\(inner)def Shader \"TexCoords\"\n\(inner){\n"
            out += "\(body)uniform token info:id = \"UsdPrimvarReader_float2\"\n"
            out += "\(body)string inputs:varname = \"st\"\n"
            out += "\(body)float2 outputs:result\n\(inner)}\n"
        }
        out += "\(indent)}\n"
    }

    // MARK: Nodes

    private mutating func writeNode(_ index: SceneIndex<Node>, name: String, parent: String, indent: String) {
        let node = scene[index]
        let path = "\(parent)/\(name)"
        let alone = node.children.isEmpty
        let type: String
        if let _ = node.mesh, alone, node.light == nil, node.camera == nil {
            type = "Mesh"
        } else if node.camera != nil, node.mesh == nil, node.light == nil, alone {
            type = "Camera"
        } else {
            type = "Xform"
        }
        let inner = indent + "    "
        var schemas: [String] = []
        if let light = node.light.map({ scene[$0] }) { schemas += light.kind == .spot ? ["LightAPI", "ShapingAPI"] : ["LightAPI"] }
        if type == "Mesh", let mesh = node.mesh, scene[mesh].primitives.count == 1 { schemas.append("MaterialBindingAPI") }
        out += "\(indent)def \(type) \"\(name)\" (\n"
        if let annotation = node.annotation {
            out += "\(inner)customData = {\n\(inner)    dictionary scenewright = {\n"
            out += USDAText.dictionary(annotation.object, indent: inner + "        ")
            out += "\(inner)    }\n\(inner)}\n"
        }
        if !schemas.isEmpty { out += "\(inner)prepend apiSchemas = [" + schemas.map { "\"\($0)\"" }.joined(separator: ", ") + "]\n" }
        out += "\(indent))\n\(indent){\n"
        if let annotation = node.annotation {
            // The same fields once more as a user property, which DCC tools (Blender, Maya,
            // Houdini) show as the object's custom property; customData they do not read.
            out += "\(inner)custom string userProperties:scenewright = \(USDAText.string(USDAText.json(.object(annotation.object))))\n"
        }
        writeTransform(node.transform, indent: inner)
        if let light = node.light { writeLight(scene[light], indent: inner) }
        switch type {
        case "Mesh": writeMeshBody(scene[node.mesh!], path: path, indent: inner)
        case "Camera": writeCameraBody(scene[node.camera!], indent: inner)
        default:
            var names = SiblingNames(reserved: ["geometry", "camera"])
            if let mesh = node.mesh { writeMeshPrim(scene[mesh], name: "geometry", parent: path, indent: inner) }
            if let camera = node.camera {
                out += "\n\(inner)def Camera \"camera\"\n\(inner){\n"
                writeCameraBody(scene[camera], indent: inner + "    ")
                out += "\(inner)}\n"
            }
            for child in node.children {
                out += "\n"
                writeNode(child, name: names.claim(scene[child].name), parent: path, indent: inner)
            }
        }
        out += "\(indent)}\n"
    }

    private mutating func writeTransform(_ t: Transform, indent: String) {
        var order: [String] = []
        if t.translation != .zero {
            out += "\(indent)double3 xformOp:translate = \(USDAText.tuple(t.translation))\n"
            order.append("xformOp:translate")
        }
        if t.rotation != .identity {
            let q = t.rotation.normalized
            out += "\(indent)quatf xformOp:orient = \(USDAText.tuple([q.w, q.x, q.y, q.z]))\n"
            order.append("xformOp:orient")
        }
        if t.scale != .one {
            out += "\(indent)float3 xformOp:scale = \(USDAText.tuple(t.scale))\n"
            order.append("xformOp:scale")
        }
        if !order.isEmpty { out += "\(indent)uniform token[] xformOpOrder = [" + order.map { "\"\($0)\"" }.joined(separator: ", ") + "]\n" }
    }

    /// The light's UsdLux inputs. glTF intensities are kept as they are (candela for point and
    /// spot lights, lux for directional ones); `range` has no UsdLux counterpart.
    private mutating func writeLight(_ light: Light, indent: String) {
        out += "\(indent)color3f inputs:color = \(USDAText.tuple(light.color))\n"
        out += "\(indent)float inputs:intensity = \(USDAText.number(light.intensity))\n"
        if light.kind == .spot {
            let degrees = Float(180) / .pi
            out += "\(indent)float inputs:shaping:cone:angle = \(USDAText.number(light.outerConeAngle * degrees))\n"
            let softness = light.outerConeAngle > 0 ? 1 - light.innerConeAngle / light.outerConeAngle : 0
            out += "\(indent)float inputs:shaping:cone:softness = \(USDAText.number(softness))\n"
        }
        out += "\(indent)uniform token light:shaderId = \"\(light.kind == .directional ? "DistantLight" : "SphereLight")\"\n"
    }

    private mutating func writeCameraBody(_ camera: Camera, indent: String) {
        switch camera {
        case .perspective(let yfov, let aspect, let znear, let zfar):
            // Apertures in tenths of a scene unit against a 50 mm lens, as UsdGeomCamera expects.
            let focal: Float = 50
            let vertical = 2 * focal * tan(yfov / 2)
            out += "\(indent)float2 clippingRange = \(USDAText.tuple([znear, zfar ?? 1_000_000]))\n"
            out += "\(indent)float focalLength = \(USDAText.number(focal))\n"
            out += "\(indent)float horizontalAperture = \(USDAText.number(vertical * (aspect ?? 1)))\n"
            out += "\(indent)token projection = \"perspective\"\n"
            out += "\(indent)float verticalAperture = \(USDAText.number(vertical))\n"
        case .orthographic(let xmag, let ymag, let znear, let zfar):
            out += "\(indent)float2 clippingRange = \(USDAText.tuple([znear, zfar]))\n"
            out += "\(indent)float horizontalAperture = \(USDAText.number(2 * xmag * 10))\n"
            out += "\(indent)token projection = \"orthographic\"\n"
            out += "\(indent)float verticalAperture = \(USDAText.number(2 * ymag * 10))\n"
        }
    }

    private mutating func writeMeshPrim(_ mesh: Mesh, name: String, parent: String, indent: String) {
        let single = mesh.primitives.count == 1
        out += "\n\(indent)def Mesh \"\(name)\"" + (single ? " (\n\(indent)    prepend apiSchemas = [\"MaterialBindingAPI\"]\n\(indent))\n" : "\n")
        out += "\(indent){\n"
        writeMeshBody(mesh, path: "\(parent)/\(name)", indent: indent + "    ")
        out += "\(indent)}\n"
    }

    /// Points, normals, triangles and `primvars:st` of every primitive, one after another; with
    /// several primitives each is a `GeomSubset` of faces bound to its own material.
    private mutating func writeMeshBody(_ mesh: Mesh, path: String, indent: String) {
        var positions: [Vec3] = [], normals: [Vec3] = [], uvs: [SIMD2<Float>] = [], indices: [Int] = []
        var faceRanges: [Range<Int>] = []
        let textured = mesh.primitives.contains { !$0.geometry.uvs.isEmpty }
        for primitive in mesh.primitives {
            let g = primitive.geometry
            let base = positions.count, firstFace = indices.count / 3
            positions += g.positions
            normals += g.normals
            if textured {
                uvs += g.uvs.count == g.positions.count ? g.uvs.map { SIMD2($0.x, 1 - $0.y) } : Array(repeating: .zero, count: g.positions.count)
            }
            indices += g.indices.map { base + Int($0) }
            faceRanges.append(firstFace..<(indices.count / 3))
        }
        var low = positions.first ?? .zero, high = low
        for p in positions {
            low = pointwiseMin(low, p)
            high = pointwiseMax(high, p)
        }
        let doubleSided = mesh.primitives.contains { scene[$0.material].doubleSided }
        if doubleSided { out += "\(indent)uniform bool doubleSided = 1\n" }
        out += "\(indent)float3[] extent = [\(USDAText.tuple(low)), \(USDAText.tuple(high))]\n"
        out += "\(indent)int[] faceVertexCounts = [" + Array(repeating: "3", count: indices.count / 3).joined(separator: ", ") + "]\n"
        out += "\(indent)int[] faceVertexIndices = \(USDAText.array(indices))\n"
        if mesh.primitives.count == 1 {
            out += "\(indent)rel material:binding = <\(materialPaths[mesh.primitives[0].material.rawValue])>\n"
        }
        out += "\(indent)normal3f[] normals = \(USDAText.array(normals)) (\n\(indent)    interpolation = \"vertex\"\n\(indent))\n"
        out += "\(indent)point3f[] points = \(USDAText.array(positions))\n"
        if textured {
            out += "\(indent)texCoord2f[] primvars:st = \(USDAText.array(uvs)) (\n\(indent)    interpolation = \"vertex\"\n\(indent))\n"
        }
        out += "\(indent)uniform token subdivisionScheme = \"none\"\n"
        guard mesh.primitives.count > 1 else { return }
        out += "\(indent)uniform token subsetFamily:materialBind:familyType = \"partition\"\n"
        for (i, primitive) in mesh.primitives.enumerated() {
            let inner = indent + "    "
            out += "\n\(indent)def GeomSubset \"part\(i)\" (\n\(inner)prepend apiSchemas = [\"MaterialBindingAPI\"]\n\(indent))\n\(indent){\n"
            out += "\(inner)uniform token elementType = \"face\"\n\(inner)uniform token familyName = \"materialBind\"\n"
            out += "\(inner)int[] indices = \(USDAText.array(Array(faceRanges[i])))\n"
            out += "\(inner)rel material:binding = <\(materialPaths[primitive.material.rawValue])>\n"
            out += "\(indent)}\n"
        }
    }
}

/// Hands out prim names that are unique among siblings: `chair`, `chair_2`, `chair_3`…
private struct SiblingNames {
    private var taken: Set<String>

    init(reserved: Set<String> = []) { taken = reserved }

    mutating func claim(_ name: String) -> String {
        let base = USDAText.identifier(name)
        var candidate = base, copy = 1
        while taken.contains(candidate) {
            copy += 1
            candidate = "\(base)_\(copy)"
        }
        taken.insert(candidate)
        return candidate
    }
}
