package projmap.ogc;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.locationtech.jts.geom.Geometry;
import projmap.geo.BBox;
import projmap.projects.ProjectStore.Queryable;
import projmap.store.SqlFilter;

/**
 * One OGC API feature collection: the projects, or one planning layer. Filtering is a
 * {@link SqlFilter} over the collection's {@link #queryables()}; features are written as GeoJSON
 * with their geometry passed through {@code axes} (lat/lon order for EPSG CRSs).
 */
interface OgcCollection {
    String id();

    String title();

    String description();

    /** The box around every feature, or null when empty. */
    BBox extent();

    Map<String, Queryable> queryables();

    /** A text that changes whenever any feature of the collection does, on any instance (the items cache key). */
    String stamp();

    /** The condition selecting features whose planned period meets [start, end] (nulls: open), or null when not temporal. */
    SqlFilter during(java.time.LocalDate start, java.time.LocalDate end);

    long count(SqlFilter where);

    /** What {@link #writePage} wrote: how many features, and how many match in all (-1: not known). */
    record Page(int returned, long matched) {
    }

    /**
     * Writes up to {@code limit} features from {@code offset}, in id order. {@code latLon} says
     * whether {@code axes} swaps them (for a collection whose database writes the geometry itself).
     */
    Page writePage(JsonGenerator g, SqlFilter where, int limit, long offset, UnaryOperator<Geometry> axes, boolean latLon)
            throws IOException;

    /**
     * Writes the page as {@link #writePage} would, from memory, when the collection can answer
     * {@code plain} there; returns null without writing anything when it cannot (then the caller
     * runs {@link #writePage}). {@code matched} of the page returned is always known.
     */
    default Page writePageFromMemory(JsonGenerator g, ItemsQuery.Plain plain, int limit, long offset,
                                     UnaryOperator<Geometry> axes) throws IOException {
        return null;
    }

    /** Writes the feature with id {@code fid}; false when there is none. */
    boolean writeOne(JsonGenerator g, long fid, UnaryOperator<Geometry> axes) throws IOException;
}
