package projmap.exchange;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import projmap.geo.Geometries;

/**
 * Turns the rows of a sheet (CSV or XLSX) into records: finds the header row, the geometry columns
 * — a WKT column ({@code wkt}, {@code geometry}, {@code 几何}, {@code 坐标WKT}) or a longitude and a
 * latitude column ({@code lon}/{@code lng}/{@code 经度}/{@code x}, {@code lat}/{@code 纬度}/{@code y}) —
 * and skips totals rows ({@code 合计}, {@code 总计}, {@code 小计}) and the running number column
 * ({@code 序号}).
 */
final class TableSource {
    static final Set<String> WKT = Set.of("wkt", "geometry", "geom", "the_geom", "几何", "坐标wkt", "空间坐标", "图形wkt");
    static final Set<String> LON = Set.of("lon", "lng", "long", "longitude", "x", "经度", "中心经度", "东经");
    static final Set<String> LAT = Set.of("lat", "latitude", "y", "纬度", "中心纬度", "北纬");
    static final Set<String> TOTALS = Set.of("合计", "总计", "小计", "total", "sum");
    static final Set<String> SKIP = Set.of("序号", "no.", "no", "#");

    private TableSource() {
    }

    /** A header cell, normalised for matching: trimmed, lower case, units in brackets removed. */
    private static final java.util.regex.Pattern BRACKETED = java.util.regex.Pattern.compile("[（(][^)）]*[)）]");
    private static final java.util.regex.Pattern SPACE = java.util.regex.Pattern.compile("\\s+");

    static String key(String header) {
        if (header == null) {
            return "";
        }
        return SPACE.matcher(BRACKETED.matcher(header.strip()).replaceAll("")).replaceAll("").toLowerCase(Locale.ROOT);
    }

    /** Index of the header row among the first rows: the first that names ≥ 2 known columns. */
    static int headerRow(List<List<Object>> firstRows) {
        int known = knownHeaderRow(firstRows);
        if (known >= 0) {
            return known;
        }
        for (int r = 0; r < firstRows.size(); r++) {
            if (firstRows.get(r).stream().anyMatch(c -> c != null && !c.toString().isBlank())) {
                return r;
            }
        }
        return -1;
    }

    /** Index of the first row that names ≥ 2 known columns, or -1: does the sheet hold a table at all? */
    static int knownHeaderRow(List<List<Object>> firstRows) {
        for (int r = 0; r < firstRows.size(); r++) {
            int known = 0;
            for (Object cell : firstRows.get(r)) {
                String k = key(cell == null ? null : cell.toString());
                if (FieldMapping.isKnownHeader(k) || WKT.contains(k) || LON.contains(k) || LAT.contains(k)) {
                    known++;
                }
            }
            if (known >= 2) {
                return r;
            }
        }
        return -1;
    }

    /** Builds records from a header and data rows; {@code rowNumbers} are the file's own line/row numbers. */
    static final class Builder {
        private final List<String> headers;
        private final int wkt;
        private final int lon;
        private final int lat;
        private final List<SourceFeature> out = new ArrayList<>();

        Builder(List<Object> headerCells) {
            headers = new ArrayList<>();
            int w = -1;
            int x = -1;
            int y = -1;
            for (int i = 0; i < headerCells.size(); i++) {
                Object c = headerCells.get(i);
                String h = c == null ? "" : c.toString().strip().replace("\uFEFF", "");
                String k = key(h);
                if (h.isEmpty()) {
                    h = "column" + (i + 1);
                }
                if (headers.contains(h)) {
                    throw new FileRejectedException("duplicate_header", "the column '" + h + "' appears twice in the header");
                }
                headers.add(h);
                if (w < 0 && WKT.contains(k)) {
                    w = i;
                } else if (x < 0 && LON.contains(k)) {
                    x = i;
                } else if (y < 0 && LAT.contains(k)) {
                    y = i;
                }
            }
            if (w < 0 && (x < 0 || y < 0)) {
                throw new FileRejectedException("no_geometry_columns", "the sheet has no geometry: name a WKT column"
                        + " (wkt, 几何) or a longitude and a latitude column (lon/lat, 经度/纬度); header: " + headers);
            }
            wkt = w;
            lon = x;
            lat = y;
        }

        List<String> headers() {
            return headers;
        }

        void add(int rowNumber, List<Object> cells, String problem) {
            if (cells.stream().allMatch(c -> c == null || c.toString().isBlank())) {
                return;
            }
            Object first = cells.stream().filter(c -> c != null && !c.toString().isBlank()).findFirst().orElse(null);
            if (first != null && TOTALS.contains(key(first.toString()))) {
                return;
            }
            Map<String, Object> attrs = new LinkedHashMap<>();
            for (int i = 0; i < headers.size(); i++) {
                if (i == wkt || i == lon || i == lat || SKIP.contains(key(headers.get(i)))) {
                    continue;
                }
                attrs.put(headers.get(i), i < cells.size() ? cells.get(i) : null);
            }
            if (problem != null) {
                out.add(SourceFeature.broken(rowNumber, attrs, problem));
                return;
            }
            if (cells.size() > headers.size() && cells.subList(headers.size(), cells.size()).stream()
                    .anyMatch(c -> c != null && !c.toString().isBlank())) {
                out.add(SourceFeature.broken(rowNumber, attrs, "the row has " + cells.size() + " fields but the header has "
                        + headers.size() + " (a stray separator?)"));
                return;
            }
            try {
                out.add(new SourceFeature(rowNumber, attrs, geometry(cells), null));
            } catch (IllegalArgumentException e) {
                out.add(SourceFeature.broken(rowNumber, attrs, e.getMessage()));
            }
        }

        private Geometry geometry(List<Object> cells) {
            if (wkt >= 0) {
                Object v = wkt < cells.size() ? cells.get(wkt) : null;
                if (v == null || v.toString().isBlank()) {
                    if (lon < 0 || lat < 0) {
                        throw new IllegalArgumentException(headers.get(wkt) + ": the geometry is missing");
                    }
                } else {
                    try {
                        Geometry g = new WKTReader(Geometries.FACTORY).read(v.toString());
                        for (Coordinate c : g.getCoordinates()) {
                            if (!Double.isFinite(c.x) || !Double.isFinite(c.y)) {
                                throw new IllegalArgumentException(headers.get(wkt) + ": coordinates must be finite numbers");
                            }
                        }
                        return g;
                    } catch (ParseException | IllegalArgumentException e) {
                        throw new IllegalArgumentException(headers.get(wkt) + ": not readable WKT: " + e.getMessage());
                    }
                }
            }
            double x = number(cells, lon);
            double y = number(cells, lat);
            return Geometries.FACTORY.createPoint(new Coordinate(x, y));
        }

        private double number(List<Object> cells, int i) {
            Object v = i < cells.size() ? cells.get(i) : null;
            if (v == null || v.toString().isBlank()) {
                throw new IllegalArgumentException(headers.get(i) + ": the coordinate is missing");
            }
            double d;
            if (v instanceof Number n) {
                d = n.doubleValue();
            } else {
                try {
                    d = new BigDecimal(v.toString().strip()).doubleValue();
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(headers.get(i) + ": '" + v + "' is not a number");
                }
            }
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException(headers.get(i) + ": coordinates must be finite numbers");
            }
            return d;
        }

        List<SourceFeature> features() {
            return out;
        }
    }
}
