package dcchat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("BroadcastBench: a whole run against a tiny relay")
class BroadcastBenchTest {

    @Test
    @DisplayName("every line reaches every client: nothing lost or reordered, latencies recorded, run passes")
    void cleanRun() throws Exception {
        try (TinyRelay relay = new TinyRelay(0)) {
            Report r = BroadcastBench.run(BenchOptions.parse("--port", String.valueOf(relay.port()),
                    "--clients", "6", "--senders", "2", "--messages", "30", "--warmup", "5", "--timeout-seconds", "8"), null);
            assertThat(r.delivered()).as("delivered, %s", r.toJson()).isEqualTo(2 * 30 * 6);
            assertThat(r.lost()).isZero();
            assertThat(r.reordered()).isZero();
            assertThat(r.latencyNanos()).as("one latency per measured line: warm-up lines are not counted")
                    .hasSize(360);
            assertThat(r.latencyNanos()[0]).as("the smallest latency").isNotNegative();
            assertThat(r.passed()).as(r.toJson()).isTrue();
        }
    }

    @Test
    @DisplayName("one line withheld from one client is reported as lost after the time bound, and the run fails")
    void lostLine() throws Exception {
        try (TinyRelay relay = new TinyRelay(7)) {
            Report r = BroadcastBench.run(BenchOptions.parse("--port", String.valueOf(relay.port()),
                    "--clients", "4", "--senders", "1", "--messages", "10", "--timeout-seconds", "2"), null);
            assertThat(r.lost()).as(r.toJson()).isEqualTo(1);
            assertThat(r.reordered()).as("a gap is a loss, not a reordering").isZero();
            assertThat(r.timedOut()).isTrue();
            assertThat(r.passed()).isFalse();
        }
    }

    @Test
    @DisplayName("a server that hangs up on every client ends the run at once, not at the time bound")
    void hangUp() throws Exception {
        try (ServerSocket rude = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread hangUp = new Thread(() -> {
                try {
                    while (true) {
                        Socket s = rude.accept();
                        s.close();
                    }
                } catch (IOException e) {
                    // closed at the end of the test
                }
            }, "rude-server");
            hangUp.setDaemon(true);
            hangUp.start();
            long t0 = System.nanoTime();
            Report r = BroadcastBench.run(BenchOptions.parse("--port", String.valueOf(rude.getLocalPort()),
                    "--clients", "3", "--senders", "1", "--messages", "5", "--timeout-seconds", "8"), null);
            assertThat((System.nanoTime() - t0) / 1e9).as("seconds until the run gave up").isLessThan(4);
            assertThat(r.disconnected()).isEqualTo(3);
            assertThat(r.error()).contains("the server closed 3 connections during joining");
            assertThat(r.passed()).isFalse();
        }
    }
}
