package projmap.zones;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import projmap.store.Database;
import projmap.store.Dialect;

/**
 * Earlier vintages of planning layers: before an import replaces a layer, its current version is
 * copied here under the next vintage number (1, 2, …), in the same transaction as the replacement,
 * so that a site report made against the old layer can still be reproduced. The same SQL on both
 * stores. Thread-safe.
 */
public final class ZoneVintageStore {
    private final Database db;
    private final Dialect dialect;

    public ZoneVintageStore(Database db) {
        this.db = db;
        this.dialect = db.dialect();
    }

    /** One archived vintage: its number, the layer as it was, and when it was replaced. */
    public record Vintage(int number, ZoneLayer layer, Instant archivedAt, int features) {
    }

    /**
     * Copies the layer's current version into the archive on the caller's transaction; returns its
     * vintage number, or empty when the layer does not exist yet.
     */
    public Optional<Integer> archive(Connection c, String layerId) throws SQLException {
        int next;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM zone_layers WHERE id = ?")) {
            ps.setString(1, layerId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    return Optional.empty();
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COALESCE(MAX(vintage_no), 0) + 1 FROM zone_layer_vintages WHERE layer_id = ?")) {
            ps.setString(1, layerId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                next = rs.getInt(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO zone_layer_vintages (layer_id, vintage_no, title_zh,"
                + " title_en, kind, vintage, source, content_hash, updated_at, archived_at) SELECT id, ?, title_zh, title_en,"
                + " kind, vintage, source, content_hash, updated_at, ? FROM zone_layers WHERE id = ?")) {
            ps.setInt(1, next);
            ps.setTimestamp(2, Timestamp.from(Instant.now()));
            ps.setString(3, layerId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO zone_feature_vintages (layer_id, vintage_no, code, name,"
                + " attributes, geom) SELECT layer_id, ?, code, name, attributes, geom FROM zone_features WHERE layer_id = ?"
                + " ORDER BY id")) {
            ps.setInt(1, next);
            ps.setString(2, layerId);
            ps.executeUpdate();
        }
        return Optional.of(next);
    }

    public List<Vintage> vintages(String layerId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT v.vintage_no, v.title_zh, v.title_en, v.kind, v.vintage,"
                    + " v.source, v.content_hash, v.updated_at, v.archived_at,"
                    + " (SELECT COUNT(*) FROM zone_feature_vintages f WHERE f.layer_id = v.layer_id AND f.vintage_no = v.vintage_no)"
                    + " FROM zone_layer_vintages v WHERE v.layer_id = ? ORDER BY v.vintage_no")) {
                ps.setString(1, layerId);
                List<Vintage> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Vintage(rs.getInt(1), new ZoneLayer(layerId, rs.getString(2), rs.getString(3),
                                ZoneKind.byCode(rs.getString(4)).orElseThrow(), rs.getString(5), rs.getString(6),
                                rs.getString(7), rs.getTimestamp(8).toInstant()), rs.getTimestamp(9).toInstant(), rs.getInt(10)));
                    }
                }
                return out;
            }
        });
    }

    /** Streams the features of one archived vintage in their original order. */
    public void forEachFeature(String layerId, int vintage, Consumer<ZoneFeature> sink) {
        db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, code, name, " + dialect.jsonColumn("attributes")
                    + " AS attributes, " + dialect.geometryColumn("geom") + " AS geom FROM zone_feature_vintages"
                    + " WHERE layer_id = ? AND vintage_no = ? ORDER BY id")) {
                ps.setFetchSize(1000);
                ps.setString(1, layerId);
                ps.setInt(2, vintage);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(new ZoneFeature(rs.getLong("id"), layerId, rs.getString("code"), rs.getString("name"),
                                rs.getString("attributes"), dialect.readGeometry(rs, "geom")));
                    }
                }
            }
            return null;
        });
    }
}
