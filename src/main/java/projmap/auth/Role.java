package projmap.auth;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an account may do. Ordered from most to least powerful: {@code admin} (users, layers,
 * settings and everything below), {@code planner} (every project, zone layers, checks, approving
 * progress reports), {@code editor} (only the projects of its departments, submitting progress),
 * {@code viewer} (read only, e.g. leaders).
 */
public enum Role {
    ADMIN("admin"),
    PLANNER("planner"),
    EDITOR("editor"),
    VIEWER("viewer");

    private final String code;

    Role(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** True when this role includes everything {@code other} may do. */
    public boolean atLeast(Role other) {
        return ordinal() <= other.ordinal();
    }

    public static Optional<Role> byCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
    }
}
