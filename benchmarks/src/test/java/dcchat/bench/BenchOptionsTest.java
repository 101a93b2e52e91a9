package dcchat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
