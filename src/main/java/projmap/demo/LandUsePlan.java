package projmap.demo;

import java.util.List;

import org.locationtech.jts.geom.Polygon;

/**
 * The demo land-use plan (用地规划): the parcels covering the central urban area; the two features
 * other parts of the demo refer to by name — the central park (人民公园) and its lake (清河湖); and
 * the central urban area outline noded with the parcel edges that meet it. All in the metre plane.
 *
 * <p>The noded outline has the same shape as the planning boundary but also carries every vertex
 * where a parcel edge meets it, so that after rounding to 6 decimals the published boundary and the
 * published parcels still share those vertices and every parcel lies exactly inside the boundary.
 */
record LandUsePlan(List<Parcel> parcels, Polygon centralPark, Polygon lake, Polygon nodedCentralUrbanArea) {
}
