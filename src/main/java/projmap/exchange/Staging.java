package projmap.exchange;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.locationtech.jts.geom.Geometry;

/**
 * A private in-memory H2 database in which H2GIS's file drivers (Shapefile with DBF encodings,
 * FlatGeobuf, KML) read or write a table. It lets exchange use those maintained drivers instead of
 * writing binary parsers, and is thrown away when closed. Not thread-safe; one per file.
 */
final class Staging implements AutoCloseable {
    /** The one in-memory database of the process; H2GIS's metadata (SPATIAL_REF_SYS …) is loaded once. */
    private static final String URL = "jdbc:h2:mem:projmap_exchange_staging;DB_CLOSE_DELAY=-1";
    private static volatile boolean loaded;

    /** This staging's own table name (several imports and exports may stage at once). */
    final String mainTable = "STAGE_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20).toUpperCase(java.util.Locale.ROOT);
    private final Connection connection;
    private final java.util.List<String> tables = new java.util.ArrayList<>();

    Staging() {
        try {
            connection = DriverManager.getConnection(URL, "sa", "");
            ensureLoaded(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the in-memory staging database", e);
        }
        tables.add(mainTable);
    }

    private static void ensureLoaded(Connection c) throws SQLException {
        if (!loaded) {
            synchronized (Staging.class) {
                if (!loaded) {
                    org.h2gis.functions.factory.H2GISFunctions.load(c);
                    loaded = true;
                }
            }
        }
    }

    /** A further table name private to this staging, dropped on close. */
    String table(String suffix) {
        String t = mainTable + "_" + suffix;
        tables.add(t);
        return t;
    }

    Connection connection() {
        return connection;
    }

    interface Driver {
        void run(Connection c, String table, File file) throws SQLException, IOException;
    }

    /** Streams the staged table's rows: attributes by column name and the (first) geometry column. */
    void rows(String table, Consumer<Map.Entry<Map<String, Object>, Geometry>> sink) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData md = rs.getMetaData();
            int n = md.getColumnCount();
            while (rs.next()) {
                Map<String, Object> attrs = new LinkedHashMap<>();
                Geometry geometry = null;
                for (int i = 1; i <= n; i++) {
                    Object v = rs.getObject(i);
                    String name = md.getColumnLabel(i);
                    if (v instanceof Geometry g) {
                        if (geometry == null) {
                            geometry = g;
                        }
                        continue;
                    }
                    if (md.getColumnTypeName(i).startsWith("GEOMETRY")) {
                        continue;
                    }
                    if (name.equals("PK") || name.equalsIgnoreCase("_pk")) {
                        continue;
                    }
                    attrs.put(name, normalise(v));
                }
                sink.accept(Map.entry(attrs, geometry == null ? EMPTY : geometry));
            }
        }
    }

    static final Geometry EMPTY = projmap.geo.Geometries.FACTORY.createGeometryCollection();

    static Object normalise(Object v) {
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime().toLocalDate();
        }
        if (v instanceof java.util.Date d) {
            return d.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate();
        }
        if (v instanceof java.time.LocalDateTime t) {
            return t.toLocalDate();
        }
        if (v instanceof String s) {
            String t = s.strip();
            return t.isEmpty() ? null : t;
        }
        if (v instanceof Float f) {
            return new BigDecimal(Float.toString(f));
        }
        return v;
    }

    void execute(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    List<String> columns(String table) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table + " WHERE 1=0")) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> out = new java.util.ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                out.add(md.getColumnLabel(i));
            }
            return out;
        }
    }

    @Override
    public void close() {
        try (Statement st = connection.createStatement()) {
            for (String t : tables) {
                st.execute("DROP TABLE IF EXISTS " + t);
            }
        } catch (SQLException e) {
            // the connection is going anyway
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // an in-memory database: nothing to leak
        }
    }
}
