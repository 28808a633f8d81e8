package projmap.ogc;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import projmap.geo.Geometries;

/**
 * A parser for the CQL2 text encoding (OGC 21-065) into a syntax tree: Basic CQL2 (comparisons,
 * AND/OR/NOT, IS NULL), the advanced comparison operators (LIKE, BETWEEN, IN) and S_INTERSECTS
 * with a WKT or BBOX literal. Keywords are case-insensitive; property names are identifiers or
 * double-quoted; strings are single-quoted with {@code ''} for a quote.
 *
 * <p>The tree is the only thing that leaves this class: nothing of the filter text is ever pasted
 * into SQL ({@link Cql2Sql} turns the tree into placeholders and bound values). Input is bounded
 * ({@value #MAX_LENGTH} characters, {@value #MAX_DEPTH} levels of nesting) so that a hostile filter
 * cannot exhaust the stack. Errors are {@link Cql2Exception}s with the position. Stateless;
 * {@link #parse} is thread-safe.
 */
public final class Cql2 {
    public static final int MAX_LENGTH = 10_000;
    public static final int MAX_DEPTH = 40;

    private Cql2() {
    }

    /** A filter that cannot be read, with the character offset where reading stopped. */
    public static final class Cql2Exception extends RuntimeException {
        private final int position;

        Cql2Exception(String message, int position) {
            super(message + " (at character " + (position + 1) + ")");
            this.position = position;
        }

        public int position() {
            return position;
        }
    }

    /** A boolean expression. */
    public sealed interface Expr permits And, Or, Not, Compare, Like, Between, In, IsNull, Intersects, BoolLiteral {
    }

    /** A scalar: a property or a literal value (String, BigDecimal, Boolean, LocalDate, Instant). */
    public sealed interface Operand permits Property, Literal {
    }

    public record Property(String name) implements Operand {
    }

    public record Literal(Object value) implements Operand {
    }

    public record And(List<Expr> terms) implements Expr {
    }

    public record Or(List<Expr> terms) implements Expr {
    }

    public record Not(Expr term) implements Expr {
    }

    public enum Op {
        EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

        final String sql;

        Op(String sql) {
            this.sql = sql;
        }
    }

    public record Compare(Operand left, Op op, Operand right) implements Expr {
    }

    public record Like(Operand value, String pattern, boolean negated) implements Expr {
    }

    public record Between(Operand value, Operand low, Operand high, boolean negated) implements Expr {
    }

    public record In(Operand value, List<Operand> list, boolean negated) implements Expr {
    }

    public record IsNull(Operand value, boolean negated) implements Expr {
    }

    public record Intersects(Property property, Geometry geometry) implements Expr {
    }

    public record BoolLiteral(boolean value) implements Expr {
    }

    public static Expr parse(String text) {
        if (text == null || text.isBlank()) {
            throw new Cql2Exception("the filter is empty", 0);
        }
        if (text.length() > MAX_LENGTH) {
            throw new Cql2Exception("the filter is longer than " + MAX_LENGTH + " characters", MAX_LENGTH);
        }
        Parser p = new Parser(text);
        Expr e = p.orExpr(0);
        p.skipSpace();
        if (p.pos < text.length()) {
            throw new Cql2Exception("unexpected '" + p.preview() + "' after a complete filter", p.pos);
        }
        return e;
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        Expr orExpr(int depth) {
            guard(depth);
            List<Expr> terms = new ArrayList<>();
            terms.add(andExpr(depth + 1));
            while (keyword("OR")) {
                terms.add(andExpr(depth + 1));
            }
            return terms.size() == 1 ? terms.get(0) : new Or(terms);
        }

        Expr andExpr(int depth) {
            guard(depth);
            List<Expr> terms = new ArrayList<>();
            terms.add(notExpr(depth + 1));
            while (keyword("AND")) {
                terms.add(notExpr(depth + 1));
            }
            return terms.size() == 1 ? terms.get(0) : new And(terms);
        }

        Expr notExpr(int depth) {
            guard(depth);
            if (keyword("NOT")) {
                return new Not(notExpr(depth + 1));
            }
            return primary(depth + 1);
        }

        Expr primary(int depth) {
            guard(depth);
            skipSpace();
            if (peek('(')) {
                pos++;
                Expr e = orExpr(depth + 1);
                expect(')');
                return e;
            }
            if (keyword("S_INTERSECTS")) {
                expect('(');
                Operand p = operand();
                if (!(p instanceof Property prop)) {
                    throw new Cql2Exception("S_INTERSECTS expects a geometry property first", pos);
                }
                expect(',');
                Geometry g = geometryLiteral();
                expect(')');
                return new Intersects(prop, g);
            }
            int start = pos;
            Operand left = operand();
            if (left instanceof Literal l && l.value() instanceof Boolean b && !startsPredicate()) {
                return new BoolLiteral(b);
            }
            boolean negated = keyword("NOT");
            if (keyword("LIKE")) {
                Operand pattern = operand();
                if (!(pattern instanceof Literal pl) || !(pl.value() instanceof String ps)) {
                    throw new Cql2Exception("LIKE expects a string pattern", pos);
                }
                return new Like(left, ps, negated);
            }
            if (keyword("BETWEEN")) {
                Operand low = operand();
                if (!keyword("AND")) {
                    throw new Cql2Exception("BETWEEN expects AND", pos);
                }
                return new Between(left, low, operand(), negated);
            }
            if (keyword("IN")) {
                expect('(');
                List<Operand> list = new ArrayList<>();
                do {
                    list.add(operand());
                    if (list.size() > 1000) {
                        throw new Cql2Exception("IN lists are limited to 1000 values", pos);
                    }
                } while (accept(','));
                expect(')');
                return new In(left, list, negated);
            }
            if (negated) {
                throw new Cql2Exception("NOT must be followed by LIKE, BETWEEN or IN here", pos);
            }
            if (keyword("IS")) {
                boolean not = keyword("NOT");
                if (!keyword("NULL")) {
                    throw new Cql2Exception("IS expects NULL or NOT NULL", pos);
                }
                return new IsNull(left, not);
            }
            Op op = comparison();
            if (op == null) {
                throw new Cql2Exception("expected a comparison (=, <>, <, <=, >, >=, LIKE, BETWEEN, IN, IS NULL) after '"
                        + s.substring(start, pos).trim() + "'", pos);
            }
            return new Compare(left, op, operand());
        }

        private boolean startsPredicate() {
            int save = pos;
            skipSpace();
            boolean p = pos < s.length() && "=<>".indexOf(s.charAt(pos)) >= 0;
            pos = save;
            return p;
        }

        Op comparison() {
            skipSpace();
            for (String t : new String[] {"<>", "<=", ">=", "=", "<", ">"}) {
                if (s.startsWith(t, pos)) {
                    pos += t.length();
                    return switch (t) {
                        case "<>" -> Op.NE;
                        case "<=" -> Op.LE;
                        case ">=" -> Op.GE;
                        case "=" -> Op.EQ;
                        case "<" -> Op.LT;
                        default -> Op.GT;
                    };
                }
            }
            return null;
        }

        Operand operand() {
            skipSpace();
            if (pos >= s.length()) {
                throw new Cql2Exception("the filter ends where a value was expected", pos);
            }
            char c = s.charAt(pos);
            if (c == '\'') {
                return new Literal(string());
            }
            if (c == '"') {
                int end = s.indexOf('"', pos + 1);
                if (end < 0) {
                    throw new Cql2Exception("unterminated quoted property name", pos);
                }
                String name = s.substring(pos + 1, end);
                pos = end + 1;
                return new Property(name);
            }
            if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
                int start = pos++;
                while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || ".eE+-".indexOf(s.charAt(pos)) >= 0)) {
                    pos++;
                }
                try {
                    return new Literal(new BigDecimal(s.substring(start, pos)));
                } catch (NumberFormatException e) {
                    throw new Cql2Exception("'" + s.substring(start, pos) + "' is not a number", start);
                }
            }
            if (Character.isLetter(c) || c == '_') {
                int start = pos;
                while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_'
                        || s.charAt(pos) == '.' || s.charAt(pos) == ':')) {
                    pos++;
                }
                String word = s.substring(start, pos);
                String upper = word.toUpperCase(Locale.ROOT);
                switch (upper) {
                    case "TRUE":
                        return new Literal(Boolean.TRUE);
                    case "FALSE":
                        return new Literal(Boolean.FALSE);
                    case "DATE":
                        return new Literal(temporal(true));
                    case "TIMESTAMP":
                        return new Literal(temporal(false));
                    case "AND", "OR", "NOT", "LIKE", "BETWEEN", "IN", "IS", "NULL":
                        throw new Cql2Exception("expected a value, found the keyword " + upper, start);
                    default:
                        return new Property(word);
                }
            }
            throw new Cql2Exception("unexpected '" + c + "'", pos);
        }

        private Object temporal(boolean date) {
            expect('(');
            skipSpace();
            int at = pos;
            String text = string();
            expect(')');
            try {
                return date ? LocalDate.parse(text) : Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new Cql2Exception("'" + text + "' is not an ISO-8601 " + (date ? "date" : "timestamp"), at);
            }
        }

        private String string() {
            StringBuilder out = new StringBuilder();
            int start = pos;
            pos++;   // the opening quote
            while (true) {
                if (pos >= s.length()) {
                    throw new Cql2Exception("unterminated string", start);
                }
                char c = s.charAt(pos++);
                if (c == '\'') {
                    if (pos < s.length() && s.charAt(pos) == '\'') {
                        out.append('\'');
                        pos++;
                    } else {
                        return out.toString();
                    }
                } else {
                    out.append(c);
                }
            }
        }

        private Geometry geometryLiteral() {
            skipSpace();
            int start = pos;
            if (keyword("BBOX")) {
                expect('(');
                List<BigDecimal> v = new ArrayList<>();
                do {
                    Operand o = operand();
                    if (!(o instanceof Literal l) || !(l.value() instanceof BigDecimal d)) {
                        throw new Cql2Exception("BBOX expects four numbers", pos);
                    }
                    v.add(d);
                } while (accept(','));
                expect(')');
                if (v.size() != 4) {
                    throw new Cql2Exception("BBOX expects four numbers (minLon, minLat, maxLon, maxLat)", start);
                }
                return Geometries.FACTORY.toGeometry(new org.locationtech.jts.geom.Envelope(
                        v.get(0).doubleValue(), v.get(2).doubleValue(), v.get(1).doubleValue(), v.get(3).doubleValue()));
            }
            // a WKT literal: a word and a balanced parenthesised body
            while (pos < s.length() && Character.isLetter(s.charAt(pos))) {
                pos++;
            }
            skipSpace();
            if (!peek('(')) {
                throw new Cql2Exception("expected a WKT geometry or BBOX(...)", start);
            }
            int depth = 0;
            do {
                char c = s.charAt(pos++);
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                }
            } while (depth > 0 && pos < s.length());
            if (depth != 0) {
                throw new Cql2Exception("unbalanced parentheses in the geometry", start);
            }
            try {
                Geometry g = new WKTReader(Geometries.FACTORY).read(s.substring(start, pos));
                g.setSRID(projmap.store.Dialect.SRID);
                return g;
            } catch (ParseException | IllegalArgumentException e) {
                // JTS reports an unclosed or too short ring as an IllegalArgumentException
                throw new Cql2Exception("unreadable WKT geometry: " + e.getMessage(), start);
            }
        }

        private boolean keyword(String word) {
            skipSpace();
            int end = pos + word.length();
            if (end <= s.length() && s.regionMatches(true, pos, word, 0, word.length())
                    && (end == s.length() || !(Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_'))) {
                pos = end;
                return true;
            }
            return false;
        }

        private boolean peek(char c) {
            return pos < s.length() && s.charAt(pos) == c;
        }

        private boolean accept(char c) {
            skipSpace();
            if (peek(c)) {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!accept(c)) {
                throw new Cql2Exception("expected '" + c + "'" + (pos < s.length() ? " but found '" + preview() + "'" : " but the filter ended"), pos);
            }
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        String preview() {
            return s.substring(pos, Math.min(s.length(), pos + 20));
        }

        private void guard(int depth) {
            if (depth > MAX_DEPTH * 4) {
                throw new Cql2Exception("the filter nests deeper than " + MAX_DEPTH + " levels", pos);
            }
        }
    }
}
