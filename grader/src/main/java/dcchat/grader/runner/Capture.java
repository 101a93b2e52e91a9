package dcchat.grader.runner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** What student code prints: System.out and System.err switched to the running job's capped buffer. */
final class Capture {

    private Capture() {
    }

    /** Where System.out and System.err go: the running job's capped buffer, or nowhere between jobs. */
    static final SwitchedOutput STEP_OUTPUT = new SwitchedOutput();

    static final class SwitchedOutput extends OutputStream {
        volatile OutputStream target;

        @Override
        public void write(int b) throws IOException {
            OutputStream t = target;
            if (t != null) {
                t.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            OutputStream t = target;
            if (t != null) {
                t.write(b, off, len);
            }
        }
    }

    /** Keeps the first cap bytes a job prints, and counts them all. */
    static final class CappedOutput extends OutputStream {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final long cap;
        private long total;

        CappedOutput(long cap) {
            this.cap = cap;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            long keep = Math.max(0, Math.min(len, cap - total));
            if (keep > 0) {
                kept.write(b, off, (int) keep);
            }
            total += len;
        }

        synchronized long total() {
            return total;
        }

        synchronized String kept() {
            return kept.toString(StandardCharsets.UTF_8);
        }
    }

}
