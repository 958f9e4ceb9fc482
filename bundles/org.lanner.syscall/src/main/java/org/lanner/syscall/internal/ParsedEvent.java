package org.lanner.syscall.internal;

import org.lanner.api.event.Event;

/**
 * The event being parsed, as libsinsp's {@code sinsp_evt} carries it through the parser: its number
 * and time, the thread it belongs to ({@code m_tinfo}), the descriptor it refers to
 * ({@code m_fdinfo}, with the table and number it sits at), and what the parser decided about it.
 * {@link SyscallState} fills one instance per stream at the start of each event and hands it to the
 * handlers, which read and update it; nothing keeps it beyond the event. Used by the parser thread
 * only.
 */
final class ParsedEvent {

    /** Enter events longer than this are not kept (libsinsp SP_EVT_BUF_SIZE). */
    static final int MAX_ENTER = 4096;

    /** The event's number in the stream (the version its thread changes get). */
    long num;
    long ts;
    /** The slot of the event's thread, or null (libsinsp's m_tinfo). */
    TidSlot slot;
    /** The live version of the event's thread, kept current as the parser changes it. */
    ThreadInfo tinfo;
    /** The event's descriptor, or null (libsinsp's m_fdinfo). */
    FdInfo fdinfo;
    /** The slot whose fd table holds {@link #fdinfo}. */
    TidSlot fdTable;
    /** The descriptor number of {@link #fdinfo}. */
    long fdKey;
    /** The descriptor's name before the event ({@code fd.name_changed}). */
    String fdOldName;
    /** The thread of a container event (libsinsp builds one for it), or null. */
    ThreadInfo synthetic;
    /** libsinsp would hide the event from rules. */
    boolean filteredOut;

    /** The view the stored enter event of an exit is read through (libsinsp's temporary event). */
    private final RecordView enter = new RecordView();

    /** Forgets what the previous event found, before the new one is parsed. */
    void clear() {
        slot = null;
        tinfo = null;
        fdinfo = null;
        fdTable = null;
        fdKey = -1;
        fdOldName = null;
        synthetic = null;
        filteredOut = false;
    }

    /** Keeps a copy of the enter event for the exit (libsinsp store_event). */
    void storeEvent(Event e) {
        if (slot == null || tinfo == null) {
            return;
        }
        int len = e.length();
        if (len > MAX_ENTER) {
            return;
        }
        if (slot.enterData == null || slot.enterData.length < len) {
            slot.enterData = new byte[Math.max(len, 64)];
        }
        e.buffer().get(e.offset(), slot.enterData, 0, len);
        slot.enterLength = len;
        slot.enterCpu = e.cpu();
        slot.hasEnter = true;
    }

    /** The stored enter event of an exit (libsinsp retrieve_enter_event), or null. */
    RecordView enterOf(Event exit) {
        if (slot == null || tinfo == null || !slot.enterValid || !slot.hasEnter) {
            return null;
        }
        RecordView v = enter.wrap(slot.enterData, slot.enterLength);
        if (v.type() != exit.type() - 1) {
            slot.enterValid = false;
            return null;
        }
        return v;
    }
}
