/// A sound a node plays: a looping clip at the node's position, fading with distance. Exported
/// to glTF as `KHR_audio_emitter` (a positional emitter), which clients that know it play and
/// others ignore.
public struct AudioEmitter: Sendable, Hashable {
    /// Where the clip is: a URL the client fetches.
    public var uri: String
    public var mimeType: String
    public var loop: Bool
    /// Start as soon as the scene loads (browsers still wait for the visitor's first click).
    public var autoplay: Bool
    /// Linear gain, 0–1.
    public var gain: Float
    /// Full volume within this distance (metres), then the inverse-distance roll-off.
    public var refDistance: Float
    /// No further attenuation past this distance (metres).
    public var maxDistance: Float

    public init(uri: String, mimeType: String, loop: Bool = true, autoplay: Bool = true, gain: Float = 1, refDistance: Float = 2, maxDistance: Float = 40) {
        self.uri = uri
        self.mimeType = mimeType
        self.loop = loop
        self.autoplay = autoplay
        self.gain = gain
        self.refDistance = refDistance
        self.maxDistance = maxDistance
    }
}
