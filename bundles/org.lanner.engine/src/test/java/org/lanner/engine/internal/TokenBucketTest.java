package org.lanner.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    @Test
    void startsFullAndRefillsAtTheRate() {
        TokenBucket b = new TokenBucket(1.0, 2);
        long t = 1_000_000_000L;
        assertThat(b.claim(t)).isTrue();
        assertThat(b.claim(t)).isTrue();
        assertThat(b.claim(t)).isFalse();
        assertThat(b.claim(t + 500_000_000L)).isFalse();
        assertThat(b.claim(t + 1_000_000_000L)).isTrue();
        assertThat(b.claim(t + 10_000_000_000L)).isTrue();
        assertThat(b.claim(t + 10_000_000_000L)).isTrue();
        assertThat(b.claim(t + 10_000_000_000L)).as("never above max").isFalse();
    }
}
