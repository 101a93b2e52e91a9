package dcchat.framing;

import static dcchat.testing.Lesson.say;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dcchat.testing.Teaching;
import dcchat.testing.Wire;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The specification of {@link FrameReader} (step2-framing/README.md §4, §5 and §6). */
@DisplayName("FrameReader")
@ExtendWith(Teaching.class)
class FrameReaderTest {


    /** Hands out at most one byte per read call: what a slow network can do to you. */
    static final class Trickle extends FilterInputStream {
        Trickle(byte[] bytes) {
            super(new ByteArrayInputStream(bytes));
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1));
        }
    }

    /** Counts the bytes taken from the stream. */
    static final class Counting extends FilterInputStream {
        long taken;

        Counting(byte[] bytes) {
            super(new ByteArrayInputStream(bytes));
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b != -1) {
                taken++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                taken += n;
            }
            return n;
        }
    }

    private static byte[] body(String text) {
        return Wire.utf8(text);
    }

    private static byte[] next(FrameReader reader, String what) throws IOException {
        Optional<byte[]> frame = reader.readFrame();
        assertThat(frame).as(say("%s: readFrame() returned empty, which means 'clean end of stream'",
                "%s: readFrame() devolvió vacío, que significa «fin limpio del flujo»"), what).isPresent();
        return frame.get();
    }

    @Nested
    @DisplayName("§4 Reading frames")
    class ReadingFrames {

        @Test
        @DisplayName("reads back the body of one frame")
        void oneFrame() throws IOException {
            FrameReader reader = new FrameReader(new ByteArrayInputStream(Wire.frame("hello")));
            assertThat(next(reader, say("the only frame", "el único frame")))
                    .as(say("the body read", "el cuerpo leído"))
                    .isEqualTo(body("hello"));
        }

        @Test
        @DisplayName("reads whole frames from a stream that hands out one byte per read (readFully)")
        void tricklingStream() throws IOException {
            byte[] stream = Wire.concat(Wire.frame("first"), Wire.frame("second frame"));
            FrameReader reader = new FrameReader(new Trickle(stream));
            assertThat(next(reader, say("frame 1 of 2, trickled byte by byte", "frame 1 de 2, entregado byte a byte")))
                    .as(say("one read() may return fewer bytes than asked: loop until the header and the body are "
                            + "complete", "un read() puede devolver menos bytes de los que pediste: itera hasta que la "
                            + "cabecera y el cuerpo estén completos"))
                    .isEqualTo(body("first"));
            assertThat(next(reader, say("frame 2 of 2, trickled byte by byte",
                    "frame 2 de 2, entregado byte a byte"))).isEqualTo(body("second frame"));
        }

        @Test
        @DisplayName("splits three frames that arrived in one buffer into three bodies, in order")
        void coalescedFrames() throws IOException {
            byte[] stream = Wire.concat(Wire.frame("a"), Wire.frame("bb"), Wire.frame("ccc"));
            FrameReader reader = new FrameReader(new ByteArrayInputStream(stream));
            assertThat(next(reader, say("frame 1 of 3", "frame 1 de 3")))
                    .as(say("read exactly the header's length and not a byte more",
                            "lee exactamente el largo que dice la cabecera, ni un byte más"))
                    .isEqualTo(body("a"));
            assertThat(next(reader, say("frame 2 of 3", "frame 2 de 3"))).isEqualTo(body("bb"));
            assertThat(next(reader, say("frame 3 of 3", "frame 3 de 3"))).isEqualTo(body("ccc"));
        }

        @Test
        @DisplayName("reads a body of exactly 65,536 bytes, the largest allowed")
        void largestBody() throws IOException {
            byte[] big = new byte[65_536];
            Arrays.fill(big, (byte) 'z');
            FrameReader reader = new FrameReader(new Trickle(Wire.frame(big)));
            byte[] got = next(reader, say("a 65,536-byte frame", "un frame de 65.536 bytes"));
            assertThat(got.length).as(say("body length (65,536 is allowed: see also §6 Limits and bad lengths)",
                    "largo del cuerpo (65.536 está permitido: ver también §6 Límites y largos incorrectos)"))
                    .isEqualTo(65_536);
            assertThat(got).isEqualTo(big);
        }
    }

    @Nested
    @DisplayName("§5 End of stream")
    class EndOfStream {

        @Test
        @DisplayName("an empty stream means 'no more frames': readFrame() returns empty")
        void emptyStream() throws IOException {
            assertThat(new FrameReader(new ByteArrayInputStream(new byte[0])).readFrame())
                    .as(say("end of stream before any header byte is a clean end, not an error",
                            "el fin del flujo antes de cualquier byte de cabecera es un final limpio, no un error"))
                    .isEmpty();
        }

        @Test
        @DisplayName("after the last whole frame, readFrame() returns empty")
        void endAfterFrames() throws IOException {
            FrameReader reader = new FrameReader(new ByteArrayInputStream(Wire.frame("only")));
            next(reader, say("the only frame", "el único frame"));
            assertThat(reader.readFrame())
                    .as(say("the stream ended between frames", "el flujo terminó entre dos frames"))
                    .isEmpty();
        }

        @Test
        @DisplayName("a stream that ends inside the header is a FramingException, not a clean end")
        void endInsideHeader() {
            FrameReader reader = new FrameReader(new ByteArrayInputStream(new byte[] {0, 0}));
            assertThatThrownBy(reader::readFrame)
                    .as(say("2 of 4 header bytes then end of stream: the peer vanished mid-frame",
                            "2 de 4 bytes de cabecera y después el fin del flujo: el otro extremo desapareció a mitad "
                            + "de frame"))
                    .isInstanceOf(FramingException.class)
                    .hasMessageContaining("header");
        }

        @Test
        @DisplayName("a stream that ends inside the body is a FramingException naming how much was missing")
        void endInsideBody() {
            byte[] truncated = Wire.concat(Wire.header(10), body("abc"));
            FrameReader reader = new FrameReader(new ByteArrayInputStream(truncated));
            assertThatThrownBy(reader::readFrame)
                    .as(say("the header promised 10 bytes, only 3 came",
                            "la cabecera prometió 10 bytes y solo llegaron 3"))
                    .isInstanceOf(FramingException.class)
                    .hasMessageContaining("3")
                    .hasMessageContaining("10");
        }
    }

    @Nested
    @DisplayName("§6 Limits and bad lengths")
    class LimitsAndBadLengths {

        @ParameterizedTest(name = "header {0} (length {1}) is refused")
        @CsvSource({
            "00 00 00 00, 0",
            "00 01 00 01, 65537",
            "00 10 00 00, 1048576",
            "80 00 00 00, 2147483648",
            "ff ff ff ff, 4294967295|-1",
        })
        @DisplayName("a length outside 1..65,536 is a FramingException naming the value")
        void badLengths(String hex, String shownAs) {
            String[] parts = hex.split(" ");
            byte[] header = new byte[4];
            for (int i = 0; i < 4; i++) {
                header[i] = (byte) Integer.parseInt(parts[i], 16);
            }
            Counting in = new Counting(Wire.concat(header, new byte[70_000]));
            assertThatThrownBy(() -> new FrameReader(in).readFrame())
                    .as(say("header %s: check the length against 1..65536 before reading the body",
                            "cabecera %s: comprueba que el largo esté en 1..65536 antes de leer el cuerpo"), hex)
                    .isInstanceOf(FramingException.class)
                    .hasMessageMatching("(?s).*(" + shownAs + ").*");
            assertThat(in.taken)
                    .as(say("bytes taken from the stream for a refused header %s: only the 4 header bytes — a bad "
                            + "length must be refused before any body byte is read",
                            "bytes sacados del flujo para la cabecera rechazada %s: solo los 4 bytes de cabecera — un "
                            + "largo incorrecto debe rechazarse antes de leer un solo byte del cuerpo"), hex)
                    .isEqualTo(4);
        }

        @Test
        @DisplayName("a 2 GB length is refused without allocating 2 GB")
        void hugeLengthDoesNotAllocate() {
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            byte[] header = Wire.header(0x7FFF_FFFFL);
            FrameReader reader = new FrameReader(new ByteArrayInputStream(header));
            long before = threads.getCurrentThreadAllocatedBytes();
            Throwable thrown = null;
            try {
                reader.readFrame();
            } catch (Throwable t) {
                thrown = t;
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertThat(allocated)
                    .as(say("bytes allocated while refusing a 2,147,483,647-byte length: never allocate a buffer "
                            + "from a length you have not checked — a hostile client could ask for any size",
                            "bytes reservados al rechazar un largo de 2.147.483.647 bytes: nunca reserves un buffer a "
                            + "partir de un largo que no has comprobado — un cliente hostil podría pedir cualquier "
                            + "tamaño"))
                    .isLessThan(1_000_000);
            assertThat(thrown)
                    .as(say("reading a frame whose header says 2,147,483,647 bytes",
                            "leer un frame cuya cabecera dice 2.147.483.647 bytes"))
                    .isInstanceOf(FramingException.class)
                    .hasMessageContaining("2147483647")
                    .hasMessageContaining("65536");
        }
    }
}
