package projmap.exchange;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import projmap.store.Dialect;
import projmap.zones.ZoneFeature;
import projmap.zones.ZonePartitions;

/**
 * Writes an import's zone features into {@code zone_features} on the caller's transaction, one at a
 * time as they are checked, the fastest honest way each store allows: on PostGIS the COPY protocol
 * (binary format, geometry as EWKB bytes — no statement or function call per row; {@link BinaryCopyRows});
 * on H2GIS batched
 * prepared inserts with the JTS geometry bound natively. Nothing is visible to others until the
 * caller commits; a rollback leaves the table as it was.
 *
 * <p>On PostGIS a load of at least {@link #PARTITION_MIN_ROWS} rows, and any load of a layer that
 * already has a partition of its own, is written once: the COPY goes straight into a new table
 * that becomes the layer's partition at the end ({@link ZonePartitions}), its spatial index built
 * in one sorted pass over its own rows — several times faster than 200,000 insertions into a GiST, and
 * no INSERT … SELECT out of a temporary table. The other layers' rows play no part, so their
 * number does not enter the choice. Smaller loads COPY through {@code zone_features} into the
 * DEFAULT partition, its indexes kept up row by row.
 */
final class ZoneBulkWriter implements AutoCloseable {
    /** The size from which a layer gets a partition of its own (migration V11 gave existing layers one by the same figure). */
    static final int PARTITION_MIN_ROWS = 20_000;
    private static final int BATCH = 2000;
    private static final byte[] EMPTY_OBJECT = {'{', '}'};

    private final Dialect dialect;
    private final String layerId;
    private final byte[] layerUtf8;
    private ZonePartitions.NewPartition partition;
    private CopyIn copy;
    private BinaryCopyRows rows;
    private PreparedStatement insert;
    private int pending;
    private long written;

    private ZoneBulkWriter(Dialect dialect, String layerId) {
        this.dialect = dialect;
        this.layerId = layerId;
        this.layerUtf8 = layerId.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Opens a writer for {@code layerId}'s features; {@code expectedRows} (when known, else -1)
     * decides whether PostGIS gives the layer a partition of its own. Call after {@link
     * projmap.zones.ZoneStore#beginReplace}, which removed the layer's old rows unless they are in
     * such a partition (then they stay visible to readers until the new one replaces it).
     */
    static ZoneBulkWriter open(Connection c, Dialect dialect, String layerId, long expectedRows) throws SQLException {
        ZoneBulkWriter w = new ZoneBulkWriter(dialect, layerId);
        if (dialect == Dialect.H2GIS) {
            w.insert = c.prepareStatement("INSERT INTO zone_features (layer_id, code, name, attributes, geom) VALUES (?, ?, ?, "
                    + dialect.jsonParam() + ", " + dialect.geometryParam() + ")");
            return w;
        }
        String target = "zone_features";
        // a layer with a partition of its own gets a new one whatever the size: its rows cannot
        // go through zone_features while the old partition, still attached, holds the layer's value
        if (expectedRows >= PARTITION_MIN_ROWS || ZonePartitions.of(c, layerId).isPresent()) {
            w.partition = ZonePartitions.create(c, layerId);
            target = w.partition.table();
        }
        // FREEZE where the table is new in this transaction: its rows are written frozen and its
        // pages all-visible, so the first reads after the import (tiles, checks) do not write every
        // page again to set hint bits, and no later vacuum has to freeze them
        String options = w.partition != null ? "FORMAT binary, FREEZE" : "FORMAT binary";
        w.copy = c.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + target + " (layer_id, code, name, attributes, geom) FROM STDIN (" + options + ")");
        w.rows = new BinaryCopyRows(w.copy);
        return w;
    }

    /**
     * A zone feature's code, name and attributes as UTF-8 (code and name null when absent) and its
     * geometry as 2D big-endian WKB: made once, on the thread that checked the feature, for the
     * layer's content hash and the COPY.
     */
    record Encoded(byte[] code, byte[] name, byte[] attributes, byte[] wkb) {
        static Encoded of(ZoneFeature f, byte[] wkb) {
            return new Encoded(utf8(f.code()), utf8(f.name()), utf8(f.attributes()), wkb);
        }

        private static byte[] utf8(String s) {
            return s == null ? null : s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /**
     * Adds a checked feature: on H2GIS to the batch of inserts (the feature's values, its geometry
     * bound natively), on PostGIS to the COPY (its encoded bytes).
     */
    void add(ZoneFeature f, Encoded e) throws SQLException {
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
        rows.row(5).text(layerUtf8).text(e.code()).text(e.name()).jsonb(e.attributes() == null ? EMPTY_OBJECT : e.attributes())
                .geometryWkb(e.wkb(), Dialect.SRID);
        rows.endRow();
    }

    /** Sends what is buffered, finishes the COPY or the last batch, and attaches the layer's own partition if it has one. */
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
        if (partition != null) {
            partition.attach();
        }
        return written;
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
