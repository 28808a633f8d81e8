package projmap.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import projmap.http.ApiException;
import projmap.http.Params;
import projmap.store.Database;

/**
 * Log-in and log-out, the caller's own account and API tokens, and the administrators' account
 * management and audit view, over HTTP.
 */
public final class AuthRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(AuthRoutes.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,59}");

    private final Database db;
    private final UserStore users;
    private final SessionStore sessions;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final AuditLog audit;

    public AuthRoutes(Database db, UserStore users, SessionStore sessions, PasswordHasher hasher,
                      LoginThrottle throttle, AuditLog audit) {
        this.db = db;
        this.users = users;
        this.sessions = sessions;
        this.hasher = hasher;
        this.throttle = throttle;
        this.audit = audit;
    }

    /**
     * Creates the administrator {@code admin} when there are no accounts yet, with the given
     * password or a random one that is printed once on the console (never logged to a file by us).
     * Returns true when it was created.
     */
    public boolean ensureAdmin(Optional<String> configuredPassword) {
        if (users.count() > 0) {
            return false;
        }
        String password = configuredPassword.orElseGet(Secrets::password);
        String weakness = PasswordHasher.weakness(password);
        if (weakness != null) {
            throw new IllegalStateException("PROJMAP_ADMIN_PASSWORD is not acceptable: " + weakness);
        }
        String hash = hasher.hash(password);
        db.inTransaction(c -> {
            User admin = users.insert(c, "admin", "Administrator", Role.ADMIN, Set.of(), hash);
            audit.record(c, "system", null, "user.create", "user", String.valueOf(admin.id()), null, userJson(admin));
            return null;
        });
        if (configuredPassword.isEmpty()) {
            System.out.println();
            System.out.println("  projmap: the administrator account was created.");
            System.out.println("    username: admin");
            System.out.println("    password: " + password);
            System.out.println("  This password is shown only now. Change it after the first log-in.");
            System.out.println();
        } else {
            LOG.info("the administrator account 'admin' was created with the password from PROJMAP_ADMIN_PASSWORD");
        }
        return true;
    }

    // ---- log-in, log-out, me -------------------------------------------------------------

    /** {@code POST /api/auth/login} {@code {"username","password"}} → session cookie and {@code {"csrfToken","user"}}. */
    public void login(Context ctx) {
        // JSON only: a cross-site HTML form cannot send it without a CORS preflight (log-in CSRF)
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(java.util.Locale.ROOT);
        if (!type.startsWith("application/json")) {
            throw new ApiException(415, "unsupported_media_type", "log in with a JSON body (Content-Type: application/json)",
                    Map.of());
        }
        JsonNode body = body(ctx);
        String username = body.path("username").asText("").trim();
        String password = body.path("password").isTextual() ? body.path("password").asText() : "";
        String address = AccessControl.address(ctx);
        long wait = throttle.retryAfterSeconds(username, address);
        if (wait > 0) {
            audit.record(username.isEmpty() ? "anonymous" : limit(username), address, "auth.login_throttled", "user",
                    null, null, null);
            ctx.header("Retry-After", String.valueOf(wait));
            throw new ApiException(429, "too_many_attempts", "too many failed log-ins; try again in " + wait + " s",
                    Map.of("retryAfterSeconds", wait));
        }
        Optional<String> hash = username.isEmpty() ? Optional.empty() : users.passwordHash(username);
        boolean ok = hasher.matches(password, hash.orElse(null)) && hash.isPresent();
        if (!ok) {
            throttle.failed(username, address);
            audit.record(username.isEmpty() ? "anonymous" : limit(username), address, "auth.login_failed", "user",
                    null, null, null);
            // one answer for unknown names and wrong passwords: it does not tell which names exist
            throw new ApiException(401, "invalid_credentials", "wrong username or password", Map.of());
        }
        throttle.succeeded(username);
        User user = users.findByUsername(username).orElseThrow();
        // a session id that was in the browser before log-in is never reused (session fixation)
        AccessControl.caller(ctx).filter(c -> !c.viaToken()).ifPresent(c -> sessions.end(c.sessionHash()));
        SessionStore.NewSession session = sessions.create(user);
        audit.record(user.username(), address, "auth.login", "user", String.valueOf(user.id()), null, null);
        setSessionCookie(ctx, session.id(), (int) SessionStore.SESSION_LIFETIME.toSeconds());
        ctx.header("Cache-Control", "no-store");
        ctx.json(Map.of("csrfToken", session.csrfToken(), "expiresAt", session.expiresAt().toString(),
                "user", userView(user)));
    }

    /** {@code POST /api/auth/logout}: ends the session and clears the cookie. */
    public void logout(Context ctx) {
        AccessControl.caller(ctx).filter(c -> !c.viaToken()).ifPresent(c -> sessions.end(c.sessionHash()));
        setSessionCookie(ctx, "", 0);
        ctx.status(204);
    }

    /** {@code GET /api/auth/me}: the caller, and the CSRF token of its session (for a reloaded page). */
    public void me(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        Optional<Caller> caller = AccessControl.caller(ctx);
        Map<String, Object> out = new LinkedHashMap<>();
        if (caller.isEmpty()) {
            // a page asks this on every load: "nobody" is an answer, not an error in the console
            out.put("user", null);
            out.put("csrfToken", null);
            ctx.json(out);
            return;
        }
        out.put("user", userView(caller.get().user()));
        out.put("csrfToken", caller.get().csrfToken());
        ctx.json(out);
    }

    /** {@code POST /api/auth/password} {@code {"currentPassword","newPassword"}}: ends every other session. */
    public void changePassword(Context ctx) {
        Caller caller = AccessControl.required(ctx);
        JsonNode body = body(ctx);
        String current = body.path("currentPassword").asText("");
        String next = body.path("newPassword").asText("");
        String hash = users.passwordHash(caller.name()).orElseThrow();
        if (!hasher.matches(current, hash)) {
            throttle.failed(caller.name(), AccessControl.address(ctx));
            throw new ApiException(403, "invalid_credentials", "currentPassword: wrong password",
                    Map.of("field", "currentPassword"));
        }
        String weakness = PasswordHasher.weakness(next);
        if (weakness != null) {
            throw new ApiException(400, "weak_password", "newPassword: " + weakness, Map.of("field", "newPassword"));
        }
        String newHash = hasher.hash(next);
        db.inTransaction(c -> {
            users.setPasswordHash(c, caller.user().id(), newHash);
            audit.record(c, caller.name(), AccessControl.address(ctx), "user.password", "user",
                    String.valueOf(caller.user().id()), null, null);
            return null;
        });
        sessions.endAll(caller.user().id());
        ctx.status(204);
        if (!caller.viaToken()) {
            setSessionCookie(ctx, "", 0);
        }
    }

    private static void setSessionCookie(Context ctx, String value, int maxAgeSeconds) {
        boolean https = "https".equalsIgnoreCase(ctx.scheme())
                || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
        // written by hand so that every attribute is visible here: HttpOnly (no script can read it),
        // SameSite=Strict (not sent on cross-site requests), Secure behind HTTPS
        ctx.res().addHeader("Set-Cookie", AccessControl.SESSION_COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds
                + "; HttpOnly; SameSite=Strict" + (https ? "; Secure" : ""));
    }

    // ---- API tokens ----------------------------------------------------------------------

    /** {@code POST /api/auth/tokens} {@code {"name","expiresAt"?}} → the token, shown once. */
    public void createToken(Context ctx) {
        Caller caller = AccessControl.required(ctx);
        JsonNode body = body(ctx);
        String name = body.path("name").asText("").trim();
        if (name.isEmpty() || name.length() > 100) {
            throw new ApiException(400, "invalid_field", "name: 1 to 100 characters naming what the token is for",
                    Map.of("field", "name"));
        }
        Instant expires = null;
        if (body.hasNonNull("expiresAt")) {
            try {
                expires = Instant.parse(body.get("expiresAt").asText());
            } catch (DateTimeParseException e) {
                throw new ApiException(400, "invalid_field", "expiresAt: expected an ISO-8601 instant like 2027-01-01T00:00:00Z",
                        Map.of("field", "expiresAt"));
            }
            if (!expires.isAfter(Instant.now())) {
                throw new ApiException(400, "invalid_field", "expiresAt: must lie in the future", Map.of("field", "expiresAt"));
            }
        }
        SessionStore.NewToken token = sessions.createToken(caller.user(), name, expires);
        audit.record(caller.name(), AccessControl.address(ctx), "token.create", "api_token", String.valueOf(token.id()),
                null, json(Map.of("name", name)));
        ctx.header("Cache-Control", "no-store");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", token.id());
        out.put("name", token.name());
        out.put("token", token.token());
        out.put("expiresAt", token.expiresAt() == null ? null : token.expiresAt().toString());
        ctx.status(201).json(out);
    }

    /** {@code GET /api/auth/tokens}: the caller's tokens, without the secrets. */
    public void tokens(Context ctx) {
        ctx.json(sessions.tokens(AccessControl.required(ctx).user().id()));
    }

    /** {@code DELETE /api/auth/tokens/{id}}: revokes one of the caller's tokens. */
    public void revokeToken(Context ctx) {
        Caller caller = AccessControl.required(ctx);
        long id = Params.id(ctx, "id");
        if (!sessions.revokeToken(caller.user().id(), id)) {
            throw ApiException.notFound("token", id);
        }
        audit.record(caller.name(), AccessControl.address(ctx), "token.revoke", "api_token", String.valueOf(id), null, null);
        ctx.status(204);
    }

    // ---- accounts (admins) ---------------------------------------------------------------

    /** {@code GET /api/users} */
    public void listUsers(Context ctx) {
        ctx.json(users.list().stream().map(AuthRoutes::userView).toList());
    }

    /** {@code POST /api/users} {@code {"username","password","role","departments":[…],"displayName"}} */
    public void createUser(Context ctx) {
        Caller caller = AccessControl.required(ctx);
        JsonNode body = body(ctx);
        String username = body.path("username").asText("").trim();
        if (!USERNAME.matcher(username).matches()) {
            throw new ApiException(400, "invalid_field", "username: 2 to 60 letters, digits, '.', '_' or '-'",
                    Map.of("field", "username"));
        }
        if (users.exists(username)) {
            throw new ApiException(409, "duplicate", "username: '" + username + "' exists already", Map.of("field", "username"));
        }
        Role role = role(body);
        Set<String> departments = departments(body, role);
        String displayName = displayName(body);
        String password = body.path("password").asText("");
        String weakness = PasswordHasher.weakness(password);
        if (weakness != null) {
            throw new ApiException(400, "weak_password", "password: " + weakness, Map.of("field", "password"));
        }
        String hash = hasher.hash(password);
        User created = db.inTransaction(c -> {
            User u = users.insert(c, username, displayName, role, departments, hash);
            audit.record(c, caller.name(), AccessControl.address(ctx), "user.create", "user", String.valueOf(u.id()),
                    null, userJson(u));
            return u;
        });
        ctx.status(201).json(userView(created));
    }

    /** {@code PUT /api/users/{id}} {@code {"role","departments","displayName","disabled","password"?}} */
    public void updateUser(Context ctx) {
        Caller caller = AccessControl.required(ctx);
        long id = Params.id(ctx, "id");
        User before = users.find(id).orElseThrow(() -> ApiException.notFound("user", id));
        JsonNode body = body(ctx);
        Role role = body.has("role") ? role(body) : before.role();
        Set<String> departments = body.has("departments") ? departments(body, role) : before.departments();
        if (role == Role.EDITOR && departments.isEmpty()) {
            throw new ApiException(400, "invalid_field", "departments: an editor needs at least one department",
                    Map.of("field", "departments"));
        }
        String displayName = body.has("displayName") ? displayName(body) : before.displayName();
        boolean disabled = body.has("disabled") ? body.path("disabled").asBoolean() : before.disabled();
        if (before.id() == caller.user().id() && (disabled || role != Role.ADMIN)) {
            throw new ApiException(400, "invalid_field", "an administrator cannot demote or disable their own account",
                    Map.of("field", disabled ? "disabled" : "role"));
        }
        String newHash = null;
        if (body.hasNonNull("password")) {
            String weakness = PasswordHasher.weakness(body.get("password").asText());
            if (weakness != null) {
                throw new ApiException(400, "weak_password", "password: " + weakness, Map.of("field", "password"));
            }
            newHash = hasher.hash(body.get("password").asText());
        }
        String hash = newHash;
        User after = db.inTransaction(c -> {
            User u = users.update(c, id, displayName, role, departments, disabled);
            if (hash != null) {
                users.setPasswordHash(c, id, hash);
            }
            audit.record(c, caller.name(), AccessControl.address(ctx), hash == null ? "user.update" : "user.update_password",
                    "user", String.valueOf(id), userJson(before), userJson(u));
            return u;
        });
        if (disabled || hash != null || role != before.role()) {
            sessions.endAll(id);
        }
        ctx.json(userView(after));
    }

    /** {@code GET /api/audit?limit=&before=}: the newest audit entries, admins only. */
    public void auditLog(Context ctx) {
        Integer limit = Params.integer(ctx, "limit", 1, 1000);
        String before = ctx.queryParam("before");
        long beforeId;
        try {
            beforeId = before == null || before.isBlank() ? Long.MAX_VALUE : Long.parseLong(before.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badParameter("before", "expected an entry id");
        }
        ctx.json(audit.recent(limit == null ? 100 : limit, beforeId));
    }

    // ---- helpers -------------------------------------------------------------------------

    private static Role role(JsonNode body) {
        String code = body.path("role").asText("");
        return Role.byCode(code).orElseThrow(() -> new ApiException(400, "invalid_field",
                "role: unknown value '" + code + "'; expected one of admin, planner, editor, viewer", Map.of("field", "role")));
    }

    private static Set<String> departments(JsonNode body, Role role) {
        Set<String> out = new TreeSet<>();
        JsonNode d = body.path("departments");
        if (!d.isMissingNode() && !d.isNull() && !d.isArray()) {
            throw new ApiException(400, "invalid_field", "departments: expected an array of department names",
                    Map.of("field", "departments"));
        }
        for (JsonNode n : d) {
            String s = n.asText("").trim();
            if (s.isEmpty() || s.length() > 100) {
                throw new ApiException(400, "invalid_field", "departments: each name has 1 to 100 characters",
                        Map.of("field", "departments"));
            }
            out.add(s);
        }
        if (role == Role.EDITOR && out.isEmpty()) {
            throw new ApiException(400, "invalid_field", "departments: an editor needs at least one department",
                    Map.of("field", "departments"));
        }
        return out;
    }

    private static String displayName(JsonNode body) {
        String s = body.path("displayName").asText("").trim();
        if (s.length() > 100) {
            throw new ApiException(400, "invalid_field", "displayName: at most 100 characters", Map.of("field", "displayName"));
        }
        return s.isEmpty() ? null : s;
    }

    static Map<String, Object> userView(User u) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", u.id());
        out.put("username", u.username());
        out.put("displayName", u.displayName());
        out.put("role", u.role().code());
        out.put("departments", List.copyOf(new TreeSet<>(u.departments())));
        out.put("disabled", u.disabled());
        return out;
    }

    private static String userJson(User u) {
        return json(userView(u));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String limit(String s) {
        return s.length() > 60 ? s.substring(0, 60) : s;
    }

    private static JsonNode body(Context ctx) {
        try {
            JsonNode node = JSON.readTree(ctx.body());
            if (node == null || !node.isObject()) {
                throw new ApiException(400, "invalid_json", "a JSON object is expected", Map.of());
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ApiException(400, "invalid_json", "the request body is not valid JSON: " + e.getOriginalMessage(),
                    Map.of());
        }
    }

}
