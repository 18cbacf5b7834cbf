package io.pvebench.proxmox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ClusterClockTest {

    /** A wall clock a test moves by hand. */
    private static final class ManualClock extends Clock {
        private final AtomicReference<Instant> now;

        ManualClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    /** A cluster whose nodes' clocks read {@code clusterNow}, and whose read takes {@code readTime} of wall time. */
    private static ClusterPort clusterReading(Instant clusterNow, ManualClock wall, Duration readTime) {
        return new ClusterPort() {
            @Override
            public List<String> nodes() {
                return List.of("pve1");
            }

            @Override
            public PveVersion version(String node) {
                throw new UnsupportedOperationException();
            }

            @Override
            public ClusterStatus status() {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<ClusterResource> resources() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Instant time(String node) {
                wall.advance(readTime.dividedBy(2));
                Instant at = clusterNow;
                wall.advance(readTime.dividedBy(2));
                return at;
            }

            @Override
            public String resourcesJson() {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void aClusterClockReadOverSshTakesUpTheSkewAndRunsAtItsPace() {
        ManualClock wall = new ManualClock(Instant.parse("2026-11-25T10:00:00Z"));
        Instant clusterNow = Instant.parse("2026-11-25T10:00:03.500Z"); // the cluster runs 3.5 s ahead

        ClusterClock clock = ClusterClock.readFrom(clusterReading(clusterNow, wall, Duration.ofMillis(40)), "pve1",
                wall, 20);

        // the reading is placed at the middle of the round trip
        assertThat(clock.now()).isEqualTo(clusterNow.plusMillis(20 * 20));
        wall.advance(Duration.ofSeconds(1));
        assertThat(clock.now()).isEqualTo(clusterNow.plusMillis(20 * 20).plusSeconds(20));
        assertThat(clock.wallDuration(Duration.ofSeconds(30))).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void aRealClusterRunsAtPaceOneWithItsOffsetKept() {
        ManualClock wall = new ManualClock(Instant.parse("2026-11-25T10:00:00Z"));
        ClusterClock clock = ClusterClock.readFrom(clusterReading(Instant.parse("2026-11-25T09:59:58Z"), wall,
                Duration.ZERO), "pve1", wall, 1);

        assertThat(clock.offsetFrom(wall)).isEqualTo(Duration.ofSeconds(-2));
        wall.advance(Duration.ofMinutes(1));
        assertThat(clock.offsetFrom(wall)).isEqualTo(Duration.ofSeconds(-2));
    }
}
