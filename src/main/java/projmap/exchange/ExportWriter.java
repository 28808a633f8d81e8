package projmap.exchange;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.db.GeoPackageDataType;
import mil.nga.geopackage.features.columns.GeometryColumns;
import mil.nga.geopackage.features.user.FeatureColumn;
import mil.nga.geopackage.features.user.FeatureDao;
import mil.nga.geopackage.features.user.FeatureRow;
import mil.nga.geopackage.features.user.FeatureTableMetadata;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import mil.nga.sf.GeometryType;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.h2gis.api.EmptyProgressVisitor;
import org.h2gis.functions.io.fgb.FGBDriverFunction;
import org.h2gis.functions.io.kml.KMLDriverFunction;
import org.h2gis.functions.io.shp.SHPDriverFunction;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.io.WKTWriter;
import projmap.geo.GeoJsonWriter;
import projmap.geo.Geometries;

/**
 * Writes an {@link ExportTable} in each exchange format to a stream. Geometries are lon/lat
 * (EPSG:4326). Shapefiles come as a zip with {@code .prj} and {@code .cpg}, one shapefile per
 * geometry type (a shapefile holds one type; projects mix points, lines and polygons). XLSX has the
 * Chinese headers with units, a frozen header row and a 合计 row of sums. Binary formats are written
 * to a temporary folder first, which is deleted afterwards. Stateless.
 */
final class ExportWriter {
    /** ESRI's WKT for WGS 84: what ArcGIS writes and GDAL reads back as EPSG:4326. */
    static final String WGS84_PRJ = "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,"
            + "298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";

    private ExportWriter() {
    }

    static void write(ExchangeFormat format, ExportTable table, Charset encoding, OutputStream out) throws IOException {
        switch (format) {
            case GEOJSON -> geojson(table, out);
            case CSV -> csv(table, out);
            case XLSX -> xlsx(table, out);
            default -> {
                Path dir = Files.createTempDirectory("projmap-export-");
                try {
                    Path file = switch (format) {
                        case SHAPEFILE -> shapefile(table, encoding, dir);
                        case GPKG -> gpkg(table, dir);
                        case KML -> staged(table, dir, "kml");
                        case KMZ -> kmz(staged(table, dir, "kml"), dir);
                        case FLATGEOBUF -> staged(table, dir, "fgb");
                        default -> throw new IllegalStateException(format.name());
                    };
                    Files.copy(file, out);
                } catch (SQLException e) {
                    throw new IOException("export failed: " + e.getMessage(), e);
                } finally {
                    deleteTree(dir);
                }
            }
        }
    }

    /** KMZ: the KML as {@code doc.kml}, the one entry Google Earth and GDAL look for, deflated. */
    private static Path kmz(Path kml, Path dir) throws IOException {
        Path file = dir.resolve("export.kmz");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("doc.kml"));
            Files.copy(kml, zip);
            zip.closeEntry();
        }
        return file;
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }

    private static void geojson(ExportTable t, OutputStream out) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", "FeatureCollection");
            g.writeStringField("name", t.name());
            if (t.epsg() != 4326) {
                // RFC 7946 knows only lon/lat; the legacy member is what GDAL, QGIS and our importer read
                g.writeObjectFieldStart("crs");
                g.writeStringField("type", "name");
                g.writeObjectFieldStart("properties");
                g.writeStringField("name", "urn:ogc:def:crs:EPSG::" + t.epsg());
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeArrayFieldStart("features");
            for (int i = 0; i < t.gisRows().size(); i++) {
                g.writeStartObject();
                g.writeStringField("type", "Feature");
                g.writeFieldName("geometry");
                GeoJsonWriter.writeGeometry(g, t.geometries().get(i));
                g.writeObjectFieldStart("properties");
                Object[] row = t.gisRows().get(i);
                for (int c = 0; c < row.length; c++) {
                    g.writeFieldName(t.columns().get(c).gisName().toLowerCase(java.util.Locale.ROOT));
                    value(g, row[c]);
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void value(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else {
            g.writeString(v.toString());
        }
    }

    private static String wkt(Geometry g) {
        return g == null ? "" : new WKTWriter(2).write(g);
    }

    private static void csv(ExportTable t, OutputStream out) throws IOException {
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        w.write('\uFEFF');   // Excel opens a UTF-8 CSV as UTF-8 only with a byte-order mark
        List<String> header = new ArrayList<>();
        t.columns().forEach(c -> header.add(c.header()));
        header.add("经度");
        header.add("纬度");
        header.add("几何（WKT）");
        w.write(String.join(",", header.stream().map(ExportWriter::quote).toList()));
        w.write("\r\n");
        for (int i = 0; i < t.sheetRows().size(); i++) {
            List<String> cells = new ArrayList<>();
            for (Object v : t.sheetRows().get(i)) {
                cells.add(quote(v == null ? "" : v instanceof BigDecimal d ? d.toPlainString() : v.toString()));
            }
            Geometry g = t.geometries().get(i);
            Point p = g == null ? null : g.getInteriorPoint();
            cells.add(p == null ? "" : Double.toString(p.getX()));
            cells.add(p == null ? "" : Double.toString(p.getY()));
            cells.add(quote(wkt(g)));
            w.write(String.join(",", cells));
            w.write("\r\n");
        }
        w.flush();
    }

    private static String quote(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    private static void xlsx(ExportTable t, OutputStream out) throws IOException {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(200)) {
            SXSSFSheet sheet = wb.createSheet(t.name());
            Font bold = wb.createFont();
            bold.setBold(true);
            CellStyle head = wb.createCellStyle();
            head.setFont(bold);
            head.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            head.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            head.setBorderBottom(BorderStyle.THIN);
            head.setWrapText(true);
            CellStyle money = wb.createCellStyle();
            money.setDataFormat(wb.createDataFormat().getFormat("#,##0.00"));
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
            CellStyle total = wb.createCellStyle();
            total.setFont(bold);
            total.setDataFormat(wb.createDataFormat().getFormat("#,##0.00"));
            total.setBorderTop(BorderStyle.THIN);
            int n = t.columns().size();
            Row h = sheet.createRow(0);
            for (int c = 0; c < n; c++) {
                Cell cell = h.createCell(c);
                cell.setCellValue(t.columns().get(c).header());
                cell.setCellStyle(head);
                sheet.setColumnWidth(c, Math.min(60, Math.max(10, t.columns().get(c).header().length() * 3)) * 256);
            }
            String[] geo = {"经度", "纬度", "几何（WKT）"};
            for (int c = 0; c < geo.length; c++) {
                Cell cell = h.createCell(n + c);
                cell.setCellValue(geo[c]);
                cell.setCellStyle(head);
            }
            sheet.createFreezePane(0, 1);
            WKTWriter wktWriter = new WKTWriter(2);
            wktWriter.setPrecisionModel(new org.locationtech.jts.geom.PrecisionModel(1e7));
            for (int i = 0; i < t.sheetRows().size(); i++) {
                Row r = sheet.createRow(i + 1);
                Object[] row = t.sheetRows().get(i);
                for (int c = 0; c < n; c++) {
                    Object v = row[c];
                    if (v == null) {
                        continue;
                    }
                    Cell cell = r.createCell(c);
                    if (v instanceof BigDecimal d) {
                        cell.setCellValue(d.doubleValue());
                        cell.setCellStyle(money);
                    } else if (v instanceof Number num) {
                        cell.setCellValue(num.doubleValue());
                    } else if (v instanceof LocalDate d) {
                        cell.setCellValue(d);
                        cell.setCellStyle(date);
                    } else {
                        cell.setCellValue(v.toString());
                    }
                }
                Geometry g = t.geometries().get(i);
                if (g != null) {
                    Point p = g.getInteriorPoint();
                    r.createCell(n).setCellValue(p.getX());
                    r.createCell(n + 1).setCellValue(p.getY());
                    String w = wktWriter.write(g);
                    // a cell holds at most 32 767 characters; a larger shape keeps its point only
                    if (w.length() <= 32_767) {
                        r.createCell(n + 2).setCellValue(w);
                    }
                }
            }
            int last = t.sheetRows().size() + 1;
            Row sum = sheet.createRow(last);
            Cell label = sum.createCell(0);
            label.setCellValue("合计");
            label.setCellStyle(total);
            for (int c = 0; c < n; c++) {
                if (t.columns().get(c).summed() && last > 1) {
                    String col = CellReference.convertNumToColString(c);
                    Cell cell = sum.createCell(c);
                    cell.setCellFormula("SUM(" + col + "2:" + col + last + ")");
                    cell.setCellStyle(total);
                }
            }
            wb.write(out);
            wb.dispose();
        }
    }

    /** Groups of one geometry type each, in a fixed order; a shapefile holds one type. */
    private static Map<String, List<Integer>> byType(ExportTable t) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < t.geometries().size(); i++) {
            Geometry g = t.geometries().get(i);
            String type = g instanceof Point ? "point" : g instanceof MultiPoint ? "multipoint"
                    : g instanceof LineString || g instanceof MultiLineString ? "line" : "polygon";
            groups.computeIfAbsent(type, k -> new ArrayList<>()).add(i);
        }
        return groups;
    }

    private static String sqlType(ExportTable.Column c, boolean datesAsText) {
        if (datesAsText && c.type() == ExportTable.Type.DATE) {
            return "VARCHAR";
        }
        return switch (c.type()) {
            case TEXT -> "VARCHAR";
            case INTEGER -> "BIGINT";
            case NUMBER -> "DOUBLE PRECISION";
            case DATE -> "DATE";
        };
    }

    private static void stage(Staging s, String table, ExportTable t, List<Integer> rows, String geometryType,
                              boolean datesAsText) throws SQLException {
        StringBuilder ddl = new StringBuilder("CREATE TABLE " + table + " (GEOM GEOMETRY(" + geometryType + ", 4326)");
        for (ExportTable.Column c : t.columns()) {
            ddl.append(", \"").append(c.gisName()).append("\" ").append(sqlType(c, datesAsText));
        }
        s.execute(ddl.append(")").toString());
        String insert = "INSERT INTO " + table + " VALUES (?" + ", ?".repeat(t.columns().size()) + ")";
        try (PreparedStatement ps = s.connection().prepareStatement(insert)) {
            for (int i : rows) {
                Geometry g = t.geometries().get(i);
                if (geometryType.equals("MULTIPOLYGON") && g instanceof Polygon p) {
                    g = Geometries.FACTORY.createMultiPolygon(new Polygon[] {p});
                } else if (geometryType.equals("MULTILINESTRING") && g instanceof LineString l) {
                    g = Geometries.FACTORY.createMultiLineString(new LineString[] {l});
                }
                if (g != null) {
                    g.setSRID(4326);
                }
                ps.setObject(1, g);
                Object[] row = t.gisRows().get(i);
                for (int c = 0; c < row.length; c++) {
                    Object v = row[c];
                    if (v == null) {
                        ps.setNull(c + 2, switch (t.columns().get(c).type()) {
                            case TEXT -> Types.VARCHAR;
                            case INTEGER -> Types.BIGINT;
                            case NUMBER -> Types.DOUBLE;
                            case DATE -> datesAsText ? Types.VARCHAR : Types.DATE;
                        });
                    } else if (v instanceof LocalDate d) {
                        if (datesAsText) {
                            ps.setString(c + 2, d.toString());
                        } else {
                            ps.setObject(c + 2, d);
                        }
                    } else if (v instanceof BigDecimal d) {
                        ps.setDouble(c + 2, d.doubleValue());
                    } else {
                        ps.setObject(c + 2, v);
                    }
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static Path shapefile(ExportTable t, Charset encoding, Path dir) throws IOException, SQLException {
        Map<String, List<Integer>> groups = byType(t);
        Path zip = dir.resolve(t.name() + ".shp.zip");
        List<Path> parts = new ArrayList<>();
        try (Staging s = new Staging()) {
            if (groups.isEmpty()) {
                groups.put("polygon", List.of());
            }
            for (var group : groups.entrySet()) {
                String base = groups.size() == 1 ? t.name() : t.name() + "_" + group.getKey();
                String type = switch (group.getKey()) {
                    case "point" -> "POINT";
                    case "multipoint" -> "MULTIPOINT";
                    case "line" -> "MULTILINESTRING";
                    default -> "MULTIPOLYGON";
                };
                String table = s.table(group.getKey().toUpperCase(java.util.Locale.ROOT));
                // ISO text: H2GIS 2.2.3 writes DBF date fields that read back empty
                stage(s, table, t, group.getValue(), type, true);
                File shp = dir.resolve(base + ".shp").toFile();
                new SHPDriverFunction().exportTable(s.connection(), table, shp, encoding.name(), true, new EmptyProgressVisitor());
                ShapefileRepair.repair(shp.toPath(), dir.resolve(base + ".shx"));
                Files.writeString(dir.resolve(base + ".prj"), projmap.geo.CrsResolver.esriWkt(t.epsg()).orElseThrow(),
                        StandardCharsets.US_ASCII);
                Files.writeString(dir.resolve(base + ".cpg"), encoding.equals(StandardCharsets.UTF_8) ? "UTF-8" : encoding.name(),
                        StandardCharsets.US_ASCII);
                for (String ext : List.of("shp", "shx", "dbf", "prj", "cpg")) {
                    parts.add(dir.resolve(base + "." + ext));
                }
            }
        }
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Path p : parts) {
                z.putNextEntry(new ZipEntry(p.getFileName().toString()));
                Files.copy(p, z);
                z.closeEntry();
            }
        }
        return zip;
    }

    private static Path staged(ExportTable t, Path dir, String ext) throws IOException, SQLException {
        Path file = dir.resolve(t.name() + "." + ext);
        try (Staging s = new Staging()) {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < t.geometries().size(); i++) {
                all.add(i);
            }
            // FlatGeobuf in H2GIS has no date type; KML has none at all: ISO text, which both re-import
            stage(s, s.mainTable, t, all, "GEOMETRY", true);
            if (ext.equals("kml")) {
                new KMLDriverFunction().exportTable(s.connection(), s.mainTable, file.toFile(), true, new EmptyProgressVisitor());
            } else {
                new FGBDriverFunction().exportTable(s.connection(), s.mainTable, file.toFile(), true, new EmptyProgressVisitor());
            }
        }
        return file;
    }

    private static Path gpkg(ExportTable t, Path dir) throws IOException {
        Path file = dir.resolve(t.name() + ".gpkg");
        GeoPackageManager.create(file.toFile());
        try (GeoPackage gp = GeoPackageManager.open(file.toFile())) {
            gp.createGeometryColumnsTable();
            GeometryColumns gc = new GeometryColumns();
            gc.setTableName(t.name());
            gc.setColumnName("geom");
            gc.setGeometryType(GeometryType.GEOMETRY);
            gc.setZ((byte) 0);
            gc.setM((byte) 0);
            gc.setSrsId(t.epsg());
            if (t.epsg() != 4326) {
                var srs = new mil.nga.geopackage.srs.SpatialReferenceSystem();
                srs.setSrsName("EPSG:" + t.epsg());
                srs.setSrsId(t.epsg());
                srs.setOrganization("EPSG");
                srs.setOrganizationCoordsysId(t.epsg());
                srs.setDefinition(projmap.geo.CrsResolver.esriWkt(t.epsg()).orElseThrow());
                gp.getSpatialReferenceSystemDao().create(srs);
            }
            List<FeatureColumn> cols = new ArrayList<>();
            for (ExportTable.Column c : t.columns()) {
                cols.add(FeatureColumn.createColumn(c.gisName().toLowerCase(java.util.Locale.ROOT), switch (c.type()) {
                    case TEXT -> GeoPackageDataType.TEXT;
                    case INTEGER -> GeoPackageDataType.INTEGER;
                    case NUMBER -> GeoPackageDataType.DOUBLE;
                    case DATE -> GeoPackageDataType.DATE;
                }));
            }
            var bbox = new mil.nga.geopackage.BoundingBox(-180, -90, 180, 90);
            if (t.epsg() != 4326) {
                var e = new org.locationtech.jts.geom.Envelope();
                t.geometries().stream().filter(java.util.Objects::nonNull).forEach(g -> e.expandToInclude(g.getEnvelopeInternal()));
                if (!e.isNull()) {
                    bbox = new mil.nga.geopackage.BoundingBox(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY());
                }
            }
            gp.createFeatureTable(FeatureTableMetadata.create(gc, "fid", cols, bbox));
            FeatureDao dao = gp.getFeatureDao(t.name());
            WKBWriter wkb = new WKBWriter(2);
            gp.beginTransaction();
            try {
                for (int i = 0; i < t.gisRows().size(); i++) {
                    FeatureRow row = dao.newRow();
                    Geometry g = t.geometries().get(i);
                    if (g != null) {
                        GeoPackageGeometryData data = GeoPackageGeometryData.createFromWkbAndBuildEnvelope(t.epsg(), wkb.write(g));
                        row.setGeometry(data);
                    }
                    Object[] values = t.gisRows().get(i);
                    for (int c = 0; c < values.length; c++) {
                        Object v = values[c];
                        String col = t.columns().get(c).gisName().toLowerCase(java.util.Locale.ROOT);
                        if (v instanceof BigDecimal d) {
                            row.setValue(col, d.doubleValue());
                        } else if (v instanceof LocalDate d) {
                            row.setValue(col, java.sql.Date.valueOf(d));
                        } else if (v != null) {
                            row.setValue(col, v);
                        }
                    }
                    dao.create(row);
                }
                gp.endTransaction(true);
            } catch (RuntimeException e) {
                gp.endTransaction(false);
                throw e;
            }
        } catch (Exception e) {
            if (e instanceof IOException io) {
                throw io;
            }
            throw new UncheckedIOException(new IOException("GeoPackage export failed: " + e.getMessage(), e));
        }
        return file;
    }
}
