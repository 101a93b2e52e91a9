package dcchat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dcchat.bench.netty.NettyChatServer;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The comparator speaks the contract: checked with the benchmark's own wire code, on loopback. */
@DisplayName("NettyChatServer: the comparator speaks the DCChat contract")
@Timeout(5)
class NettyPeerTest {

    private NettyChatServer server;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = NettyChatServer.start(0);
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        server.close();
    }

    /** A test client: a socket, and the frames it reads. */
    private final class Client {
        final Socket socket;
        final DataInputStream in;

        Client() throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
            socket.setSoTimeout(3_000);
            sockets.add(socket);
            in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        }

        void send(byte[] frame) throws IOException {
            socket.getOutputStream().write(frame);
        }

        Wire.Message next() throws IOException {
            byte[] body = Wire.readFrame(in);
            return body == null ? null : Wire.decode(body);
        }

        /** Joins and reads up to and including its own join; @return the names it heard before its own */
        Set<String> join(String name) throws IOException {
            send(Wire.joinFrame(name));
            Set<String> present = new HashSet<>();
            for (Wire.Message m = next(); !m.username().equals(name); m = next()) {
                assertThat(m.type()).isEqualTo("join");
                present.add(m.username());
            }
            return present;
        }
    }

    @Test
    @DisplayName("a join is confirmed; a newcomer hears who is present, the present members hear it")
    void joins() throws Exception {
        Client ana = new Client();
        assertThat(ana.join("ana")).isEmpty();
        Client bob = new Client();
        assertThat(bob.join("bob")).containsExactly("ana");
        assertThat(ana.next()).isEqualTo(new Wire.Message("join", "bob", null));
        Client carol = new Client();
        assertThat(carol.join("carol 🎉")).containsExactlyInAnyOrder("ana", "bob");
    }

    @Test
    @DisplayName("chat is relayed to everyone, the sender too, under the bound name, never the frame's; "
            + "a chat before join gets a User…… name first")
    void chat() throws Exception {
        Client[] two = twoMembers("ana", "eve");
        Client ana = two[0];
        Client eve = two[1];
        eve.send(framed("{\"type\":\"chat\",\"username\":\"ana\",\"data\":\"hola, ñandú\"}"));
        Wire.Message relayed = new Wire.Message("chat", "eve", "hola, ñandú");
        assertThat(ana.next()).isEqualTo(relayed);
        assertThat(eve.next()).isEqualTo(relayed);

        Client anonymous = new Client();
        anonymous.send(Wire.chatFrame("hi"));
        Set<String> present = new HashSet<>();
        Wire.Message m = anonymous.next();
        while (present.add(m.username()) && (m.username().equals("ana") || m.username().equals("eve"))) {
            m = anonymous.next();
        }
        assertThat(m.type()).isEqualTo("join");
        assertThat(m.username()).as("the name it was given").matches("User[A-Za-z0-9]{6}");
        assertThat(anonymous.next()).isEqualTo(new Wire.Message("chat", m.username(), "hi"));
        assertThat(ana.next()).isEqualTo(new Wire.Message("join", m.username(), null));
        assertThat(ana.next()).isEqualTo(new Wire.Message("chat", m.username(), "hi"));
    }

    @Test
    @DisplayName("a taken or invalid name is refused with an error frame; the client then joins under another")
    void nameRefused() throws Exception {
        Client ana = new Client();
        ana.join("ana");
        Client other = new Client();
        for (String name : List.of("ana", " ana", "", "a".repeat(33), "a\u200Bb")) {
            other.send(Wire.joinFrame(name));
            Wire.Message error = other.next();
            assertThat(error.type()).as("the answer to '%s'", name).isEqualTo("error");
            assertThat(error.data()).isNotBlank();
        }
        assertThat(other.join("🎉".repeat(32))).containsExactly("ana");
    }

    @Test
    @DisplayName("a malformed frame is answered with an error and that connection closed; the others chat on")
    void malformed() throws Exception {
        Client[] two = twoMembers("ana", "bob");
        Client ana = two[0];
        Client bob = two[1];
        for (byte[] bad : List.of(new byte[] {0, 0, 0, 0}, framed("[\"not an object\"]"),
                framed("{\"type\":\"error\",\"data\":\"x\"}"), new byte[] {(byte) 0x80, 0, 0, 1, 'x'})) {
            Client mallory = new Client();
            mallory.join("mallory");
            ana.next(); // her join
            bob.next();
            mallory.send(bad);
            Wire.Message error = mallory.next();
            assertThat(error.type()).isEqualTo("error");
            assertThat(error.data()).isNotBlank();
            assertThat(mallory.next()).as("the end of her stream, after the error").isNull();
            mallory.socket.close(); // she closes her side: the server closes at once, not after its 500 ms drain
            assertThat(ana.next()).isEqualTo(new Wire.Message("leave", "mallory", null));
            assertThat(bob.next()).isEqualTo(new Wire.Message("leave", "mallory", null));
        }
        bob.send(Wire.chatFrame("still here"));
        assertThat(ana.next()).isEqualTo(new Wire.Message("chat", "bob", "still here"));
    }

    /** @return two clients joined under these names, the first past the second's join */
    private Client[] twoMembers(String first, String second) throws IOException {
        Client a = new Client();
        a.join(first);
        Client b = new Client();
        b.join(second);
        assertThat(a.next()).isEqualTo(new Wire.Message("join", second, null));
        return new Client[] {a, b};
    }

    private static byte[] framed(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
    }
}
