package org.lanner.output.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    @Test
    void burstThenRateAsFalco() {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        TokenBucket b = new TokenBucket(1, 1000, now::get);
        int claimed = 0;
        for (int i = 0; i < 1500; i++) {
            if (b.claim()) {
                claimed++;
            }
        }
        assertThat(claimed).isEqualTo(1000);
        now.addAndGet(999_000_000L);
        assertThat(b.claim()).isFalse();
        now.addAndGet(1_000_000L);
        assertThat(b.claim()).as("one token per second").isTrue();
        assertThat(b.claim()).isFalse();
        now.addAndGet(5_000_000_000_000L);
        claimed = 0;
        while (b.claim()) {
            claimed++;
        }
        assertThat(claimed).as("capped at max_burst").isEqualTo(1000);
    }

    @Test
    void fractionalRates() {
        AtomicLong now = new AtomicLong();
        TokenBucket b = new TokenBucket(0.5, 1, now::get);
        assertThat(b.claim()).isTrue();
        now.addAndGet(1_500_000_000L);
        assertThat(b.claim()).isFalse();
        now.addAndGet(500_000_000L);
        assertThat(b.claim()).isTrue();
    }

    @Test
    void rateZeroIsOff() {
        TokenBucket b = new TokenBucket(0, 0, () -> 0);
        assertThat(b.enabled()).isFalse();
        assertThat(b.claim()).isTrue();
    }
}
