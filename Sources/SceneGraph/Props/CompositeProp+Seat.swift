import Foundation

extension CompositeProp {
    /// How a visitor sits on this prop, read from its parts, relative to ``seatAt`` and facing
    /// +Z; nil when the prop is not a seat.
    ///
    /// The back rests against the front face of the nearest part behind the seat point that
    /// rises above the seat within a torso's height (a backrest), or at the prop's rear edge
    /// when there is none (a stool, a bench). The knees bend at the prop's front edge, but no
    /// more than a thigh's length (0.55 m) in front of the back, so a deep booth or a jury box
    /// seats a visitor at its back. Edges are those of the box parts, within the footprint. The
    /// feet reach the floor below the knees. The angle is π/2 plus a backrest's pitch.
    public var seatPose: SeatPose? {
        guard let seatAt, seatAt.count == 3 else { return nil }
        let seat = Vec3(seatAt[0], seatAt[1], seatAt[2])
        let depth = footprint.count == 2 ? footprint[1] : 0.5
        var boxes: [(centre: Vec3, half: Vec3, pitch: Float)] = []
        for part in parts where part.shape == .box && part.yaw == nil {
            guard let size = part.size, size.count == 3, part.at.count == 3 else { continue }
            let scale = part.scale ?? [1, 1, 1]
            let half = Vec3(size[0] * scale[0], size[1] * scale[1], size[2] * scale[2]) / 2
            boxes.append((Vec3(part.at[0], part.at[1], part.at[2]), half, (part.pitch ?? 0) * .pi / 180))
        }
        let rear = max(-depth / 2, boxes.map { $0.centre.z - $0.half.z }.min() ?? -depth / 2)
        let front = min(depth / 2, boxes.map { $0.centre.z + $0.half.z }.max() ?? depth / 2)
        var backZ = rear, pitch: Float = 0
        for box in boxes {
            let risesAbove = box.centre.y + box.half.y > seat.y + 0.1 && box.centre.y - box.half.y < seat.y + 0.45
            let behind = box.centre.z + box.half.z <= seat.z && abs(box.centre.x - seat.x) < box.half.x
            if risesAbove && behind && box.centre.z + box.half.z > backZ {
                backZ = box.centre.z + box.half.z
                pitch = box.pitch
            }
        }
        backZ = min(backZ, seat.z - 0.05)
        let kneeZ = max(min(front, backZ + 0.55), seat.z + 0.05)
        return SeatPose(
            back: Vec3(0, 0, backZ - seat.z), foot: Vec3(0, -seat.y, kneeZ - seat.z), knee: Vec3(0, 0, kneeZ - seat.z),
            angle: .pi / 2 + abs(pitch))
    }
}
