extension Light {
    /// How far Blender's EEVEE lets a point or spot light reach at its default light threshold
    /// (0.01): √(W · max colour) metres, where W = cd · 4π / 683 is the power Blender's glTF
    /// importer gives it. EEVEE fades the light to nothing at that distance with (1 − (d/r)⁴)²,
    /// the same window glTF specifies for `range`. Nil for directional lights, which it never cuts.
    public var thresholdReach: Float? {
        kind == .directional ? nil : (intensity * 4 * .pi / 683 * max(color.x, max(color.y, color.z))).squareRoot()
    }

    /// The light with its `range` no longer than ``thresholdReach``: declared in the file, so
    /// three.js (which honours `range`), the preview and Blender light a room alike.
    public var reachingAsClientsDo: Light {
        var light = self
        if let reach = thresholdReach { light.range = min(range ?? reach, reach) }
        return light
    }
}
