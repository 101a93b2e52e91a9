package dcchat.broadcast;

import static dcchat.testing.Lesson.say;
import static dcchat.testing.Teaching.closedAfterTest;
import static dcchat.testing.Waits.await;
import static org.assertj.core.api.Assertions.assertThat;

import dcchat.framing.ChatMessage;
import dcchat.testing.Ports;
import dcchat.testing.Teaching;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The specification of {@link ConsoleClient}'s output (step4-broadcast/README.md §8). */
@DisplayName("ConsoleClient")
@ExtendWith(Teaching.class)
class ConsoleClientTest {

    @Nested
    @DisplayName("§8 The console client")
    class TheConsoleClient {

        @Test
        @DisplayName("formats each message type as one readable line")
        void formats() {
            assertThat(ConsoleClient.format(ChatMessage.chat("ana", "hola"))).as(say("a chat", "un `chat`"))
                    .isEqualTo("[ana] hola");
            assertThat(ConsoleClient.format(ChatMessage.join("ana"))).as(say("a join", "un `join`"))
                    .isEqualTo("* ana joined");
            assertThat(ConsoleClient.format(ChatMessage.leave("ana"))).as(say("a leave", "un `leave`"))
                    .isEqualTo("* ana left");
            assertThat(ConsoleClient.format(ChatMessage.error("name taken"))).as(say("an error", "un `error`"))
                    .isEqualTo("! name taken");
        }

        @Test
        @Timeout(20)
        @DisplayName("a typed line too long for one message is refused with a sentence, and the client keeps chatting")
        void overlongLineIsRefused() throws Exception {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
            ExecutorService console = Executors.newSingleThreadExecutor();
            ChatServer server = closedAfterTest(new ChatServer(0)).start(); // its close() is checked in ChatServerTest
            try (PipedOutputStream keyboard = new PipedOutputStream();
                 PipedInputStream typed = new PipedInputStream(keyboard, 1 << 20)) {
                Future<Integer> status = console.submit(
                        () -> ConsoleClient.runConsole("127.0.0.1", server.port(), "ana", typed, out));
                keyboard.write(("x".repeat(70_000) + "\nhola, ñandú 🎉\n").getBytes(StandardCharsets.UTF_8));
                keyboard.flush();
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(text(printed))
                        .as(say("what the console printed after a 70,000-character line and then \"hola, ñandú "
                                + "🎉\": a line starting with \"! \" that says the long line was too long, then the "
                                + "next line relayed as usual (see also §7 The client library: send())", "lo que "
                                + "imprimió la consola después de una línea de 70.000 caracteres y después \"hola, "
                                + "ñandú 🎉\": una línea que empieza con \"! \" y dice que la línea larga es "
                                + "demasiado larga (\"too long\"), y después la línea siguiente retransmitida como "
                                + "siempre (ver también §7 La biblioteca cliente: send())"))
                        .containsPattern("(?m)^! .*too long.*$")
                        .contains("[ana] hola, ñandú 🎉"));
                keyboard.write("/quit\n".getBytes(StandardCharsets.UTF_8));
                keyboard.flush();
                assertThat(status.get(5, TimeUnit.SECONDS))
                        .as(say("runConsole's exit status after /quit: the client was still running",
                                "el código de salida de runConsole después de /quit: el cliente seguía funcionando"))
                        .isZero();
            } finally {
                console.shutdownNow();
            }
        }

        @Test
        @DisplayName("with no server listening, the console says so in one line and returns 1")
        void noServer() throws IOException {
            int freePort = Ports.free();
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            int status = ConsoleClient.runConsole("127.0.0.1", freePort, "ana",
                    new java.io.ByteArrayInputStream(new byte[0]), new PrintStream(printed, true, StandardCharsets.UTF_8));
            assertThat(status)
                    .as(say("runConsole's status when nobody listens on port %d (see also §7 The client library)",
                            "el código de salida de runConsole cuando nadie escucha en el puerto %d "
                            + "(ver también §7 La biblioteca cliente)"), freePort)
                    .isEqualTo(1);
            assertThat(text(printed)).as(say("what the console printed", "lo que imprimió la consola"))
                    .startsWith("! cannot chat with");
        }

        private static String text(ByteArrayOutputStream printed) {
            return printed.toString(StandardCharsets.UTF_8);
        }
    }
}
