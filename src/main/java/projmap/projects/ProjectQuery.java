package projmap.projects;

import java.util.Set;
import projmap.geo.BBox;

/**
 * Which projects a list, a map layer or a statistic covers. Every part is optional (null or
 * empty means "any"); parts combine with AND, values within a set with OR. {@code text} matches
 * name, code or address, case-insensitively.
 */
public record ProjectQuery(BBox bbox, Set<ProjectStatus> statuses, Set<Category> categories,
                           Set<String> districts, Set<String> departments, Integer planYear, String text) {

    public static final ProjectQuery ALL = new ProjectQuery(null, Set.of(), Set.of(), Set.of(), Set.of(), null, null);

    public ProjectQuery {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        categories = categories == null ? Set.of() : Set.copyOf(categories);
        districts = districts == null ? Set.of() : Set.copyOf(districts);
        departments = departments == null ? Set.of() : Set.copyOf(departments);
        text = text == null || text.isBlank() ? null : text.trim();
    }
}
