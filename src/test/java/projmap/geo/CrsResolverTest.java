package projmap.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;

/** EPSG codes of the Chinese Gauss–Krüger zones, from names, WKT and numbers. */
class CrsResolverTest {
    @ParameterizedTest(name = "{0} CM {1} six={2} prefix={3} → EPSG:{4}")
    @CsvSource({
            "CGCS2000, 114, false, false, 4547", "CGCS2000, 114, false, true, 4526",
            "CGCS2000, 111, false, false, 4546", "CGCS2000, 117, false, true, 4527",
            "CGCS2000, 111, true, true, 4497", "CGCS2000, 117, true, true, 4498",
            "CGCS2000, 111, true, false, 4508", "CGCS2000, 117, true, false, 4509",
            "XIAN1980, 114, false, true, 2362", "XIAN1980, 114, false, false, 2383",
            "BEIJING1954, 114, false, true, 2414", "BEIJING1954, 114, false, false, 2435"})
    void gauss_krueger_zone_codes_match_crs_md(String datum, double cm, boolean six, boolean prefixed, int epsg) {
        assertThat(CrsResolver.gaussKruger(datum, cm, six, prefixed)).contains(epsg);
    }

    /** An unprefixed 6° zone is the same projection as the unprefixed 3° zone on its meridian: read back as that. */
    @ParameterizedTest
    @CsvSource({"4326, 4326", "4490, 4490", "4547, 4547", "4526, 4526", "4499, 4499", "4510, 4550", "2383, 2383",
            "2362, 2362", "2343, 2380", "2435, 2435", "2414, 2414", "21417, 21417", "21457, 2430"})
    void the_esri_wkt_written_for_an_export_names_its_code_again(int epsg, int readBack) {
        String wkt = CrsResolver.esriWkt(epsg).orElseThrow();
        assertThat(CrsResolver.fromWkt(wkt)).as(wkt).contains(readBack);
    }

    @Test
    void no_esri_wkt_is_made_up_for_other_codes() {
        assertThat(CrsResolver.esriWkt(3857)).isEmpty();
        assertThat(CrsResolver.esriWkt(4555)).isEmpty();
    }

    @Test
    void names_in_every_usual_spelling() {
        for (String n : List.of("EPSG:4547", "epsg:4547", "4547", "urn:ogc:def:crs:EPSG::4547",
                "http://www.opengis.net/def/crs/EPSG/0/4547")) {
            assertThat(CrsResolver.parseName(n)).as(n).contains(4547);
        }
        assertThat(CrsResolver.parseName("urn:ogc:def:crs:OGC:1.3:CRS84")).contains(4326);
        assertThat(CrsResolver.parseName("my grid")).isEmpty();
    }

    @Test
    void an_esri_prj_without_authority_is_recognised_with_and_without_zone_prefix() {
        String base = "PROJCS[\"CGCS2000_3_Degree_GK_%s\",GEOGCS[\"GCS_China_Geodetic_Coordinate_System_2000\",DATUM["
                + "\"D_China_2000\",SPHEROID[\"CGCS2000\",6378137.0,298.257222101]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\","
                + "0.0174532925199433]],PROJECTION[\"Gauss_Kruger\"],PARAMETER[\"False_Easting\",%s],PARAMETER[\"False_Northing\","
                + "0.0],PARAMETER[\"Central_Meridian\",114.0],PARAMETER[\"Scale_Factor\",1.0],PARAMETER[\"Latitude_Of_Origin\",0.0],"
                + "UNIT[\"Meter\",1.0]]";
        assertThat(CrsResolver.fromWkt(String.format(base, "CM_114E", "500000.0"))).contains(4547);
        assertThat(CrsResolver.fromWkt(String.format(base, "Zone_38", "38500000.0"))).contains(4526);
        assertThat(CrsResolver.fromWkt(String.format(base, "Zone_38", "37500000.0"))).isEmpty();
    }

    @Test
    void numbers_alone_suggest_codes_but_never_decide() {
        var box = new org.locationtech.jts.geom.Envelope(new Coordinate(38501869, 3650530));
        assertThat(CrsResolver.suggestion(box)).contains("EPSG:4526").contains("EPSG:2362").contains("EPSG:2414");
        assertThat(CrsResolver.looksGeographic(box)).isFalse();
    }

    @Test
    void reprojection_of_the_city_centre_matches_crs_md() {
        var p = Geometries.FACTORY.createPoint(new Coordinate(501869, 3650530));
        Reprojector r = new Reprojector();
        var ll = r.toLonLat(p, r.resolve("EPSG:4547").orElseThrow()).getCoordinate();
        assertThat(ll.x).isCloseTo(114.02, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(ll.y).isCloseTo(32.98, org.assertj.core.data.Offset.offset(1e-4));
        var prefixed = r.toLonLat(Geometries.FACTORY.createPoint(new Coordinate(38501869, 3650530)),
                r.resolve("EPSG:4526").orElseThrow()).getCoordinate();
        assertThat(prefixed.x).isCloseTo(114.02, org.assertj.core.data.Offset.offset(1e-4));
    }

    /** Every code the resolver can produce is, in GDAL's EPSG database, the zone it claims. */
    @Test
    void gdal_agrees_on_the_zone_codes() throws Exception {
        Optional<String> check = gdalsrsinfo(4547);
        if (check.isEmpty()) {
            String m = "GDAL (gdalsrsinfo) is not installed: CRS codes not cross-checked";
            if (Boolean.parseBoolean(System.getenv().getOrDefault("PROJMAP_REQUIRE_GDAL", "false"))) {
                throw new AssertionError("PROJMAP_REQUIRE_GDAL=true but " + m);
            }
            org.junit.jupiter.api.Assumptions.abort(m);
        }
        for (String datum : List.of("CGCS2000", "XIAN1980", "BEIJING1954")) {
            for (boolean prefixed : List.of(false, true)) {
                for (double cm : List.of(75.0, 111.0, 114.0, 135.0)) {
                    int code = CrsResolver.gaussKruger(datum, cm, false, prefixed).orElseThrow();
                    String proj = gdalsrsinfo(code).orElseThrow();
                    assertThat(proj).as(datum + " CM" + cm + " EPSG:" + code).contains("+proj=tmerc").contains("+lon_0=" + (int) cm + " ");
                    long zone = Math.round(cm / 3);
                    assertThat(proj).as("EPSG:" + code).contains("+x_0=" + (prefixed ? zone + "500000" : "500000") + " ");
                }
                for (double cm : List.of(75.0, 111.0, 135.0)) {
                    int code = CrsResolver.gaussKruger(datum, cm, true, prefixed).orElseThrow();
                    String proj = gdalsrsinfo(code).orElseThrow();
                    long zone = Math.round((cm + 3) / 6);
                    assertThat(proj).as(datum + " 6° CM" + cm + " EPSG:" + code).contains("+lon_0=" + (int) cm + " ")
                            .contains("+x_0=" + (prefixed ? zone + "500000" : "500000") + " ");
                }
            }
        }
    }

    private static Optional<String> gdalsrsinfo(int code) throws Exception {
        try {
            Process p = new ProcessBuilder("gdalsrsinfo", "-o", "proj4", "EPSG:" + code).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(30, TimeUnit.SECONDS);
            return p.exitValue() == 0 ? Optional.of(out.trim() + " ") : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}
