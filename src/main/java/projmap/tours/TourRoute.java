package projmap.tours;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import projmap.geo.GeodesicMeasure;

/**
 * The legs between consecutive stops: a straight line drawn on the map, its geodesic length, and a
 * travel-time estimate (see {@link TourSettings} for why straight lines and how the time is made).
 */
final class TourRoute {
    private TourRoute() {
    }

    /** {@code centres} in stop order, lon/lat, null for a stop without a position (skipped). */
    static Map<String, Object> of(List<double[]> centres, TourSettings settings) {
        List<Map<String, Object>> legs = new ArrayList<>();
        double totalM = 0;
        double totalMin = 0;
        int from = -1;
        for (int i = 0; i < centres.size(); i++) {
            if (centres.get(i) == null) {
                continue;
            }
            if (from >= 0) {
                double[] a = centres.get(from);
                double[] b = centres.get(i);
                double straight = GeodesicMeasure.distance(new Coordinate(a[0], a[1]), new Coordinate(b[0], b[1]));
                double road = straight * settings.detourFactor();
                double minutes = road / 1000 / settings.speedKmh() * 60;
                Map<String, Object> leg = new LinkedHashMap<>();
                leg.put("from", from + 1);
                leg.put("to", i + 1);
                leg.put("straightM", Math.round(straight));
                leg.put("distanceM", Math.round(road));
                leg.put("minutes", Math.max(1, Math.round(minutes)));
                leg.put("line", List.of(List.of(a[0], a[1]), List.of(b[0], b[1])));
                legs.add(leg);
                totalM += road;
                totalMin += Math.max(1, Math.round(minutes));
            }
            from = i;
        }
        Map<String, Object> route = new LinkedHashMap<>();
        route.put("method", "straight");
        route.put("speedKmh", settings.speedKmh());
        route.put("detourFactor", settings.detourFactor());
        route.put("distanceM", Math.round(totalM));
        route.put("minutes", Math.round(totalMin));
        route.put("legs", legs);
        return route;
    }
}
