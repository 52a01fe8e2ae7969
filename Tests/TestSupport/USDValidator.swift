import Foundation

/// Checks USDZ packages with OpenUSD itself: `../shared/tools/validate_usd.py` (usd-core's
/// UsdValidation validators, and with `--legacy` the ARKit ComplianceChecker of usd-core 24.11
/// from `/tmp/usd-old-24.11`), plus a reading of the zip and the stage through Python's
/// `zipfile` and usd-core, independent of the Swift writer. `scripts/support/usd-legacy-checker`
/// installs and completes the 24.11 checker.
public enum USDValidator {
    /// The interpreter with usd-core: `$SCENEWRIGHT_USD_PYTHON`, else the glTF checker's.
    public static var python: String {
        ProcessInfo.processInfo.environment["SCENEWRIGHT_USD_PYTHON"].flatMap { $0.isEmpty ? nil : $0 } ?? TestPaths.python
    }
    public static var script: URL { TestPaths.shared.appendingPathComponent("tools/validate_usd.py") }

    /// True when usd-core imports and the checker is present.
    public static let isAvailable: Bool = {
        guard FileManager.default.fileExists(atPath: script.path) else { return false }
        return (try? run(["-c", "import pxr.Usd"]).status) == 0
    }()

    /// Where `scripts/support/usd-legacy-checker` puts the 24.11 ARKit checker (the path the tool
    /// reads), and the libraries its shader plugins need on `LD_LIBRARY_PATH`.
    static let legacyRoot = "/tmp/usd-old-24.11"
    static var legacyLibraries: String { legacyRoot + "/usd_core.libs" }

    /// True when the 24.11 ARKit checker is installed and completed with OpenUSD's shader
    /// definitions (without them its Sdr rule fails every shader of any file).
    public static let isLegacyAvailable: Bool = ["/pxr/UsdUtils/complianceChecker.py", "/pxr/pluginfo/usdHydra/resources/shaders/shaderDefs.usda"]
        .allSatisfy { FileManager.default.fileExists(atPath: legacyRoot + $0) }

    /// What `validate_usd.py FILE --legacy` printed for one file.
    public struct Report: Sendable {
        public var file: String
        public var status: Int32
        /// The summary lines (`… N validators, K issue(s)` and `legacy … F failure(s) …`).
        public var summaries: [String]
        /// Issue lines of the new validators.
        public var issues: [String]
        /// Failure and warning lines of the legacy checker (a skipped Sdr check is one).
        public var legacyFailures: [String]
    }

    public static func validate(_ file: URL, legacy: Bool) throws -> Report {
        let result = try run([script.path, file.path] + (legacy ? ["--legacy"] : []))
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let summaries = lines.filter { $0.contains("issue(s)") || $0.hasPrefix("legacy ") }
        var issues: [String] = [], legacyFailures: [String] = []
        var inLegacy = false
        for line in lines {
            if line.hasPrefix("legacy ") { inLegacy = true; continue }
            guard line.hasPrefix("  ") else { continue }
            if inLegacy { legacyFailures.append(line) } else { issues.append(line) }
        }
        return Report(file: file.lastPathComponent, status: result.status, summaries: summaries, issues: issues, legacyFailures: legacyFailures)
    }

    /// The package as Python's `zipfile` and usd-core read it, with the GLB of the same scene
    /// for comparison.
    public struct Reading: Decodable, Sendable {
        /// Entry names in archive order.
        public var entries: [String]
        /// Entries whose data does not start at a multiple of 64 bytes.
        public var misaligned: [String]
        /// Entries that are compressed or encrypted.
        public var notStored: [String]
        public var upAxis: String
        public var metersPerUnit: Double
        public var defaultPrim: String
        public var meshes: Int
        /// Meshes without normals or a bound UsdPreviewSurface, or textured without `primvars:st`.
        public var incompleteMeshes: [String]
        /// Every `customData["scenewright"]`, as canonical JSON (numbers as floats, sorted keys).
        public var semantics: [String]
        /// Every `extras.scenewright` of the GLB, in the same canonical JSON.
        public var glbSemantics: [String]
        /// Nodes of the GLB that have a mesh.
        public var glbMeshNodes: Int
    }

    public static func read(_ usdz: URL, glb: URL) throws -> Reading {
        let driver = """
            import json, struct, sys, zipfile
            from pxr import Usd, UsdGeom, UsdShade
            path, glb = sys.argv[1], sys.argv[2]
            raw = open(path, "rb").read()
            z = zipfile.ZipFile(path)
            entries, misaligned, notstored = [], [], []
            for info in z.infolist():
                entries.append(info.filename)
                name_len, extra_len = struct.unpack_from("<HH", raw, info.header_offset + 26)
                if (info.header_offset + 30 + name_len + extra_len) % 64: misaligned.append(info.filename)
                if info.compress_type != zipfile.ZIP_STORED or info.flag_bits & 1: notstored.append(info.filename)
            def canon(v):
                if isinstance(v, dict): return {k: canon(x) for k, x in v.items()}
                if isinstance(v, bool): return v
                if isinstance(v, (int, float)): return float(v)
                if isinstance(v, str): return v
                return [canon(x) for x in v]
            def text(v): return json.dumps(canon(v), sort_keys=True, ensure_ascii=False)
            stage = Usd.Stage.Open(path)
            semantics, meshes, incomplete = [], 0, []
            for prim in stage.Traverse():
                data = prim.GetCustomDataByKey("scenewright")
                if data is not None: semantics.append(text(dict(data)))
                if not prim.IsA(UsdGeom.Mesh): continue
                meshes += 1
                mesh = UsdGeom.Mesh(prim)
                parts = [s.GetPrim() for s in UsdGeom.Subset.GetAllGeomSubsets(mesh)] or [prim]
                ok = bool(mesh.GetNormalsAttr().Get())
                for part in parts:
                    material = UsdShade.MaterialBindingAPI(part).ComputeBoundMaterial()[0]
                    surface = material.ComputeSurfaceSource()[0] if material else None
                    ok = ok and bool(surface) and surface.GetShaderId() == "UsdPreviewSurface"
                    textured = material and any(UsdShade.Shader(p).GetShaderId() == "UsdUVTexture" for p in material.GetPrim().GetChildren())
                    if textured: ok = ok and bool(UsdGeom.PrimvarsAPI(prim).GetPrimvar("st").Get())
                if not ok: incomplete.append(str(prim.GetPath()))
            data = open(glb, "rb").read()
            length = struct.unpack_from("<I", data, 12)[0]
            nodes = json.loads(data[20:20 + length]).get("nodes", [])
            glbsem = [text(n["extras"]["scenewright"]) for n in nodes if "scenewright" in n.get("extras", {})]
            print(json.dumps({"entries": entries, "misaligned": misaligned, "notStored": notstored,
                "upAxis": UsdGeom.GetStageUpAxis(stage), "metersPerUnit": UsdGeom.GetStageMetersPerUnit(stage),
                "defaultPrim": stage.GetDefaultPrim().GetName(), "meshes": meshes, "incompleteMeshes": incomplete,
                "semantics": sorted(semantics), "glbSemantics": sorted(glbsem), "glbMeshNodes": sum(1 for n in nodes if "mesh" in n)}))
            """
        let result = try run(["-c", driver, usdz.path, glb.path])
        guard result.status == 0, let line = result.stdout.split(separator: "\n").last else { throw GLTFValidator.ValidatorFailure(message: result.stderr) }
        return try JSONDecoder().decode(Reading.self, from: Data(line.utf8))
    }

    /// What is wrong with a package as ``read(_:glb:)`` saw it: empty when the root layer comes
    /// first, every entry is stored and 64-byte aligned, the stage is Y-up in metres with a
    /// default prim, every GLB mesh node is a complete Mesh, and the semantics match the GLB's.
    public static func problems(_ reading: Reading, textures: Int) -> [String] {
        var problems: [String] = []
        if reading.entries.first != "scene.usda" { problems.append("first entry \(reading.entries.first ?? "none")") }
        if reading.entries.count != 1 + textures { problems.append("\(reading.entries.count) entries for \(textures) textures") }
        if !reading.misaligned.isEmpty { problems.append("misaligned: \(reading.misaligned.prefix(3))") }
        if !reading.notStored.isEmpty { problems.append("not stored: \(reading.notStored.prefix(3))") }
        if reading.upAxis != "Y" || reading.metersPerUnit != 1 || reading.defaultPrim != "Scene" {
            problems.append("stage metadata \(reading.upAxis) \(reading.metersPerUnit) \(reading.defaultPrim)")
        }
        if reading.meshes != reading.glbMeshNodes { problems.append("\(reading.meshes) meshes, GLB \(reading.glbMeshNodes)") }
        if !reading.incompleteMeshes.isEmpty { problems.append("incomplete meshes: \(reading.incompleteMeshes.prefix(3))") }
        if reading.semantics.isEmpty { problems.append("no semantics") }
        if reading.semantics != reading.glbSemantics {
            let missing = Set(reading.glbSemantics).subtracting(reading.semantics)
            problems.append("customData differs from extras.scenewright: \(missing.prefix(2))")
        }
        return problems
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try GLTFValidator.execute(URL(fileURLWithPath: "/usr/bin/env"), ["LD_LIBRARY_PATH=\(legacyLibraries)", python] + arguments)
    }
}
