package projmap.exchange;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.db.GeoPackageDataType;
import mil.nga.geopackage.features.user.FeatureColumn;
import mil.nga.geopackage.features.user.FeatureDao;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import mil.nga.geopackage.srs.SpatialReferenceSystem;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import projmap.geo.CrsResolver;
import projmap.geo.Geometries;

/**
 * Reads the feature table of a GeoPackage with NGA's library (the only one when there is one; the
 * one named by {@code layer} otherwise — several feature tables without a choice are refused). The
 * CRS is the table's {@code gpkg_spatial_ref_sys} entry: an EPSG code, or the WKT definition
 * when the organisation is not EPSG.
 */
final class GeoPackageSource {
    private GeoPackageSource() {
    }

    static SourceData read(Path file, ImportLimits limits) {
        GeoPackage gpkg;
        try {
            gpkg = GeoPackageManager.open(file.toFile(), false);
        } catch (RuntimeException e) {
            throw new FileRejectedException("corrupt_gpkg", "the file is not a readable GeoPackage: " + ShapefileSource.rootMessage(e));
        }
        try (gpkg) {
            List<String> tables;
            try {
                tables = gpkg.getFeatureTables();
            } catch (RuntimeException e) {
                throw new FileRejectedException("corrupt_gpkg", "the GeoPackage has no readable table of contents: "
                        + ShapefileSource.rootMessage(e));
            }
            if (tables.isEmpty()) {
                throw new FileRejectedException("no_features", "the GeoPackage has no feature table");
            }
            if (tables.size() > 1) {
                throw new FileRejectedException("several_layers", "the GeoPackage has " + tables.size()
                        + " feature tables " + tables + "; send one layer per import");
            }
            FeatureDao dao = gpkg.getFeatureDao(tables.get(0));
            int count = dao.count();
            if (count > limits.maxFeatures()) {
                throw FileRejectedException.tooLarge("the layer has " + count + " features; at most " + limits.maxFeatures()
                        + " are accepted");
            }
            Integer epsg = srs(dao.getSrs());
            String table = tables.get(0);
            return new SourceData(ExchangeFormat.GPKG, SourceFeatures.streamed(count, () -> new Pass(file, table)), epsg, "UTF-8");
        } catch (FileRejectedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new FileRejectedException("corrupt_gpkg", "the GeoPackage cannot be read: " + ShapefileSource.rootMessage(e));
        }
    }

    /**
     * One pass over the table's rows, in order, through the GeoPackage's own SQLite connection:
     * values as SQLite holds them (dates as ISO text, turned into dates here) and geometry blobs
     * read past their GeoPackage header straight into JTS — no per-value type lookup and no
     * re-encoding of every geometry, which cost most of the reading time. Closes the GeoPackage
     * when the last row is read.
     */
    private static final class Pass implements java.util.Iterator<SourceFeature> {
        private final GeoPackage gpkg;
        private final java.sql.Statement statement;
        private final java.sql.ResultSet rs;
        private final String[] names;
        private final GeoPackageDataType[] types;
        private final int geometryIndex;
        private final WKBReader wkb = new WKBReader(Geometries.FACTORY);
        private SourceFeature next;
        private int n;

        Pass(Path file, String table) {
            try {
                gpkg = GeoPackageManager.open(file.toFile(), false);
                FeatureDao dao = gpkg.getFeatureDao(table);
                String pk = dao.getTable().getPkColumnName();
                String geometry = dao.getGeometryColumnName();
                List<FeatureColumn> columns = dao.getTable().getColumns().stream()
                        .filter(c -> !c.getName().equalsIgnoreCase(pk == null ? "" : pk)).toList();
                names = columns.stream().map(FeatureColumn::getName).toArray(String[]::new);
                types = columns.stream().map(FeatureColumn::getDataType).toArray(GeoPackageDataType[]::new);
                int g = -1;
                StringBuilder sql = new StringBuilder("SELECT ");
                for (int i = 0; i < names.length; i++) {
                    sql.append(i == 0 ? "" : ", ").append('"').append(names[i].replace("\"", "\"\"")).append('"');
                    if (names[i].equals(geometry)) {
                        g = i;
                    }
                }
                geometryIndex = g;
                sql.append(" FROM \"").append(table.replace("\"", "\"\"")).append('"');
                statement = gpkg.getConnection().getConnection().createStatement();
                rs = statement.executeQuery(sql.toString());
            } catch (java.sql.SQLException | RuntimeException e) {
                throw new FileRejectedException("corrupt_gpkg", "the GeoPackage cannot be read: " + ShapefileSource.rootMessage(e));
            }
            advance();
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public SourceFeature next() {
            if (next == null) {
                throw new java.util.NoSuchElementException();
            }
            SourceFeature f = next;
            advance();
            return f;
        }

        private void advance() {
            try {
                if (!rs.next()) {
                    next = null;
                    close();
                    return;
                }
                next = feature(++n);
            } catch (java.sql.SQLException | RuntimeException e) {
                next = null;
                close();
                if (e instanceof FileRejectedException fre) {
                    throw fre;
                }
                throw new FileRejectedException("corrupt_gpkg", "the GeoPackage cannot be read (feature " + n + "): "
                        + ShapefileSource.rootMessage(e));
            }
        }

        private void close() {
            try {
                rs.close();
                statement.close();
            } catch (java.sql.SQLException e) {
                // closing the GeoPackage below closes them too
            }
            gpkg.close();
        }

        private SourceFeature feature(int n) throws java.sql.SQLException {
            Map<String, Object> attrs = new LinkedHashMap<>();
            byte[] blob = null;
            for (int i = 0; i < names.length; i++) {
                if (i == geometryIndex) {
                    blob = rs.getBytes(i + 1);
                } else {
                    attrs.put(names[i], Staging.normalise(value(rs.getObject(i + 1), types[i])));
                }
            }
            if (blob == null) {
                return SourceFeature.broken(n, attrs, "the feature has no geometry");
            }
            try {
                Geometry g = geometry(blob, wkb);
                return g == null || g.isEmpty() ? SourceFeature.broken(n, attrs, "the feature has no geometry")
                        : new SourceFeature(n, attrs, g, null);
            } catch (IOException | ParseException | RuntimeException e) {
                return SourceFeature.broken(n, attrs, "unreadable geometry: " + ShapefileSource.rootMessage(e));
            }
        }
    }

    /** A column value as the declared type means it: SQLite keeps dates as text and booleans as 0/1. */
    static Object value(Object v, GeoPackageDataType type) {
        if (v == null || type == null) {
            return v;
        }
        switch (type) {
            case DATE, DATETIME -> {
                String s = v.toString().strip();
                if (s.length() >= 10) {
                    try {
                        return java.time.LocalDate.parse(s.substring(0, 10));
                    } catch (java.time.format.DateTimeParseException e) {
                        return s;
                    }
                }
                return s;
            }
            case BOOLEAN -> {
                return v instanceof Number num ? num.intValue() != 0 : v;
            }
            default -> {
                return v;
            }
        }
    }

    /**
     * A GeoPackage geometry blob (GeoPackage 1.3 §2.1.3): "GP", version, flags, SRS id, an envelope
     * whose size the flags give, then standard WKB. Null when the blob says it is empty. An
     * extended blob goes through NGA's parser.
     */
    static Geometry geometry(byte[] b, WKBReader wkb) throws IOException, ParseException {
        if (b.length < 8 || b[0] != 'G' || b[1] != 'P') {
            throw new ParseException("not a GeoPackage geometry blob");
        }
        int flags = b[3];
        if ((flags & 0x20) != 0) {
            GeoPackageGeometryData data = GeoPackageGeometryData.create(b);
            return data.isEmpty() ? null : wkb.read(data.getWkb());
        }
        if ((flags & 0x10) != 0) {
            return null;
        }
        int envelope = switch ((flags >> 1) & 0x07) {
            case 0 -> 0;
            case 1 -> 32;
            case 2, 3 -> 48;
            case 4 -> 64;
            default -> throw new ParseException("invalid envelope indicator in the geometry header");
        };
        int offset = 8 + envelope;
        if (b.length <= offset) {
            throw new ParseException("the geometry blob ends inside its header");
        }
        return wkb.read(java.util.Arrays.copyOfRange(b, offset, b.length));
    }

    private static Integer srs(SpatialReferenceSystem srs) {
        if (srs == null) {
            return null;
        }
        if ("EPSG".equalsIgnoreCase(srs.getOrganization())) {
            return (int) srs.getOrganizationCoordsysId();
        }
        if ("NONE".equalsIgnoreCase(srs.getOrganization()) || srs.getOrganizationCoordsysId() <= 0) {
            return null;
        }
        return CrsResolver.fromWkt(srs.getDefinition()).orElse(null);
    }
}
