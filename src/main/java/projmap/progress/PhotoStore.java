package projmap.progress;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import projmap.store.Database;

/** Project photos in the database (the bytes and their thumbnail with them). Thread-safe. */
public final class PhotoStore {
    private static final String INFO = "id, project_id, media_type, width, height, lon, lat, taken_at, caption,"
            + " uploaded_by, uploaded_at";

    private final Database db;

    public PhotoStore(Database db) {
        this.db = db;
    }

    public Database database() {
        return db;
    }

    /** A photo without its bytes. */
    public record Photo(long id, long projectId, String mediaType, int width, int height, Double lon, Double lat,
                        Instant takenAt, String caption, String uploadedBy, Instant uploadedAt) {
    }

    Photo insert(Connection c, long projectId, PhotoProcessor.Processed p, String caption, String user) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO photos (project_id, media_type, width, height, lon, lat,"
                + " taken_at, caption, uploaded_by, uploaded_at, image, thumbnail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                new String[] {"id"})) {
            ps.setLong(1, projectId);
            ps.setString(2, p.mediaType());
            ps.setInt(3, p.width());
            ps.setInt(4, p.height());
            setDouble(ps, 5, p.lon());
            setDouble(ps, 6, p.lat());
            ps.setTimestamp(7, p.takenAt() == null ? null : Timestamp.from(p.takenAt()));
            ps.setString(8, caption);
            ps.setString(9, user);
            ps.setTimestamp(10, Timestamp.from(Instant.now()));
            ps.setBytes(11, p.image());
            ps.setBytes(12, p.thumbnail());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return find(c, keys.getLong(1)).orElseThrow();
            }
        }
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    public List<Photo> ofProject(long projectId) {
        return db.read(c -> {
            List<Photo> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + INFO + " FROM photos WHERE project_id = ? ORDER BY id")) {
                ps.setLong(1, projectId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(map(rs));
                    }
                }
            }
            return out;
        });
    }

    public Optional<Photo> find(long id) {
        return db.read(c -> find(c, id));
    }

    private static Optional<Photo> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + INFO + " FROM photos WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /** Which of {@code ids} are not photos of the project (photo picks of reports and tours). */
    public List<Long> notPhotosOf(long projectId, List<Long> ids) {
        return db.read(c -> {
            List<Long> missing = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM photos WHERE id = ? AND project_id = ?")) {
                for (long id : ids) {
                    ps.setLong(1, id);
                    ps.setLong(2, projectId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            missing.add(id);
                        }
                    }
                }
            }
            return missing;
        });
    }

    /** The image ({@code thumbnail} false) or its thumbnail. */
    public Optional<byte[]> bytes(long id, boolean thumbnail) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + (thumbnail ? "thumbnail" : "image")
                    + " FROM photos WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
                }
            }
        });
    }

    void delete(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM photos WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    private static Photo map(ResultSet rs) throws SQLException {
        Timestamp taken = rs.getTimestamp(8);
        return new Photo(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getInt(5),
                (Double) rs.getObject(6, Double.class), (Double) rs.getObject(7, Double.class),
                taken == null ? null : taken.toInstant(), rs.getString(9), rs.getString(10), rs.getTimestamp(11).toInstant());
    }
}
