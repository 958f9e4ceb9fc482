package org.lanner.output.core.internal;

import java.util.function.LongSupplier;

/**
 * Falco's notification token bucket ({@code outputs.rate}, {@code outputs.max_burst}): it starts full,
 * gains {@code rate} tokens per second up to {@code maxTokens}, and each alert claims one. A rate of 0
 * disables it (later Falco's meaning; in 0.30 it froze the bucket after the first burst).
 */
public final class TokenBucket {

    private final double rate;
    private final double maxTokens;
    private final LongSupplier nanoClock;
    private double tokens;
    private long lastSeen;

    public TokenBucket(double rate, double maxTokens, LongSupplier nanoClock) {
        this.rate = rate;
        this.maxTokens = maxTokens;
        this.nanoClock = nanoClock;
        this.tokens = maxTokens;
        this.lastSeen = nanoClock.getAsLong();
    }

    /** True when rate limiting is on. */
    public boolean enabled() {
        return rate > 0;
    }

    /** Claims one token; false when none is left. */
    public synchronized boolean claim() {
        if (rate <= 0) {
            return true;
        }
        long now = nanoClock.getAsLong();
        tokens = Math.min(maxTokens, tokens + rate * ((now - lastSeen) / 1e9));
        lastSeen = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
