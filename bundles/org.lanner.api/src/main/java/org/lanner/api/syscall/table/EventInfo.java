package org.lanner.api.syscall.table;

import java.util.List;

/**
 * One entry of the event table.
 *
 * @param id the event type id
 * @param name the event name ({@code evt.type}), shared by all versions of a system call
 * @param enter true for enter events (even ids, direction "&gt;"), false for exit events
 * @param category the category
 * @param flags {@link EventFlags} bits
 * @param params the parameters of the newest known shape of the event
 */
public record EventInfo(int id, String name, boolean enter, EventCategory category, int flags, List<ParamInfo> params) {

    public EventInfo {
        params = List.copyOf(params);
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** Parameter lengths of this event are u32. */
    public boolean largePayload() {
        return has(EventFlags.LARGE_PAYLOAD);
    }

    /** The index of the parameter named {@code param}, or -1. */
    public int paramIndex(String param) {
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i).name().equals(param)) {
                return i;
            }
        }
        return -1;
    }
}
