package dcchat.echo;

import static dcchat.testing.Lesson.say;
import static dcchat.testing.Teaching.closedAfterTest;
import static dcchat.testing.Waits.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dcchat.testing.Background;
import dcchat.testing.LineClient;
import dcchat.testing.Ports;
import dcchat.testing.StdErr;
import dcchat.testing.Teaching;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The specification of {@link EchoServer}, one nested class per section of step1-echo/README.md.
 * Read a failing test's name and message first: they say what was expected and where to read.
 */
@DisplayName("EchoServer")
@ExtendWith(Teaching.class)
class EchoServerTest {

    private EchoServer server;
    private Background serving;

    /**
     * Opens a server on a free loopback port and runs {@code serve()} on a background thread; after the test the
     * server is closed, then that thread interrupted if it still runs.
     */
    private EchoServer startServing() throws IOException {
        server = new EchoServer(0);
        serving = Background.serve(server, server::serve);
        return server;
    }

    /** A test client for the running server; its waits fail at once if {@code serve()} throws. */
    private LineClient client() throws IOException {
        return LineClient.connect(server.port()).watching(serving);
    }

    @Nested
    @DisplayName("§2 Opening a server socket")
    class OpeningAServerSocket {

        @Test
        @DisplayName("new EchoServer(0) listens on a free port that port() reports")
        void portZeroPicksAFreePort() throws IOException {
            server = closedAfterTest(new EchoServer(0));

            assertThat(server.port())
                    .as(say("port() after new EchoServer(0) should be the real port the OS picked, not 0",
                            "port() después de new EchoServer(0) debería ser el puerto real que eligió el sistema "
                            + "operativo, no 0"))
                    .isBetween(1, 65_535);
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                assertThat(probe.isConnected())
                        .as(say("a client could connect to 127.0.0.1:%d", "un cliente puede conectarse a 127.0.0.1:%d"),
                                server.port())
                        .isTrue();
            }
        }

        @Test
        @DisplayName("two servers opened with port 0 get two different ports")
        void twoServersTwoPorts() throws IOException {
            server = closedAfterTest(new EchoServer(0));
            try (EchoServer other = new EchoServer(0)) {
                assertThat(other.port())
                        .as(say("each server owns its port; port 0 means 'any free port'",
                                "cada servidor es dueño de su puerto; el puerto 0 significa «cualquier puerto libre»"))
                        .isNotEqualTo(server.port());
            }
        }

        @Test
        @DisplayName("opening a port that another socket already listens on throws an IOException")
        void takenPortIsRefused() throws IOException {
            try (ServerSocket squatter = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                assertThat(catchThrowable(() -> new EchoServer(squatter.getLocalPort()).close()))
                        .as(say("port %d is taken, so binding it must fail (a BindException is an IOException)",
                                "el puerto %d está ocupado, así que enlazarlo (bind) debe fallar (una BindException es "
                                        + "una IOException)"), squatter.getLocalPort())
                        .isInstanceOf(IOException.class);
            }
        }
    }

    @Nested
    @DisplayName("§3 Accepting clients")
    class AcceptingClients {

        @Test
        @DisplayName("a connected client gets its first line echoed")
        void firstClientIsServed() throws IOException {
            startServing();
            try (LineClient alice = client()) {
                alice.send("hello");
                assertThat(alice.readLine(say("the echo of \"hello\"", "el eco de \"hello\"")))
                        .as(say("echo of \"hello\" (see also §4 Echoing lines)",
                                "eco de \"hello\" (ver también §4 Hacer eco de líneas)"))
                        .isEqualTo("hello");
            }
        }

        @Test
        @DisplayName("after one client leaves, serve() accepts the next one")
        void clientsAreServedOneAfterAnother() throws IOException {
            startServing();
            for (String name : new String[] {"alice", "bob", "carol"}) {
                try (LineClient c = client()) {
                    c.send("I am " + name);
                    assertThat(c.readLine(say("the echo for " + name, "el eco para " + name)))
                            .as(say("client %s should be served after the ones before it left: serve() loops over "
                                    + "accept()", "el cliente %s debería ser atendido después de que se fueron los "
                                    + "anteriores: serve() llama a accept() en un bucle"), name)
                            .isEqualTo("I am " + name);
                }
            }
        }
    }

    @Nested
    @DisplayName("§4 Echoing lines")
    class EchoingLines {

        @Test
        @DisplayName("many lines come back in the order they were sent")
        void manyLinesInOrder() throws IOException {
            startServing();
            try (LineClient c = client()) {
                for (int i = 1; i <= 100; i++) {
                    c.send("line " + i);
                }
                for (int i = 1; i <= 100; i++) {
                    assertThat(c.readLine(say("the echo of line " + i, "el eco de la línea " + i)))
                            .as(say("reply number %d", "respuesta número %d"), i)
                            .isEqualTo("line " + i);
                }
            }
        }

        @ParameterizedTest(name = "echoes {0}")
        @ValueSource(strings = {
            "año, niño, mañana",
            "emoji 🎉👋🏽 and 中文",
            "she said \"hi\" and left",
            "don't, won't, can't",
            "tabs\tand  spaces  ",
        })
        @DisplayName("text in UTF-8 comes back unchanged")
        void utf8RoundTrip(String text) throws IOException {
            startServing();
            try (LineClient c = client()) {
                c.send(text);
                assertThat(c.readLine(say("the echo of " + text, "el eco de " + text)))
                        .as(say("the echo must be byte-for-byte the same: read and write with UTF-8 on both sides, "
                                + "never the platform default charset",
                                "el eco debe ser idéntico byte a byte: lee y escribe con UTF-8 en ambos lados, "
                                + "nunca con el charset por defecto de la plataforma"))
                        .isEqualTo(text);
            }
        }

        @Test
        @DisplayName("a 10,000-character line comes back whole")
        void longLine() throws IOException {
            startServing();
            String longLine = "ñ".repeat(5_000) + "x".repeat(5_000);
            try (LineClient c = client()) {
                c.send(longLine);
                String reply = c.readLine(say("the echo of a 10,000-character line",
                        "el eco de una línea de 10.000 caracteres"));
                assertThat(reply.length())
                        .as(say("length of the echoed line", "largo de la línea devuelta en eco"))
                        .isEqualTo(10_000);
                assertThat(reply).as(say("the echoed line", "la línea devuelta en eco")).isEqualTo(longLine);
            }
        }

        @Test
        @DisplayName("each reply arrives at once, while the client keeps the connection open (flush)")
        void replyIsFlushed() throws IOException {
            startServing();
            try (LineClient c = client()) {
                c.send("ping");
                assertThat(c.readLine(say("the echo of \"ping\" before the client closes anything — flush after "
                        + "each line", "el eco de \"ping\" antes de que el cliente cierre nada — haz flush después "
                        + "de cada línea")))
                        .isEqualTo("ping");
                c.send("pong");
                assertThat(c.readLine(say("the echo of \"pong\"", "el eco de \"pong\""))).isEqualTo("pong");
            }
        }
    }

    @Nested
    @DisplayName("§5 End of stream and disconnects")
    class EndOfStream {

        @Test
        @DisplayName("when the client closes its side, the server closes the connection too")
        void serverClosesAfterClientEof() throws IOException {
            startServing();
            try (LineClient c = client()) {
                c.send("last words");
                assertThat(c.readLine(say("the echo of \"last words\"", "el eco de \"last words\"")))
                        .isEqualTo("last words");
                c.socket().shutdownOutput(); // the server's readLine() now returns null
                c.assertClosedByServer(say("readLine() returned null, so the server should stop echoing and close "
                        + "this client's socket (try-with-resources)", "readLine() devolvió null, así que el "
                        + "servidor debería dejar de hacer eco y cerrar el socket de este cliente "
                        + "(try-with-resources)"));
            }
        }

        @Test
        @DisplayName("a client that leaves in the middle of a line does not stop the server")
        void halfLineThenLeave() throws IOException {
            startServing();
            try (LineClient rude = client()) {
                rude.sendRaw("half a li".getBytes(StandardCharsets.UTF_8));
            }
            assertNextClientIsServed();
        }

        @Test
        @DisplayName("a client that resets the connection does not stop the server")
        void resetConnection() throws IOException {
            startServing();
            try (LineClient rude = client()) {
                rude.send("hello");
                assertThat(rude.readLine(say("the echo of \"hello\"", "el eco de \"hello\""))).isEqualTo("hello");
                rude.send("and goodbye");
                rude.socket().setSoLinger(true, 0); // close() now sends RST: the server's read fails
            }
            assertNextClientIsServed();
        }

        @Test
        @DisplayName("a client that resets the connection is logged on System.err: one line that names it")
        void resetIsLogged() throws IOException {
            startServing();
            try (StdErr err = StdErr.record()) {
                String who;
                try (LineClient rude = client()) {
                    who = ":" + rude.socket().getLocalPort(); // the server sees this client as /127.0.0.1:<port>
                    rude.send("hello");
                    assertThat(rude.readLine(say("the echo of \"hello\"", "el eco de \"hello\""))).isEqualTo("hello");
                    rude.socket().setSoLinger(true, 0); // close() now sends RST: the server's read fails
                }
                await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(err.linesContaining(who))
                        .as(say("lines on System.err naming the client at %s, which reset its connection: catch its "
                                + "IOException and log one line, who (getRemoteSocketAddress()) and what "
                                + "(getMessage()); not silence, not a stack trace",
                                "líneas en System.err que nombran al cliente en %s, que reseteó su conexión: captura "
                                + "su IOException y registra una línea, quién (getRemoteSocketAddress()) y qué "
                                + "(getMessage()); ni silencio ni un stack trace"), who)
                        .hasSize(1));
            }
        }

        @Test
        @DisplayName("a client that sends lines and leaves without reading the replies does not stop the server")
        void leavesWithoutReading() throws IOException {
            startServing();
            try (Socket rude = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                OutputStream out = rude.getOutputStream();
                out.write("nobody reads this\n".repeat(2_000).getBytes(StandardCharsets.UTF_8));
                out.flush();
                rude.setSoLinger(true, 0);
            }
            assertNextClientIsServed();
        }

        private void assertNextClientIsServed() throws IOException {
            try (LineClient next = client()) {
                next.send("anyone there?");
                assertThat(next.readLine(say("the echo for the next client: one client's broken connection must end "
                        + "that client only — catch its IOException, close its socket, go back to accept()",
                        "el eco para el siguiente cliente: la conexión rota de un cliente debe terminar solo con "
                        + "ese cliente — captura su IOException, cierra su socket, vuelve a accept()")))
                        .isEqualTo("anyone there?");
            }
            assertThat(serving.isRunning())
                    .as(say("serve() should still be running after a client misbehaved",
                            "serve() debería seguir corriendo después de que un cliente se portó mal"))
                    .isTrue();
        }
    }

    @Nested
    @DisplayName("§6 One client at a time")
    class OneClientAtATime {

        @Test
        @DisplayName("a second client waits while the first is connected, and is served once it leaves")
        void secondClientWaits() throws IOException {
            startServing();
            try (LineClient alice = client(); LineClient bob = client()) {
                alice.send("alice 1");
                assertThat(alice.readLine(say("alice's first echo", "el primer eco de alice"))).isEqualTo("alice 1");

                bob.send("bob 1"); // connected (the OS queues him) but not accepted yet

                alice.send("alice 2");
                assertThat(alice.readLine(say("alice's second echo: the server is still busy with her",
                        "el segundo eco de alice: el servidor sigue ocupado con ella")))
                        .isEqualTo("alice 2");
                bob.assertSilentFor(Duration.ofMillis(300),
                        say("Bob got an answer while Alice was still connected. In step 1 the server handles one "
                                + "client at a time on one thread: accept, echo until end of stream, then accept "
                                + "again. (Serving many at once is step 3.)",
                                "Bob recibió una respuesta mientras Alice seguía conectada. En el paso 1 el servidor "
                                + "atiende a un cliente a la vez en un solo thread: accept, eco hasta el fin del "
                                + "flujo, y después accept otra vez. (Atender a muchos a la vez es el paso 3.)"));

                alice.hangUp();
                assertThat(bob.readLine(say("bob's echo, once alice has left — nothing he sent was lost",
                        "el eco de bob, una vez que alice se fue — no se perdió nada de lo que él envió")))
                        .isEqualTo("bob 1");
            }
        }
    }

    @Nested
    @DisplayName("§7 Closing the server")
    class ClosingTheServer {

        @Test
        @DisplayName("close() makes a serve() that waits in accept() return promptly")
        void closeUnblocksAccept() throws IOException {
            startServing();
            try (LineClient c = client()) { // proves serve() is up and looping
                c.send("hi");
                assertThat(c.readLine(say("the echo of \"hi\"", "el eco de \"hi\""))).isEqualTo("hi");
            }
            server.close();
            serving.awaitReturn(Duration.ofSeconds(1),
                    say("serve() should return once close() closed the listening socket: accept() then throws a "
                            + "SocketException, which means 'stop', not 'crash'",
                            "serve() debería retornar una vez que close() cerró el socket de escucha: accept() lanza "
                            + "entonces una SocketException, que significa «parar», no «caerse»"));
        }

        @Test
        @DisplayName("close() while serve() waits in accept() for a client makes serve() return, not throw")
        void closeWhileWaitingInAccept() throws IOException {
            startServing();
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(5)).until(() -> {
                serving.rethrowIfFailed(); // a stub's exception shows at once
                return serving.isIn("java.net.ServerSocket", "accept");
            });
            server.close(); // serve() is blocked in accept(): it wakes up with a SocketException
            serving.awaitReturn(Duration.ofSeconds(1), say("serve() was waiting in accept() when close() closed the "
                    + "listening socket. accept() then throws a SocketException; check isClosed(): closed means "
                    + "'stop', so return instead of rethrowing", "serve() estaba esperando en accept() cuando "
                    + "close() cerró el socket de escucha. accept() lanza entonces una SocketException; revisa "
                    + "isClosed(): cerrado significa «parar», así que retorna en vez de volver a lanzarla"));
        }

        @Test
        @DisplayName("after close() the port is free again and new connections are refused")
        void closeFreesThePort() throws IOException {
            startServing();
            int port = server.port();
            server.close();
            serving.awaitReturn(Duration.ofSeconds(1),
                    say("serve() should return after close()", "serve() debería retornar después de close()"));

            Ports.assertFreedByClose(port, say("nobody listens on port " + port + " after close(), so connecting "
                    + "must be refused", "nadie escucha en el puerto " + port + " después de close(), así que la "
                    + "conexión debe ser rechazada"));
        }

        @Test
        @DisplayName("calling close() twice is harmless")
        void closeTwice() throws IOException {
            startServing();
            server.close();
            server.close();
            serving.awaitReturn(Duration.ofSeconds(1),
                    say("serve() should return after close()", "serve() debería retornar después de close()"));
        }
    }
}
