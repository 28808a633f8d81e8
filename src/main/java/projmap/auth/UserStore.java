package projmap.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import projmap.store.Database;

/**
 * Accounts and their departments in the database; the password hash never leaves this class
 * except to {@link #passwordHash}. Same SQL on both stores. Thread-safe.
 */
public final class UserStore {
    private static final String SELECT = "SELECT id, username, display_name, role, disabled FROM users";

    private final Database db;

    public UserStore(Database db) {
        this.db = db;
    }

    public Optional<User> find(long id) {
        return db.read(c -> find(c, "id = ?", id));
    }

    public Optional<User> findByUsername(String username) {
        return db.read(c -> find(c, "username = ?", username));
    }

    Optional<User> find(Connection c, String where, Object key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE " + where)) {
            ps.setObject(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long id = rs.getLong(1);
                return Optional.of(new User(id, rs.getString(2), rs.getString(3),
                        Role.byCode(rs.getString(4)).orElseThrow(), departments(c, id), rs.getBoolean(5)));
            }
        }
    }

    public List<User> list() {
        return db.read(c -> {
            Map<Long, Set<String>> departments = new LinkedHashMap<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT user_id, department FROM user_departments")) {
                while (rs.next()) {
                    departments.computeIfAbsent(rs.getLong(1), k -> new TreeSet<>()).add(rs.getString(2));
                }
            }
            List<User> users = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(SELECT + " ORDER BY username")) {
                while (rs.next()) {
                    users.add(new User(rs.getLong(1), rs.getString(2), rs.getString(3),
                            Role.byCode(rs.getString(4)).orElseThrow(),
                            departments.getOrDefault(rs.getLong(1), Set.of()), rs.getBoolean(5)));
                }
            }
            return users;
        });
    }

    private static Set<String> departments(Connection c, long userId) throws SQLException {
        Set<String> out = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT department FROM user_departments WHERE user_id = ?")) {
            ps.setLong(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** The stored hash of an enabled account, for checking a password; empty when there is none. */
    Optional<String> passwordHash(String username) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT password_hash FROM users WHERE username = ? AND NOT disabled")) {
                ps.setString(1, username);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    public int count() {
        return db.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM users")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    public boolean exists(String username) {
        return findByUsername(username).isPresent();
    }

    /** Creates an account on the caller's transaction; the hash is already computed. */
    User insert(Connection c, String username, String displayName, Role role, Set<String> departments,
                String passwordHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (username, display_name, password_hash, role,"
                + " disabled, created_at) VALUES (?, ?, ?, ?, FALSE, ?)")) {
            ps.setString(1, username);
            ps.setString(2, displayName);
            ps.setString(3, passwordHash);
            ps.setString(4, role.code());
            ps.setTimestamp(5, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
        User created = find(c, "username = ?", username).orElseThrow();
        setDepartments(c, created.id(), departments);
        return find(c, "id = ?", created.id()).orElseThrow();
    }

    /** Changes role, display name, departments and the disabled flag on the caller's transaction. */
    User update(Connection c, long id, String displayName, Role role, Set<String> departments, boolean disabled)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE users SET display_name = ?, role = ?, disabled = ? WHERE id = ?")) {
            ps.setString(1, displayName);
            ps.setString(2, role.code());
            ps.setBoolean(3, disabled);
            ps.setLong(4, id);
            ps.executeUpdate();
        }
        setDepartments(c, id, departments);
        return find(c, "id = ?", id).orElseThrow();
    }

    void setPasswordHash(Connection c, long id, String hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE users SET password_hash = ? WHERE id = ?")) {
            ps.setString(1, hash);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    private static void setDepartments(Connection c, long userId, Set<String> departments) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM user_departments WHERE user_id = ?")) {
            ps.setLong(1, userId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO user_departments (user_id, department) VALUES (?, ?)")) {
            for (String d : new TreeSet<>(departments)) {
                ps.setLong(1, userId);
                ps.setString(2, d);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
