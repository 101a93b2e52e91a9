package dcchat.echo;

import static dcchat.testing.Lesson.say;
import static dcchat.testing.Teaching.closedAfterTest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dcchat.testing.Ports;
import dcchat.testing.Teaching;
import dcchat.testing.TestServer;
import dcchat.testing.Waits;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The specification of {@link EchoClient}, against a small server written in the test (README §8).
 */
@DisplayName("EchoClient")
@ExtendWith(Teaching.class)
class EchoClientTest {

    @Nested
    @DisplayName("§8 The echo client")
    class TheEchoClient {

        @Test
        @DisplayName("send() writes the line, ends it with a line break, and returns the server's reply")
        void sendReturnsReply() throws Exception {
            BlockingQueue<String> received = TestServer.queue();
            try (TestServer fake = TestServer.replyingLines(line -> "reply to " + line, received);
                 EchoClient client = new EchoClient("127.0.0.1", fake.port())) {

                String reply = client.send("hello");

                assertThat(Waits.next(received, say("the line send(\"hello\") wrote",
                        "la línea que escribió send(\"hello\")")))
                        .as(say("the line the server received: send() must write the text plus '\\n' and flush",
                                "la línea que recibió el servidor: send() debe escribir el texto más '\\n' y hacer "
                                + "flush"))
                        .isEqualTo("hello");
                assertThat(reply)
                        .as(say("send() should return the server's reply line, without its line break",
                                "send() debería devolver la línea de respuesta del servidor, sin su salto de línea"))
                        .isEqualTo("reply to hello");
            }
        }

        @Test
        @DisplayName("several send() calls on one connection get their own replies, in order")
        void severalSends() throws Exception {
            try (TestServer fake = TestServer.replyingLines(line -> line.toUpperCase(), TestServer.queue());
                 EchoClient client = new EchoClient("127.0.0.1", fake.port())) {
                assertThat(client.send("one")).as(say("first reply", "primera respuesta")).isEqualTo("ONE");
                assertThat(client.send("two")).as(say("second reply", "segunda respuesta")).isEqualTo("TWO");
                assertThat(client.send("three")).as(say("third reply", "tercera respuesta")).isEqualTo("THREE");
                assertThat(fake.acceptedCount())
                        .as(say("all sends should use the one connection made in the constructor",
                                "todas las llamadas a send() deberían usar la única conexión creada en el constructor"))
                        .isEqualTo(1);
            }
        }

        @Test
        @DisplayName("send() encodes and decodes UTF-8")
        void sendsUtf8() throws Exception {
            BlockingQueue<String> received = TestServer.queue();
            String text = "mañana 🎉 \"quoted\" don't";
            try (TestServer fake = TestServer.replyingLines(line -> line, received);
                 EchoClient client = new EchoClient("127.0.0.1", fake.port())) {
                String reply = client.send(text);
                assertThat(Waits.next(received, say("the line send() wrote", "la línea que escribió send()")))
                        .as(say("what the server decoded as UTF-8: the client must encode with UTF-8",
                                "lo que el servidor decodificó como UTF-8: el cliente debe codificar con UTF-8"))
                        .isEqualTo(text);
                assertThat(reply)
                        .as(say("the reply decoded by the client: decode with UTF-8 too",
                                "la respuesta que decodificó el cliente: decodifica también con UTF-8"))
                        .isEqualTo(text);
            }
        }

        @Test
        @DisplayName("send() returns null when the server has closed the connection")
        void nullWhenServerCloses() throws Exception {
            try (TestServer hangUp = TestServer.start(socket -> {
                     InputStream in = socket.getInputStream();
                     int b;
                     while ((b = in.read()) != -1 && b != '\n') {
                         // read one line, then hang up without answering
                     }
                 });
                 EchoClient client = new EchoClient("127.0.0.1", hangUp.port())) {
                assertThat(client.send("anyone?"))
                        .as(say("the server hung up without replying: readLine() returns null at end of stream, and "
                                + "send() should pass that null on (see also §5 End of stream and disconnects)",
                                "el servidor cortó sin responder: readLine() devuelve null al llegar al fin del "
                                + "flujo, y send() debería pasar ese null hacia arriba (ver también §5 Fin del flujo "
                                + "y desconexiones)"))
                        .isNull();
            }
        }

        @Test
        @DisplayName("close() closes the connection, so the server sees the end of the stream")
        void closeEndsTheStream() throws Exception {
            BlockingQueue<String> received = TestServer.queue();
            try (TestServer fake = TestServer.replyingLines(line -> line, received)) {
                EchoClient client = closedAfterTest(new EchoClient("127.0.0.1", fake.port()));
                client.send("bye");
                client.close();
                assertThat(Waits.next(received, say("the line \"bye\"", "la línea \"bye\""))).isEqualTo("bye");
                assertThat(Waits.next(received, say("the end of the stream after close()",
                        "el fin del flujo después de close()")))
                        .as(say("after close() the server's read should return -1 (end of stream)",
                                "después de close() la lectura del servidor debería devolver -1 (fin del flujo)"))
                        .isEqualTo(TestServer.END_OF_STREAM);
            }
        }

        @Test
        @DisplayName("connecting where no server listens throws an IOException")
        void connectionRefused() throws IOException {
            int freePort = Ports.free();
            assertThat(catchThrowable(() -> new EchoClient("127.0.0.1", freePort).close()))
                    .as(say("no server on port %d: the constructor should let the ConnectException through",
                            "no hay ningún servidor en el puerto %d: el constructor debería dejar salir la "
                                    + "ConnectException"), freePort)
                    .isInstanceOf(ConnectException.class);
        }
    }
}
