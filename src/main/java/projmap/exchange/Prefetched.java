package projmap.exchange;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Reads a source on a thread of its own and applies {@code work} to its items on a few more, while
 * the caller consumes the results in order — a pipeline, so that a big import reads the file,
 * checks records (the costly part: validity, mapping, JSON) on every core and sends the checked
 * ones to the database at the same time. Items travel in batches (one hand-over per batch, not per
 * item) through a short queue, so at most a few thousand are in memory. An exception thrown by the
 * source or by {@code work} reaches the caller, unchanged, where the item it stopped at would have
 * been. {@code work} must be safe to run on several threads at once. {@link #close} stops the
 * threads early.
 */
final class Prefetched<T> implements Iterator<T>, AutoCloseable {
    private static final int BATCH = 512;
    private static final int BATCHES_AHEAD = 8;
    private static final Object END = new Object();

    /** The checked items of one batch, and the failure that stopped it (null when none did). */
    private record Checked<T>(List<T> items, Throwable failure) {
    }

    /** Batches in file order: each a future of its checked items, or {@link #END}, or the source's failure. */
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    private final Thread thread;
    private final ExecutorService checkers;
    private volatile boolean stopped;
    private List<T> batch = List.of();
    private Throwable afterBatch;
    private int index;
    private boolean ended;

    private <S> Prefetched(Iterable<S> source, Function<S, T> work, int threads) {
        AtomicInteger n = new AtomicInteger();
        checkers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "projmap-import-check-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        thread = new Thread(() -> produce(source, work), "projmap-import-reader");
        thread.setDaemon(true);
        thread.start();
    }

    /** The items of {@code source} with {@code work} applied, on as many checking threads as the machine has cores. */
    static <S, T> Prefetched<T> of(Iterable<S> source, Function<S, T> work) {
        return of(source, work, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
    }

    static <S, T> Prefetched<T> of(Iterable<S> source, Function<S, T> work, int threads) {
        return new Prefetched<>(source, work, threads);
    }

    private <S> void produce(Iterable<S> source, Function<S, T> work) {
        List<S> raw = new ArrayList<>(BATCH);
        try {
            for (S s : source) {
                raw.add(s);
                if (raw.size() == BATCH) {
                    if (!hand(check(raw, work))) {
                        return;
                    }
                    raw = new ArrayList<>(BATCH);
                }
            }
            if (!raw.isEmpty() && !hand(check(raw, work))) {
                return;
            }
            hand(END);
        } catch (RuntimeException | Error e) {
            // the items read before the failure first, then the failure in their place
            if (raw.isEmpty() || hand(check(raw, work))) {
                hand(e);
            }
        }
    }

    /** Starts checking one batch on the checking threads. */
    private <S> CompletableFuture<Checked<T>> check(List<S> raw, Function<S, T> work) {
        if (stopped) {
            // closed: the checking threads are gone and no one reads the result
            return CompletableFuture.completedFuture(new Checked<>(List.of(), null));
        }
        try {
            return checkAsync(raw, work);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return CompletableFuture.completedFuture(new Checked<>(List.of(), null));   // closed meanwhile
        }
    }

    private <S> CompletableFuture<Checked<T>> checkAsync(List<S> raw, Function<S, T> work) {
        return CompletableFuture.supplyAsync(() -> {
            List<T> out = new ArrayList<>(raw.size());
            for (S s : raw) {
                if (stopped) {
                    break;
                }
                try {
                    out.add(work.apply(s));
                } catch (RuntimeException | Error e) {
                    return new Checked<>(out, e);
                }
            }
            return new Checked<>(out, null);
        }, checkers);
    }

    /** Puts {@code o} on the queue unless the consumer has stopped; false when it has. */
    private boolean hand(Object o) {
        try {
            while (!stopped) {
                if (queue.offer(o, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean hasNext() {
        while (index == batch.size()) {
            if (afterBatch != null) {
                Throwable failure = afterBatch;
                afterBatch = null;
                ended = true;
                throw rethrown(failure);
            }
            if (ended) {
                return false;
            }
            Object o;
            try {
                o = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading the file", e);
            }
            if (o == END) {
                ended = true;
                return false;
            }
            if (o instanceof Throwable e) {
                ended = true;
                throw rethrown(e);
            }
            Checked<T> checked;
            try {
                checked = ((CompletableFuture<Checked<T>>) o).join();
            } catch (CompletionException e) {
                ended = true;
                throw rethrown(e.getCause());
            }
            batch = checked.items();
            afterBatch = checked.failure();
            index = 0;
        }
        return true;
    }

    private static RuntimeException rethrown(Throwable e) {
        if (e instanceof Error error) {
            throw error;
        }
        return e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return batch.get(index++);
    }

    /** Stops the reading thread (it may be blocked on a full queue) and the checking threads, and waits briefly for them. */
    @Override
    public void close() {
        stopped = true;
        queue.clear();
        checkers.shutdownNow();
        try {
            thread.join(1000);
            checkers.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
