package projmap.maps;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import projmap.geo.BBox;
import projmap.http.ApiException;
import projmap.http.Params;

/**
 * The layer catalogue and map images over HTTP: {@code GET /api/layers},
 * {@code GET /api/map.png?bbox=&width=&height=&layers=}, {@code GET /api/legend/{layer}.png|.svg}
 * and the category icons {@code GET /api/icons/{category}.svg}.
 */
public final class MapRoutes {
    static final int MAX_IMAGE_SIZE = 4096;

    private final LayerCatalogue catalogue;
    private final MapImageService images;

    public MapRoutes(LayerCatalogue catalogue, MapImageService images) {
        this.catalogue = catalogue;
        this.images = images;
    }

    public void layers(Context ctx) {
        ctx.json(catalogue.layers());
    }

    /** {@code bbox} (lon/lat) is required; width and height default to 800 × 600; layers to all. */
    public void map(Context ctx) {
        BBox bbox = Params.bbox(ctx, "bbox");
        if (bbox == null) {
            throw ApiException.badParameter("bbox", "required: minLon,minLat,maxLon,maxLat");
        }
        Integer width = Params.integer(ctx, "width", 16, MAX_IMAGE_SIZE);
        Integer height = Params.integer(ctx, "height", 16, MAX_IMAGE_SIZE);
        List<String> layers = Params.list(ctx, "layers");
        if (layers.isEmpty()) {
            layers = images.defaultLayers();
        } else {
            List<String> known = catalogue.layers().stream().map(l -> (String) l.get("id")).toList();
            for (String l : layers) {
                if (!known.contains(l)) {
                    throw new ApiException(400, "invalid_parameter", "layers: unknown layer '" + l + "'; known: "
                            + String.join(", ", known), Map.of("parameter", "layers", "value", l, "allowed", known));
                }
            }
        }
        byte[] png = images.map(bbox, width == null ? 800 : width, height == null ? 600 : height, layers);
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType("image/png").result(png);
    }

    public void legend(Context ctx) {
        String layer = ctx.pathParam("layer");
        byte[] png = images.legend(layer).orElseThrow(() -> unknownLayer(layer));
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType("image/png").result(png);
    }

    public void legendSvg(Context ctx) {
        String layer = ctx.pathParam("layer");
        byte[] svg = images.legendSvg(layer).orElseThrow(() -> unknownLayer(layer));
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(SVG).result(svg);
    }

    /** A category's icon; it never changes while the server runs, so caches may keep it a day. */
    public void icon(Context ctx) {
        String category = ctx.pathParam("category");
        byte[] svg = CategoryIcons.svg(category).orElseThrow(() -> new ApiException(404, "unknown_category",
                "category: no category '" + category + "'; see /api/layers (projects-category)",
                Map.of("parameter", "category", "value", category)));
        ctx.header("Cache-Control", "public, max-age=86400");
        ctx.contentType(SVG).result(svg);
    }

    static final String SVG = "image/svg+xml; charset=utf-8";

    private static ApiException unknownLayer(String layer) {
        return new ApiException(404, "unknown_layer", "layer: no layer '" + layer + "'; see /api/layers",
                Map.of("parameter", "layer", "value", layer));
    }
}
