package org.lanner.engine.internal;

/** Falco's token bucket: starts full, refills at {@code rate} tokens per second up to {@code max}. */
final class TokenBucket {

    private final double rate;
    private final double max;
    private double tokens;
    private long lastNanos = -1;

    TokenBucket(double rate, double max) {
        this.rate = rate;
        this.max = max;
        this.tokens = max;
    }

    /** Takes one token at time {@code nowNanos} (any monotonic or event clock); false when empty. */
    boolean claim(long nowNanos) {
        if (lastNanos >= 0 && nowNanos > lastNanos) {
            tokens = Math.min(max, tokens + rate * (nowNanos - lastNanos) / 1e9);
        }
        lastNanos = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
