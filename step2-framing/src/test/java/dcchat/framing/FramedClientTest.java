package dcchat.framing;

import static dcchat.testing.Lesson.say;
import static dcchat.testing.Teaching.closedAfterTest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dcchat.testing.FrameClient;
import dcchat.testing.Teaching;
import dcchat.testing.TestServer;
import dcchat.testing.Waits;
import dcchat.testing.Wire;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The specification of {@link FramedClient}, against small servers written in the test that frame bytes by
 * hand (step2-framing/README.md §11).
 */
@DisplayName("FramedClient")
@ExtendWith(Teaching.class)
class FramedClientTest {


    /** A server that records the first frame it receives and answers with {@code reply} bytes. */
    private static TestServer recordingServer(BlockingQueue<byte[]> received, byte[] reply) throws IOException {
        return TestServer.start(socket -> {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int length = in.readInt();
            byte[] body = new byte[length];
            in.readFully(body);
            received.add(body);
            OutputStream out = socket.getOutputStream();
            out.write(reply);
            out.flush();
        });
    }

    @Nested
    @DisplayName("§11 The framed client")
    class TheFramedClient {

        @Test
        @DisplayName("send() writes one frame holding the message as JSON")
        void sendWritesOneFrame() throws Exception {
            BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
            try (TestServer fake = recordingServer(received, new byte[0]);
                 FramedClient client = new FramedClient("127.0.0.1", fake.port())) {
                client.send(ChatMessage.join("ana"));
                byte[] body = Waits.next(received, say("the frame send() wrote", "el frame que escribió send()"));
                assertThat(body)
                        .as(say("the body of the frame the server received",
                                "el cuerpo del frame que recibió el servidor"))
                        .isNotNull();
                JsonNode json = FrameClient.JSON.readTree(body);
                assertThat(json).as(say("the JSON the server received", "el JSON que recibió el servidor"))
                        .isEqualTo(FrameClient.JSON.readTree("{\"type\":\"join\",\"username\":\"ana\"}"));
            }
        }

        @Test
        @DisplayName("receive() returns the message in the server's frame")
        void receiveReturnsMessage() throws Exception {
            byte[] reply = Wire.frame("{\"type\":\"chat\",\"username\":\"bob\",\"data\":\"¿qué tal?\"}");
            try (TestServer fake = recordingServer(new LinkedBlockingQueue<>(), reply);
                 FramedClient client = new FramedClient("127.0.0.1", fake.port())) {
                client.send(ChatMessage.chat("hola"));
                assertThat(client.receive())
                        .as(say("receive() reads one frame and decodes it", "receive() lee un frame y lo decodifica"))
                        .contains(ChatMessage.chat("bob", "¿qué tal?"));
            }
        }

        @Test
        @DisplayName("receive() returns empty when the server closes the connection between frames")
        void receiveEmptyAtEnd() throws Exception {
            try (TestServer fake = recordingServer(new LinkedBlockingQueue<>(), new byte[0]);
                 FramedClient client = new FramedClient("127.0.0.1", fake.port())) {
                client.send(ChatMessage.chat("anyone?"));
                assertThat(client.receive())
                        .as(say("the server hung up cleanly: receive() should return empty (see also §5 End of stream)",
                                "el servidor cortó limpiamente: receive() debería devolver vacío (ver también §5 Fin "
                                + "del flujo)"))
                        .isEmpty();
            }
        }

        @Test
        @DisplayName("close() closes the connection, so the server sees the end of the stream")
        void closeEndsTheStream() throws Exception {
            BlockingQueue<String> seen = new LinkedBlockingQueue<>();
            try (TestServer fake = TestServer.start(socket -> {
                DataInputStream in = new DataInputStream(socket.getInputStream());
                in.readFully(new byte[in.readInt()]);
                seen.add(say("a frame", "un frame"));
                seen.add(in.read() == -1 ? say("end of stream", "fin del flujo") : say("more bytes", "más bytes"));
            })) {
                FramedClient client = closedAfterTest(new FramedClient("127.0.0.1", fake.port()));
                client.send(ChatMessage.chat("bye"));
                assertThat(Waits.next(seen, say("the frame send() wrote", "el frame que escribió send()")))
                        .as(say("the frame send() wrote", "el frame que escribió send()"))
                        .isEqualTo(say("a frame", "un frame"));
                client.close();
                assertThat(Waits.next(seen, say("the end of the stream after close()",
                        "el fin del flujo después de close()")))
                        .as(say("after close() the server's read should return -1: close() closes the socket",
                                "después de close() la lectura del servidor debería devolver -1: close() cierra el "
                                + "socket"))
                        .isEqualTo(say("end of stream", "fin del flujo"));
            }
        }

        @Test
        @DisplayName("receive() throws FramingException when the server sends an illegal length")
        void receiveBadFrame() throws Exception {
            byte[] reply = Wire.concat(Wire.header(1_000_000), new byte[8]);
            try (TestServer fake = recordingServer(new LinkedBlockingQueue<>(), reply);
                 FramedClient client = new FramedClient("127.0.0.1", fake.port())) {
                client.send(ChatMessage.chat("hi"));
                assertThatThrownBy(client::receive)
                        .as(say("a client checks what it reads as carefully as a server does "
                                + "(see also §6 Limits and bad lengths)", "un cliente comprueba lo que lee con el "
                                + "mismo cuidado que un servidor (ver también §6 Límites y largos incorrectos)"))
                        .isInstanceOf(FramingException.class)
                        .hasMessageContaining("1000000");
            }
        }
    }
}
