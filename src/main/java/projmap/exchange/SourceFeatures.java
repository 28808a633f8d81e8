package projmap.exchange;

import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The records of an incoming file, counted up front and read in order, as many times as needed.
 * Small formats keep their records in a list; GeoPackage and Shapefile read them from the file on
 * each pass, so that an import of 200,000 features never holds them all in memory (a pass checks
 * the CRS, the next one checks and stores the records one by one). A streamed pass that meets a
 * damaged record throws {@link FileRejectedException}; the first pass ({@link CrsChoice}) meets it
 * before anything is written.
 */
public abstract class SourceFeatures implements Iterable<SourceFeature> {
    /** How many records the file holds. */
    public abstract int size();

    public boolean isEmpty() {
        return size() == 0;
    }

    /**
     * The records with {@code work} applied, read on a thread of their own and worked on by
     * several, in order ({@link Prefetched}); a format whose records cost much to decode has them
     * decoded on those threads too.
     */
    <T> Prefetched<T> prefetched(Function<SourceFeature, T> work) {
        return Prefetched.of(this, work);
    }

    /** Records already in memory. */
    static SourceFeatures of(List<SourceFeature> features) {
        List<SourceFeature> copy = features;
        return new SourceFeatures() {
            @Override
            public int size() {
                return copy.size();
            }

            @Override
            public Iterator<SourceFeature> iterator() {
                return copy.iterator();
            }
        };
    }

    /** {@code size} records read afresh from the file by each iterator {@code pass} makes. */
    static SourceFeatures streamed(int size, Supplier<Iterator<SourceFeature>> pass) {
        return streamed(size, pass, Function.identity());
    }

    /**
     * As {@link #streamed(int, Supplier)}, where a pass reads raw records (the file's values, cheap
     * to fetch) and {@code decode} makes each a record (geometry parsed, values typed). A plain
     * iteration decodes on the reading thread; {@link #prefetched} decodes on the working threads,
     * so that one reading thread only fetches. {@code decode} must be safe to run on several
     * threads at once.
     */
    static <R> SourceFeatures streamed(int size, Supplier<Iterator<R>> pass, Function<R, SourceFeature> decode) {
        return new SourceFeatures() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<SourceFeature> iterator() {
                Iterator<R> raw = pass.get();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return raw.hasNext();
                    }

                    @Override
                    public SourceFeature next() {
                        return decode.apply(raw.next());
                    }
                };
            }

            @Override
            <T> Prefetched<T> prefetched(Function<SourceFeature, T> work) {
                return Prefetched.of(pass::get, decode.andThen(work));
            }
        };
    }
}
