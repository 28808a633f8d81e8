package projmap.tours;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A tour (观摩/视察路线) as a planner prepares it: a title, the day, who it is for, and the project
 * sites to visit in order, each with the talking points (汇报要点) for that stop. {@code version}
 * counts edits.
 */
public record Tour(long id, String title, LocalDate date, String audience, List<Stop> stops, int version,
                   Instant createdAt, String createdBy, Instant updatedAt) {

    /**
     * One stop: a project, what to say there, and the project's photos its card shows in this
     * order ({@code photoIds} empty: the newest ones).
     */
    public record Stop(long projectId, String notes, List<Long> photoIds) {
        public Stop {
            photoIds = photoIds == null ? List.of() : List.copyOf(photoIds);
        }
    }
}
