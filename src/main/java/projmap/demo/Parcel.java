package projmap.demo;

import java.math.BigDecimal;

import org.locationtech.jts.geom.Polygon;

/**
 * One parcel (地块) of the demo land-use plan: its GB 50137 class, its regulatory-plan number,
 * floor-area ratio and green ratio ({@code null} where the class has none), its outline in the
 * metre plane and as published (rounded lon/lat), and the block it was cut from ({@code -1} for
 * road, river and park faces). {@code clipped} marks parcels cut by the central urban area's edge.
 */
record Parcel(
        LandUseCode code,
        String planNo,
        BigDecimal far,
        BigDecimal greenRatio,
        Polygon metres,
        Polygon lonLat,
        int cellI,
        int cellJ,
        boolean clipped) {

    boolean inBlock() {
        return cellI >= 0;
    }
}
