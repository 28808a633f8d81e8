package projmap.checks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import projmap.store.Database;

/**
 * The stored results of project checks ({@code site_checks}, one row per project: its latest check)
 * and the log of how they changed ({@code site_check_changes}); the same SQL on both stores.
 * Ad-hoc checks of drawn or uploaded sites are never stored. Thread-safe.
 */
final class CheckStore {
    /** The latest check of one project, with the figures the summary and the change log compare. */
    record StoredCheck(long projectId, int projectVersion, String layersKey, String layerHashes, String overall,
                       Double restrictedM2, Double incompatibleShare, String boundaries, String report,
                       Instant checkedAt) {
    }

    /** One project whose check came out differently after a layer (or the project) changed. */
    record Change(long id, long projectId, Instant changedAt, Instant detectedAt, String cause, String changedLayers,
                  String oldOverall, String newOverall, Double oldRestrictedM2, Double newRestrictedM2,
                  Double oldIncompatibleShare, Double newIncompatibleShare, String oldBoundaries, String newBoundaries) {
    }

    private static final String CHECK_COLUMNS = "project_id, project_version, layers_key, layer_hashes, overall,"
            + " restricted_m2, incompatible_share, boundaries, report, checked_at";
    private static final String CHANGE_COLUMNS = "project_id, changed_at, detected_at, cause, changed_layers,"
            + " old_overall, new_overall, old_restricted_m2, new_restricted_m2, old_incompatible_share,"
            + " new_incompatible_share, old_boundaries, new_boundaries";

    private final Database db;
    private final String selectChecks;

    CheckStore(Database db) {
        this.db = db;
        this.selectChecks = "SELECT project_id, project_version, layers_key, layer_hashes, overall, restricted_m2,"
                + " incompatible_share, boundaries, report, checked_at FROM site_checks";
    }

    /** Every stored check by project id. */
    Map<Long, StoredCheck> all() {
        return db.read(c -> {
            Map<Long, StoredCheck> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(selectChecks + " ORDER BY project_id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    StoredCheck s = map(rs);
                    out.put(s.projectId(), s);
                }
            }
            return out;
        });
    }

    Optional<StoredCheck> one(long projectId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(selectChecks + " WHERE project_id = ?")) {
                ps.setLong(1, projectId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(map(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Replaces the stored checks of these projects and appends the changes, in one transaction. */
    void save(List<StoredCheck> checks, List<Change> changes) {
        if (checks.isEmpty() && changes.isEmpty()) {
            return;
        }
        db.inTransaction(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM site_checks WHERE project_id = ?")) {
                for (StoredCheck s : checks) {
                    del.setLong(1, s.projectId());
                    del.addBatch();
                }
                del.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO site_checks (" + CHECK_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (StoredCheck s : checks) {
                    int i = 1;
                    ps.setLong(i++, s.projectId());
                    ps.setInt(i++, s.projectVersion());
                    ps.setString(i++, s.layersKey());
                    ps.setString(i++, s.layerHashes());
                    ps.setString(i++, s.overall());
                    setDouble(ps, i++, s.restrictedM2());
                    setDouble(ps, i++, s.incompatibleShare());
                    ps.setString(i++, s.boundaries());
                    ps.setString(i++, s.report());
                    ps.setTimestamp(i, Timestamp.from(s.checkedAt()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            insertChanges(c, changes);
            return null;
        });
    }

    /** Where the project exists still (a project deleted meanwhile is skipped, not an error). */
    private static void insertChanges(Connection c, List<Change> changes) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO site_check_changes (" + CHANGE_COLUMNS
                + ") SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM projects WHERE id = ?")) {
            for (Change ch : changes) {
                int i = 1;
                ps.setLong(i++, ch.projectId());
                ps.setTimestamp(i++, Timestamp.from(ch.changedAt()));
                ps.setTimestamp(i++, Timestamp.from(ch.detectedAt()));
                ps.setString(i++, ch.cause());
                ps.setString(i++, ch.changedLayers());
                ps.setString(i++, ch.oldOverall());
                ps.setString(i++, ch.newOverall());
                setDouble(ps, i++, ch.oldRestrictedM2());
                setDouble(ps, i++, ch.newRestrictedM2());
                setDouble(ps, i++, ch.oldIncompatibleShare());
                setDouble(ps, i++, ch.newIncompatibleShare());
                ps.setString(i++, ch.oldBoundaries());
                ps.setString(i++, ch.newBoundaries());
                ps.setLong(i, ch.projectId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The changes whose data changed at or after {@code since}, oldest first. */
    List<Change> changesSince(Instant since) {
        return db.read(c -> {
            List<Change> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, " + CHANGE_COLUMNS
                    + " FROM site_check_changes WHERE changed_at >= ? ORDER BY changed_at, project_id, id")) {
                ps.setTimestamp(1, Timestamp.from(since));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Change(rs.getLong("id"), rs.getLong("project_id"), instant(rs, "changed_at"),
                                instant(rs, "detected_at"), rs.getString("cause"), rs.getString("changed_layers"),
                                rs.getString("old_overall"), rs.getString("new_overall"), dbl(rs, "old_restricted_m2"),
                                dbl(rs, "new_restricted_m2"), dbl(rs, "old_incompatible_share"),
                                dbl(rs, "new_incompatible_share"), rs.getString("old_boundaries"),
                                rs.getString("new_boundaries")));
                    }
                }
            }
            return out;
        });
    }

    private static StoredCheck map(ResultSet rs) throws SQLException {
        return new StoredCheck(rs.getLong("project_id"), rs.getInt("project_version"), rs.getString("layers_key"),
                rs.getString("layer_hashes"), rs.getString("overall"), dbl(rs, "restricted_m2"),
                dbl(rs, "incompatible_share"), rs.getString("boundaries"), rs.getString("report"),
                instant(rs, "checked_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Double dbl(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }
}
