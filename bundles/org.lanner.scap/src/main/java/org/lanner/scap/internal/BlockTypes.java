package org.lanner.scap.internal;

/** Block type ids of libscap capture files and what the reader needs to know about them. */
final class BlockTypes {

    static final int SHB = 0x0A0D0D0A;
    static final int SHB_MAGIC = 0x1A2B3C4D;
    static final int SHB_MAGIC_SWAPPED = 0x4D3C2B1A;
    static final int SHB_LENGTH = 28;
    static final int MAJOR_VERSION = 1;
    static final int MINOR_VERSION = 2;

    static final int MI = 0x201;
    static final int MI_INT = 0x8002ABCD;

    static final int PL_V1 = 0x202;
    static final int PL_V1_INT = 0x8000ABCD;
    static final int PL_V2 = 0x207;
    static final int PL_V2_INT = 0x8013ABCD;
    static final int PL_V3 = 0x209;
    static final int PL_V3_INT = 0x8014ABCD;
    static final int PL_V4 = 0x210;
    static final int PL_V5 = 0x211;
    static final int PL_V6 = 0x212;
    static final int PL_V7 = 0x213;
    static final int PL_V8 = 0x214;
    static final int PL_V9 = 0x215;

    static final int FDL = 0x203;
    static final int FDL_INT = 0x8001ABCD;
    static final int FDL_V2 = 0x218;

    static final int EV = 0x204;
    static final int EV_INT = 0x8010ABCD;
    static final int EV_V2 = 0x216;
    static final int EV_V2_LARGE = 0x221;
    static final int EVF = 0x208;
    static final int EVF_V2 = 0x217;
    static final int EVF_V2_LARGE = 0x222;

    static final int IL = 0x205;
    static final int IL_INT = 0x8011ABCD;
    static final int IL_V2 = 0x219;

    static final int UL = 0x206;
    static final int UL_INT = 0x8012ABCD;
    static final int UL_V2 = 0x220;

    /** Dump flags of EVF blocks. */
    static final int DF_STATE_ONLY = 1;
    static final int DF_TRACER = 2;

    /** Largest body (cpu id, flags, event, padding and trailer) of a non-large event block. */
    static final int MAX_SMALL_EVENT_BODY = 65536;

    private BlockTypes() {
    }

    /** The process-list version (1..9) of a PL block type, or 0 when it is not one. */
    static int processListVersion(int type) {
        return switch (type) {
            case PL_V1, PL_V1_INT -> 1;
            case PL_V2, PL_V2_INT -> 2;
            case PL_V3, PL_V3_INT -> 3;
            case PL_V4 -> 4;
            case PL_V5 -> 5;
            case PL_V6 -> 6;
            case PL_V7 -> 7;
            case PL_V8 -> 8;
            case PL_V9 -> 9;
            default -> 0;
        };
    }

    static boolean isEvent(int type) {
        return switch (type) {
            case EV, EV_INT, EV_V2, EV_V2_LARGE, EVF, EVF_V2, EVF_V2_LARGE -> true;
            default -> false;
        };
    }

    /** Event blocks whose record header carries the parameter count (26 bytes). */
    static boolean isV2Event(int type) {
        return type == EV_V2 || type == EV_V2_LARGE || type == EVF_V2 || type == EVF_V2_LARGE;
    }

    /** Event blocks with 32 bits of dump flags after the cpu id. */
    static boolean hasDumpFlags(int type) {
        return type == EVF || type == EVF_V2 || type == EVF_V2_LARGE;
    }

    static boolean isLargeEvent(int type) {
        return type == EV_V2_LARGE || type == EVF_V2_LARGE;
    }

    /** A short description for messages: {@code event block 0x216}. */
    static String describe(int type) {
        String kind;
        if (type == SHB) {
            kind = "section header block";
        } else if (type == MI || type == MI_INT) {
            kind = "machine info block";
        } else if (processListVersion(type) > 0) {
            kind = "process list block";
        } else if (type == FDL || type == FDL_INT || type == FDL_V2) {
            kind = "fd list block";
        } else if (isEvent(type)) {
            kind = "event block";
        } else if (type == IL || type == IL_INT || type == IL_V2) {
            kind = "interface list block";
        } else if (type == UL || type == UL_INT || type == UL_V2) {
            kind = "user list block";
        } else {
            kind = "block";
        }
        return kind + " 0x" + Integer.toHexString(type).toUpperCase(java.util.Locale.ROOT);
    }
}
