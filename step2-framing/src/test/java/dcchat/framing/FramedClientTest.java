package dcchat.framing;

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
                byte[] body = Waits.next(received, "the frame send() wrote");
                assertThat(body).as("the body of the frame the server received").isNotNull();
                JsonNode json = FrameClient.JSON.readTree(body);
                assertThat(json).as("the JSON the server received")
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
                        .as("receive() reads one frame and decodes it")
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
                        .as("the server hung up cleanly: receive() should return empty (see also §5 End of stream)")
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
                seen.add("a frame");
                seen.add(in.read() == -1 ? "end of stream" : "more bytes");
            })) {
                FramedClient client = closedAfterTest(new FramedClient("127.0.0.1", fake.port()));
                client.send(ChatMessage.chat("bye"));
                assertThat(Waits.next(seen, "the frame send() wrote")).as("the frame send() wrote")
                        .isEqualTo("a frame");
                client.close();
                assertThat(Waits.next(seen, "the end of the stream after close()"))
                        .as("after close() the server's read should return -1: close() closes the socket")
                        .isEqualTo("end of stream");
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
                        .as("a client checks what it reads as carefully as a server does "
                                + "(see also §6 Limits and bad lengths)")
                        .isInstanceOf(FramingException.class)
                        .hasMessageContaining("1000000");
            }
        }
    }
}
