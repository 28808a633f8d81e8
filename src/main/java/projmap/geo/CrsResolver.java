package projmap.geo;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Envelope;

/**
 * Works out the EPSG code of an incoming file's coordinates: from what the file declares (a
 * {@code .prj} WKT, a GeoJSON {@code crs} member, a GeoPackage or FlatGeobuf code), from what the
 * caller says ({@code crs=EPSG:4547}), or — only for plain longitude/latitude — from the
 * coordinates themselves.
 *
 * <p>Gauss–Krüger files from ArcGIS often carry an ESRI WKT without an EPSG authority. The code is
 * then rebuilt from the datum (CGCS2000, Xian 1980, Beijing 1954), the central meridian, and the
 * false easting: 500 000 means "no zone prefix", {@code zone × 10⁶ + 500 000} means "with the zone
 * number prefixed" (docs/crs.md; EPSG:4547 vs EPSG:4526 for CM 114°E). The code ranges below
 * were checked against GDAL's EPSG database in {@code CrsResolverTest}.
 *
 * <p>Projected coordinates without any declaration are never guessed: the datum cannot be told from
 * the numbers, and a wrong guess moves a site by ~100 m. The caller is asked for {@code crs}, with
 * the likely candidates named. Stateless and thread-safe.
 *
 * <p>Reprojection itself is {@link Reprojector}.
 */
public final class CrsResolver {
    public static final int WGS84 = 4326;
    public static final int CGCS2000 = 4490;

    private static final Pattern EPSG_CODE = Pattern.compile(
            "(?i)^\\s*(?:EPSG:{1,2}|urn:ogc:def:crs:EPSG:[0-9.]*:|https?://www\\.opengis\\.net/def/crs/EPSG/[0-9.]+/)(\\d{4,6})\\s*$");
    private static final Pattern CRS84 = Pattern.compile(
            "(?i)^\\s*(?:urn:ogc:def:crs:OGC:1\\.3:CRS84|OGC:CRS84|CRS84|https?://www\\.opengis\\.net/def/crs/OGC/1\\.3/CRS84|WGS ?84)\\s*$");

    private CrsResolver() {
    }

    /** A datum that has Gauss–Krüger zone codes in EPSG. */
    enum Datum {
        CGCS2000(4490, 4513, 4534, 4491, 4502),
        XIAN1980(4610, 2349, 2370, 2327, 2338),
        BEIJING1954(4214, 2401, 2422, 21413, 21453);

        final int geographic;
        /** first code (zone 25, CM 75°E) of the 3° zones with prefix / without prefix */
        final int threeWithPrefix;
        final int threeNoPrefix;
        /** first code (zone 13, CM 75°E) of the 6° zones with prefix / without prefix */
        final int sixWithPrefix;
        final int sixNoPrefix;

        Datum(int geographic, int threeWithPrefix, int threeNoPrefix, int sixWithPrefix, int sixNoPrefix) {
            this.geographic = geographic;
            this.threeWithPrefix = threeWithPrefix;
            this.threeNoPrefix = threeNoPrefix;
            this.sixWithPrefix = sixWithPrefix;
            this.sixNoPrefix = sixNoPrefix;
        }
    }

    private static final String DEGREE = "PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";

    /**
     * The ESRI WKT of {@code epsg} (what ArcGIS writes into a {@code .prj}) for the CRSs an export
     * may use: WGS 84, CGCS2000 lon/lat, and the Gauss–Krüger zones of CGCS2000, Xian 1980 and
     * Beijing 1954 ({@link #fromWkt} and GDAL name it back). Empty for any other code.
     */
    public static Optional<String> esriWkt(int epsg) {
        if (epsg == WGS84) {
            return Optional.of("GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],"
                    + DEGREE);
        }
        for (Datum d : Datum.values()) {
            if (epsg == d.geographic) {
                return Optional.of(geogcs(d));
            }
            int[][] families = {{d.threeWithPrefix, 3, 1}, {d.threeNoPrefix, 3, 0}, {d.sixWithPrefix, 6, 1}, {d.sixNoPrefix, 6, 0}};
            for (int[] f : families) {
                int zones = f[1] == 3 ? 21 : 11;
                if (epsg >= f[0] && epsg < f[0] + zones) {
                    int cm = 75 + (epsg - f[0]) * f[1];
                    int zone = f[1] == 3 ? cm / 3 : (cm + 3) / 6;
                    boolean prefixed = f[2] == 1;
                    String datumName = switch (d) {
                        case CGCS2000 -> "CGCS2000";
                        case XIAN1980 -> "Xian_1980";
                        case BEIJING1954 -> "Beijing_1954";
                    };
                    String name = datumName + (f[1] == 3 ? "_3_Degree_GK_" : "_GK_") + (prefixed ? "Zone_" + zone : "CM_" + cm + "E");
                    return Optional.of("PROJCS[\"" + name + "\"," + geogcs(d) + ",PROJECTION[\"Gauss_Kruger\"],"
                            + "PARAMETER[\"False_Easting\"," + (prefixed ? zone * 1_000_000 + 500_000 : 500_000) + ".0],"
                            + "PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\"," + cm + ".0],"
                            + "PARAMETER[\"Scale_Factor\",1.0],PARAMETER[\"Latitude_Of_Origin\",0.0],UNIT[\"Meter\",1.0]]");
                }
            }
        }
        return Optional.empty();
    }

    private static String geogcs(Datum d) {
        return switch (d) {
            case CGCS2000 -> "GEOGCS[\"GCS_China_Geodetic_Coordinate_System_2000\",DATUM[\"D_China_2000\","
                    + "SPHEROID[\"CGCS2000\",6378137.0,298.257222101]]," + DEGREE;
            case XIAN1980 -> "GEOGCS[\"GCS_Xian_1980\",DATUM[\"D_Xian_1980\",SPHEROID[\"Xian_1980\",6378140.0,298.257]],"
                    + DEGREE;
            case BEIJING1954 -> "GEOGCS[\"GCS_Beijing_1954\",DATUM[\"D_Beijing_1954\",SPHEROID[\"Krasovsky_1940\",6378245.0,"
                    + "298.3]]," + DEGREE;
        };
    }

    /**
     * The EPSG code of a Gauss–Krüger zone: {@code centralMeridian} in degrees (75…135),
     * {@code sixDegree} for the 6° series, {@code prefixed} when the false easting carries the zone.
     */
    public static Optional<Integer> gaussKruger(String datum, double centralMeridian, boolean sixDegree, boolean prefixed) {
        Datum d;
        try {
            d = Datum.valueOf(datum);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (centralMeridian < 75 || centralMeridian > 135) {
            return Optional.empty();
        }
        if (sixDegree) {
            if ((centralMeridian - 75) % 6 != 0) {
                return Optional.empty();
            }
            int i = (int) ((centralMeridian - 75) / 6);
            return Optional.of((prefixed ? d.sixWithPrefix : d.sixNoPrefix) + i);
        }
        if ((centralMeridian - 75) % 3 != 0) {
            return Optional.empty();
        }
        int i = (int) ((centralMeridian - 75) / 3);
        return Optional.of((prefixed ? d.threeWithPrefix : d.threeNoPrefix) + i);
    }

    /**
     * A CRS named by a user or a file ({@code EPSG:4547}, {@code 4547}, {@code urn:ogc:def:crs:EPSG::4547},
     * {@code CRS84} …); empty when the text is not one of those forms.
     */
    public static Optional<Integer> parseName(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        if (CRS84.matcher(name).matches()) {
            return Optional.of(WGS84);
        }
        Matcher m = EPSG_CODE.matcher(name);
        if (m.matches()) {
            return Optional.of(Integer.parseInt(m.group(1)));
        }
        if (name.trim().matches("\\d{4,6}")) {
            return Optional.of(Integer.parseInt(name.trim()));
        }
        return Optional.empty();
    }

    /**
     * The EPSG code of a WKT CRS (OGC or ESRI flavour, as in a shapefile's {@code .prj}). Empty when
     * it cannot be determined; never a guess.
     */
    public static Optional<Integer> fromWkt(String wkt) {
        if (wkt == null || wkt.isBlank()) {
            return Optional.empty();
        }
        String w = wkt.trim();
        String upper = w.toUpperCase(Locale.ROOT);
        boolean projected = upper.startsWith("PROJCS") || upper.startsWith("PROJCRS");
        // the last AUTHORITY of a WKT1 belongs to the outermost CRS
        Matcher auth = Pattern.compile("(?i)AUTHORITY\\[\\s*\"EPSG\"\\s*,\\s*\"?(\\d+)\"?\\s*]\\s*]\\s*$").matcher(w);
        if (auth.find()) {
            return Optional.of(Integer.parseInt(auth.group(1)));
        }
        Matcher id = Pattern.compile("(?i)ID\\[\\s*\"EPSG\"\\s*,\\s*(\\d+)\\s*]\\s*]\\s*$").matcher(w);
        if (id.find()) {
            return Optional.of(Integer.parseInt(id.group(1)));
        }
        String datum = datumOf(upper);
        if (!projected) {
            if (datum == null) {
                return Optional.empty();
            }
            return Optional.of(switch (datum) {
                case "CGCS2000" -> CGCS2000;
                case "XIAN1980" -> Datum.XIAN1980.geographic;
                case "BEIJING1954" -> Datum.BEIJING1954.geographic;
                default -> WGS84;
            });
        }
        if (datum == null || datum.equals("WGS84")) {
            return Optional.empty();
        }
        boolean transverse = upper.contains("TRANSVERSE_MERCATOR") || upper.contains("GAUSS_KRUGER")
                || upper.contains("TRANSVERSE MERCATOR") || upper.contains("GAUSS-KRUGER");
        Double cm = parameter(w, "central_meridian", "longitude of natural origin");
        Double fe = parameter(w, "false_easting", "false easting");
        Double k = parameter(w, "scale_factor", "scale factor at natural origin");
        if (!transverse || cm == null || fe == null || (k != null && Math.abs(k - 1.0) > 1e-9)) {
            return Optional.empty();
        }
        boolean prefixed = Math.abs(fe - 500_000) > 1;
        boolean six;
        if (prefixed) {
            // the prefix is the zone number, which says the series: CM 111°E is 3° zone 37 or 6° zone 19
            long zone = Math.round((fe - 500_000) / 1_000_000);
            if (Math.abs(fe - (zone * 1_000_000 + 500_000)) > 1) {
                return Optional.empty();
            }
            if (zone * 3 == Math.round(cm) && zone >= 25) {
                six = false;
            } else if (zone * 6 - 3 == Math.round(cm) && zone <= 23) {
                six = true;
            } else {
                return Optional.empty();
            }
        } else {
            // without a prefix a 6° zone and the 3° zone on the same meridian are the same projection
            // (same CM, false easting, scale 1); the 3° code is the one planning offices use
            six = false;
        }
        return gaussKruger(datum, cm, six, prefixed);
    }

    private static String datumOf(String upper) {
        if (upper.contains("CGCS") || upper.contains("CHINA_2000") || upper.contains("CHINA 2000")
                || upper.contains("CHINA_GEODETIC_COORDINATE_SYSTEM_2000") || upper.contains("CHINA GEODETIC COORDINATE SYSTEM 2000")) {
            return "CGCS2000";
        }
        if (upper.contains("XIAN") || upper.contains("XI'AN") || upper.contains("XIAN_1980")) {
            return "XIAN1980";
        }
        if (upper.contains("BEIJING") || upper.contains("BEIJING_1954")) {
            return "BEIJING1954";
        }
        if (upper.contains("WGS_1984") || upper.contains("WGS 84") || upper.contains("WGS_84") || upper.contains("WGS84")) {
            return "WGS84";
        }
        return null;
    }

    private static Double parameter(String wkt, String... names) {
        for (String name : names) {
            Matcher m = Pattern.compile("(?i)PARAMETER\\[\\s*\"" + Pattern.quote(name) + "\"\\s*,\\s*([-+0-9.eE]+)").matcher(wkt);
            if (m.find()) {
                try {
                    return Double.parseDouble(m.group(1));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** True when the EPSG code is a geographic CRS (angles), on any datum; false when unknown or projected. */
    public static boolean isGeographic(int epsg) {
        try {
            return new org.locationtech.proj4j.CRSFactory().createFromName("EPSG:" + epsg).getProjection()
                    instanceof org.locationtech.proj4j.proj.LongLatProjection;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** True when every coordinate of the box could be a longitude/latitude. */
    public static boolean looksGeographic(Envelope e) {
        return e.getMinX() >= -180 && e.getMaxX() <= 180 && e.getMinY() >= -90 && e.getMaxY() <= 90;
    }

    /**
     * What the numbers suggest, for the message that asks for {@code crs}: a zone-prefixed or a
     * plain Gauss–Krüger easting, with the EPSG candidates of the three Chinese datums.
     */
    public static String suggestion(Envelope e) {
        if (e.isNull()) {
            return "";
        }
        double x = e.centre().x;
        double y = e.centre().y;
        if (y > 1_000_000 && y < 6_000_000) {
            if (x >= 13_000_000 && x < 46_000_000) {
                int zone = (int) (x / 1_000_000);
                if (zone >= 25) {
                    double cm = zone * 3.0;
                    return " The eastings carry the zone number " + zone + " (3° zone, central meridian " + (int) cm
                            + "°E): EPSG:" + gaussKruger("CGCS2000", cm, false, true).orElse(0) + " for CGCS2000, EPSG:"
                            + gaussKruger("XIAN1980", cm, false, true).orElse(0) + " for Xian 1980, EPSG:"
                            + gaussKruger("BEIJING1954", cm, false, true).orElse(0) + " for Beijing 1954.";
                }
                double cm = zone * 6.0 - 3;
                return " The eastings carry the zone number " + zone + " (6° zone, central meridian " + (int) cm
                        + "°E): EPSG:" + gaussKruger("CGCS2000", cm, true, true).orElse(0) + " for CGCS2000.";
            }
            if (x > 100_000 && x < 900_000) {
                return " The eastings look like a Gauss–Krüger zone without zone prefix (e.g. EPSG:4547 for"
                        + " CGCS2000, central meridian 114°E, which covers Zhumadian).";
            }
        }
        return "";
    }
}
