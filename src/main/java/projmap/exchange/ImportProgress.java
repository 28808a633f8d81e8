package projmap.exchange;

/**
 * Told how far an import has come: {@code phase} is "read", "check" or "store"; {@code total}
 * is 0 while unknown. Called from the importing thread; implementations must be cheap.
 */
@FunctionalInterface
public interface ImportProgress {
    ImportProgress NONE = (phase, done, total) -> { };

    void report(String phase, long done, long total);
}
