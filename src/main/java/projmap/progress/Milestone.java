package projmap.progress;

import java.time.LocalDate;

/**
 * A time node (时间节点) of one project: land procedures, start, topping-out, completion… due on a
 * date; reached when {@code doneDate} is set.
 */
public record Milestone(long id, long projectId, String kind, String title, LocalDate dueDate, LocalDate doneDate) {
    /** The kinds named in the programme's bulletins; {@code other} for anything else. */
    public static final java.util.List<String> KINDS = java.util.List.of("land", "permits", "start", "topping_out",
            "completion", "acceptance", "other");

    /** Days past due on {@code asOf} while not reached; 0 when reached or not yet due. */
    public long daysOverdue(LocalDate asOf) {
        if (doneDate != null || !dueDate.isBefore(asOf)) {
            return 0;
        }
        return java.time.temporal.ChronoUnit.DAYS.between(dueDate, asOf);
    }
}
