package projmap.checks;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** The words of a site report's verdicts, one enum per question (DESIGN.md, "Site-check semantics"). */
public final class Verdicts {
    private Verdicts() {
    }

    /** Where a site lies against a boundary layer. */
    public enum Boundary {
        INSIDE, PARTIAL, OUTSIDE;

        @JsonValue
        public String code() {
            return name().toLowerCase();
        }
    }

    /** Whether a site takes land of a restriction layer beyond the tolerance. */
    public enum Restriction {
        CONFLICT, CLEAR;

        @JsonValue
        public String code() {
            return name().toLowerCase();
        }
    }

    /** How a land-use class fits a project category (see {@link CompatibilityMatrix}). */
    public enum Compatibility {
        COMPATIBLE, CONDITIONAL, INCOMPATIBLE;

        @JsonValue
        public String code() {
            return name().toLowerCase();
        }
    }

    /** The overall verdict, worst first. */
    public enum Overall {
        FAIL, WARN, PASS;

        @JsonValue
        public String code() {
            return name().toLowerCase();
        }

        public static Optional<Overall> byCode(String code) {
            return Arrays.stream(values()).filter(v -> v.code().equals(code)).findFirst();
        }

        public Overall worst(Overall other) {
            return ordinal() <= other.ordinal() ? this : other;
        }
    }

    /** How much a reason weighs: it decides the verdict ({@code fail}, {@code warn}) or only informs. */
    public enum Level {
        FAIL, WARN, INFO;

        @JsonValue
        public String code() {
            return name().toLowerCase();
        }
    }
}
