package projmap.tours;

import java.util.Optional;

/**
 * Tour settings, part of {@link projmap.Config} ({@code PROJMAP_TOUR_*} or {@code --tour-*}; README
 * "Leadership tours"). Travel times are estimates driven at an average speed that includes traffic
 * lights. Without a road network a leg is the geodesic distance between two stops times a detour
 * factor (roads are longer than the straight line; 1.3 is a common urban circuity); with a roads
 * layer ({@code roadsLayer}) a leg follows the shortest way along its centre lines instead.
 *
 * @param speedKmh        PROJMAP_TOUR_SPEED_KMH, average driving speed between stops (default 30)
 * @param detourFactor    PROJMAP_TOUR_DETOUR, road length ÷ straight-line length (default 1.3, ≥ 1)
 * @param arrivalRadiusM  PROJMAP_TOUR_ARRIVAL_M, how near a site the tablet opens its card by itself (default 150)
 * @param basemapOffline  PROJMAP_TOUR_BASEMAP_OFFLINE, whether the basemap's terms allow keeping its
 *                        tiles on a tablet (default false: only our own vector tiles are downloaded)
 * @param photosPerStop   how many of a project's newest photos a stop card shows (default 6)
 * @param roadsLayer      PROJMAP_TOUR_ROADS, the id of a planning layer of kind roads whose centre
 *                        lines legs follow (default none: straight legs)
 */
public record TourSettings(double speedKmh, double detourFactor, double arrivalRadiusM, boolean basemapOffline,
                           int photosPerStop, Optional<String> roadsLayer) {

    public static TourSettings defaults() {
        return new TourSettings(30, 1.3, 150, false, 6, Optional.empty());
    }

    public TourSettings withBasemapOffline(boolean allowed) {
        return new TourSettings(speedKmh, detourFactor, arrivalRadiusM, allowed, photosPerStop, roadsLayer);
    }

    /** The same settings with legs following the road centre lines of layer {@code layerId}. */
    public TourSettings withRoadsLayer(String layerId) {
        return new TourSettings(speedKmh, detourFactor, arrivalRadiusM, basemapOffline, photosPerStop,
                Optional.of(layerId));
    }
}
