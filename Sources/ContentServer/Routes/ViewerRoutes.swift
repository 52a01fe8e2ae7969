import Foundation
import HTTPTypes
import Hummingbird
import Studio

/// `GET /viewer/scenes/{id}`: a WebXR page (three.js, orbit controls, "Enter VR") showing a
/// staged scene with markers on its hotspots and characters. three.js is served from Debian's
/// `libjs-three` under `/vendor/three/` (see ``ServerSettings/threeDirectory``); without it the
/// page says what to install.
struct ViewerRoutes {
    let studio: Studio
    let settings: ServerSettings

    var threeAvailable: Bool {
        FileManager.default.fileExists(atPath: settings.threeDirectory + "/build/three.module.js")
    }

    func register(on router: Router<AppRequestContext>) {
        if threeAvailable {
            router.add(middleware: FileMiddleware(settings.threeDirectory, urlBasePath: "/vendor/three", cacheControl: .init([(MediaType(type: .any), [.maxAge(86400)])])))
        }
        router.get("/viewer/scenes/{id}") { _, context -> Response in
            let id = try context.parameters.require("id")
            // 404 for unknown scenes, before any page is written.
            try context.requireAccess(to: try await studio.scenes.scene(id: id, format: .json))
            guard threeAvailable else {
                return Self.html(.serviceUnavailable, """
                    <!doctype html><html lang="en"><meta charset="utf-8"><title>Scenewright viewer</title>
                    <body class="missing"><h1>three.js is not installed</h1>
                    <p>The viewer needs three.js from Debian's <code>libjs-three</code> package (<code>apt-get install libjs-three</code>),
                    expected in <code>\(settings.threeDirectory)</code>; start the server with <code>--three-dir</code> to use another copy.</p>
                    <p>The scene itself is at <a href="/v1/scenes/\(id).glb">/v1/scenes/\(id).glb</a>.</p></body></html>
                    """)
            }
            let template = try String(contentsOf: studio.directories.assets.appendingPathComponent("viewer/scene.html"), encoding: .utf8)
            return Self.html(.ok, template.replacingOccurrences(of: "{{SCENE_ID}}", with: id))
        }
    }

    static func html(_ status: HTTPResponse.Status, _ page: String) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache"],
            body: .init(byteBuffer: ByteBuffer(string: page)))
    }
}
