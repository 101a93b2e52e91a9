package dcchat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Wire: the benchmark's own reading of the wire contract")
class WireTest {

    private static DataInputStream stream(byte[]... frames) {
        int size = 0;
        for (byte[] f : frames) {
            size += f.length;
        }
        byte[] all = new byte[size];
        int at = 0;
        for (byte[] f : frames) {
            System.arraycopy(f, 0, all, at, f.length);
            at += f.length;
        }
        return new DataInputStream(new ByteArrayInputStream(all));
    }

    @Test
    @DisplayName("a join frame is a 4-byte big-endian byte length, then the UTF-8 JSON object")
    void joinFrame() throws IOException {
        byte[] frame = Wire.joinFrame("ñandú");
        String body = new String(frame, 4, frame.length - 4, StandardCharsets.UTF_8);
        assertThat(body).isEqualTo("{\"type\":\"join\",\"username\":\"ñandú\"}");
        assertThat(((frame[0] & 0xFF) << 24) | ((frame[1] & 0xFF) << 16) | ((frame[2] & 0xFF) << 8) | (frame[3] & 0xFF))
                .isEqualTo(body.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    @DisplayName("frames read back one by one; unknown fields are ignored; a clean end gives null")
    void roundTrip() throws IOException {
        DataInputStream in = stream(Wire.chatFrame("1 2 3"), Wire.joinFrame("ana"));
        Wire.Message chat = Wire.decode(Wire.readFrame(in));
        assertThat(chat).isEqualTo(new Wire.Message("chat", null, "1 2 3"));
        assertThat(Wire.decode(Wire.readFrame(in)).username()).isEqualTo("ana");
        assertThat(Wire.readFrame(in)).isNull();
        assertThat(Wire.decode("{\"type\":\"chat\",\"x\":{\"y\":[1]},\"username\":\"bo\",\"data\":\"hi\"}"
                .getBytes(StandardCharsets.UTF_8))).isEqualTo(new Wire.Message("chat", "bo", "hi"));
    }

    @Test
    @DisplayName("the readers' FrameInput hands out frames in place, across reads, a large one too; lengths are "
            + "checked, a cut frame is an EOF")
    void inPlace() throws IOException {
        String big = "x".repeat(50_000); // larger than the buffer FrameInput starts with
        byte[][] frames = {Wire.joinFrame("ana"), Wire.chatFrame(big), Wire.chatFrame("1 2 3")};
        FrameInput in = new FrameInput(new java.io.ByteArrayInputStream(stream(frames).readAllBytes()) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7_000)); // a socket gives what has arrived, not all of it
            }
        });
        assertThat(in.next()).isTrue();
        assertThat(Wire.decode(in.buffer(), in.body(), in.length()).username()).isEqualTo("ana");
        assertThat(Wire.mayHold(in.buffer(), in.body(), in.length(), Wire.quoted("chat"))).isFalse();
        assertThat(in.next()).isTrue();
        assertThat(Wire.decode(in.buffer(), in.body(), in.length()).data()).isEqualTo(big);
        assertThat(in.next()).isTrue();
        assertThat(Wire.mayHold(in.buffer(), in.body(), in.length(), Wire.quoted("chat"))).isTrue();
        assertThat(Wire.decode(in.buffer(), in.body(), in.length()).data()).isEqualTo("1 2 3");
        assertThat(in.next()).as("a clean end between frames").isFalse();
        assertThat(in.reads()).as("reads that reached the stream").isGreaterThan(7);
        assertThatThrownBy(() -> new FrameInput(stream(new byte[] {0, 0, 0, 0})).next())
                .hasMessageContaining("length of 0");
        assertThatThrownBy(() -> new FrameInput(stream(new byte[] {0, 0, 0, 5, '{'})).next())
                .isInstanceOf(EOFException.class);
    }

    @Test
    @DisplayName("a frame is skipped undecoded only when it certainly holds none of the strings a reader needs")
    void mayHold() {
        byte[] otherJoin = "{\"type\":\"join\",\"username\":\"b1x2-17\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(Wire.mayHold(otherJoin, Wire.quoted("b1x2-1"), Wire.quoted("chat"))).as("b1x2-1 is not b1x2-17")
                .isFalse();
        assertThat(Wire.mayHold(otherJoin, Wire.quoted("b1x2-17"))).isTrue();
        byte[] escaped = "{\"type\":\"ch\\u0061t\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(Wire.mayHold(escaped, Wire.quoted("chat"))).as("an escape may hide a needle").isTrue();
        assertThatThrownBy(() -> Wire.quoted("a\"b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("a length outside 1..65536 is refused before anything is allocated; a cut frame is an EOF")
    void badLengths() {
        assertThatThrownBy(() -> Wire.readFrame(stream(new byte[] {0, 0, 0, 0}))).hasMessageContaining("length of 0");
        assertThatThrownBy(() -> Wire.readFrame(stream(new byte[] {(byte) 0xFF, 0, 0, 0})))
                .hasMessageContaining("length of 4278190080");
        assertThatThrownBy(() -> Wire.readFrame(stream(new byte[] {0, 0, 0, 5, '{'}))).isInstanceOf(EOFException.class);
    }
}
