package projmap.exchange;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import projmap.store.Dialect;
import projmap.zones.ZoneFeature;

/**
 * Writes an import's zone features into {@code zone_features} on the caller's transaction, one at a
 * time as they are checked, the fastest honest way each store allows: on PostGIS the COPY protocol
 * (binary format, geometry as EWKB bytes — no statement or function call per row; {@link BinaryCopyRows});
 * on H2GIS batched
 * prepared inserts with the JTS geometry bound natively. Nothing is visible to others until the
 * caller commits; a rollback leaves the table as it was.
 *
 * <p>On PostGIS a load that brings at least as many rows as the table holds for other layers (and
 * at least {@link #REBUILD_MIN_ROWS}) goes by a temporary table: the COPY fills it while the
 * records are checked, and only at the end are the secondary indexes dropped, the rows moved over
 * in one INSERT … SELECT and the indexes built again — a sorted GiST build is several times faster
 * than 200,000 single inserts into the tree. DROP INDEX locks {@code zone_features} against readers
 * until commit, so the lock is taken for that last second only, not for the whole load; small
 * loads into a big table keep the indexes and COPY straight into them.
 */
final class ZoneBulkWriter implements AutoCloseable {
    static final int REBUILD_MIN_ROWS = 20_000;
    private static final String LOAD_TABLE = "zone_load";
    private static final int BATCH = 2000;
    /** Memory for building the indexes again (the default 64 MB spills a million-row B-tree sort to disk). */
    private static final String INDEX_MEMORY = "256MB";

    private final Connection connection;
    private final Dialect dialect;
    private final String layerId;
    private final boolean rebuildIndex;
    private CopyIn copy;
    private BinaryCopyRows rows;
    private PreparedStatement insert;
    private int pending;
    private long written;

    private ZoneBulkWriter(Connection connection, Dialect dialect, String layerId, boolean rebuildIndex) {
        this.connection = connection;
        this.dialect = dialect;
        this.layerId = layerId;
        this.rebuildIndex = rebuildIndex;
    }

    /**
     * Opens a writer for {@code layerId}'s features; {@code expectedRows} (when known, else -1)
     * decides whether PostGIS rebuilds the spatial index instead of maintaining it row by row.
     * Call after the layer's old features are gone.
     */
    static ZoneBulkWriter open(Connection c, Dialect dialect, String layerId, long expectedRows) throws SQLException {
        if (dialect == Dialect.H2GIS) {
            ZoneBulkWriter w = new ZoneBulkWriter(c, dialect, layerId, false);
            w.insert = c.prepareStatement("INSERT INTO zone_features (layer_id, code, name, attributes, geom) VALUES (?, ?, ?, "
                    + dialect.jsonParam() + ", " + dialect.geometryParam() + ")");
            return w;
        }
        boolean rebuild = expectedRows >= REBUILD_MIN_ROWS && expectedRows >= otherRows(c);
        ZoneBulkWriter w = new ZoneBulkWriter(c, dialect, layerId, rebuild);
        String target = "zone_features";
        if (rebuild) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TEMP TABLE " + LOAD_TABLE + " (layer_id VARCHAR(60), code VARCHAR(60),"
                        + " name VARCHAR(200), attributes JSONB, geom geometry(Geometry, " + Dialect.SRID + ") NOT NULL)"
                        + " ON COMMIT DROP");
            }
            target = LOAD_TABLE;
        }
        w.copy = c.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + target + " (layer_id, code, name, attributes, geom) FROM STDIN (FORMAT binary)");
        w.rows = new BinaryCopyRows(w.copy);
        return w;
    }

    /** The rows the table holds now (the planner's estimate: exact enough to choose, and free). */
    private static long otherRows(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT reltuples::bigint FROM pg_class WHERE oid = 'zone_features'::regclass")) {
            return rs.next() ? Math.max(0, rs.getLong(1)) : 0;
        }
    }

    void add(ZoneFeature f) throws SQLException {
        add(f, null);
    }

    /** As {@link #add(ZoneFeature)}, with the geometry's 2D big-endian WKB already made (or null). */
    void add(ZoneFeature f, byte[] geometryWkb) throws SQLException {
        written++;
        if (insert != null) {
            insert.setString(1, layerId);
            insert.setString(2, f.code());
            insert.setString(3, f.name());
            insert.setString(4, f.attributes() == null ? "{}" : f.attributes());
            dialect.bindGeometry(insert, 5, f.geometry());
            insert.addBatch();
            if (++pending == BATCH) {
                insert.executeBatch();
                pending = 0;
            }
            return;
        }
        rows.row(5).text(layerId).text(f.code()).text(f.name()).jsonb(f.attributes() == null ? "{}" : f.attributes());
        if (geometryWkb != null) {
            rows.geometryWkb(geometryWkb, Dialect.SRID);
        } else {
            Geometry g = f.geometry();
            if (g.getSRID() != Dialect.SRID) {
                g = g.copy();
                g.setSRID(Dialect.SRID);
            }
            rows.geometry(g);
        }
        rows.endRow();
    }

    /** Sends what is buffered, finishes the COPY or the last batch, and builds the index again if dropped. */
    long finish() throws SQLException {
        if (insert != null) {
            if (pending > 0) {
                insert.executeBatch();
                pending = 0;
            }
            return written;
        }
        rows.finish();
        copy = null;
        if (rebuildIndex) {
            moveLoadedRows();
        }
        return written;
    }

    /**
     * The last step of a big load, under the lock DROP INDEX takes: the rows move over from the
     * temporary table and the secondary indexes (spatial, by layer) are built again — a sorted
     * build is cheaper than 200,000 insertions into each. The foreign key to the layer is dropped
     * and added again around the INSERT because its per-row check took longer than the insert
     * itself (1.3 s of 3 s for 200,000 rows); adding it back checks every row once, in one join, so
     * no row without its layer can be committed.
     *
     * <p>The rows get their ids in file order without sorting: the temporary table was filled by
     * one COPY and nothing else, and PostgreSQL scans a temporary table from its first page, never
     * synchronised with another scan nor in parallel (both are for shared tables only), so the scan
     * returns them in the order they were written ({@code ZoneBulkLoadTest} checks the order).
     */
    private void moveLoadedRows() throws SQLException {
        List<String[]> foreignKeys = new ArrayList<>();
        List<String[]> indexes = new ArrayList<>();
        try (Statement st = connection.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
                    + " WHERE conrelid = 'zone_features'::regclass AND contype = 'f'")) {
                while (rs.next()) {
                    foreignKeys.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i"
                    + " JOIN pg_class c ON c.oid = i.indexrelid"
                    + " WHERE i.indrelid = 'zone_features'::regclass AND NOT i.indisprimary AND NOT i.indisunique")) {
                while (rs.next()) {
                    indexes.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            for (String[] index : indexes) {
                st.execute("DROP INDEX " + quoted(index[0]));
            }
            for (String[] fk : foreignKeys) {
                st.execute("ALTER TABLE zone_features DROP CONSTRAINT " + quoted(fk[0]));
            }
            st.execute("INSERT INTO zone_features (layer_id, code, name, attributes, geom)"
                    + " SELECT layer_id, code, name, attributes, geom FROM " + LOAD_TABLE);
            for (String[] fk : foreignKeys) {
                st.execute("ALTER TABLE zone_features ADD CONSTRAINT " + quoted(fk[0]) + " " + fk[1]);
            }
            st.execute("SET LOCAL maintenance_work_mem = '" + INDEX_MEMORY + "'");
            for (String[] index : indexes) {
                st.execute(index[1]);
            }
            st.execute("RESET maintenance_work_mem");
            st.execute("DROP TABLE " + LOAD_TABLE);
        }
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public void close() {
        try {
            if (copy != null && copy.isActive()) {
                copy.cancelCopy();   // an abandoned load: the caller's rollback follows
            }
        } catch (SQLException e) {
            // the transaction is being rolled back anyway
        }
        try {
            if (insert != null) {
                insert.close();
            }
        } catch (SQLException e) {
            // as above
        }
    }
}
