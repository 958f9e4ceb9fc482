package org.lanner.common;

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

    @Test
    void burstThenRateAsFalco() {
        long now = 1_000_000_000L;
        TokenBucket b = new TokenBucket(1, 1000);
        int claimed = 0;
        for (int i = 0; i < 1500; i++) {
            if (b.claim(now)) {
                claimed++;
            }
        }
        assertThat(claimed).isEqualTo(1000);
        now += 999_000_000L;
        assertThat(b.claim(now)).isFalse();
        now += 1_000_000L;
        assertThat(b.claim(now)).as("one token per second").isTrue();
        assertThat(b.claim(now)).isFalse();
        now += 5_000_000_000_000L;
        claimed = 0;
        while (b.claim(now)) {
            claimed++;
        }
        assertThat(claimed).as("capped at max_burst").isEqualTo(1000);
    }

    @Test
    void fractionalRates() {
        TokenBucket b = new TokenBucket(0.5, 1);
        assertThat(b.claim(0)).isTrue();
        assertThat(b.claim(1_500_000_000L)).isFalse();
        assertThat(b.claim(2_000_000_000L)).isTrue();
    }

    @Test
    void timeGoingBackGivesNothingAndIsNotCountedTwice() {
        TokenBucket b = new TokenBucket(1, 1);
        assertThat(b.claim(10_000_000_000L)).isTrue();
        assertThat(b.claim(9_000_000_000L)).as("earlier event time: no refill").isFalse();
        assertThat(b.claim(10_500_000_000L)).as("half a second after the latest time seen").isFalse();
        assertThat(b.claim(11_000_000_000L)).isTrue();
    }

    @Test
    void rateZeroGivesOnlyTheFirstBurst() {
        TokenBucket b = new TokenBucket(0, 2);
        assertThat(b.claim(0)).isTrue();
        assertThat(b.claim(0)).isTrue();
        assertThat(b.claim(Long.MAX_VALUE / 2)).isFalse();
    }
}
