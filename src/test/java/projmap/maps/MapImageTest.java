package projmap.maps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.locationtech.jts.geom.Coordinate;
import projmap.geo.BBox;
import projmap.testing.FixtureCity;
import projmap.testing.StoreKind;
import projmap.testing.TestServer;

/** map.png and legend images, styled as the catalogue says, on both stores. */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MapImageTest {
    @Parameter
    StoreKind kind;

    TestServer server;

    @BeforeParameterizedClassInvocation
    void start() {
        server = TestServer.startSeeded(kind, FixtureCity::seed);
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    static BufferedImage image(HttpResponse<byte[]> r) throws Exception {
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).isEqualTo("image/png");
        return ImageIO.read(new ByteArrayInputStream(r.body()));
    }

    @Test
    void land_use_is_drawn_in_its_planning_colour_where_the_parcel_lies() throws Exception {
        BBox bbox = new BBox(FixtureCity.LON0, FixtureCity.LAT0, FixtureCity.LON0 + 0.2, FixtureCity.LAT0 + 0.2);
        BufferedImage img = image(server.getBytes("/api/map.png?bbox=" + FixtureCity.LON0 + "," + FixtureCity.LAT0 + ","
                + (FixtureCity.LON0 + 0.2) + "," + (FixtureCity.LAT0 + 0.2) + "&width=400&height=300&layers=land-use"));
        assertThat(img.getWidth()).isEqualTo(400);
        assertThat(img.getHeight()).isEqualTo(300);
        // parcel (row 0, column 0) is R2: residential yellow at 60 % over white
        Coordinate inFirstParcel = new Coordinate(FixtureCity.LON0 + FixtureCity.CELL / 2, FixtureCity.LAT0 + FixtureCity.CELL / 2);
        double[] px = MapImageRenderer.pixel(MapImageRenderer.frame(bbox, 400, 300), 400, 300, inFirstParcel);
        Color c = new Color(img.getRGB((int) px[0], (int) px[1]));
        Color r2 = MapImageRenderer.colour(Palette.landUse("R2"), 1);
        assertThat(Math.abs(c.getRed() - (int) (0.6 * r2.getRed() + 0.4 * 255))).isLessThan(8);
        assertThat(Math.abs(c.getBlue() - (int) (0.6 * r2.getBlue() + 0.4 * 255))).isLessThan(8);
        // outside the grid (the frame is widened to 4:3) stays white
        assertThat(new Color(img.getRGB(2, 150))).isEqualTo(Color.WHITE);
    }

    @Test
    void all_layers_with_project_labels_render_and_chinese_has_a_font() throws Exception {
        BufferedImage img = image(server.getBytes("/api/map.png?bbox=113.9,32.85,114.15,33.1&width=800&height=600"));
        assertThat(img.getWidth()).isEqualTo(800);
        if (Files.isDirectory(Path.of("/usr/share/fonts/opentype/noto"))) {
            // fonts-noto-cjk is installed (CI installs it): labels must not be boxes
            assertThat(MapImageRenderer.canDrawChinese()).as(MapImageRenderer.LABEL_FONT).isTrue();
        }
    }

    @Test
    void legends_are_images_with_a_row_per_class() throws Exception {
        BufferedImage landUse = image(server.getBytes("/api/legend/land-use.png"));
        BufferedImage boundary = image(server.getBytes("/api/legend/central-urban-area.png"));
        assertThat(landUse.getHeight()).isGreaterThan(boundary.getHeight());
        image(server.getBytes("/api/legend/projects-status.png"));
        assertThat(server.get("/api/legend/nowhere.png").statusCode()).isEqualTo(404);
    }

    static org.w3c.dom.Document xml(HttpResponse<byte[]> r) throws Exception {
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("image/svg+xml");
        var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(r.body()));
    }

    @Test
    void svg_legends_are_well_formed_with_a_labelled_row_per_class() throws Exception {
        JsonNode layers = server.json("/api/layers");
        for (JsonNode layer : layers) {
            String id = layer.path("id").asText();
            org.w3c.dom.Document svg = xml(server.getBytes("/api/legend/" + id + ".svg"));
            String text = svg.getDocumentElement().getTextContent();
            for (JsonNode entry : layer.path("legend")) {
                assertThat(text).as(id).contains(entry.path("label").path("zh").asText(), entry.path("label").path("en").asText());
            }
            // the title and one text per row
            assertThat(svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text").getLength())
                    .as(id).isEqualTo(layer.path("legend").size() + 1);
        }
        // the category legend draws each category's icon
        org.w3c.dom.Document byCategory = xml(server.getBytes("/api/legend/projects-category.svg"));
        assertThat(byCategory.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg").getLength())
                .isEqualTo(1 + projmap.projects.Category.values().length);
        HttpResponse<String> missing = server.get("/api/legend/nowhere.svg");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(TestServer.parse(missing.body()).path("error").asText()).isEqualTo("unknown_layer");
    }

    @Test
    void every_category_has_an_icon_that_the_catalogue_links() throws Exception {
        JsonNode byCategory = layer("projects-category");
        assertThat(byCategory.path("legend").size()).isEqualTo(projmap.projects.Category.values().length);
        for (JsonNode entry : byCategory.path("legend")) {
            String icon = entry.path("icon").asText();
            assertThat(icon).isEqualTo("/api/icons/" + entry.path("value").asText() + ".svg");
            org.w3c.dom.Document svg = xml(server.getBytes(icon));
            // a disc in the category's colour
            var disc = (org.w3c.dom.Element) svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "circle").item(0);
            assertThat(disc.getAttribute("fill")).isEqualTo(entry.path("colour").asText());
        }
        HttpResponse<String> unknown = server.get("/api/icons/castles.svg");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(TestServer.parse(unknown.body()).path("message").asText()).contains("category", "castles");
    }

    @Test
    void the_compliance_layer_colours_a_project_by_its_site_check_verdict() throws Exception {
        JsonNode compliance = layer("projects-compliance");
        assertThat(compliance.path("style").path("property").asText()).isEqualTo("verdict");
        assertThat(compliance.path("join").path("url").asText()).isEqualTo("/api/checks/summary");
        assertThat(compliance.path("legend").findValuesAsText("value")).containsExactly("pass", "warn", "fail", "unchecked");
        assertThat(server.json("/api/checks/summary").path("projects").get(0).has("overall")).isTrue();

        projmap.projects.Project polygon = new projmap.projects.ProjectStore(server.app().database())
                .search(projmap.projects.ProjectQuery.ALL).stream()
                .filter(p -> p.geometry() instanceof org.locationtech.jts.geom.Polygon)
                .max(java.util.Comparator.comparingDouble(p -> p.geometry().getArea())).orElseThrow();
        String verdict = server.json("/api/projects/" + polygon.id() + "/check").path("overall").asText();
        var e = polygon.geometry().getEnvelopeInternal();
        BBox bbox = new BBox(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY());
        BufferedImage img = image(server.getBytes("/api/map.png?bbox=" + e.getMinX() + "," + e.getMinY() + "," + e.getMaxX()
                + "," + e.getMaxY() + "&width=400&height=300&layers=projects-compliance"));
        Coordinate inside = polygon.geometry().getInteriorPoint().getCoordinate();
        double[] px = MapImageRenderer.pixel(MapImageRenderer.frame(bbox, 400, 300), 400, 300, inside);
        Color c = new Color(img.getRGB((int) px[0], (int) px[1]));
        Color expected = MapImageRenderer.colour(Palette.verdict(verdict), 1);
        // the fill at 50 % over white
        assertThat(Math.abs(c.getRed() - (int) (0.5 * expected.getRed() + 0.5 * 255))).as(verdict).isLessThan(10);
        assertThat(Math.abs(c.getGreen() - (int) (0.5 * expected.getGreen() + 0.5 * 255))).as(verdict).isLessThan(10);
        assertThat(Math.abs(c.getBlue() - (int) (0.5 * expected.getBlue() + 0.5 * 255))).as(verdict).isLessThan(10);
    }

    private JsonNode layer(String id) {
        for (JsonNode l : server.json("/api/layers")) {
            if (l.path("id").asText().equals(id)) {
                return l;
            }
        }
        throw new AssertionError("no layer " + id + " in /api/layers");
    }

    @Test
    void bad_map_requests_name_the_parameter() {
        assertThat(server.get("/api/map.png").body()).contains("bbox");
        assertThat(server.get("/api/map.png?bbox=114,32,114.1,32.1&width=99999").body()).contains("width");
        HttpResponse<String> r = server.get("/api/map.png?bbox=114,32,114.1,32.1&layers=nowhere");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("layers");
    }
}
