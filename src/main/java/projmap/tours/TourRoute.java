package projmap.tours;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Coordinate;
import projmap.geo.GeodesicMeasure;

/**
 * The legs between consecutive stops: a line drawn on the map, its length, and a travel-time
 * estimate (see {@link TourSettings}). A leg follows the roads layer when one is configured and
 * both stops are near connected roads ({@code routedBy: "roads"}); otherwise it is the straight
 * line times the detour factor ({@code routedBy: "straight"}, with the reason when roads were tried).
 */
final class TourRoute {
    /** A stop farther than this from every road is not routed on the network: the connector would be a guess. */
    static final double MAX_SNAP_M = 2000;

    private TourRoute() {
    }

    /**
     * {@code centres} in stop order, lon/lat, null for a stop without a position (skipped);
     * {@code roads} the network of {@link RoadNetworks#current()}, empty when none is configured.
     */
    static Map<String, Object> of(List<double[]> centres, TourSettings settings, Optional<RoadNetworks.Current> roads) {
        RoadNetworks.Current network = roads.orElse(null);
        // each stop meets the network once, though it ends one leg and starts the next
        RoadNetwork.Snap[] snaps = new RoadNetwork.Snap[centres.size()];
        if (network != null && network.network() != null) {
            for (int i = 0; i < centres.size(); i++) {
                if (centres.get(i) != null) {
                    snaps[i] = network.network().snap(new Coordinate(centres.get(i)[0], centres.get(i)[1])).orElseThrow();
                }
            }
        }
        List<Map<String, Object>> legs = new ArrayList<>();
        double totalM = 0;
        double totalMin = 0;
        int from = -1;
        for (int i = 0; i < centres.size(); i++) {
            if (centres.get(i) == null) {
                continue;
            }
            if (from >= 0) {
                Coordinate a = new Coordinate(centres.get(from)[0], centres.get(from)[1]);
                Coordinate b = new Coordinate(centres.get(i)[0], centres.get(i)[1]);
                Map<String, Object> leg = leg(from + 1, i + 1, a, b, snaps[from], snaps[i], settings, network);
                legs.add(leg);
                totalM += ((Number) leg.get("distanceM")).doubleValue();
                totalMin += ((Number) leg.get("minutes")).doubleValue();
            }
            from = i;
        }
        Map<String, Object> route = new LinkedHashMap<>();
        route.put("method", network != null && network.network() != null ? "roads" : "straight");
        route.put("speedKmh", settings.speedKmh());
        route.put("detourFactor", settings.detourFactor());
        route.put("distanceM", Math.round(totalM));
        route.put("minutes", Math.round(totalMin));
        route.put("legs", legs);
        return route;
    }

    private static Map<String, Object> leg(int fromN, int toN, Coordinate a, Coordinate b, RoadNetwork.Snap sa,
                                           RoadNetwork.Snap sb, TourSettings settings, RoadNetworks.Current network) {
        double straight = GeodesicMeasure.distance(a, b);
        Map<String, Object> leg = new LinkedHashMap<>();
        leg.put("from", fromN);
        leg.put("to", toN);
        leg.put("straightM", Math.round(straight));
        String reason = network == null ? null : network.reason();
        String detail = network == null ? null : network.detail();
        if (network != null && network.network() != null) {
            RoadNetwork net = network.network();
            Optional<RoadNetwork.Path> path = Optional.empty();
            if (Math.max(sa.distanceM(), sb.distanceM()) > MAX_SNAP_M) {
                reason = "stop_far_from_roads";
                int far = sa.distanceM() >= sb.distanceM() ? fromN : toN;
                detail = "stop " + far + " is " + Math.round(Math.max(sa.distanceM(), sb.distanceM()))
                        + " m from the nearest road (limit " + Math.round(MAX_SNAP_M) + " m)";
            } else {
                path = net.route(a, sa, b, sb);
                if (path.isEmpty()) {
                    reason = "stops_not_connected";
                    detail = "no road connects stop " + fromN + " with stop " + toN;
                }
            }
            if (path.isPresent()) {
                RoadNetwork.Path p = path.get();
                leg.put("distanceM", Math.round(p.totalM()));
                leg.put("minutes", minutes(p.totalM(), settings));
                leg.put("routedBy", "roads");
                leg.put("connectorsM", Math.round(p.connectorsM()));
                leg.put("line", p.line().stream().map(c -> List.of(c.x, c.y)).toList());
                return leg;
            }
        }
        double road = straight * settings.detourFactor();
        leg.put("distanceM", Math.round(road));
        leg.put("minutes", minutes(road, settings));
        leg.put("routedBy", "straight");
        if (reason != null) {
            leg.put("reason", reason);
            leg.put("reasonDetail", detail);
        }
        leg.put("line", List.of(List.of(a.x, a.y), List.of(b.x, b.y)));
        return leg;
    }

    private static long minutes(double metres, TourSettings settings) {
        return Math.max(1, Math.round(metres / 1000 / settings.speedKmh() * 60));
    }
}
