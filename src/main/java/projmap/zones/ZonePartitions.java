package projmap.zones;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The partitions of {@code zone_features} on PostGIS (migration V11): a layer loaded in bulk has a
 * partition of its own, every other layer lives in the DEFAULT one. A bulk load fills a new plain
 * table while readers still see the layer's old partition, and only its last step ({@link
 * NewPartition#attach}) drops the old one and attaches the new: the locks those take (DROP: all of
 * {@code zone_features}; ATTACH: the default partition, which it checks holds none of the layer's
 * rows) last from there to the commit, tens of milliseconds, not the whole load. All of it is DDL on the
 * caller's transaction, which PostgreSQL rolls back like any row: a failed load leaves no table.
 * H2GIS has no partitions: there zone_features stays one table and nothing here is called.
 *
 * <p>A layer's partition is named {@code za_<id>} or {@code zb_<id>}, the two in turn: the new one
 * never has the old one's name while both exist in one transaction, and with a layer id of at
 * most 60 characters the name stays within PostgreSQL's 63 (a longer one would be cut, and could
 * then be another layer's). No other table of the schema starts so.
 */
public final class ZonePartitions {
    private static final String[] PREFIXES = {"za_", "zb_"};
    /** Memory for building a partition's spatial index (the default 64 MB spills a million-row sort to disk). */
    private static final String INDEX_MEMORY = "256MB";

    private ZonePartitions() {
    }

    /** The name of the layer's own partition, if it has one (PostGIS). */
    public static Optional<String> of(Connection c, String layerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT t.relname FROM pg_inherits i JOIN pg_class t ON t.oid = i.inhrelid"
                + " WHERE i.inhparent = 'zone_features'::regclass AND t.relname IN (?, ?)")) {
            ps.setString(1, PREFIXES[0] + layerId);
            ps.setString(2, PREFIXES[1] + layerId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Drops the layer's own partition with its rows, if it has one. */
    public static void drop(Connection c, String layerId) throws SQLException {
        Optional<String> partition = of(c, layerId);
        if (partition.isPresent()) {
            try (Statement st = c.createStatement()) {
                st.execute("DROP TABLE " + identifier(partition.get()));
            }
        }
    }

    /** Drops every layer's own partition (the DEFAULT one stays). */
    public static void dropAll(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT t.relname FROM pg_inherits i JOIN pg_class t ON t.oid = i.inhrelid"
                     + " WHERE i.inhparent = 'zone_features'::regclass AND i.inhrelid <> (SELECT partdefid"
                     + " FROM pg_partitioned_table WHERE partrelid = 'zone_features'::regclass)")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        try (Statement st = c.createStatement()) {
            for (String name : names) {
                st.execute("DROP TABLE " + identifier(name));
            }
        }
    }

    /**
     * Creates the plain table a bulk load of {@code layerId} writes into: {@code zone_features}'
     * columns, ids from its identity sequence (unique across partitions, in the order of the rows
     * written), a CHECK that every row is the layer's — checked per row as it is written, and
     * what lets ATTACH skip its scan of the table — and the key, kept up during the COPY (ids only
     * grow, so each goes to the end of the B-tree; the COPY waits on the reading and checking of
     * the file, so this costs no time where building the key afterwards took 0.1 s of 200,000 rows).
     */
    public static NewPartition create(Connection c, String layerId) throws SQLException {
        Optional<String> old = of(c, layerId);
        String name = (old.isPresent() && old.get().startsWith(PREFIXES[0]) ? PREFIXES[1] : PREFIXES[0]) + layerId;
        String sequence;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_get_serial_sequence('zone_features', 'id')")) {
            rs.next();
            sequence = rs.getString(1);
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + identifier(name) + " (LIKE zone_features, CONSTRAINT one_layer CHECK (layer_id = " + literal(layerId)
                    + "), PRIMARY KEY (layer_id, id))");
            st.execute("ALTER TABLE " + identifier(name) + " ALTER COLUMN id SET DEFAULT nextval(" + literal(sequence)
                    + "::regclass)");
        }
        return new NewPartition(c, layerId, name, old);
    }

    /** A layer's partition being loaded: a plain table until {@link #attach}. */
    public static final class NewPartition {
        private final Connection connection;
        private final String layerId;
        private final String name;
        private final Optional<String> old;

        private NewPartition(Connection connection, String layerId, String name, Optional<String> old) {
            this.connection = connection;
            this.layerId = layerId;
            this.name = name;
            this.old = old;
        }

        /** The table's name, quoted for SQL. */
        public String table() {
            return identifier(name);
        }

        /**
         * Builds the table's spatial index in one sorted pass (every partition of {@code zone_features}
         * has it and the key; ATTACH adopts both), then drops the layer's old partition and
         * attaches this one in its place. From the DROP on, {@code zone_features} is locked until
         * the caller commits; readers see the old rows up to then. The foreign key to the layer
         * comes with ATTACH, which checks it in one join.
         */
        public void attach() throws SQLException {
            try (Statement st = connection.createStatement()) {
                st.execute("SET LOCAL maintenance_work_mem = '" + INDEX_MEMORY + "'");
                st.execute("CREATE INDEX ON " + table() + " USING GIST (geom)");
                if (old.isPresent()) {
                    st.execute("DROP TABLE " + identifier(old.get()));
                }
                st.execute("ALTER TABLE zone_features ATTACH PARTITION " + table() + " FOR VALUES IN (" + literal(layerId) + ")");
            }
        }
    }

    static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
