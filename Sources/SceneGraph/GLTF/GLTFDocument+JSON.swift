/// The glTF document written with ``JSONOutput``: every member in byte order of its key,
/// optional members left out when nil. The `Encodable` conformance stays as the oracle the
/// tests hold these bytes to (`JSONEncoder` with sorted keys gives the same document).
extension GLTFDocument {
    func json() -> [UInt8] {
        var out = JSONOutput(capacity: 64 * 1024 + nodes.count * 256)
        out.object { o in
            if let accessors { o.member("accessors") { $0.array(accessors) { $1.write(&$0) } } }
            o.member("asset") { out in out.object { $0.member("generator", asset.generator); $0.member("version", asset.version) } }
            if let bufferViews { o.member("bufferViews") { $0.array(bufferViews) { $1.write(&$0) } } }
            if let buffers {
                o.member("buffers") { $0.array(buffers) { out, buffer in out.object { $0.member("byteLength", buffer.byteLength); $0.member("uri", buffer.uri) } } }
            }
            if let cameras { o.member("cameras") { $0.array(cameras) { $1.write(&$0) } } }
            if let extensions {
                o.member("extensions") { out in
                    out.object { o in
                        if let audio = extensions.KHR_audio_emitter { o.member("KHR_audio_emitter") { audio.write(&$0) } }
                        if let lights = extensions.KHR_lights_punctual { o.member("KHR_lights_punctual") { out in out.object { $0.member("lights") { $0.array(lights.lights) { $1.write(&$0) } } } } }
                    }
                }
            }
            if let extensionsUsed { o.member("extensionsUsed") { $0.array(extensionsUsed) { $0.string($1) } } }
            if let images {
                o.member("images") { $0.array(images) { out, image in
                    out.object { $0.member("bufferView", image.bufferView); $0.member("mimeType", image.mimeType); $0.member("name", image.name) }
                } }
            }
            if let materials { o.member("materials") { $0.array(materials) { $1.write(&$0) } } }
            if let meshes { o.member("meshes") { $0.array(meshes) { $1.write(&$0) } } }
            o.member("nodes") { $0.array(nodes) { $1.write(&$0) } }
            if let samplers {
                o.member("samplers") { $0.array(samplers) { out, sampler in
                    out.object {
                        $0.member("magFilter", sampler.magFilter); $0.member("minFilter", sampler.minFilter)
                        $0.member("wrapS", sampler.wrapS); $0.member("wrapT", sampler.wrapT)
                    }
                } }
            }
            o.member("scene", scene)
            o.member("scenes") { $0.array(scenes) { out, entry in out.object { $0.member("name", entry.name); $0.member("nodes", entry.nodes) } } }
            if let textures {
                o.member("textures") { $0.array(textures) { out, texture in out.object { $0.member("sampler", texture.sampler); $0.member("source", texture.source) } } }
            }
        }
        return out.bytes
    }
}

extension GLTFDocument.NodeEntry {
    func write(_ out: inout JSONOutput) {
        out.object { o in
            o.member("camera", camera)
            o.member("children", children)
            if let extensions {
                o.member("extensions") { out in
                    out.object { o in
                        if let audio = extensions.KHR_audio_emitter { o.member("KHR_audio_emitter") { $0.object { $0.member("emitters", audio.emitters) } } }
                        if let light = extensions.KHR_lights_punctual { o.member("KHR_lights_punctual") { $0.object { $0.member("light", light.light) } } }
                        if let seat = extensions.OMI_seat {
                            o.member("OMI_seat") { out in
                                out.object { $0.member("angle", seat.angle); $0.member("back", seat.back); $0.member("foot", seat.foot); $0.member("knee", seat.knee) }
                            }
                        }
                        if let spawn = extensions.OMI_spawn_point { o.member("OMI_spawn_point") { $0.object { $0.member("title", spawn.title) } } }
                    }
                }
            }
            if let extras { o.member("extras") { AnnotationValue.write(extras.mapValues { .object($0) }, to: &$0) } }
            o.member("mesh", mesh)
            o.member("name", name)
            o.member("rotation", rotation)
            o.member("scale", scale)
            o.member("translation", translation)
        }
    }
}

extension GLTFDocument.MeshEntry {
    func write(_ out: inout JSONOutput) {
        out.object { o in
            o.member("name", name)
            o.member("primitives") { $0.array(primitives) { out, primitive in
                out.object { o in
                    o.member("attributes") { out in out.object { o in for key in primitive.attributes.keys.sorted(by: JSONOutput.byteOrder) { o.member(key, primitive.attributes[key]!) } } }
                    o.member("indices", primitive.indices)
                    o.member("material", primitive.material)
                    o.member("mode", primitive.mode)
                }
            } }
        }
    }
}

extension GLTFDocument.MaterialEntry {
    func write(_ out: inout JSONOutput) {
        out.object { o in
            o.member("alphaMode", alphaMode)
            o.member("doubleSided", doubleSided)
            o.member("emissiveFactor", emissiveFactor)
            o.member("name", name)
            o.member("pbrMetallicRoughness") { out in
                out.object { o in
                    o.member("baseColorFactor", pbrMetallicRoughness.baseColorFactor)
                    if let texture = pbrMetallicRoughness.baseColorTexture { o.member("baseColorTexture") { $0.object { $0.member("index", texture.index) } } }
                    o.member("metallicFactor", pbrMetallicRoughness.metallicFactor)
                    o.member("roughnessFactor", pbrMetallicRoughness.roughnessFactor)
                }
            }
        }
    }
}

extension GLTFDocument.Accessor {
    func write(_ out: inout JSONOutput) {
        out.object { o in
            o.member("bufferView", bufferView)
            o.member("componentType", componentType)
            o.member("count", count)
            o.member("max", max)
            o.member("min", min)
            o.member("type", type)
        }
    }
}

extension GLTFDocument.BufferView {
    func write(_ out: inout JSONOutput) {
        out.object { o in
            o.member("buffer", buffer)
            o.member("byteLength", byteLength)
            o.member("byteOffset", byteOffset)
            o.member("target", target)
        }
    }
}

extension GLTFDocument.CameraEntry {
    func write(_ out: inout JSONOutput) {
        out.object { o in
            o.member("name", name)
            if let orthographic {
                o.member("orthographic") { out in
                    out.object { $0.member("xmag", orthographic.xmag); $0.member("ymag", orthographic.ymag); $0.member("zfar", orthographic.zfar); $0.member("znear", orthographic.znear) }
                }
            }
            if let perspective {
                o.member("perspective") { out in
                    out.object { $0.member("aspectRatio", perspective.aspectRatio); $0.member("yfov", perspective.yfov); $0.member("zfar", perspective.zfar); $0.member("znear", perspective.znear) }
                }
            }
            o.member("type", type)
        }
    }
}

extension GLTFDocument.LightEntry {
    func write(_ out: inout JSONOutput) {
        out.object { o in
            o.member("color", color)
            o.member("intensity", intensity)
            o.member("name", name)
            o.member("range", range)
            if let spot { o.member("spot") { out in out.object { $0.member("innerConeAngle", spot.innerConeAngle); $0.member("outerConeAngle", spot.outerConeAngle) } } }
            o.member("type", type)
        }
    }
}

extension AnnotationValue {
    func write(to out: inout JSONOutput) {
        switch self {
        case .string(let value): out.string(value)
        case .number(let value): out.number(value)
        case .bool(let value): out.bool(value)
        case .array(let values): out.array(values) { $1.write(to: &$0) }
        case .object(let members): Self.write(members, to: &out)
        }
    }

    static func write(_ members: [String: AnnotationValue], to out: inout JSONOutput) {
        out.object { o in for key in members.keys.sorted(by: JSONOutput.byteOrder) { o.member(key) { members[key]!.write(to: &$0) } } }
    }
}

extension GLTFDocument.AudioExtension {
    func write(_ out: inout JSONOutput) {
        out.object { o in
            o.member("audio") { $0.array(audio) { out, data in out.object { $0.member("mimeType", data.mimeType); $0.member("uri", data.uri) } } }
            o.member("emitters") { $0.array(emitters) { out, emitter in
                out.object { o in
                    o.member("gain", emitter.gain)
                    o.member("positional") { out in
                        let p = emitter.positional
                        out.object {
                            $0.member("distanceModel", p.distanceModel); $0.member("maxDistance", p.maxDistance); $0.member("refDistance", p.refDistance)
                            $0.member("rolloffFactor", p.rolloffFactor); $0.member("shapeType", p.shapeType)
                        }
                    }
                    o.member("sources", emitter.sources)
                    o.member("type", emitter.type)
                }
            } }
            o.member("sources") { $0.array(sources) { out, source in
                out.object { $0.member("audio", source.audio); $0.member("autoplay", source.autoplay); $0.member("gain", source.gain); $0.member("loop", source.loop) }
            } }
        }
    }
}
