package org.lanner.filter;

import java.util.Objects;

import org.lanner.api.extract.FieldAccessor;

/**
 * A field reference bound to its accessor and to the {@link EvalContext} slot that caches its value
 * during the evaluation of one event (see {@link FieldSlots}).
 */
public record FieldBinding(FieldAccessor accessor, int slot) {

    public FieldBinding {
        Objects.requireNonNull(accessor, "accessor");
    }
}
