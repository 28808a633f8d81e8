package projmap.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import projmap.store.Database;

/**
 * The append-only record of every change: who, when, from where, what (entity and id), and the
 * state before and after as JSON. Written in the same transaction as the change it records, so
 * that there is never a change without its entry; the table refuses UPDATE and DELETE (a trigger
 * on each store). Thread-safe.
 */
public final class AuditLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;

    public AuditLog(Database db) {
        this.db = db;
    }

    /** One entry; {@code before} and {@code after} are JSON text or null. */
    public record Entry(long id, Instant at, String actor, String action, String entity, String entityId,
                        String address, JsonNode before, JsonNode after) {
    }

    /** Records an entry on the caller's transaction. */
    public void record(Connection c, String actor, String address, String action, String entity, String entityId,
                       String beforeJson, String afterJson) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (at, actor, action, entity, entity_id,"
                + " address, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setTimestamp(1, Timestamp.from(Instant.now()));
            ps.setString(2, actor);
            ps.setString(3, action);
            ps.setString(4, entity);
            ps.setString(5, entityId);
            ps.setString(6, address);
            ps.setString(7, beforeJson);
            ps.setString(8, afterJson);
            ps.executeUpdate();
        }
    }

    /** Records an entry in a transaction of its own (log-ins, which change nothing else). */
    public void record(String actor, String address, String action, String entity, String entityId,
                       String beforeJson, String afterJson) {
        db.inTransaction(c -> {
            record(c, actor, address, action, entity, entityId, beforeJson, afterJson);
            return null;
        });
    }

    /** The entries of one entity, oldest first. */
    public List<Entry> of(String entity, String entityId) {
        return query(" WHERE entity = ? AND entity_id = ? ORDER BY id", List.of(entity, entityId));
    }

    /** The newest entries first, for the administrators' view. */
    public List<Entry> recent(int limit, long beforeId) {
        return query(" WHERE id < ? ORDER BY id DESC FETCH FIRST " + Math.max(1, Math.min(limit, 1000)) + " ROWS ONLY",
                List.of(beforeId));
    }

    private List<Entry> query(String tail, List<Object> params) {
        return db.read(c -> {
            List<Entry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, at, actor, action, entity, entity_id, address,"
                    + " before_json, after_json FROM audit_log" + tail)) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                                parse(rs.getString(8)), parse(rs.getString(9))));
                    }
                }
            }
            return out;
        });
    }

    private static JsonNode parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable audit entry", e);
        }
    }
}
