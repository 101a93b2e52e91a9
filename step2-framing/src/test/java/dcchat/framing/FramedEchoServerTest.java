package dcchat.framing;

import static dcchat.testing.Lesson.say;
import static dcchat.testing.Waits.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dcchat.testing.Background;
import dcchat.testing.FrameClient;
import dcchat.testing.Ports;
import dcchat.testing.StdErr;
import dcchat.testing.Teaching;
import dcchat.testing.Wire;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The specification of {@link FramedEchoServer} over a real loopback socket, checked with the tests' own
 * client that frames bytes by hand (step2-framing/README.md §10).
 */
@DisplayName("FramedEchoServer")
@ExtendWith(Teaching.class)
class FramedEchoServerTest {


    private FramedEchoServer server;
    private Background serving;

    /** Before each test: a server serving on a background thread; after it, the server closed, then that thread. */
    @BeforeEach
    void start() throws IOException {
        server = new FramedEchoServer(0);
        serving = Background.serve(server, server::serve);
    }

    private FrameClient client() throws IOException {
        return FrameClient.connect(server.port()).watching(serving);
    }

    @Nested
    @DisplayName("§10 A framed echo server")
    class AFramedEchoServer {

        @Test
        @DisplayName("echoes a chat message back as one frame holding the same JSON object")
        void echoesAMessage() throws IOException {
            try (FrameClient c = client()) {
                c.send("type", "chat", "data", "hola ñ 🎉");
                JsonNode echo = c.expect("chat", say("the echo of a chat message", "el eco de un mensaje chat"));
                assertThat(echo.path("data").asText(null))
                        .as(say("the echoed data field", "el campo data devuelto en eco"))
                        .isEqualTo("hola ñ 🎉");
            }
        }

        @Test
        @DisplayName("echoes a frame whose header and body arrive in many small pieces")
        void splitWrites() throws IOException {
            byte[] frame = Wire.frame(FrameClient.json("type", "join", "username", "ana"));
            try (FrameClient c = client()) {
                c.sendRaw(Arrays.copyOfRange(frame, 0, 2)); // half the header
                c.sendRaw(Arrays.copyOfRange(frame, 2, 4)); // the other half
                for (int i = 4; i < frame.length; i++) {
                    c.sendRaw(new byte[] {frame[i]}); // the body, one byte per write
                }
                JsonNode echo = c.expect("join", say("the echo of a frame that arrived in " + (frame.length - 2)
                        + " pieces — read the header and body fully (§4)", "el eco de un frame que llegó en "
                        + (frame.length - 2) + " pedazos — lee completas la cabecera y el cuerpo (§4)"));
                assertThat(echo.path("username").asText(null))
                        .as(say("echoed username", "username devuelto en eco"))
                        .isEqualTo("ana");
            }
        }

        @Test
        @DisplayName("echoes three frames that arrive in one write as three frames, in order")
        void coalescedFrames() throws IOException {
            try (FrameClient c = client()) {
                c.sendRaw(Wire.concat(
                        Wire.frame(FrameClient.json("type", "chat", "data", "1")),
                        Wire.frame(FrameClient.json("type", "chat", "data", "2")),
                        Wire.frame(FrameClient.json("type", "chat", "data", "3"))));
                for (String n : new String[] {"1", "2", "3"}) {
                    assertThat(c.expect("chat", say("echo " + n + " of 3", "eco " + n + " de 3"))
                            .path("data").asText(null))
                            .as(say("echoes come back one frame per message, in order",
                                    "los ecos vuelven en un frame por mensaje, en orden"))
                            .isEqualTo(n);
                }
            }
        }

        @Test
        @DisplayName("closes the connection when the client closes its side between frames")
        void cleanEnd() throws IOException {
            try (FrameClient c = client()) {
                c.send("type", "chat", "data", "bye");
                c.expect("chat", say("the echo of \"bye\"", "el eco de \"bye\""));
                c.socket().shutdownOutput();
                c.assertClosedByServer(say("readFrame() returned empty (clean end of stream): the server should close "
                        + "this client", "readFrame() devolvió vacío (fin limpio del flujo): el servidor debería "
                        + "cerrar este cliente"));
            }
        }

        @ParameterizedTest(name = "header {0}")
        @ValueSource(longs = {0, 65_537, 0x8000_0000L})
        @DisplayName("answers a frame with a bad length with an error frame, then closes that connection")
        void badLengthGetsErrorFrame(long length) throws IOException {
            try (FrameClient c = client()) {
                c.sendRaw(Wire.concat(Wire.header(length), new byte[16]));
                JsonNode error = c.expect("error", say("an error frame answering a frame with length " + length,
                        "un frame error que responde a un frame de largo " + length));
                assertThat(error.path("data").asText(""))
                        .as(say("the error frame's data should say what was wrong, naming the length",
                                "el campo data del frame error debería decir qué estaba mal, indicando el largo"))
                        .contains(String.valueOf(length == 0x8000_0000L ? "2147483648" : length));
                c.assertClosedByServer(say("after a bad frame the byte stream cannot be trusted: send the error frame, "
                        + "then close this client", "tras un frame incorrecto ya no se puede confiar en el flujo de "
                        + "bytes: envía el frame error y después cierra este cliente"));
            }
        }

        @Test
        @DisplayName("answers a frame that is not a valid message with an error frame, then closes that connection")
        void badJsonGetsErrorFrame() throws IOException {
            try (FrameClient c = client()) {
                c.sendJson("{\"type\":\"chat\",");
                JsonNode error = c.expect("error", say("an error frame answering invalid JSON",
                        "un frame error que responde a JSON no válido"));
                assertThat(error.path("data").asText(""))
                        .as(say("the error frame's data: BadMessageException's message "
                                + "(see also §9 Refusing bad messages)", "el campo data del frame error: el mensaje "
                                + "de la BadMessageException (ver también §9 Rechazar mensajes incorrectos)"))
                        .contains("JSON");
                c.assertClosedByServer(say("after a bad message, close this client",
                        "tras un mensaje incorrecto, cierra este cliente"));
            }
        }

        @Test
        @DisplayName("close() while serve() waits in accept() makes serve() return, and the port refuses connections")
        void closeWhileWaitingInAccept() throws IOException {
            int port = server.port();
            try (FrameClient c = client()) {
                c.send("type", "chat", "data", "last one");
                c.expect("chat", say("the echo of \"last one\"", "el eco de \"last one\""));
            }
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(5)).until(() -> {
                serving.rethrowIfFailed();
                return serving.isIn("java.net.ServerSocket", "accept"); // the client left: serve() waits for the next
            });
            server.close();
            serving.awaitReturn(Duration.ofSeconds(1), say("serve() was waiting in accept() when close() closed the "
                    + "listening socket: that SocketException means 'stop', so serve() returns (step 1's serve())",
                    "serve() estaba esperando en accept() cuando close() cerró el socket de escucha: esa "
                    + "SocketException significa «parar», así que serve() retorna (el serve() del paso 1)"));
            Ports.assertRefused(port, say("nobody listens on port " + port + " after close()",
                    "nadie escucha en el puerto " + port + " después de close()"));
        }

        @Test
        @DisplayName("a client that resets its connection is logged on System.err by serve(), in one line")
        void resetIsLogged() throws IOException {
            try (StdErr err = StdErr.record()) {
                String who;
                try (FrameClient rude = client()) {
                    who = ":" + rude.socket().getLocalPort(); // the server sees this client as /127.0.0.1:<port>
                    rude.send("type", "chat", "data", "about to vanish");
                    rude.expect("chat", say("the echo of \"about to vanish\"", "el eco de \"about to vanish\""));
                    rude.socket().setSoLinger(true, 0); // close() now sends RST: the server's read fails
                }
                await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(err.linesContaining(who))
                        .as(say("lines on System.err naming the client at %s, which reset its connection: a reset "
                                + "is no bad frame, so echoFrames lets the IOException out and serve() logs it",
                                "líneas en System.err que nombran al cliente en %s, que reseteó su conexión: un reset "
                                + "no es un frame incorrecto, así que echoFrames deja salir la IOException y serve() "
                                + "la registra"), who)
                        .hasSize(1));
            }
        }

        @Test
        @DisplayName("serves the next client after one sent garbage")
        void nextClientAfterGarbage() throws IOException {
            try (FrameClient rude = client()) {
                rude.sendRaw(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 'x'});
                rude.expect("error", say("an error frame for a garbage header",
                        "un frame error para una cabecera basura"));
            }
            try (FrameClient next = client()) {
                next.send("type", "chat", "data", "still there?");
                assertThat(next.expect("chat", say("the echo for the next client",
                        "el eco para el siguiente cliente")).path("data").asText(null))
                        .as(say("one client's garbage must end only that client",
                                "la basura de un cliente debe terminar solo con ese cliente"))
                        .isEqualTo("still there?");
            }
        }
    }
}
