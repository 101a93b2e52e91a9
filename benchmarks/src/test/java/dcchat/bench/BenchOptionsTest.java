package dcchat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("BenchOptions: the command line")
class BenchOptionsTest {

    @Nested
    @DisplayName("Defaults and modes")
    class Defaults {

        @Test
        @DisplayName("defaults are 200 clients, 5 senders, 200 lines each, burst, 60 s, 127.0.0.1")
        void defaults() throws Exception {
            BenchOptions o = BenchOptions.parse("--port", "5000");
            assertThat(o.clients()).isEqualTo(200);
            assertThat(o.senders()).isEqualTo(5);
            assertThat(o.messages()).isEqualTo(200);
            assertThat(o.mode()).isEqualTo("burst");
            assertThat(o.timeoutSeconds()).isEqualTo(60);
            assertThat(o.expected()).isEqualTo(200_000);
            assertThat(o.address().getHostAddress()).isEqualTo("127.0.0.1");
        }

        @Test
        @DisplayName("the step 4 server runs on virtual threads from JDK 24 on, platform threads before; "
                + "--server-threads chooses, and virtual is refused where the JDK cannot give them unpinned")
        void serverThreads() throws Exception {
            boolean hasThem = Runtime.version().feature() >= 24;
            assertThat(BenchOptions.parse("--port", "5000").serverThreads()).isEqualTo(hasThem ? "virtual" : "platform");
            assertThat(BenchOptions.parse("--port", "5000", "--server-threads", "platform").serverThreads())
                    .isEqualTo("platform");
            assertThatThrownBy(() -> BenchOptions.parse("--port", "5000", "--server-threads", "green"))
                    .hasMessageContaining("platform or virtual");
            if (hasThem) {
                assertThat(BenchOptions.parse("--port", "5000", "--server-threads", "virtual").serverThreads())
                        .isEqualTo("virtual");
            } else {
                assertThatThrownBy(() -> BenchOptions.parse("--port", "5000", "--server-threads", "virtual"))
                        .hasMessageContaining("needs JDK 24");
            }
        }

        @Test
        @DisplayName("a rate above 0 makes a paced run")
        void paced() throws Exception {
            assertThat(BenchOptions.parse("--port", "5000", "--rate", "20").mode()).isEqualTo("paced");
        }

        @Test
        @DisplayName("exactly one of --port and --spawn-classpath is required")
        void portOrSpawn() {
            assertThatThrownBy(() -> BenchOptions.parse()).hasMessageContaining("exactly one");
            assertThatThrownBy(() -> BenchOptions.parse("--port", "1", "--spawn-classpath", "x"))
                    .hasMessageContaining("exactly one");
        }

        @Test
        @DisplayName("more senders than clients, or a run too large to keep latencies for, is refused")
        void bounds() {
            assertThatThrownBy(() -> BenchOptions.parse("--port", "1", "--clients", "3", "--senders", "4"))
                    .hasMessageContaining("exceeds --clients");
            assertThatThrownBy(() -> BenchOptions.parse("--port", "1", "--clients", "100000", "--messages", "1000"))
                    .hasMessageContaining("deliveries exceeds");
            assertThatThrownBy(() -> BenchOptions.parse("--port", "1", "--rate", "-1")).hasMessageContaining("--rate");
        }
    }

    @Nested
    @DisplayName("Side by side with the Netty comparator")
    class Peer {

        @Test
        @DisplayName("--peer netty runs 3 repetitions unless --repeat says otherwise; without it, one run of one server")
        void repeat() throws Exception {
            assertThat(BenchOptions.parse("--spawn-classpath", "x").peer()).isNull();
            BenchOptions o = BenchOptions.parse("--spawn-classpath", "x", "--peer", "netty");
            assertThat(o.peer()).isEqualTo("netty");
            assertThat(o.repeat()).isEqualTo(3);
            assertThat(BenchOptions.parse("--spawn-classpath", "x", "--peer", "netty", "--repeat", "5").repeat())
                    .isEqualTo(5);
        }

        @Test
        @DisplayName("a peer needs a server to spawn, --repeat needs a peer, and netty is the only peer")
        void refused() {
            assertThatThrownBy(() -> BenchOptions.parse("--port", "5000", "--peer", "netty"))
                    .hasMessageContaining("needs --spawn-classpath");
            assertThatThrownBy(() -> BenchOptions.parse("--spawn-classpath", "x", "--repeat", "2"))
                    .hasMessageContaining("give --peer netty");
            assertThatThrownBy(() -> BenchOptions.parse("--spawn-classpath", "x", "--peer", "vertx"))
                    .hasMessageContaining("the only peer is netty");
            assertThatThrownBy(() -> BenchOptions.parse("--spawn-classpath", "x", "--peer", "netty", "--repeat", "0"))
                    .hasMessageContaining("--repeat 0");
        }

        @Test
        @DisplayName("the table: per figure the median of each server's runs and the ratio reference ÷ netty")
        void table() throws Exception {
            BenchOptions o = BenchOptions.parse("--spawn-classpath", "x", "--peer", "netty", "--clients", "2",
                    "--senders", "1", "--messages", "50");
            List<Report> reference = List.of(report(o, 1.0, 2.0), report(o, 0.5, 1.0), report(o, 2.0, 4.0));
            List<Report> netty = List.of(report(o, 0.25, 0.5), report(o, 0.5, 1.0));
            List<String> table = SideBySide.table(o, reference, netty);
            assertThat(table.get(0)).isEqualTo("# burst, 2 clients, 1 senders × 50 lines: medians of 3 + 2 runs (JDK "
                    + Runtime.version().feature() + "; reference on " + o.serverThreads() + " threads, bench readers on "
                    + BenchClient.READER_THREADS + " threads)");
            assertThat(table).contains("| deliveries/s | 100 | 300 | 0.33 |", "| join s | 2.00 | 0.75 | 2.67 |",
                    "| lost | 0 | 0 | – |", "| runs passed | 0/3 | 0/2 | |");
        }

        /** A run that delivered all 100 lines in the given seconds, after joining in the given seconds. */
        private Report report(BenchOptions o, double seconds, double joinSeconds) {
            return new Report(o, 100, 0, 0, 0, 0, 0, seconds, joinSeconds, new long[] {1_000_000L}, 1, 0,
                    Usage.UNKNOWN, false, "not a real run", "x");
        }
    }

    @Nested
    @DisplayName("Loopback only")
    class Loopback {

        @ParameterizedTest(name = "{0} is accepted")
        @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1", "[::1]"})
        @DisplayName("loopback hosts are accepted")
        void accepted(String host) throws Exception {
            assertThat(BenchOptions.parse("--host", host, "--port", "5000").address().isLoopbackAddress()).isTrue();
        }

        @ParameterizedTest(name = "{0} is refused")
        @ValueSource(strings = {"10.0.0.1", "192.168.1.2", "0.0.0.0", "example.com", "::", "2001:db8::1", "128.0.0.1"})
        @DisplayName("any other host is refused, without looking a name up")
        void refused(String host) {
            assertThatThrownBy(() -> BenchOptions.parse("--host", host, "--port", "5000"))
                    .isInstanceOf(BenchOptions.UsageException.class)
                    .hasMessageContaining("refusing host")
                    .hasMessageContaining("loopback");
        }
    }
}
