package projmap.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

/**
 * Writes the demo city's road centre lines (the {@link RoadGrid} its blocks are built from, the
 * river left out) as GeoJSON, for trying tour road routes on the demo city (README "Route and
 * travel times"): the demo dataset itself stays as it is. Same seed and split order as
 * {@link DemoCityGenerator#generate}, so the lines run along the demo's block edges.
 * Run: {@code java -cp target/classes:target/test-classes:$(cat target/cp.txt) projmap.demo.DemoRoads roads.geojson}.
 */
public final class DemoRoads {
    public static void main(String[] args) throws IOException {
        SplittableRandom root = new SplittableRandom(DemoCityGenerator.SEED);
        LocalPlane plane = new LocalPlane();
        new PlanningBoundaries(plane.metres(), root.split()); // consumes its split, as the generator does
        RoadGrid grid = new RoadGrid(plane.metres(), root.split());
        ObjectMapper json = new ObjectMapper();
        ObjectNode collection = json.createObjectNode().put("type", "FeatureCollection");
        ArrayNode features = collection.putArray("features");
        for (int i = 0; i < grid.nx(); i++) {
            add(features, plane.toLonLat(grid.verticalLine(i, 0, grid.ny() - 1)), grid.vClass[i], grid.vName[i]);
        }
        for (int j = 0; j < grid.ny(); j++) {
            if (grid.hClass[j].isRoad()) {
                add(features, plane.toLonLat(grid.horizontalLine(j, 0, grid.nx() - 1)), grid.hClass[j], grid.hName[j]);
            }
        }
        json.writeValue(Path.of(args.length > 0 ? args[0] : "roads.geojson").toFile(), collection);
        System.out.println(features.size() + " road centre lines written");
    }

    private static void add(ArrayNode features, Geometry line, RoadGrid.RoadClass cls, String name) {
        ObjectNode f = features.addObject().put("type", "Feature");
        f.putObject("properties").put("code", cls.name().toLowerCase(java.util.Locale.ROOT)).put("name", name);
        ArrayNode coords = f.putObject("geometry").put("type", "LineString").putArray("coordinates");
        for (Coordinate c : line.getCoordinates()) {
            coords.addArray().add(c.x).add(c.y);
        }
    }
}
