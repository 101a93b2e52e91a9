package dcchat.echo;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;

/*
 * HOSTILE FIXTURE off-heap — take 2 GiB of memory outside the Java heap.
 *
 * What the student tries: 2 GiB of direct ByteBuffers, sun.misc.Unsafe.allocateMemory if it can be reached,
 * 2 GiB of file mappings in /tmp, and native zlib memory (Deflaters never ended); print how much each got.
 * Then let it all go and carry on as the reference, which scores full marks honestly.
 *
 * Why it must be contained: direct buffers are capped (-XX:MaxDirectMemorySize), Unsafe is not in the JVM,
 * /tmp is a small tmpfs, and the address-space limit bounds whatever native memory is left.
 * (The test calls Hostile.run() once, from the start of EchoServer's constructor.)
 */
public final class Hostile {

    private static final long GOAL = 2L << 30;
    private static final int CHUNK = 16 << 20;

    private Hostile() {
    }

    static void run() {
        List<Object> keep = new ArrayList<>();
        long direct = 0;
        try {
            while (direct < GOAL) {
                keep.add(ByteBuffer.allocateDirect(CHUNK));
                direct += CHUNK;
            }
        } catch (Throwable t) {
            System.out.println("off-heap: direct buffers stopped: " + t);
        }
        System.out.println("off-heap: direct buffers got " + (direct >> 20) + " MiB");
        try {
            Class.forName("sun.misc.Unsafe");
            System.out.println("REACHED: sun.misc.Unsafe");
        } catch (Throwable t) {
            System.out.println("off-heap: Unsafe refused: " + t);
        }
        long mapped = 0;
        try (RandomAccessFile f = new RandomAccessFile("/tmp/dcchat-hostile-map", "rw")) {
            while (mapped < GOAL) {
                MappedByteBuffer m = f.getChannel().map(FileChannel.MapMode.READ_WRITE, mapped, CHUNK);
                for (int i = 0; i < CHUNK; i += 4096) {
                    m.put(i, (byte) 1); // touch every page
                }
                keep.add(m);
                mapped += CHUNK;
            }
        } catch (Throwable t) {
            System.out.println("off-heap: mappings stopped: " + t);
        }
        System.out.println("off-heap: mappings got " + (mapped >> 20) + " MiB");
        List<Deflater> zlib = new ArrayList<>();
        try {
            for (int i = 0; i < 20_000; i++) {
                Deflater d = new Deflater(9);
                d.setInput(new byte[1]);
                d.deflate(new byte[16]); // zlib allocates its ~256 KiB state on first use
                zlib.add(d);
            }
        } catch (Throwable t) {
            System.out.println("off-heap: zlib stopped: " + t);
        }
        System.out.println("off-heap: zlib streams " + zlib.size() + " (about " + zlib.size() / 4 + " MiB)");
        zlib.forEach(Deflater::end);
        keep.clear();
        new java.io.File("/tmp/dcchat-hostile-map").delete();
        System.gc();
    }
}
