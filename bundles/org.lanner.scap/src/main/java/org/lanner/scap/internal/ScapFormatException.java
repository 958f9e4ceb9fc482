package org.lanner.scap.internal;

import java.io.IOException;

/**
 * A capture file is not what the format allows. Carries where: the offset of the block (in the
 * uncompressed byte stream) and its type, which {@link #describeIn(String)} turns into the message
 * the user sees, e.g. {@code capture.scap: offset 1234: event block 0x216: length 70000 exceeds ...}.
 */
final class ScapFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Block type for problems that belong to no block (e.g. the file's first bytes). */
    static final int NO_BLOCK = -1;

    private final long offset;
    private final int blockType;
    private final String detail;

    ScapFormatException(long offset, int blockType, String detail) {
        super(detail);
        this.offset = offset;
        this.blockType = blockType;
        this.detail = detail;
    }

    ScapFormatException(long offset, int blockType, String detail, Throwable cause) {
        super(detail, cause);
        this.offset = offset;
        this.blockType = blockType;
        this.detail = detail;
    }

    long offset() {
        return offset;
    }

    int blockType() {
        return blockType;
    }

    String detail() {
        return detail;
    }

    /** The message for the user, prefixed with the capture's name. */
    String describeIn(String file) {
        StringBuilder sb = new StringBuilder(file).append(": offset ").append(offset).append(": ");
        if (blockType != NO_BLOCK) {
            sb.append(BlockTypes.describe(blockType)).append(": ");
        }
        return sb.append(detail).toString();
    }

    @Override
    public String getMessage() {
        return describeIn("capture");
    }
}
