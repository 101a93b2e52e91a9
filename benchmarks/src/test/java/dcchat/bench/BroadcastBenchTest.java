package dcchat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("BroadcastBench: a whole run against a tiny relay")
class BroadcastBenchTest {

    @Test
    @DisplayName("every line reaches every client: nothing lost or reordered, latencies recorded, run passes")
    void cleanRun() throws Exception {
        try (TinyRelay relay = new TinyRelay(0)) {
            Report r = BroadcastBench.run(BenchOptions.parse("--port", String.valueOf(relay.port()),
                    "--clients", "6", "--senders", "2", "--messages", "30", "--warmup", "5", "--timeout-seconds", "8"));
            assertThat(r.delivered()).as("delivered, %s", r.toJson()).isEqualTo(2 * 30 * 6);
            assertThat(r.lost()).isZero();
            assertThat(r.reordered()).isZero();
            assertThat(r.latencyNanos()).as("one latency per measured line: warm-up lines are not counted").hasSize(360);
            assertThat(r.latencyNanos()[0]).as("the smallest latency").isNotNegative();
            assertThat(r.passed()).as(r.toJson()).isTrue();
        }
    }

    @Test
    @DisplayName("one line withheld from one client is reported as lost after the time bound, and the run fails")
    void lostLine() throws Exception {
        try (TinyRelay relay = new TinyRelay(7)) {
            Report r = BroadcastBench.run(BenchOptions.parse("--port", String.valueOf(relay.port()),
                    "--clients", "4", "--senders", "1", "--messages", "10", "--timeout-seconds", "2"));
            assertThat(r.lost()).as(r.toJson()).isEqualTo(1);
            assertThat(r.reordered()).as("a gap is a loss, not a reordering").isZero();
            assertThat(r.timedOut()).isTrue();
            assertThat(r.passed()).isFalse();
        }
    }
}
