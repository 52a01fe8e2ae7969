import SceneGraph

/// How a prop definition is adapted to where it is staged: a hotspot stand built to the
/// visitor's reach, a wall piece given posts where there is no wall to carry it.
extension CompositeProp {
    /// Moved up or down by `lift`: parts that stand on the floor (a sign's post) are
    /// stretched or shortened instead, so the prop stays on the floor and never reaches below it.
    func lifted(by lift: Float) -> CompositeProp {
        guard lift != 0 else { return self }
        var adapted = self
        adapted.measured = nil
        adapted.parts = parts.map { part in
            var part = part
            let standsOnFloor = (part.pitch ?? 0) == 0 && part.scale == nil && Self.halfHeight(part).map { part.at[1] - $0 <= 0.005 } == true
            if standsOnFloor, part.shape == .box, let size = part.size, size[1] + lift > 0.05 {
                part.size![1] = size[1] + lift
                part.at[1] = part.size![1] / 2
            } else if standsOnFloor, part.shape == .cylinder, let height = part.height, height + lift > 0.05 {
                part.height = height + lift
                part.at[1] = part.height! / 2
            } else {
                part.at[1] += lift
            }
            return part
        }
        adapted.height = max(0.05, height + lift)
        return adapted
    }

    /// A wall piece set up where the walls stop below it (a parapet, or no walls at all): the
    /// same piece on two posts from the floor at its back edge. Pieces the wall reaches are
    /// returned unchanged.
    func carried(byWallsOfHeight wallHeight: Float) -> CompositeProp {
        guard tags.contains("wall"), let bounds = geometryBounds(), bounds.min.y > wallHeight - 0.05 else { return self }
        var adapted = self
        let postHeight = bounds.min.y + 0.02
        let x = max(footprint[0] / 2 - 0.05, 0.03), z = -footprint[1] / 2 + 0.03
        for side: Float in [-1, 1] {
            adapted.parts.append(Part(shape: .cylinder, radius: 0.025, height: postHeight, at: [side * x, postHeight / 2, z], material: "metal"))
        }
        adapted.measured = PropMeasurements(of: adapted)
        return adapted
    }

    private static func halfHeight(_ part: Part) -> Float? {
        switch part.shape {
        case .box: return part.size.map { $0[1] / 2 }
        case .cylinder, .cone: return part.height.map { $0 / 2 }
        case .sphere: return part.radius
        case .plane: return 0
        }
    }
}
