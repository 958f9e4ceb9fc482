package org.lanner.rules.internal;

import java.util.HashMap;
import java.util.Map;

import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.FieldBindException;
import org.lanner.filter.FieldBinding;
import org.lanner.filter.FieldSlots;
import org.lanner.rules.FieldResolver;
import org.lanner.rules.UnknownFieldException;

/**
 * Resolves field references once per (source, field, argument) and gives each distinct reference
 * its slot, so that every rule using {@code proc.name} shares one accessor and one cached value.
 */
public final class Bindings {

    private record Key(String source, String name, String argument) {
    }

    private final FieldResolver resolver;
    private final FieldSlots slots = new FieldSlots();
    private final Map<Key, Object> cache = new HashMap<>();

    public Bindings(FieldResolver resolver) {
        this.resolver = resolver;
    }

    public FieldSlots slots() {
        return slots;
    }

    public FieldBinding bind(String source, String name, String argument) throws FieldBindException {
        Key key = new Key(source, name, argument);
        Object cached = cache.get(key);
        if (cached == null) {
            try {
                FieldAccessor a = resolver.resolve(source, name, argument);
                if (a == null) {
                    throw new UnknownFieldException("unknown field '" + text(name, argument) + "'");
                }
                cached = new FieldBinding(a, slots.slot(key));
            } catch (FieldBindException e) {
                cached = e;
            } catch (RuntimeException e) {
                cached = new FieldBindException("cannot bind field '" + text(name, argument) + "': " + e);
            }
            cache.put(key, cached);
        }
        if (cached instanceof UnknownFieldException u) {
            throw new UnknownFieldException(u.getMessage());
        }
        if (cached instanceof FieldBindException f) {
            throw new FieldBindException(f.getMessage());
        }
        return (FieldBinding) cached;
    }

    /** Whether the field is known for the source (exception field validation). */
    public boolean known(String source, String name, String argument) {
        try {
            bind(source, name, argument);
            return true;
        } catch (UnknownFieldException e) {
            return false;
        } catch (FieldBindException e) {
            return true;
        }
    }

    static String text(String name, String argument) {
        return argument == null ? name : name + "[" + argument + "]";
    }
}
