package projmap.projects;

import java.util.Optional;

/**
 * A code list of the register (category, status, funding mode, land procedure): each entry has a
 * stable code used in URLs, files and filters, and its names in Chinese and English.
 */
public interface CodeList {
    String code();

    String zh();

    String en();

    /** The entry with {@code code} among {@code values}, if any (codes are case-sensitive). */
    static <E extends CodeList> Optional<E> find(E[] values, String code) {
        for (E e : values) {
            if (e.code().equals(code)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
