package projmap.maps;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs writes on a thread of its own, after the request that asked for them: a bounded queue (a
 * full queue drops the write; what it would have written is only a cache), drained in batches a
 * few milliseconds after the first item arrives, so that a run of uncached tiles wakes the writer
 * once per batch rather than once per tile (on two loaded cores every extra wake-up competes with
 * the next request). {@link #close} writes what is queued. Thread-safe.
 */
final class WriteBehind<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WriteBehind.class);

    private final BlockingQueue<T> queue;
    private final Consumer<T> write;
    private final long batchDelayMs;
    private final Thread thread;
    /** Items queued and not yet written (counted before they enter the queue). */
    private final AtomicInteger pending = new AtomicInteger();
    private volatile boolean closed;

    WriteBehind(String name, int capacity, long batchDelayMs, Consumer<T> write) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.write = write;
        this.batchDelayMs = batchDelayMs;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues the item; false when the queue is full or closed (the item is dropped). */
    boolean offer(T item) {
        if (closed) {
            return false;
        }
        pending.incrementAndGet();
        if (queue.offer(item)) {
            return true;
        }
        pending.decrementAndGet();
        return false;
    }

    private void run() {
        List<T> batch = new ArrayList<>();
        while (!closed) {
            try {
                T first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                Thread.sleep(batchDelayMs);
            } catch (InterruptedException e) {
                if (!closed) {
                    continue;
                }
            }
            queue.drainTo(batch);
            writeAll(batch);
        }
    }

    private void writeAll(List<T> batch) {
        for (T item : batch) {
            try {
                write.accept(item);
            } catch (RuntimeException e) {
                LOG.warn("write behind: {}", e.toString());
            } finally {
                pending.decrementAndGet();
            }
        }
        batch.clear();
    }

    /** Waits until everything queued so far is written (tests). */
    void flush() {
        while (pending.get() > 0) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops taking items and writes the queued ones. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<T> rest = new ArrayList<>();
        queue.drainTo(rest);
        writeAll(rest);
    }
}
