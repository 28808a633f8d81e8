package projmap.tours;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import projmap.auth.AuditLog;
import projmap.store.Database;

/**
 * Tours, their stops and their published links, in SQL that is the same on H2GIS and PostGIS.
 * Stops are rewritten as a whole on every edit (a tour has tens of stops, and a reorder touches all
 * of them anyway). Every change is written to the audit log in its own transaction. Thread-safe.
 */
public final class TourStore {
    private static final String TOUR_COLUMNS = "id, title, tour_date, audience, version, created_at, created_by, updated_at";
    private static final String INSERT_TOUR = """
            INSERT INTO tours (title, tour_date, audience, version, created_at, created_by, updated_at)
            VALUES (?, ?, ?, 1, ?, ?, ?)""";
    private static final String UPDATE_TOUR = """
            UPDATE tours SET title = ?, tour_date = ?, audience = ?, version = version + 1, updated_at = ?
            WHERE id = ? AND version = ?""";
    private static final String INSERT_STOP = "INSERT INTO tour_stops (tour_id, position, project_id, notes) VALUES (?, ?, ?, ?)";
    private static final String DELETE_STOPS = "DELETE FROM tour_stops WHERE tour_id = ?";
    private static final String SELECT_STOPS = "SELECT project_id, notes, position FROM tour_stops WHERE tour_id = ? ORDER BY position";
    private static final String INSERT_STOP_PHOTO = "INSERT INTO tour_stop_photos (tour_id, position, place, photo_id) VALUES (?, ?, ?, ?)";
    private static final String SELECT_STOP_PHOTOS = "SELECT tour_id, position, photo_id FROM tour_stop_photos";
    private static final String LINK_COLUMNS = "token_hash, tour_id, expires_at, pin_hash, created_at, revoked_at";

    private final Database db;
    private final AuditLog audit;
    private final ObjectMapper json;

    public TourStore(Database db, AuditLog audit, ObjectMapper json) {
        this.db = db;
        this.audit = audit;
        this.json = json;
    }

    public Database database() {
        return db;
    }

    /** Who made a change and from where, for the audit log. */
    public record Actor(String name, String address) {
    }

    String toJson(Object value) {
        try {
            return value == null ? null : json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write audit JSON", e);
        }
    }

    void record(Connection c, Actor a, String action, long tourId, Object before, Object after) throws SQLException {
        audit.record(c, a.name(), a.address(), action, "tour", String.valueOf(tourId), toJson(before), toJson(after));
    }

    public Tour insert(Tour t, Actor actor) {
        String user = actor.name();
        return db.inTransaction(c -> {
            Timestamp now = Timestamp.from(Instant.now());
            long id;
            try (PreparedStatement ps = c.prepareStatement(INSERT_TOUR, new String[] {"id"})) {
                ps.setString(1, t.title());
                ps.setDate(2, t.date() == null ? null : Date.valueOf(t.date()));
                ps.setString(3, t.audience());
                ps.setTimestamp(4, now);
                ps.setString(5, user);
                ps.setTimestamp(6, now);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            writeStops(c, id, t.stops());
            Tour created = find(c, id).orElseThrow();
            record(c, actor, "tour.create", id, null, created);
            return created;
        });
    }

    /** Replaces title, date, audience and stops when the tour is still at {@code expectedVersion}. */
    public Optional<Tour> update(long id, Integer expectedVersion, Tour t, Actor actor) {
        return db.inTransaction(c -> {
            Optional<Tour> current = find(c, id);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            int version = expectedVersion == null ? current.get().version() : expectedVersion;
            try (PreparedStatement ps = c.prepareStatement(UPDATE_TOUR)) {
                ps.setString(1, t.title());
                ps.setDate(2, t.date() == null ? null : Date.valueOf(t.date()));
                ps.setString(3, t.audience());
                ps.setTimestamp(4, Timestamp.from(Instant.now()));
                ps.setLong(5, id);
                ps.setInt(6, version);
                if (ps.executeUpdate() == 0) {
                    throw new VersionConflictException(current.get());
                }
            }
            try (PreparedStatement ps = c.prepareStatement(DELETE_STOPS)) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
            writeStops(c, id, t.stops());
            Optional<Tour> updated = find(c, id);
            record(c, actor, "tour.update", id, current.get(), updated.orElseThrow());
            return updated;
        });
    }

    /** Deletes a tour with its stops, links and notes; false when there is no such tour. */
    public boolean delete(long id, Actor actor) {
        return db.inTransaction(c -> {
            Optional<Tour> current = find(c, id);
            if (current.isEmpty()) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM tours WHERE id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
            record(c, actor, "tour.delete", id, current.get(), null);
            return true;
        });
    }

    /** The tour changed since the version the caller edited. */
    public static final class VersionConflictException extends RuntimeException {
        private final transient Tour current;

        VersionConflictException(Tour current) {
            super("tour " + current.id() + " is at version " + current.version());
            this.current = current;
        }

        public Tour current() {
            return current;
        }
    }

    /** Writes the stops and the photos each one shows (the old rows went with the stops, by cascade). */
    private static void writeStops(Connection c, long tourId, List<Tour.Stop> stops) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_STOP)) {
            int position = 0;
            for (Tour.Stop s : stops) {
                ps.setLong(1, tourId);
                ps.setInt(2, position++);
                ps.setLong(3, s.projectId());
                ps.setString(4, s.notes());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_STOP_PHOTO)) {
            for (int position = 0; position < stops.size(); position++) {
                List<Long> ids = stops.get(position).photoIds();
                for (int k = 0; k < ids.size(); k++) {
                    ps.setLong(1, tourId);
                    ps.setInt(2, position);
                    ps.setInt(3, k + 1);
                    ps.setLong(4, ids.get(k));
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    /** The chosen photos by tour id, then stop position, in their order; {@code tourId} null: every tour. */
    private static Map<Long, Map<Integer, List<Long>>> stopPhotos(Connection c, Long tourId) throws SQLException {
        Map<Long, Map<Integer, List<Long>>> out = new LinkedHashMap<>();
        String sql = SELECT_STOP_PHOTOS + (tourId == null ? "" : " WHERE tour_id = ?") + " ORDER BY tour_id, position, place";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (tourId != null) {
                ps.setLong(1, tourId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>())
                            .computeIfAbsent(rs.getInt(2), k -> new ArrayList<>()).add(rs.getLong(3));
                }
            }
        }
        return out;
    }

    public Optional<Tour> find(long id) {
        return db.read(c -> find(c, id));
    }

    private static Optional<Tour> find(Connection c, long id) throws SQLException {
        Tour head;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + TOUR_COLUMNS + " FROM tours WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                head = tour(rs, List.of());
            }
        }
        Map<Integer, List<Long>> photos = stopPhotos(c, id).getOrDefault(id, Map.of());
        List<Tour.Stop> stops = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT_STOPS)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stops.add(new Tour.Stop(rs.getLong(1), rs.getString(2), photos.get(rs.getInt(3))));
                }
            }
        }
        return Optional.of(withStops(head, stops));
    }

    /** Every tour, newest date first, with its stops. */
    public List<Tour> list() {
        return db.read(c -> {
            Map<Long, Tour> heads = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + TOUR_COLUMNS
                    + " FROM tours ORDER BY tour_date DESC NULLS LAST, id DESC"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Tour t = tour(rs, List.of());
                    heads.put(t.id(), t);
                }
            }
            Map<Long, Map<Integer, List<Long>>> photos = stopPhotos(c, null);
            Map<Long, List<Tour.Stop>> stops = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT tour_id, project_id, notes, position FROM tour_stops ORDER BY tour_id, position");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long tour = rs.getLong(1);
                    stops.computeIfAbsent(tour, k -> new ArrayList<>()).add(new Tour.Stop(rs.getLong(2), rs.getString(3),
                            photos.getOrDefault(tour, Map.of()).get(rs.getInt(4))));
                }
            }
            return heads.values().stream().map(t -> withStops(t, stops.getOrDefault(t.id(), List.of()))).toList();
        });
    }

    private static Tour withStops(Tour t, List<Tour.Stop> stops) {
        return new Tour(t.id(), t.title(), t.date(), t.audience(), List.copyOf(stops), t.version(), t.createdAt(),
                t.createdBy(), t.updatedAt());
    }

    private static Tour tour(ResultSet rs, List<Tour.Stop> stops) throws SQLException {
        Date date = rs.getDate("tour_date");
        return new Tour(rs.getLong("id"), rs.getString("title"), date == null ? null : date.toLocalDate(),
                rs.getString("audience"), stops, rs.getInt("version"), rs.getTimestamp("created_at").toInstant(),
                rs.getString("created_by"), rs.getTimestamp("updated_at").toInstant());
    }

    // ---- links -------------------------------------------------------------------------------

    void insertLink(TourLink link, Actor actor) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO tour_links (" + LINK_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, NULL)")) {
                ps.setString(1, link.tokenHash());
                ps.setLong(2, link.tourId());
                ps.setTimestamp(3, Timestamp.from(link.expiresAt()));
                ps.setString(4, link.pinHash());
                ps.setTimestamp(5, Timestamp.from(link.createdAt()));
                ps.executeUpdate();
            }
            // never the token or its hash: the log must not open tours either
            record(c, actor, "tour.publish", link.tourId(), null,
                    Map.of("expiresAt", link.expiresAt().toString(), "pinProtected", link.pinHash() != null));
            return null;
        });
    }

    Optional<TourLink> findLink(String tokenHash) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + LINK_COLUMNS + " FROM tour_links WHERE token_hash = ?")) {
                ps.setString(1, tokenHash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Timestamp revoked = rs.getTimestamp(6);
                    return Optional.of(new TourLink(rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toInstant(),
                            rs.getString(4), rs.getTimestamp(5).toInstant(), revoked == null ? null : revoked.toInstant()));
                }
            }
        });
    }

    /** Revokes every live link of a tour; returns how many. */
    int revokeLinks(long tourId, Actor actor) {
        return db.inTransaction(c -> {
            int n;
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE tour_links SET revoked_at = ? WHERE tour_id = ? AND revoked_at IS NULL")) {
                ps.setTimestamp(1, Timestamp.from(Instant.now()));
                ps.setLong(2, tourId);
                n = ps.executeUpdate();
            }
            record(c, actor, "tour.revoke", tourId, null, Map.of("revoked", n));
            return n;
        });
    }
}
