import Foundation
import Preview
import SceneGraph
import Store
import Tours

/// Draws a tour's floor map: the museum floor from above, with the route and numbered stops.
enum TourMaps {
    static func render(_ inputs: TourMapInputs, storage: any StorageEngine, renderer: PreviewRenderer, work: WorkQueue) async throws -> [GeneratedFile] {
        guard inputs.renderer == PreviewSettings.version else { throw StudioError(.notFound, "this map was drawn by an earlier version; request it again") }
        guard let stored = try await storage.tours.tour(id: inputs.tour, version: inputs.version),
              let plan = try await storage.museums.museum(id: stored.museumId)
        else { throw StudioError(.notFound, "no tour with id '\(inputs.tour.prefix(80))'") }
        let tour = try JSONDecoder().decode(Tour.self, from: stored.body)
        let museum = try JSONDecoder().decode(Museum.self, from: plan.plan)
        let floorName = museum.floors.first { $0.level == inputs.floor }?.name ?? "floor \(inputs.floor)"
        let png = try await work.run("tour.map") {
            let scene = MuseumScene.build(museum, floor: inputs.floor, tour: tour)
            let overlay = overlay(tour: tour, floor: inputs.floor, title: "\(museum.name): \(floorName)")
            let options = PreviewRenderer.Options(
                width: inputs.width, height: inputs.height, supersampling: PreviewSettings.supersampling(width: inputs.width, height: inputs.height), threads: 1, cutHeight: 2.2)
            return try PNG.encode(try renderer.render(scene, view: .plan, options: options, overlay: overlay))
        }
        return [GeneratedFile(suffix: nil, kind: "tour.map", contentType: "image/png", bytes: png)]
    }

    /// The route legs on `floor` (arrows along each) and the stops there, numbered.
    static func overlay(tour: Tour, floor: Int, title: String) -> PlanOverlay {
        let routes = tour.route.filter { $0.floor == floor && $0.points.count >= 2 }.map { leg in
            PlanOverlay.Route(points: leg.points.map { Vec3(Float($0[0]), 0, Float($0[1])) })
        }
        let stops = tour.stops.filter { $0.floor == floor }.map {
            PlanOverlay.Stop(position: Vec3(Float($0.position[0]), 0, Float($0.position[1])), number: $0.number)
        }
        return PlanOverlay(markers: true, labels: false, routes: routes, stops: stops, title: title)
    }
}
