import Foundation

/// Decodes PNGs with a decoder that shares no code with libpng, so tests check our output
/// independently: Java's ImageIO when a JDK is installed (fast), else a small pure-Python
/// decoder (zlib and struct only).
public enum IndependentPNGDecoder {
    public struct Summary: Sendable {
        public var file: String
        public var width: Int
        public var height: Int
        public var distinctColors: Int
        /// Share of pixels with the most common colour.
        public var dominantShare: Double
    }

    static let script = #"""
    import json, struct, sys, zlib
    def paeth(a, b, c):
        p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
        return a if pa <= pb and pa <= pc else (b if pb <= pc else c)
    for path in sys.argv[1:]:
        data = open(path, 'rb').read()
        assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG signature'
        pos, idat, width = 8, b'', None
        while pos < len(data):
            length, kind = struct.unpack('>I4s', data[pos:pos + 8])
            body = data[pos + 8:pos + 8 + length]
            assert zlib.crc32(kind + body) & 0xffffffff == struct.unpack('>I', data[pos + 8 + length:pos + 12 + length])[0], 'bad CRC'
            if kind == b'IHDR': width, height, depth, colour = struct.unpack('>IIBB', body[:10])
            if kind == b'IDAT': idat += body
            pos += 12 + length
        channels = {2: 3, 6: 4}[colour]; assert depth == 8
        raw = zlib.decompress(idat); stride = width * channels
        rows, prev, i = [], bytearray(stride), 0
        for _ in range(height):
            f = raw[i]; line = bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
            for x in range(stride):
                a = line[x - channels] if x >= channels else 0; b = prev[x]; c = prev[x - channels] if x >= channels else 0
                line[x] = (line[x] + (0, a, b, (a + b) // 2, paeth(a, b, c))[f]) & 255
            rows.append(bytes(line)); prev = line
        counts = {}
        for row in rows:
            for x in range(0, stride, channels):
                key = row[x:x + 3]; counts[key] = counts.get(key, 0) + 1
        print(json.dumps({"file": path, "width": width, "height": height, "distinct": len(counts), "dominant": max(counts.values()) / (width * height)}))
    """#

    static let javaSource = """
        import javax.imageio.ImageIO;
        import java.awt.image.BufferedImage;
        import java.io.File;
        import java.util.HashMap;
        public class Decode {
            public static void main(String[] args) throws Exception {
                for (String path : args) {
                    BufferedImage image = ImageIO.read(new File(path));
                    int w = image.getWidth(), h = image.getHeight(), dominant = 0;
                    HashMap<Integer, Integer> counts = new HashMap<>();
                    int[] row = new int[w];
                    for (int y = 0; y < h; y++) {
                        image.getRGB(0, y, w, 1, row, 0, w);
                        for (int x = 0; x < w; x++) dominant = Math.max(dominant, counts.merge(row[x] & 0xFFFFFF, 1, Integer::sum));
                    }
                    System.out.printf("{\\"file\\": \\"%s\\", \\"width\\": %d, \\"height\\": %d, \\"distinct\\": %d, \\"dominant\\": %.6f}%n",
                        path, w, h, counts.size(), dominant / (double) (w * h));
                }
            }
        }
        """

    static let java: URL? = ["/usr/bin/java", "/usr/local/bin/java"].map(URL.init(fileURLWithPath:)).first { FileManager.default.isExecutableFile(atPath: $0.path) }

    public static var isAvailable: Bool { java != nil || (try? run(["-c", "import zlib, struct"]).status) == 0 }

    public static func decode(_ files: [URL]) throws -> [Summary] {
        let result: (status: Int32, stdout: String, stderr: String)
        if let java {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("png-decoder-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let source = directory.appendingPathComponent("Decode.java")
            try javaSource.write(to: source, atomically: true, encoding: .utf8)
            result = try GLTFValidator.execute(java, [source.path] + files.map(\.path))
        } else {
            result = try run(["-c", script] + files.map(\.path))
        }
        guard result.status == 0 else { throw GLTFValidator.ValidatorFailure(message: result.stderr) }
        return result.stdout.split(separator: "\n").compactMap { line in
            guard let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            return Summary(file: o["file"] as? String ?? "", width: o["width"] as? Int ?? 0, height: o["height"] as? Int ?? 0,
                           distinctColors: o["distinct"] as? Int ?? 0, dominantShare: o["dominant"] as? Double ?? 1)
        }
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) { try GLTFValidator.run(arguments) }
}
