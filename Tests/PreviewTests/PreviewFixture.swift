import Foundation
import Preview
import TestSupport

enum PreviewFixture {
    private static let loadedFont = Result { try BitmapFont.load(TestPaths.assets.appendingPathComponent("fonts/spleen-8x16.json")) }
    static func font() throws -> BitmapFont { try loadedFont.get() }
}
