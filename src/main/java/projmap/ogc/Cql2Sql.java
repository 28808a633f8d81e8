package projmap.ogc;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import projmap.projects.ProjectStore.Queryable;
import projmap.store.Dialect;
import projmap.store.SqlFilter;

/**
 * Compiles a {@link Cql2} syntax tree into a {@link SqlFilter} against one collection's
 * queryables. The SQL text consists only of whitelisted column names, fixed operators and
 * {@code ?}; each literal becomes a bound parameter, coerced to the type of the property it is
 * compared with (a number compared with a text column is a 400, not a database error). A property
 * that is not queryable is a {@link Cql2.Cql2Exception} naming it. Thread-safe.
 */
final class Cql2Sql {
    private final Map<String, Queryable> queryables;
    private final Dialect dialect;

    Cql2Sql(Map<String, Queryable> queryables, Dialect dialect) {
        this.queryables = queryables;
        this.dialect = dialect;
    }

    SqlFilter compile(Cql2.Expr e) {
        List<Object> params = new ArrayList<>();
        String sql = expr(e, params);
        return new SqlFilter(sql, params);
    }

    private String expr(Cql2.Expr e, List<Object> params) {
        if (e instanceof Cql2.And a) {
            return join(a.terms(), " AND ", params);
        } else if (e instanceof Cql2.Or o) {
            return join(o.terms(), " OR ", params);
        } else if (e instanceof Cql2.Not n) {
            return "NOT (" + expr(n.term(), params) + ")";
        } else if (e instanceof Cql2.BoolLiteral b) {
            return b.value() ? "1 = 1" : "1 = 0";
        } else if (e instanceof Cql2.Compare c) {
            String type = typeOf(c.left(), c.right());
            return operand(c.left(), type, params) + " " + c.op().sql + " " + operand(c.right(), type, params);
        } else if (e instanceof Cql2.Like l) {
            String type = typeOf(l.value(), null);
            if (!"string".equals(type)) {
                throw new Cql2.Cql2Exception("LIKE needs a text property", 0);
            }
            String left = operand(l.value(), type, params);
            params.add(l.pattern());
            return left + (l.negated() ? " NOT" : "") + " LIKE ? ESCAPE '\\'";
        } else if (e instanceof Cql2.Between b) {
            String type = typeOf(b.value(), b.low());
            return operand(b.value(), type, params) + (b.negated() ? " NOT" : "") + " BETWEEN "
                    + operand(b.low(), type, params) + " AND " + operand(b.high(), type, params);
        } else if (e instanceof Cql2.In in) {
            String type = typeOf(in.value(), in.list().get(0));
            StringBuilder sb = new StringBuilder(operand(in.value(), type, params)).append(in.negated() ? " NOT IN (" : " IN (");
            for (int i = 0; i < in.list().size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(operand(in.list().get(i), type, params));
            }
            return sb.append(")").toString();
        } else if (e instanceof Cql2.IsNull n) {
            return operand(n.value(), typeOf(n.value(), null), params) + (n.negated() ? " IS NOT NULL" : " IS NULL");
        } else if (e instanceof Cql2.Intersects i) {
            if (!Ogc.GEOMETRY_PROPERTY.equals(i.property().name())) {
                throw new Cql2.Cql2Exception("S_INTERSECTS works on the property '" + Ogc.GEOMETRY_PROPERTY + "'", 0);
            }
            // the && prefilter lets both stores use their spatial index before the exact test
            params.add(i.geometry());
            params.add(i.geometry());
            return "(geom && " + dialect.geometryParam() + " AND ST_Intersects(geom, " + dialect.geometryParam() + "))";
        }
        throw new IllegalStateException("unhandled CQL2 node " + e);
    }

    private String join(List<Cql2.Expr> terms, String op, List<Object> params) {
        List<String> parts = new ArrayList<>();
        for (Cql2.Expr t : terms) {
            parts.add("(" + expr(t, params) + ")");
        }
        return String.join(op, parts);
    }

    /** The type a comparison works in: that of its property side (literal-only comparisons are typed by the literal). */
    private String typeOf(Cql2.Operand a, Cql2.Operand b) {
        for (Cql2.Operand o : new Cql2.Operand[] {a, b}) {
            if (o instanceof Cql2.Property p) {
                return queryable(p).type();
            }
        }
        Object v = ((Cql2.Literal) a).value();
        return v instanceof BigDecimal ? "number" : v instanceof LocalDate ? "date" : v instanceof Instant ? "timestamp" : "string";
    }

    private Queryable queryable(Cql2.Property p) {
        Queryable q = queryables.get(p.name());
        if (q == null) {
            throw new Cql2.Cql2Exception("unknown property '" + p.name() + "'; queryable: " + String.join(", ", queryables.keySet()), 0);
        }
        return q;
    }

    private String operand(Cql2.Operand o, String type, List<Object> params) {
        if (o instanceof Cql2.Property p) {
            Queryable q = queryable(p);
            if (!compatible(q.type(), type)) {
                throw new Cql2.Cql2Exception("'" + p.name() + "' is a " + q.type() + " and cannot be compared with a " + type, 0);
            }
            return q.column();
        }
        params.add(coerce(((Cql2.Literal) o).value(), type));
        return "?";
    }

    private static boolean compatible(String a, String b) {
        return a.equals(b) || (isNumeric(a) && isNumeric(b));
    }

    private static boolean isNumeric(String t) {
        return t.equals("number") || t.equals("integer");
    }

    private static Object coerce(Object v, String type) {
        try {
            switch (type) {
                case "string":
                    if (v instanceof String) {
                        return v;
                    }
                    break;
                case "integer":
                    if (v instanceof BigDecimal d) {
                        return d.longValueExact();
                    }
                    break;
                case "number":
                    if (v instanceof BigDecimal d) {
                        return d;
                    }
                    break;
                case "date":
                    if (v instanceof LocalDate) {
                        return v;
                    }
                    if (v instanceof String s) {
                        return LocalDate.parse(s);
                    }
                    break;
                default:
                    break;
            }
        } catch (ArithmeticException | DateTimeParseException e) {
            // reported below
        }
        throw new Cql2.Cql2Exception("the value " + (v instanceof String ? "'" + v + "'" : String.valueOf(v))
                + " is not a " + type, 0);
    }
}
