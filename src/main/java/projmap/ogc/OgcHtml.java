package projmap.ogc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The HTML encoding of every OGC resource, rendered from its JSON encoding so both always say the
 * same: the title, the links, the collections or conformance classes, and features as a table.
 * Every value is escaped. Stateless.
 */
final class OgcHtml {
    private OgcHtml() {
    }

    static String page(String title, JsonNode doc) {
        StringBuilder h = new StringBuilder(8192);
        h.append("<!doctype html><html lang=\"zh\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<style>body{font-family:sans-serif;margin:1.5em;max-width:80em}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;font-size:90%}</style></head><body>");
        h.append("<h1>").append(esc(title)).append("</h1>");
        if (doc.hasNonNull("description")) {
            h.append("<p>").append(esc(doc.path("description").asText())).append("</p>");
        }
        if (doc.has("numberMatched")) {
            h.append("<p>").append(doc.path("numberReturned").asLong()).append(" of ")
                    .append(doc.path("numberMatched").asLong()).append(" features</p>");
        }
        links(h, doc.path("links"));
        if (doc.has("collections")) {
            h.append("<h2>Collections</h2><ul>");
            for (JsonNode c : doc.path("collections")) {
                h.append("<li><a href=\"").append(esc(Ogc.ROOT + Ogc.COLLECTIONS + "/" + c.path("id").asText()))
                        .append("?f=html\">").append(esc(c.path("title").asText())).append("</a> (")
                        .append(esc(c.path("id").asText())).append(")</li>");
            }
            h.append("</ul>");
        }
        if (doc.has("conformsTo")) {
            h.append("<h2>Conformance classes</h2><ul>");
            for (JsonNode c : doc.path("conformsTo")) {
                h.append("<li>").append(esc(c.asText())).append("</li>");
            }
            h.append("</ul>");
        }
        if (doc.has("features")) {
            table(h, doc.path("features"));
        } else if ("Feature".equals(doc.path("type").asText())) {
            h.append("<table>");
            h.append("<tr><th>id</th><td>").append(esc(doc.path("id").asText())).append("</td></tr>");
            h.append("<tr><th>geometry</th><td>").append(esc(doc.path("geometry").path("type").asText())).append("</td></tr>");
            for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("properties").fields(); it.hasNext(); ) {
                var e = it.next();
                h.append("<tr><th>").append(esc(e.getKey())).append("</th><td>").append(esc(text(e.getValue()))).append("</td></tr>");
            }
            h.append("</table>");
        }
        return h.append("</body></html>").toString();
    }

    private static void links(StringBuilder h, JsonNode links) {
        if (!links.isArray() || links.isEmpty()) {
            return;
        }
        h.append("<h2>Links</h2><ul>");
        for (JsonNode l : links) {
            h.append("<li><a href=\"").append(esc(l.path("href").asText())).append("\">")
                    .append(esc(l.path("title").asText(l.path("rel").asText()))).append("</a> <small>(")
                    .append(esc(l.path("rel").asText())).append(", ").append(esc(l.path("type").asText())).append(")</small></li>");
        }
        h.append("</ul>");
    }

    private static void table(StringBuilder h, JsonNode features) {
        Set<String> columns = new LinkedHashSet<>();
        for (JsonNode f : features) {
            f.path("properties").fieldNames().forEachRemaining(columns::add);
        }
        h.append("<table><tr><th>id</th><th>geometry</th>");
        columns.forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
        h.append("</tr>");
        for (JsonNode f : features) {
            h.append("<tr><td>").append(esc(f.path("id").asText())).append("</td><td>")
                    .append(esc(f.path("geometry").path("type").asText())).append("</td>");
            for (String c : columns) {
                h.append("<td>").append(esc(text(f.path("properties").path(c)))).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</table>");
    }

    private static String text(JsonNode v) {
        return v.isMissingNode() || v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString();
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
