package org.lanner.common;

/**
 * Falco's token bucket ({@code token_bucket.cpp}): it starts full, gains {@code rate} tokens per
 * second up to {@code maxTokens}, and every claim takes one. The clock is the caller's: the output
 * rate limit passes a monotonic clock, the drop monitor the events' own time. Not thread-safe: callers
 * that share one bucket between threads synchronize around {@link #claim(long)}.
 */
public final class TokenBucket {

    private final double rate;
    private final double maxTokens;
    private double tokens;
    private long lastNanos;
    private boolean started;

    /**
     * @param rate tokens gained per second (0: none after the first {@code maxTokens})
     * @param maxTokens the bucket's size, which it starts with
     */
    public TokenBucket(double rate, double maxTokens) {
        this.rate = rate;
        this.maxTokens = maxTokens;
        this.tokens = maxTokens;
    }

    /**
     * Takes one token at time {@code nowNanos} (any clock in nanoseconds that does not go back;
     * a time before the previous claim counts as no time passed).
     *
     * @return false when the bucket is empty
     */
    public boolean claim(long nowNanos) {
        if (started && nowNanos > lastNanos) {
            tokens = Math.min(maxTokens, tokens + rate * (nowNanos - lastNanos) / 1e9);
        }
        if (!started || nowNanos > lastNanos) {
            lastNanos = nowNanos;
        }
        started = true;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
