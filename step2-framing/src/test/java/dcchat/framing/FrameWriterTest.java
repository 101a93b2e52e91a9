package dcchat.framing;

import static dcchat.testing.Lesson.say;
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
            Hex.assertBytes(say("the first 4 bytes written for a " + length + "-byte body (" + headerHex + ")",
                    "los primeros 4 bytes escritos para un cuerpo de " + length + " bytes (" + headerHex + ")"),
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
            Hex.assertBytes(say("the frame written for a 27-byte JSON body",
                    "el frame escrito para un cuerpo JSON de 27 bytes"), Wire.frame(body), out.toByteArray());
        }

        @Test
        @DisplayName("two frames written one after the other follow each other on the stream")
        void framesFollowEachOther() throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            FrameWriter writer = new FrameWriter(out);
            writer.writeFrame(Wire.utf8("one"));
            writer.writeFrame(Wire.utf8("two!"));
            Hex.assertBytes(say("two frames in a row", "dos frames seguidos"),
                    Wire.concat(Wire.frame("one"), Wire.frame("two!")), out.toByteArray());
        }

        @Test
        @DisplayName("writeFrame() flushes once the whole frame is written, so it leaves at once")
        void flushesTheWholeFrame() throws IOException {
            FlushRecorder out = new FlushRecorder();
            byte[] body = Wire.utf8("ping");
            new FrameWriter(out).writeFrame(body);
            assertThat(out.flushes)
                    .as(say("writeFrame() must call flush(): over a socket an unflushed frame may never leave",
                            "writeFrame() debe llamar a flush(): sobre un socket, un frame sin flush puede no salir "
                            + "nunca"))
                    .isPositive();
            Hex.assertBytes(say("what had been written when the stream was last flushed",
                    "lo que se había escrito la última vez que se hizo flush del flujo"), Wire.frame(body),
                    out.atLastFlush);
        }

        @Test
        @DisplayName("an empty body is refused with IllegalArgumentException, and nothing is written")
        void emptyBodyRefused() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThatThrownBy(() -> new FrameWriter(out).writeFrame(new byte[0]))
                    .as(say("a frame body must be 1..65536 bytes",
                            "el cuerpo de un frame debe tener de 1 a 65536 bytes"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("0");
            assertThat(out.size())
                    .as(say("bytes written for a refused frame", "bytes escritos para un frame rechazado"))
                    .isZero();
        }

        @Test
        @DisplayName("a body over 65,536 bytes is refused, naming its size and the limit, and nothing is written")
        void tooLargeRefused() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThatThrownBy(() -> new FrameWriter(out).writeFrame(body(65_537)))
                    .as(say("the message should name the size and the limit, e.g. 'frame body of 65537 bytes "
                            + "exceeds the 65536-byte limit'", "el mensaje debería indicar el tamaño y el límite, por "
                            + "ejemplo 'frame body of 65537 bytes exceeds the 65536-byte limit'"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("65537")
                    .hasMessageContaining("65536");
            assertThat(out.size())
                    .as(say("bytes written for a refused frame", "bytes escritos para un frame rechazado"))
                    .isZero();
        }
    }
}
