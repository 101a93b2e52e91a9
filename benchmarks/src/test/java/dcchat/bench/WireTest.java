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
    @DisplayName("a length outside 1..65536 is refused before anything is allocated; a cut frame is an EOF")
    void badLengths() {
        assertThatThrownBy(() -> Wire.readFrame(stream(new byte[] {0, 0, 0, 0}))).hasMessageContaining("length of 0");
        assertThatThrownBy(() -> Wire.readFrame(stream(new byte[] {(byte) 0xFF, 0, 0, 0})))
                .hasMessageContaining("length of 4278190080");
        assertThatThrownBy(() -> Wire.readFrame(stream(new byte[] {0, 0, 0, 5, '{'}))).isInstanceOf(EOFException.class);
    }
}
