package org.lanner.filter;

import java.util.List;

/**
 * Gives the parser the lists a condition may name. A bare value that names a list is replaced by
 * the list's items (as Falco substitutes lists into conditions).
 */
@FunctionalInterface
public interface ListLookup {

    /** No lists. */
    ListLookup NONE = name -> null;

    /**
     * The items of the list called {@code name} (nested lists already expanded), or null when no
     * list has that name. Items are taken as Falco inserts them into a condition: an item with a
     * space that is not quoted is one literal value; otherwise it is read as a value, quoted or bare.
     */
    List<String> items(String name);
}
