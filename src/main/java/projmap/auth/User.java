package projmap.auth;

import java.util.Set;

/**
 * An account as the rest of the server sees it: never with its password hash. {@code departments}
 * are values of a project's {@code department}; they matter for editors, who may change only
 * those departments' projects.
 */
public record User(long id, String username, String displayName, Role role, Set<String> departments,
                   boolean disabled) {

    public User {
        departments = Set.copyOf(departments);
    }

    /** True when this account may change a project of {@code department}. */
    public boolean mayEdit(String department) {
        if (disabled) {
            return false;
        }
        if (role.atLeast(Role.PLANNER)) {
            return true;
        }
        return role == Role.EDITOR && department != null && departments.contains(department);
    }
}
