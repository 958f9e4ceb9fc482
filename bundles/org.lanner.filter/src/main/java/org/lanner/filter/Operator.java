package org.lanner.filter;

import java.util.Optional;

/** The comparison operators of the condition language. */
public enum Operator {
    EQ("="), EQEQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="),
    CONTAINS("contains"), ICONTAINS("icontains"), STARTSWITH("startswith"), ENDSWITH("endswith"),
    GLOB("glob"), PMATCH("pmatch"), IN("in"), INTERSECTS("intersects"), EXISTS("exists");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    /** The operator as written in conditions. */
    public String symbol() {
        return symbol;
    }

    /** True for the operators whose right side is a list of values ({@code in}, {@code intersects}, {@code pmatch}). */
    public boolean takesList() {
        return this == IN || this == INTERSECTS || this == PMATCH;
    }

    /** True for {@code exists}, which takes no value. */
    public boolean isUnary() {
        return this == EXISTS;
    }

    /** True for {@code =} and {@code ==}. */
    public boolean isEquality() {
        return this == EQ || this == EQEQ;
    }

    /** The operator written as {@code symbol}, if any. */
    public static Optional<Operator> of(String symbol) {
        for (Operator op : values()) {
            if (op.symbol.equals(symbol)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return symbol;
    }
}
