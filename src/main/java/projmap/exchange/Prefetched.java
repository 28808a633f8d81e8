package projmap.exchange;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Reads a source and applies {@code work} to each item on a thread of its own, while the caller
 * consumes the results in order — a two-stage pipeline, so that a big import reads and checks
 * records on one core while the other encodes and sends the previous ones. Items travel in batches
 * (one hand-over per batch, not per item) through a short queue, so at most a few thousand are in
 * memory. An exception thrown by the source or by {@code work} reaches the caller, unchanged, where
 * the item it stopped at would have been. {@link #close} stops the thread early.
 */
final class Prefetched<T> implements Iterator<T>, AutoCloseable {
    private static final int BATCH = 512;
    private static final int BATCHES_AHEAD = 8;
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    private final Thread thread;
    private volatile boolean stopped;
    private List<T> batch = List.of();
    private int index;
    private boolean ended;

    private <S> Prefetched(Iterable<S> source, Function<S, T> work) {
        thread = new Thread(() -> produce(source, work), "projmap-import-reader");
        thread.setDaemon(true);
        thread.start();
    }

    static <S, T> Prefetched<T> of(Iterable<S> source, Function<S, T> work) {
        return new Prefetched<>(source, work);
    }

    private <S> void produce(Iterable<S> source, Function<S, T> work) {
        List<T> out = new ArrayList<>(BATCH);
        try {
            for (S s : source) {
                out.add(work.apply(s));
                if (out.size() == BATCH) {
                    if (!hand(out)) {
                        return;
                    }
                    out = new ArrayList<>(BATCH);
                }
            }
            if (!out.isEmpty() && !hand(out)) {
                return;
            }
            hand(END);
        } catch (RuntimeException | Error e) {
            // the items read before the failure first, then the failure in their place
            if (out.isEmpty() || hand(out)) {
                hand(e);
            }
        }
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
            if (o instanceof RuntimeException e) {
                ended = true;
                throw e;
            }
            if (o instanceof Error e) {
                ended = true;
                throw e;
            }
            batch = (List<T>) o;
            index = 0;
        }
        return true;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return batch.get(index++);
    }

    /** Stops the reading thread (it may be blocked on a full queue) and waits briefly for it. */
    @Override
    public void close() {
        stopped = true;
        queue.clear();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
