package dcchat.echo;

import static dcchat.echo.HostileHook.say;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.nio.channels.Channel;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/*
 * HOSTILE FIXTURE forge-channels — put a fake report anywhere the grader might read one, then halt.
 *
 * What the student tries: a complete "every test passed" report in the runner's own binary format (and the same
 * claim as JUnit XML, Gradescope JSON and PASSED lines), written to every channel Java code can open: files in
 * the working folder and /tmp, System.out and System.err, the JVM's raw descriptors 1 and 2
 * (FileDescriptor.out/err), /proc/self/fd/3, /dev/fd/3, /dev/stdout, a FileDescriptor for 3 made by reflection,
 * and the inherited channel; then Runtime.halt(0), so that the runner's real report ends mid-step. This starter
 * scores 0 honestly.
 *
 * Why it must fail: the supervisor reads events only from descriptor 3, which these cannot reach; whatever the
 * JVM prints is text, never events; a JVM that halts mid-step is scored on what was validated before.
 * (The test calls Hostile.run() once, from the start of EchoServer's constructor; say() is the test's:
 * a line on System.out and on the JVM's own stderr, which the supervisor keeps even if the JVM ends here.)
 */
public final class Hostile {

    private Hostile() {
    }

    static void run() {
        byte[] report;
        byte[] lines;
        try {
            List<String> ids = FakeEvents.testIds();
            report = FakeEvents.everythingPassed(ids, FakeEvents.running(ids), 0, "");
            lines = FakeEvents.resultLines(ids).getBytes(StandardCharsets.UTF_8);
        } catch (Throwable t) {
            say("forger: no test ids: " + t);
            return;
        }
        for (String file : List.of("events", "results.json", "TEST-dcchat.echo.EchoServerTest.xml",
                "/tmp/events", "../events", "/tmp/../events")) {
            attempt("file " + file, () -> {
                Files.write(Path.of(file), report);
                Files.write(Path.of(file + ".txt"), lines);
            });
        }
        attempt("System.out", () -> {
            System.out.write(report);
            System.out.write(lines);
            System.out.flush();
        });
        attempt("System.err", () -> {
            System.err.write(report);
            System.err.flush();
        });
        attempt("FileDescriptor.out", () -> write(new FileOutputStream(FileDescriptor.out), report));
        attempt("FileDescriptor.err", () -> write(new FileOutputStream(FileDescriptor.err), report));
        for (String path : List.of("/proc/self/fd/3", "/dev/fd/3", "/proc/1/fd/3", "/proc/2/fd/3", "/dev/stdout")) {
            attempt(path, () -> write(new FileOutputStream(path, true), report));
        }
        attempt("FileChannel /proc/self/fd/3", () -> {
            try (FileChannel c = FileChannel.open(Path.of("/proc/self/fd/3"), StandardOpenOption.WRITE)) {
                c.write(java.nio.ByteBuffer.wrap(report));
            }
        });
        attempt("FileDescriptor 3 by reflection", () -> {
            FileDescriptor fd = new FileDescriptor();
            Field f = FileDescriptor.class.getDeclaredField("fd");
            f.setAccessible(true);
            f.setInt(fd, 3);
            write(new FileOutputStream(fd), report);
        });
        attempt("inherited channel", () -> {
            Channel c = System.inheritedChannel();
            if (c == null) {
                throw new IllegalStateException("none");
            }
            say("inherited channel: " + c);
        });
        say("forger: halting mid-step");
        Runtime.getRuntime().halt(0);
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void attempt(String what, Step step) {
        try {
            step.run();
            say("channel " + what + ": written");
        } catch (Throwable t) {
            say("channel " + what + ": refused (" + t + ")");
        }
    }

    private static void write(OutputStream out, byte[] bytes) throws Exception {
        out.write(bytes);
        out.flush();
    }
}
