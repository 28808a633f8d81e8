package projmap.exchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import projmap.geo.CrsResolver;
import projmap.geo.Geometries;

/**
 * Reads the feature table of a GeoPackage (the only one when there is one; several feature tables
 * are refused) with plain SQL over sqlite-jdbc, read-only: the table of contents ({@code
 * gpkg_contents}), the geometry column ({@code gpkg_geometry_columns}) and its CRS ({@code
 * gpkg_spatial_ref_sys}: an EPSG code, or the WKT definition when the organisation is not EPSG),
 * then the rows. NGA's library, which writes our GeoPackage exports, is not needed for these few
 * queries: opening a file through its DAOs cost a command-line import about 0.25 s of start-up
 * (object-relational mapping and logging set-up) before the first row was read.
 */
final class GeoPackageSource {
    private GeoPackageSource() {
    }

    /** The layer to read: its table, geometry column, and the other columns (not the key) with their declared types. */
    private record Layer(String table, String geometryColumn, List<String> columns, List<String> types) {
    }

    static SourceData read(Path file, ImportLimits limits) {
        try (Connection c = open(file)) {
            Layer layer = layer(c);
            int count;
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM " + quoted(layer.table()))) {
                rs.next();
                count = rs.getInt(1);
            }
            if (count > limits.maxFeatures()) {
                throw FileRejectedException.tooLarge("the layer has " + count + " features; at most " + limits.maxFeatures()
                        + " are accepted");
            }
            Integer epsg = srs(c, layer.table());
            Decoder decoder = new Decoder(layer);
            return new SourceData(ExchangeFormat.GPKG, SourceFeatures.streamed(count, () -> new Pass(file, layer), decoder::feature),
                    epsg, "UTF-8");
        } catch (SQLException | RuntimeException e) {
            if (e instanceof FileRejectedException fre) {
                throw fre;
            }
            throw new FileRejectedException("corrupt_gpkg", "the GeoPackage cannot be read: " + ShapefileSource.rootMessage(e));
        }
    }

    private static Connection open(Path file) {
        try {
            org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
            config.setReadOnly(true);
            return org.sqlite.JDBC.createConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
        } catch (SQLException | RuntimeException e) {
            throw new FileRejectedException("corrupt_gpkg", "the file is not a readable GeoPackage: " + ShapefileSource.rootMessage(e));
        }
    }

    /** The one feature table, from the table of contents. */
    private static Layer layer(Connection c) {
        List<String> tables = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT table_name FROM gpkg_contents WHERE data_type = 'features' ORDER BY table_name")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        } catch (SQLException e) {
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
        String table = tables.get(0);
        try {
            String geometry = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?")) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        geometry = rs.getString(1);
                    }
                }
            }
            if (geometry == null) {
                throw new FileRejectedException("corrupt_gpkg", "the feature table '" + table + "' has no geometry column");
            }
            String key = null;
            List<String> columns = new ArrayList<>();
            List<String> types = new ArrayList<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("PRAGMA table_info(" + quoted(table) + ")")) {
                while (rs.next()) {
                    String name = rs.getString("name");
                    if (rs.getInt("pk") > 0 && key == null) {
                        key = name;   // the feature id, not an attribute
                        continue;
                    }
                    columns.add(name);
                    types.add(String.valueOf(rs.getString("type")).toUpperCase(Locale.ROOT));
                }
            }
            if (columns.stream().noneMatch(geometry::equalsIgnoreCase)) {
                throw new FileRejectedException("corrupt_gpkg", "the feature table '" + table + "' lacks its geometry column '"
                        + geometry + "'");
            }
            return new Layer(table, geometry, List.copyOf(columns), List.copyOf(types));
        } catch (SQLException e) {
            throw new FileRejectedException("corrupt_gpkg", "the feature table '" + table + "' cannot be read: "
                    + ShapefileSource.rootMessage(e));
        }
    }

    /** One row as SQLite gives it: the 1-based feature number, the column values in order (the geometry blob among them). */
    private record Row(int n, Object[] values) {
    }

    /**
     * One pass over the table's rows, in order, through a connection of its own: the values as
     * SQLite holds them, fetched and nothing more — the reading thread is the one part of an
     * import that runs on one core, so typing the values and parsing the geometry is left to
     * {@link Decoder} on the checking threads. The geometry blob and the values of text columns
     * come as bytes, one call into SQLite each ({@code getObject} makes two: the value's type,
     * then the value; and a text's UTF-8 is decoded on the checking threads instead); the other
     * columns, whose values SQLite may keep as integer, real or text, by {@code getObject}.
     * Closes the connection when the last row is read.
     */
    private static final class Pass implements java.util.Iterator<Row> {
        private final Connection connection;
        private final Statement statement;
        private final ResultSet rs;
        private final int columns;
        private final boolean[] asBytes;
        private Row next;
        private int n;

        Pass(Path file, Layer layer) {
            connection = open(file);
            try {
                columns = layer.columns().size();
                asBytes = new boolean[columns];
                for (int i = 0; i < columns; i++) {
                    asBytes[i] = layer.columns().get(i).equalsIgnoreCase(layer.geometryColumn())
                            || textAffinity(layer.types().get(i));
                }
                StringBuilder sql = new StringBuilder("SELECT ");
                for (int i = 0; i < columns; i++) {
                    sql.append(i == 0 ? "" : ", ").append(quoted(layer.columns().get(i)));
                }
                sql.append(" FROM ").append(quoted(layer.table()));
                statement = connection.createStatement();
                rs = statement.executeQuery(sql.toString());
            } catch (SQLException | RuntimeException e) {
                closeQuietly(connection);
                throw new FileRejectedException("corrupt_gpkg", "the GeoPackage cannot be read: " + ShapefileSource.rootMessage(e));
            }
            advance();
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public Row next() {
            if (next == null) {
                throw new java.util.NoSuchElementException();
            }
            Row r = next;
            advance();
            return r;
        }

        private void advance() {
            try {
                if (!rs.next()) {
                    next = null;
                    close();
                    return;
                }
                Object[] values = new Object[columns];
                for (int i = 0; i < columns; i++) {
                    values[i] = asBytes[i] ? rs.getBytes(i + 1) : rs.getObject(i + 1);
                }
                next = new Row(++n, values);
            } catch (SQLException | RuntimeException e) {
                next = null;
                close();
                throw new FileRejectedException("corrupt_gpkg", "the GeoPackage cannot be read (feature " + (n + 1) + "): "
                        + ShapefileSource.rootMessage(e));
            }
        }

        private void close() {
            try {
                rs.close();
                statement.close();
            } catch (SQLException e) {
                // closing the connection below closes them too
            }
            closeQuietly(connection);
        }
    }

    /** Turns a layer's rows into records: values typed as their columns declare, the geometry blob parsed. Thread-safe. */
    private static final class Decoder {
        private final String[] names;
        private final String[] types;
        private final boolean[] textAffinity;
        private final int geometryIndex;
        private final ThreadLocal<WKBReader> wkb = ThreadLocal.withInitial(() -> new WKBReader(Geometries.FACTORY));

        Decoder(Layer layer) {
            names = layer.columns().toArray(String[]::new);
            types = layer.types().toArray(String[]::new);
            textAffinity = new boolean[types.length];
            for (int i = 0; i < types.length; i++) {
                textAffinity[i] = textAffinity(types[i]);
            }
            int g = -1;
            for (int i = 0; i < names.length; i++) {
                if (names[i].equalsIgnoreCase(layer.geometryColumn())) {
                    g = i;
                }
            }
            geometryIndex = g;
        }

        SourceFeature feature(Row row) {
            Map<String, Object> attrs = new LinkedHashMap<>();
            Object blob = null;
            for (int i = 0; i < names.length; i++) {
                Object v = row.values()[i];
                if (i == geometryIndex) {
                    blob = v;
                } else {
                    attrs.put(names[i], Staging.normalise(v instanceof byte[] text && textAffinity[i]
                            ? new String(text, StandardCharsets.UTF_8) : value(v, types[i])));
                }
            }
            if (blob == null) {
                return SourceFeature.broken(row.n(), attrs, "the feature has no geometry");
            }
            try {
                // the column's value as bytes, whatever SQLite holds there: text is refused by its first bytes
                Geometry g = geometry((byte[]) blob, wkb.get());
                return g == null || g.isEmpty() ? SourceFeature.broken(row.n(), attrs, "the feature has no geometry")
                        : new SourceFeature(row.n(), attrs, g, null);
            } catch (IOException | ParseException | RuntimeException e) {
                return SourceFeature.broken(row.n(), attrs, "unreadable geometry: " + ShapefileSource.rootMessage(e));
            }
        }
    }

    /**
     * Whether SQLite gives a column of this declared type TEXT affinity (SQLite's datatype rules,
     * §3.1: the type names CHAR, CLOB or TEXT, and not INT): its values are then text, a blob or
     * null, never a number, so they can be fetched as bytes.
     */
    static boolean textAffinity(String declaredType) {
        String t = declaredType.toUpperCase(Locale.ROOT);
        return !t.contains("INT") && (t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT"));
    }

    /** A column value as its declared type means it: SQLite keeps dates as text and booleans as 0/1. */
    static Object value(Object v, String type) {
        if (v == null || type == null) {
            return v;
        }
        if (type.equals("DATE") || type.equals("DATETIME")) {
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
        if (type.equals("BOOLEAN")) {
            return v instanceof Number num ? num.intValue() != 0 : v;
        }
        return v;
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

    /** The layer's CRS from {@code gpkg_spatial_ref_sys}: an EPSG code, the one its WKT names, or null (undefined). */
    private static Integer srs(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT s.organization, s.organization_coordsys_id, s.definition"
                + " FROM gpkg_geometry_columns g JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id WHERE g.table_name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String organisation = rs.getString(1);
                long id = rs.getLong(2);
                if ("EPSG".equalsIgnoreCase(organisation)) {
                    return (int) id;
                }
                if ("NONE".equalsIgnoreCase(organisation) || id <= 0) {
                    return null;
                }
                return CrsResolver.fromWkt(rs.getString(3)).orElse(null);
            }
        }
    }

    private static String quoted(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // a read-only file: nothing is lost
        }
    }
}
