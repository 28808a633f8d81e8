package projmap.demo;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Which administrative district (区/功能区/县) a place in the demo city belongs to.
 *
 * <p>The demonstration zone is the planning boundary itself; the three development zones are
 * ellipses (west-south-west: 经济开发区, north-west: 高新技术产业开发区, north-east: 产业集聚区);
 * anything well south of the city is 确山县; the rest is 驿城区. The same areas steer the land-use
 * plan, so industrial parcels cluster where the industrial districts are. Immutable.
 */
final class DistrictMap {

    static final String YICHENG = "驿城区";
    static final String ECONOMIC_ZONE = "经济开发区";
    static final String DEMONSTRATION_ZONE = "城乡一体化示范区";
    static final String HIGH_TECH_ZONE = "高新技术产业开发区";
    static final String INDUSTRIAL_CLUSTER = "产业集聚区";
    static final String QUESHAN = "确山县";

    /** South of this northing (metres) the demo counts places as 确山县. */
    static final double QUESHAN_NORTH_EDGE = -16_000;

    private final PlanningBoundaries boundaries;
    private final GeometryFactory gf;

    DistrictMap(PlanningBoundaries boundaries, GeometryFactory gf) {
        this.boundaries = boundaries;
        this.gf = gf;
    }

    String districtAt(Coordinate c) {
        if (c.y < QUESHAN_NORTH_EDGE) {
            return QUESHAN;
        }
        if (boundaries.demonstrationZonePrep.contains(gf.createPoint(c))) {
            return DEMONSTRATION_ZONE;
        }
        if (inEconomicZone(c)) {
            return ECONOMIC_ZONE;
        }
        if (inHighTechZone(c)) {
            return HIGH_TECH_ZONE;
        }
        if (inIndustrialCluster(c)) {
            return INDUSTRIAL_CLUSTER;
        }
        return YICHENG;
    }

    boolean inEconomicZone(Coordinate c) {
        return inEllipse(c, -5200, -3900, 3300, 2600);
    }

    boolean inHighTechZone(Coordinate c) {
        return inEllipse(c, -4700, 4700, 2300, 1900);
    }

    boolean inIndustrialCluster(Coordinate c) {
        return inEllipse(c, 4700, 5300, 2400, 2000);
    }

    private static boolean inEllipse(Coordinate c, double cx, double cy, double rx, double ry) {
        double dx = (c.x - cx) / rx;
        double dy = (c.y - cy) / ry;
        return dx * dx + dy * dy <= 1;
    }
}
