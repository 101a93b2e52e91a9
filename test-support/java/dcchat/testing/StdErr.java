package dcchat.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Records what the code under test prints on {@code System.err} while it is open, and still lets it through
 * to the real {@code System.err}, so a student sees their own log lines as usual. Tests of "log one line on
 * System.err" use it with Awaitility, because servers log from their own threads.
 *
 * <p>Kit test support: students never edit this file.
 * <pre>
 *   try (StdErr err = StdErr.record()) {
 *       … make a client misbehave …
 *       await().until(() -&gt; !err.linesContaining(":" + port).isEmpty());
 *   }
 * </pre>
 */
public final class StdErr implements AutoCloseable {

    private final PrintStream original;
    private final ByteArrayOutputStream recorded = new ByteArrayOutputStream();

    private StdErr() {
        this.original = System.err;
        OutputStream both = new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                recorded.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                recorded.write(b, off, len);
            }

            @Override
            public void flush() {
                original.flush();
            }
        };
        System.setErr(new PrintStream(both, true, StandardCharsets.UTF_8));
    }

    /**
     * Starts recording {@code System.err}.
     *
     * @return the recording; close it to put the real {@code System.err} back
     */
    public static StdErr record() {
        return new StdErr();
    }

    /** @return everything printed on {@code System.err} since {@link #record()} */
    public String text() {
        return recorded.toString(StandardCharsets.UTF_8);
    }

    /**
     * @param needle the text to look for, e.g. a client's port
     * @return the recorded lines that contain it
     */
    public List<String> linesContaining(String needle) {
        return Arrays.stream(text().split("\\R")).filter(line -> line.contains(needle)).collect(Collectors.toList());
    }

    /** Puts the real {@code System.err} back. */
    @Override
    public void close() {
        System.err.flush();
        System.setErr(original);
    }
}
