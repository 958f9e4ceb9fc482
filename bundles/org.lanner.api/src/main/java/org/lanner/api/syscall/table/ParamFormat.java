package org.lanner.api.syscall.table;

/** How a parameter is printed (libscap's {@code PF_*}). */
public enum ParamFormat {
    NA, DEC, HEX, OCT
}
