package dcchat.framing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dcchat.testing.Hex;
import dcchat.testing.Teaching;
import dcchat.testing.Wire;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The specification of {@link FrameWriter} (step2-framing/README.md §2 and §3). */
@DisplayName("FrameWriter")
@ExtendWith(Teaching.class)
class FrameWriterTest {


    /** A stream that remembers what had arrived each time it was flushed. */
    static final class FlushRecorder extends ByteArrayOutputStream {
        byte[] atLastFlush = new byte[0];
        int flushes;

        @Override
        public void flush() {
            flushes++;
            atLastFlush = toByteArray();
        }
    }

    private static byte[] body(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 'x');
        return b;
    }

    @Nested
    @DisplayName("§2 The frame header, byte by byte")
    class TheFrameHeader {

        @ParameterizedTest(name = "a {0}-byte body gets header {1}")
        @CsvSource({
            "1,     00 00 00 01",
            "255,   00 00 00 ff",
            "256,   00 00 01 00",
            "1000,  00 00 03 e8",
            "65536, 00 01 00 00",
        })
        @DisplayName("the header is the body length as 4 big-endian bytes")
        void headerBytes(int length, String headerHex) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new FrameWriter(out).writeFrame(body(length));

            byte[] written = out.toByteArray();
            Hex.assertBytes("the first 4 bytes written for a " + length + "-byte body (" + headerHex + ")",
                    Wire.header(length), Arrays.copyOf(written, Math.min(4, written.length)));
        }
    }

    @Nested
    @DisplayName("§3 Writing frames")
    class WritingFrames {

        @Test
        @DisplayName("a frame is the header followed by the body, nothing more")
        void headerThenBody() throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] body = Wire.utf8("{\"type\":\"chat\",\"data\":\"hi\"}");
            new FrameWriter(out).writeFrame(body);
            Hex.assertBytes("the frame written for a 27-byte JSON body", Wire.frame(body), out.toByteArray());
        }

        @Test
        @DisplayName("two frames written one after the other follow each other on the stream")
        void framesFollowEachOther() throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            FrameWriter writer = new FrameWriter(out);
            writer.writeFrame(Wire.utf8("one"));
            writer.writeFrame(Wire.utf8("two!"));
            Hex.assertBytes("two frames in a row", Wire.concat(Wire.frame("one"), Wire.frame("two!")),
                    out.toByteArray());
        }

        @Test
        @DisplayName("writeFrame() flushes once the whole frame is written, so it leaves at once")
        void flushesTheWholeFrame() throws IOException {
            FlushRecorder out = new FlushRecorder();
            byte[] body = Wire.utf8("ping");
            new FrameWriter(out).writeFrame(body);
            assertThat(out.flushes)
                    .as("writeFrame() must call flush(): over a socket an unflushed frame may never leave")
                    .isPositive();
            Hex.assertBytes("what had been written when the stream was last flushed", Wire.frame(body),
                    out.atLastFlush);
        }

        @Test
        @DisplayName("an empty body is refused with IllegalArgumentException, and nothing is written")
        void emptyBodyRefused() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThatThrownBy(() -> new FrameWriter(out).writeFrame(new byte[0]))
                    .as("a frame body must be 1..65536 bytes")
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("0");
            assertThat(out.size()).as("bytes written for a refused frame").isZero();
        }

        @Test
        @DisplayName("a body over 65,536 bytes is refused, naming its size and the limit, and nothing is written")
        void tooLargeRefused() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThatThrownBy(() -> new FrameWriter(out).writeFrame(body(65_537)))
                    .as("the message should name the size and the limit, e.g. 'frame body of 65537 bytes exceeds "
                            + "the 65536-byte limit'")
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("65537")
                    .hasMessageContaining("65536");
            assertThat(out.size()).as("bytes written for a refused frame").isZero();
        }
    }
}
