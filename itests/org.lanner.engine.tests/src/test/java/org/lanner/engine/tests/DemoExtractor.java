package org.lanner.engine.tests;

import java.util.List;
import java.util.Set;

import org.lanner.api.event.Event;
import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.FieldBindException;
import org.lanner.api.extract.FieldExtractor;
import org.lanner.api.extract.FieldInfo;
import org.lanner.api.extract.FieldType;
import org.lanner.api.extract.ValueHolder;

/** The field "demo.value" of demo events: their u64 parameter. */
final class DemoExtractor implements FieldExtractor {

    @Override
    public String fieldClass() {
        return "demo";
    }

    @Override
    public Set<String> sources() {
        return Set.of(DemoSource.NAME);
    }

    @Override
    public List<FieldInfo> fields() {
        return List.of(FieldInfo.of("demo.value", FieldType.UINT64, "the counter of a demo event"));
    }

    @Override
    public FieldAccessor bind(String field, String argument) throws FieldBindException {
        if (argument != null) {
            throw new FieldBindException("demo.value takes no argument");
        }
        return new FieldAccessor() {
            @Override
            public FieldType type() {
                return FieldType.UINT64;
            }

            @Override
            public boolean extract(Event event, ValueHolder out) {
                if (event.paramLength(0) != 8) {
                    return false;
                }
                out.setLong(event.buffer().getLong(event.paramOffset(0)));
                return true;
            }
        };
    }
}
