package projmap.auth;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import projmap.store.Database;

/**
 * Log-in sessions and API tokens, kept in the database so that several app instances behind a
 * load balancer share them. Only SHA-256 hashes of the session ids and tokens are stored.
 * Thread-safe.
 */
public final class SessionStore {
    /** A session lasts this long from log-in, however busy; then the user logs in again. */
    public static final Duration SESSION_LIFETIME = Duration.ofHours(10);

    private final Database db;
    private final UserStore users;
    private final Clock clock;

    public SessionStore(Database db, UserStore users, Clock clock) {
        this.db = db;
        this.users = users;
        this.clock = clock;
    }

    /** A new session: its id goes into the cookie, the CSRF token to the page; neither is shown again. */
    public record NewSession(String id, String csrfToken, Instant expiresAt) {
    }

    /** A new API token, shown once. */
    public record NewToken(long id, String token, String name, Instant expiresAt) {
    }

    /** An API token as listed: never the token itself. */
    public record TokenInfo(long id, String name, Instant createdAt, Instant expiresAt, boolean revoked) {
    }

    public NewSession create(User user) {
        String id = Secrets.token();
        String csrf = Secrets.token();
        Instant now = clock.instant();
        Instant expires = now.plus(SESSION_LIFETIME);
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sessions WHERE expires_at < ?")) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, Secrets.sha256(id));
                ps.setLong(2, user.id());
                ps.setString(3, csrf);
                ps.setTimestamp(4, Timestamp.from(now));
                ps.setTimestamp(5, Timestamp.from(expires));
                ps.executeUpdate();
            }
            return null;
        });
        return new NewSession(id, csrf, expires);
    }

    /** The caller behind a session cookie; empty when unknown, expired, or the account is disabled. */
    public Optional<Caller> bySession(String sessionId) {
        if (sessionId == null || sessionId.length() != 43) {
            return Optional.empty();
        }
        String hash = Secrets.sha256(sessionId);
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT user_id, csrf_token FROM sessions WHERE id_hash = ? AND expires_at > ?")) {
                ps.setString(1, hash);
                ps.setTimestamp(2, Timestamp.from(clock.instant()));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    long userId = rs.getLong(1);
                    String csrf = rs.getString(2);
                    return users.find(c, "id = ?", userId).filter(u -> !u.disabled())
                            .map(u -> new Caller(u, csrf, hash));
                }
            }
        });
    }

    public void end(String sessionHash) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sessions WHERE id_hash = ?")) {
                ps.setString(1, sessionHash);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Ends every session of an account (password changed, account disabled). */
    public void endAll(long userId) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sessions WHERE user_id = ?")) {
                ps.setLong(1, userId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    public NewToken createToken(User user, String name, Instant expiresAt) {
        String token = "pm_" + Secrets.token();
        long id = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_tokens (token_hash, user_id, name, created_at,"
                    + " expires_at, revoked) VALUES (?, ?, ?, ?, ?, FALSE)")) {
                ps.setString(1, Secrets.sha256(token));
                ps.setLong(2, user.id());
                ps.setString(3, name);
                ps.setTimestamp(4, Timestamp.from(clock.instant()));
                ps.setTimestamp(5, expiresAt == null ? null : Timestamp.from(expiresAt));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM api_tokens WHERE token_hash = ?")) {
                ps.setString(1, Secrets.sha256(token));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        return new NewToken(id, token, name, expiresAt);
    }

    /** The caller behind an API token; empty when unknown, revoked, expired or the account is disabled. */
    public Optional<Caller> byToken(String token) {
        if (token == null || !token.startsWith("pm_") || token.length() != 46) {
            return Optional.empty();
        }
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT user_id FROM api_tokens WHERE token_hash = ?"
                    + " AND NOT revoked AND (expires_at IS NULL OR expires_at > ?)")) {
                ps.setString(1, Secrets.sha256(token));
                ps.setTimestamp(2, Timestamp.from(clock.instant()));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return users.find(c, "id = ?", rs.getLong(1)).filter(u -> !u.disabled())
                            .map(u -> new Caller(u, null, null));
                }
            }
        });
    }

    public java.util.List<TokenInfo> tokens(long userId) {
        return db.read(c -> {
            java.util.List<TokenInfo> out = new java.util.ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, created_at, expires_at, revoked"
                    + " FROM api_tokens WHERE user_id = ? ORDER BY id")) {
                ps.setLong(1, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Timestamp exp = rs.getTimestamp(4);
                        out.add(new TokenInfo(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                                exp == null ? null : exp.toInstant(), rs.getBoolean(5)));
                    }
                }
            }
            return out;
        });
    }

    /** Revokes one of the user's tokens; false when the user has no such token. */
    public boolean revokeToken(long userId, long tokenId) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE api_tokens SET revoked = TRUE WHERE id = ? AND user_id = ?")) {
                ps.setLong(1, tokenId);
                ps.setLong(2, userId);
                return ps.executeUpdate() == 1;
            }
        });
    }
}
