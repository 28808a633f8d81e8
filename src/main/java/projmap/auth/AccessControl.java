package projmap.auth;

import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import projmap.http.ApiException;

/**
 * The one gate every matched request passes before its handler: finds the caller (an
 * {@code Authorization: Bearer} API token, else the session cookie), checks the CSRF token of
 * state-changing requests made with a cookie, and checks the route's {@link Access} level.
 *
 * <ul>
 *   <li>A route without a level is {@link Access#READ} for GET and HEAD and {@link Access#ADMIN}
 *       otherwise: a write route someone forgot to mark fails closed.</li>
 *   <li>A bearer token that does not check out is a 401 at once (a script should learn its token
 *       is wrong); an unknown or expired session cookie counts as no caller.</li>
 *   <li>CSRF: the session's token must come back in {@code X-CSRF-Token} on POST, PUT, PATCH and
 *       DELETE; SameSite=Strict cookies already stop most cross-site requests, this stops the
 *       rest. Token callers need none: a browser never attaches a bearer token by itself.</li>
 * </ul>
 */
public final class AccessControl {
    public static final String SESSION_COOKIE = "projmap_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String CALLER = "projmap.caller";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final SessionStore sessions;
    private final boolean publicRead;

    public AccessControl(SessionStore sessions, boolean publicRead) {
        this.sessions = sessions;
        this.publicRead = publicRead;
    }

    /** The before-matched handler. */
    public void check(Context ctx) {
        String method = ctx.method().name();
        Access level = level(ctx.routeRoles(), method, ctx.path());
        Caller caller = identify(ctx);
        if (caller != null) {
            ctx.attribute(CALLER, caller);
        }
        if (level == Access.PUBLIC) {
            return;
        }
        if (caller != null && !caller.viaToken() && !SAFE_METHODS.contains(method)
                && !Secrets.same(caller.csrfToken(), ctx.header(CSRF_HEADER))) {
            throw new ApiException(403, "csrf_token_invalid", "this change needs the session's CSRF token in the "
                    + CSRF_HEADER + " header (from the log-in answer or GET /api/auth/me)", Map.of("header", CSRF_HEADER));
        }
        if (level == Access.READ && publicRead) {
            return;
        }
        if (caller == null) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"projmap\"");
            throw new ApiException(401, "unauthenticated", "sign in first (POST /api/auth/login), or send an API token",
                    Map.of());
        }
        Role minimum = level.minimum() == null ? Role.VIEWER : level.minimum();
        if (!caller.user().role().atLeast(minimum)) {
            throw new ApiException(403, "forbidden", "the " + caller.user().role().code() + " role may not do this; it needs "
                    + minimum.code(), Map.of("role", caller.user().role().code(), "required", minimum.code()));
        }
    }

    private Access level(Set<RouteRole> roles, String method, String path) {
        for (RouteRole r : roles) {
            if (r instanceof Access a) {
                return a;
            }
        }
        if (!SAFE_METHODS.contains(method)) {
            return Access.ADMIN;
        }
        // the web app's files (page shells, scripts, translations) hold no data: the log-in page
        // must load for anyone; every data route carries its own level
        return isWebFile(path) ? Access.PUBLIC : Access.READ;
    }

    private static boolean isWebFile(String path) {
        if (path.contains("..") || path.contains("//") || path.contains("\\")) {
            return false;
        }
        String resource = "/web" + (path.endsWith("/") ? path + "index.html" : path);
        return AccessControl.class.getResource(resource) != null;
    }

    private Caller identify(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null && !authorization.isBlank()) {
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw new ApiException(401, "unsupported_authorization", "only 'Authorization: Bearer <API token>' is accepted",
                        Map.of());
            }
            return sessions.byToken(authorization.substring(7).trim()).orElseThrow(() -> {
                ctx.header("WWW-Authenticate", "Bearer realm=\"projmap\", error=\"invalid_token\"");
                return new ApiException(401, "invalid_token", "the API token is unknown, revoked or expired", Map.of());
            });
        }
        String cookie = ctx.cookie(SESSION_COOKIE);
        return cookie == null ? null : sessions.bySession(cookie).orElse(null);
    }

    /** The caller of this request, if any (after {@link #check}). */
    public static Optional<Caller> caller(Context ctx) {
        return Optional.ofNullable(ctx.attribute(CALLER));
    }

    /** The caller of a route that requires one. */
    public static Caller required(Context ctx) {
        return caller(ctx).orElseThrow(() -> new ApiException(401, "unauthenticated", "sign in first", Map.of()));
    }

    /** The name recorded in audit entries and {@code updated_by}. */
    public static String actor(Context ctx) {
        return caller(ctx).map(Caller::name).orElse("anonymous");
    }

    /** Throws 403 unless the caller may change a project of {@code department}. */
    public static void requireDepartment(Context ctx, String department) {
        User user = required(ctx).user();
        if (!user.mayEdit(department)) {
            throw new ApiException(403, "not_your_department", "the account '" + user.username()
                    + "' may not change projects of " + (department == null ? "no department" : "'" + department + "'"),
                    Map.of("department", department == null ? "" : department, "yourDepartments", user.departments()));
        }
    }

    /** The client's address as seen by this server (a proxy's X-Forwarded-For is not trusted). */
    public static String address(Context ctx) {
        return ctx.req().getRemoteAddr();
    }
}
