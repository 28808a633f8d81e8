package projmap.zones;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import projmap.geo.BBox;
import projmap.http.ApiException;
import projmap.http.Params;

/** Planning layers over HTTP: {@code GET /api/zones/{layer}?bbox=} as GeoJSON. */
public final class ZoneRoutes {
    private static final JsonFactory JSON = new JsonFactory();

    private final ZoneStore store;

    public ZoneRoutes(ZoneStore store) {
        this.store = store;
    }

    public void features(Context ctx) {
        String layerId = ctx.pathParam("layer");
        ZoneLayer layer = store.layer(layerId).orElseThrow(() -> new ApiException(404, "unknown_layer",
                "layer: no planning layer '" + layerId + "'; see /api/layers",
                Map.of("parameter", "layer", "value", layerId)));
        BBox bbox = Params.bbox(ctx, "bbox");
        ctx.contentType("application/geo+json; charset=utf-8");
        // streamed: the land-use layer of a whole city is tens of thousands of parcels
        try (JsonGenerator g = JSON.createGenerator(ctx.outputStream())) {
            g.writeStartObject();
            g.writeStringField("type", "FeatureCollection");
            g.writeObjectFieldStart("layer");
            g.writeStringField("id", layer.id());
            g.writeStringField("titleZh", layer.titleZh());
            g.writeStringField("titleEn", layer.titleEn());
            g.writeStringField("kind", layer.kind().code());
            g.writeStringField("vintage", layer.vintage());
            g.writeStringField("contentHash", layer.contentHash());
            g.writeEndObject();
            g.writeArrayFieldStart("features");
            store.forEachFeature(layer.id(), bbox, f -> {
                try {
                    ZoneGeoJson.writeFeature(g, f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
