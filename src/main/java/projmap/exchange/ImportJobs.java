package projmap.exchange;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import projmap.http.ApiException;

/**
 * Imports running in the background for HTTP callers that ask for {@code async=true}: each gets a
 * job id; {@code GET /api/import/jobs/{id}} shows its phase and progress, then its report or error.
 * One import runs at a time (imports are write-heavy and all-or-nothing), the rest queue. Finished
 * jobs are forgotten after an hour. Thread-safe.
 */
public final class ImportJobs implements AutoCloseable {
    private static final long KEEP_SECONDS = 3600;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "projmap-import");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();

    /** A job's state as shown to the caller. */
    public static final class Job {
        final String id;
        volatile String state = "queued";
        volatile String phase = "";
        volatile long done;
        volatile long total;
        volatile ImportReport report;
        volatile Map<String, Object> error;
        volatile Instant finished;

        Job(String id) {
            this.id = id;
        }

        public Map<String, Object> view() {
            var m = new java.util.LinkedHashMap<String, Object>();
            m.put("id", id);
            m.put("state", state);
            m.put("phase", phase);
            m.put("done", done);
            m.put("total", total);
            if (report != null) {
                m.put("report", report);
            }
            if (error != null) {
                m.put("error", error);
            }
            return m;
        }
    }

    /** Queues work that is given a progress sink; returns the job. {@code cleanup} runs after it in any case. */
    public Job submit(Function<ImportProgress, ImportReport> work, Runnable cleanup) {
        forgetOld();
        Job job = new Job(UUID.randomUUID().toString());
        jobs.put(job.id, job);
        worker.submit(() -> {
            job.state = "running";
            try {
                job.report = work.apply((phase, done, total) -> {
                    job.phase = phase;
                    job.done = done;
                    job.total = total;
                });
                job.state = "done";
            } catch (ImportRejectedException e) {
                job.report = e.report();
                job.error = Map.of("error", e.code(), "message", e.getMessage(), "status", e.status());
                job.state = "failed";
            } catch (ApiException e) {
                job.error = Map.of("error", e.code(), "message", e.getMessage(), "status", e.status());
                job.state = "failed";
            } catch (RuntimeException e) {
                job.error = Map.of("error", "internal_error", "message", "the import failed; it has been logged", "status", 500);
                job.state = "failed";
                org.slf4j.LoggerFactory.getLogger(ImportJobs.class).error("import job {} failed", job.id, e);
            } finally {
                job.finished = Instant.now();
                cleanup.run();
            }
        });
        return job;
    }

    public Optional<Job> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    private void forgetOld() {
        Instant cutoff = Instant.now().minusSeconds(KEEP_SECONDS);
        jobs.values().removeIf(j -> j.finished != null && j.finished.isBefore(cutoff));
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
