package dcchat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Report: percentiles and the JSON line")
class ReportTest {

    private static Report report(long delivered, long[] latencies) throws Exception {
        BenchOptions o = BenchOptions.parse("--port", "5000", "--clients", "2", "--senders", "1", "--messages", "50");
        return new Report(o, delivered, 0, 0, 0, 0, 0, 0.5, 1.25, Report.sorted(latencies), 3.5, 0,
                new Usage(-1, 0.1, 0.25, -1, 1234), false, null, null);
    }

    @Test
    @DisplayName("percentiles are nearest-rank over the sorted latencies")
    void percentiles() throws Exception {
        long[] latencies = new long[100];
        for (int i = 0; i < 100; i++) {
            latencies[99 - i] = (i + 1) * 1_000_000L; // 1..100 ms, unsorted
        }
        Report r = report(100, latencies);
        assertThat(r.percentileMs(50)).isEqualTo(50.0);
        assertThat(r.percentileMs(99)).isEqualTo(99.0);
        assertThat(r.percentileMs(100)).isEqualTo(100.0);
    }

    @Test
    @DisplayName("the JSON line carries the counts, the rate and the latencies; lost is expected − delivered")
    void json() throws Exception {
        Report r = report(99, new long[] {2_000_000L});
        assertThat(r.toJson())
                .startsWith("{\"mode\":\"burst\",\"clients\":2,\"senders\":1,\"messages\":50,\"rate\":0,\"warmup\":0,"
                        + "\"expected\":100,\"delivered\":99,\"lost\":1,\"reordered\":0,\"duplicates\":0,"
                        + "\"disconnected\":0,"
                        + "\"seconds\":0.500,\"deliveriesPerSecond\":198,\"latencyMs\":{\"p50\":2.000,")
                .contains("\"framesPerRead\":3.5,")
                .contains("\"cpuSeconds\":{\"server\":null,\"bench\":0.10,\"machine\":0.25}")
                .contains("\"contextSwitches\":{\"server\":null,\"bench\":1234}")
                .doesNotContain("\n")
                .endsWith("\"timedOut\":false,\"jdk\":" + Runtime.version().feature() + ",\"readerThreads\":\""
                        + BenchClient.READER_THREADS + "\"}");
        assertThat(r.passed()).isFalse();
        assertThat(Report.failed(r.options(), "a \"quoted\"\nreason", true).toJson())
                .contains("\"error\":\"a \\\"quoted\\\"\\nreason\"");
        assertThat(r.labelled("netty").toJson()).as("a side-by-side run names its server, last")
                .endsWith("\"readerThreads\":\"" + BenchClient.READER_THREADS + "\",\"server\":\"netty\"}");
        Report spawned = new Report(BenchOptions.parse("--spawn-classpath", "x", "--server-threads", "platform"),
                1, 0, 0, 0, 0, 0, 1, 1, new long[] {1L}, 1, 0, Usage.UNKNOWN, false, null, null);
        assertThat(spawned.toJson()).as("a spawned step 4 server's run says which threads it ran its clients on")
                .contains("\"serverThreads\":\"platform\"");
    }
}
