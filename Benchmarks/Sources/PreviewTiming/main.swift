// Rasterizing versus PNG encoding, per sample scene at 960×540 with 2×2 supersampling.
//
//   PreviewTiming [--rounds 3]
//
// For every sample film (staged for an anonymous adult, seed 1) and both views: the time to
// render with 2 threads and with 1 thread, and the time for libpng to encode the image
// (level 6, adaptive filters), each the best of --rounds. Prints one JSON line per view with
// medians over the films: rasterize ms, encode ms, their ratio, the 1→2 thread speed-up, and a
// digest of every image's pixels (FNV-1a), so a change meant to be faster can show it drew the
// same bytes.
import Catalog
import BenchmarkSupport
import Foundation
import Preview
import Staging

func milliseconds(_ body: () throws -> Void) rethrows -> Double { try seconds(body) * 1000 }

let root = repositoryRoot
let stager = try Stager.load(scenes: root.appendingPathComponent("Scenes"), props: root.appendingPathComponent("Assets/props"), grammars: root.appendingPathComponent("Assets/grammars"))
let catalog = try CatalogDocument.loadSample(from: root.appendingPathComponent("Assets/catalog"))
let renderer = try PreviewRenderer.load(fonts: root.appendingPathComponent("Assets/fonts"))
let rounds = argument("rounds", 3)
let median = { (values: [Double]) in values.sorted()[values.count / 2] }

for view in PreviewRenderer.View.allCases {
    var raster2: [Double] = [], raster1: [Double] = [], encode: [Double] = [], triangles: [Int] = []
    var digest: UInt64 = 0xcbf2_9ce4_8422_2325
    for film in catalog.films {
        let scene = try stager.stage(film: film, profile: .anonymous, seed: 1, id: "bench").scene
        var image = RGBAImage(width: 1, height: 1)
        var best2 = Double.infinity, best1 = Double.infinity, bestEncode = Double.infinity
        for _ in 0..<rounds {
            best2 = min(best2, try milliseconds { image = try renderer.render(scene, view: view, options: .init(threads: 2, cutHeight: 2.2)) })
            best1 = min(best1, try milliseconds { _ = try renderer.render(scene, view: view, options: .init(threads: 1, cutHeight: 2.2)) })
            bestEncode = min(bestEncode, try milliseconds { _ = try PNG.encode(image) })
        }
        for byte in image.pixels { digest = (digest ^ UInt64(byte)) &* 0x100_0000_01b3 }
        raster2.append(best2)
        raster1.append(best1)
        encode.append(bestEncode)
        triangles.append(scene.meshes.reduce(0) { $0 + $1.primitives.reduce(0) { $0 + $1.geometry.triangleCount } })
    }
    let speedups = zip(raster1, raster2).map { $0 / $1 }
    print(String(format: #"{"view":"%@","scenes":%d,"rasterizeMsMedian":%.1f,"encodeMsMedian":%.1f,"rasterizeOverEncode":%.2f,"oneThreadMsMedian":%.1f,"speedupTwoThreads":%.2f,"imageDigest":"%016llx"}"#,
                 view.rawValue, catalog.films.count, median(raster2), median(encode), median(raster2) / median(encode), median(raster1), median(speedups), digest))
}
