package projmap.auth;

import io.javalin.security.RouteRole;

/**
 * Who may call a route, written next to it in the route table of {@code App}. The levels are
 * checked by {@link AccessControl} before the handler runs; rules that depend on the data (an
 * editor and the department of one project) are checked by the handler.
 */
public enum Access implements RouteRole {
    /** Anyone, signed in or not, whatever the settings: health, log-in. */
    PUBLIC(null),
    /** Anyone while {@code PROJMAP_PUBLIC_READ} is on, else any signed-in account. */
    READ(null),
    /** Any signed-in account, viewers included. */
    SIGNED_IN(Role.VIEWER),
    /** Editors (for their departments, checked per project), planners, admins. */
    EDITOR(Role.EDITOR),
    /** Planners and admins. */
    PLANNER(Role.PLANNER),
    /** Admins only. */
    ADMIN(Role.ADMIN);

    private final Role minimum;

    Access(Role minimum) {
        this.minimum = minimum;
    }

    /** The least role allowed; null for the levels open to anonymous callers. */
    Role minimum() {
        return minimum;
    }
}
