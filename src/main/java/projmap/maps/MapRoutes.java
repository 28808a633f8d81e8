package projmap.maps;

import io.javalin.http.Context;

/** The layer catalogue over HTTP: {@code GET /api/layers}. */
public final class MapRoutes {
    private final LayerCatalogue catalogue;

    public MapRoutes(LayerCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    public void layers(Context ctx) {
        ctx.json(catalogue.layers());
    }
}
