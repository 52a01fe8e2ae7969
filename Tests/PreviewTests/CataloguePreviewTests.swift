import Catalog
import Foundation
import Preview
import SceneGraph
import Staging
import TestSupport
import Testing

/// Every sample film rendered in both views at the default size.
@Suite struct CataloguePreviewTests {
    static let stager = Result { try Stager.load(scenes: TestPaths.repositoryRoot.appendingPathComponent("Scenes"), props: TestPaths.assets.appendingPathComponent("props"), grammars: TestPaths.assets.appendingPathComponent("grammars")) }
    static let catalog = Result { try CatalogDocument.loadSample(from: TestPaths.assets.appendingPathComponent("catalog")) }

    @Test(.enabled(if: IndependentPNGDecoder.isAvailable || CIRequirement.isCI, "needs python3"))
    func everyFilmRendersInBothViewsAndIsNotBlank() throws {
        let stager = try Self.stager.get()
        let renderer = PreviewRenderer(font: try PreviewFixture.font())
        let directory = TemporaryDirectory("previews")
        var files: [URL] = []
        for film in try Self.catalog.get().films {
            let scene = try stager.stage(film: film, profile: .anonymous, seed: 1, id: "preview").scene
            for view in PreviewRenderer.View.allCases {
                let png = try PNG.encode(try renderer.render(scene, view: view, options: .init(cutHeight: 2.2)))
                files.append(try directory.write("\(film.id)-\(view.rawValue).png", png))
            }
        }
        let summaries = try IndependentPNGDecoder.decode(files)
        #expect(summaries.count == files.count)
        for summary in summaries {
            #expect(summary.width == 960 && summary.height == 540, "\(summary.file)")
            #expect(summary.distinctColors >= 8, "\(summary.file): \(summary.distinctColors) colours")
            #expect(summary.dominantShare <= 0.9, "\(summary.file): one colour covers \(summary.dominantShare)")
        }
    }

    @Test func sameSceneGivesTheSamePNGForOneAndTwoThreads() throws {
        let stager = try Self.stager.get()
        let renderer = PreviewRenderer(font: try PreviewFixture.font())
        let film = try #require(try Self.catalog.get().films.first { $0.id == "the-wizard-of-oz-1939" })
        let scene = try stager.stage(film: film, profile: .anonymous, seed: 3, id: "x").scene
        for view in PreviewRenderer.View.allCases {
            let one = try PNG.encode(try renderer.render(scene, view: view, options: .init(threads: 1)))
            let two = try PNG.encode(try renderer.render(scene, view: view, options: .init(threads: 2)))
            let again = try PNG.encode(try renderer.render(scene, view: view, options: .init(threads: 2)))
            #expect(one == two && two == again, "\(view)")
        }
    }

    @Test func pngRoundTripsThroughLibpngAndReportsErrors() throws {
        var image = RGBAImage(width: 37, height: 23, fill: SIMD4(10, 20, 30, 255))
        image[5, 7] = SIMD4(255, 0, 128, 255)
        for options in [PNG.Options(), PNG.Options(channels: .rgba, compressionLevel: 9, filter: .paeth), PNG.Options(compressionLevel: 0, filter: .none)] {
            let decoded = try PNG.decode(try PNG.encode(image, options: options))
            #expect(decoded == image)
        }
        #expect(throws: PreviewError.self) { try PNG.decode(Data("not a png".utf8)) }
        #expect(throws: PreviewError.self) { try PNG.encode(image, options: PNG.Options(compressionLevel: 12)) }
        let truncated = try PNG.encode(image).prefix(60)
        #expect(throws: PreviewError.self) { try PNG.decode(Data(truncated)) }
    }

    /// Palette PNGs: the smallest bit depth for the colours (1, 2, 4, 8 bits, read from the IHDR
    /// chunk of the file), the same pixels back from libpng's decoder, and RGB when a pixel is
    /// translucent or there are more than 256 colours.
    @Test func fewColourImagesBecomePalettePNGsWithTheSamePixels() throws {
        func header(_ png: Data) -> (bitDepth: UInt8, colourType: UInt8) { (png[png.startIndex + 24], png[png.startIndex + 25]) }
        let options = PNG.Options(paletteWhenFewColours: true)
        for (colours, depth) in [(2, 1), (3, 2), (16, 4), (17, 8), (256, 8)] as [(Int, UInt8)] {
            var image = RGBAImage(width: 33, height: 17, fill: SIMD4(200, 190, 170, 255))
            for k in 1..<colours { image[k % 33, k / 33] = SIMD4(UInt8(k % 256), UInt8((k * 7) % 256), 3, 255) }
            let png = try PNG.encode(image, options: options)
            #expect(header(png) == (depth, 3), "\(colours) colours")
            #expect(try PNG.decode(png) == image, "\(colours) colours")
        }
        var many = RGBAImage(width: 20, height: 20)
        for k in 0..<257 { many[k % 20, k / 20] = SIMD4(UInt8(k % 256), UInt8(k / 256), 9, 255) }
        #expect(header(try PNG.encode(many, options: options)) == (8, 2))
        var translucent = RGBAImage(width: 4, height: 4)
        translucent[1, 1] = SIMD4(1, 2, 3, 128)
        #expect(header(try PNG.encode(translucent, options: PNG.Options(channels: .rgba, paletteWhenFewColours: true))) == (8, 6))
    }

    @Test func sizeLimitsAreEnforced() throws {
        let renderer = PreviewRenderer(font: try PreviewFixture.font())
        let scene = Scene(name: "empty")
        for (w, h) in [(0, 100), (4096, 100), (100, 15), (2049, 2048)] {
            #expect(throws: PreviewError.self) { try renderer.render(scene, view: .plan, options: .init(width: w, height: h)) }
        }
        #expect(try renderer.render(scene, view: .plan, options: .init(width: 16, height: 16)).width == 16)
    }

    @Test func missingGlyphsDrawABoxInsteadOfCrashing() throws {
        let font = try PreviewFixture.font()
        #expect(!font.has("é") && font.has("e"))
        var canvas = Canvas(RGBAImage(width: 64, height: 20))
        canvas.text("é→☃", x: 0, y: 0, font: font, color: SIMD4(255, 255, 255, 255))
        #expect(canvas.image.distinctColors == 2)
    }

    @Test func planMarkersAreDrawnInTheirColours() throws {
        let stager = try Self.stager.get()
        let renderer = PreviewRenderer(font: try PreviewFixture.font())
        let film = try #require(try Self.catalog.get().films.first { $0.id == "casablanca-1942" })
        let staged = try stager.stage(film: film, profile: .anonymous, seed: 2, id: "x")
        let image = try renderer.render(staged.scene, view: .plan)
        let camera = PreviewRenderer.defaultCamera(for: staged.scene, view: .plan)
        for (role, color) in [(Annotation.Role.character, PlanOverlay.Palette.character), (.hotspot, PlanOverlay.Palette.hotspot), (.spawn, PlanOverlay.Palette.spawn)] {
            for (_, world) in staged.scene.annotated(role) {
                let p = camera.pixel(of: world.point(.zero), width: image.width, height: image.height)
                #expect(image[Int(p.x), Int(p.y)] == color, "\(role) marker at \(p)")
            }
        }
    }
}
