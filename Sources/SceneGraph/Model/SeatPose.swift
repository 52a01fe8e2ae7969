/// How a visitor sits on a seat, in the seat node's local space (origin on the seat surface,
/// facing +Z): where the back rests, where the knees bend, where the feet reach, and the angle
/// between the spine and the back–knee line (OMI_seat's fields).
public struct SeatPose: Sendable, Hashable {
    public var back: Vec3
    public var foot: Vec3
    public var knee: Vec3
    /// Radians; π/2 for an upright back.
    public var angle: Float

    public init(back: Vec3, foot: Vec3, knee: Vec3, angle: Float) {
        self.back = back
        self.foot = foot
        self.knee = knee
        self.angle = angle
    }
}
