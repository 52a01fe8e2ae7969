/// An 8-bit sRGB image with alpha, rows top to bottom: what previews are drawn into and encoded from.
public struct RGBAImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// width × height × 4 bytes: R, G, B, A.
    public var pixels: [UInt8]

    public init(width: Int, height: Int, fill: SIMD4<UInt8> = SIMD4(0, 0, 0, 255)) {
        self.width = width
        self.height = height
        pixels = [UInt8](repeating: 0, count: width * height * 4)
        for index in 0..<(width * height) {
            pixels[index * 4] = fill.x
            pixels[index * 4 + 1] = fill.y
            pixels[index * 4 + 2] = fill.z
            pixels[index * 4 + 3] = fill.w
        }
    }

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height * 4)
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    public subscript(x: Int, y: Int) -> SIMD4<UInt8> {
        get {
            let i = (y * width + x) * 4
            return SIMD4(pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3])
        }
        set {
            let i = (y * width + x) * 4
            pixels[i] = newValue.x
            pixels[i + 1] = newValue.y
            pixels[i + 2] = newValue.z
            pixels[i + 3] = newValue.w
        }
    }

    /// Blends `color` over the pixel with coverage `alpha` (0…1); ignores pixels outside.
    public mutating func blend(x: Int, y: Int, color: SIMD4<UInt8>, alpha: Float = 1) {
        guard x >= 0, y >= 0, x < width, y < height, alpha > 0 else { return }
        let a = min(1, alpha * Float(color.w) / 255)
        let i = (y * width + x) * 4
        for c in 0..<3 {
            pixels[i + c] = UInt8((Float(pixels[i + c]) * (1 - a) + Float(color[c]) * a).rounded())
        }
        pixels[i + 3] = 255
    }

    /// The RGB bytes without alpha, for RGB PNGs.
    public var rgbBytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: width * height * 3)
        for index in 0..<(width * height) {
            out[index * 3] = pixels[index * 4]
            out[index * 3 + 1] = pixels[index * 4 + 1]
            out[index * 3 + 2] = pixels[index * 4 + 2]
        }
        return out
    }

    /// Distinct colours in the image (for "is it blank" checks).
    public var distinctColors: Int {
        var seen = Set<UInt32>()
        for index in 0..<(width * height) {
            seen.insert(UInt32(pixels[index * 4]) << 16 | UInt32(pixels[index * 4 + 1]) << 8 | UInt32(pixels[index * 4 + 2]))
        }
        return seen.count
    }
}
