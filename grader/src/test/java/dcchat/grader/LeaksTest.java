package dcchat.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The student edition's leak check on a kit of one small step (fast: no export, no build): reference code in any
 * text file, Markdown included, and the names only the reference has, in prose or in code.
 */
class LeaksTest {

    private static final String STARTER = """
            package demo;

            import java.io.DataInputStream;

            /** Relays lines (README §2). */
            public final class Relay {
                private final Object lock = new Object();

                public void relay(String line) {
                    throw new UnsupportedOperationException("README §2: relay a line");
                }

                private void flushQueue() {
                    throw new UnsupportedOperationException("README §2: flush the queue");
                }
            }
            """;

    private static final String REFERENCE = """
            package demo;

            import java.io.DataInputStream;

            /** Relays lines (README §2). */
            public final class Relay {
                private final Object lock = new Object();
                private int pendingFrames;
                private boolean draining;
                private int ids;

                public void relay(String line) {
                    synchronized (lock) {
                        pendingFrames = pendingFrames + line.length();
                        drainEverything(line.strip());
                    }
                }

                private void flushQueue() {
                    pendingFrames = 0;
                }

                void drainEverything(String line) {
                    draining = !line.isEmpty();
                    flushQueue();
                }

                static void readFully(DataInputStream in, byte[] into) throws java.io.IOException {
                    in.readFully(into);
                }

                private static final class FrameBuffer {
                }
            }
            """;

    @TempDir
    Path root;
    private StudentEdition edition;
    private Path export;

    @BeforeEach
    void kit() throws IOException {
        Files.writeString(root.resolve("pom.xml"), "<project><modules><module>step1-demo</module></modules></project>\n");
        write(root.resolve("step1-demo/src/main/java/demo/Relay.java"), STARTER);
        write(root.resolve("solutions/step1-demo/src/main/java/demo/Relay.java"), REFERENCE);
        write(root.resolve("step1-demo/src/test/java/demo/RelayTest.java"), "package demo;\n\nclass RelayTest {\n}\n");
        edition = new StudentEdition(Kit.open(root, root.resolve("work")));
        export = root.resolve("export");
        write(export.resolve("step1-demo/src/main/java/demo/Relay.java"), STARTER);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    @DisplayName("three lines of reference code in a row in a Markdown file — a lesson's code block — are a leak, at their line")
    void referenceCodeInMarkdown() throws IOException {
        write(export.resolve("step1-demo/README.md"), """
                # Step 1

                The loop, for the record:

                ```java
                    synchronized (lock) {
                        pendingFrames = pendingFrames + line.length();
                        drainEverything(line.strip());
                ```
                """);
        assertThat(edition.leaks(export)).anyMatch(l -> l.equals("step1-demo/README.md:6: synchronized (lock) { ⏎ "
                + "pendingFrames = pendingFrames + line.length(); ⏎ drainEverything(line.strip());"));
    }

    @Test
    @DisplayName("a prose mention of a reference-only helper, field or nested class is a leak: file:line: name (from solutions/…)")
    void referenceNamesInProse() throws IOException {
        write(export.resolve("step1-demo/README.md"), """
                # Step 1

                A mutant in `Relay.drainEverything` line 22 survives,
                and pendingFrames is never read back; FrameBuffer is unused.
                Relay.draining is a field; a draining queue is an English phrase.
                flushQueue is in the starter, readFully is the JDK's, and ids is too short to tell.
                """);
        String from = " (from solutions/step1-demo/src/main/java/demo/Relay.java)";
        assertThat(edition.leaks(export)).containsExactly("step1-demo/README.md:3: drainEverything" + from,
                "step1-demo/README.md:4: pendingFrames" + from, "step1-demo/README.md:4: FrameBuffer" + from,
                "step1-demo/README.md:5: draining" + from);
    }

    @Test
    @DisplayName("the starter itself, with the names it shares with the reference, is no leak")
    void starterIsNoLeak() throws IOException {
        assertThat(edition.leaks(export)).isEmpty();
        assertThat(edition.referenceNames()).extracting(StudentEdition.ReferenceName::name)
                .containsExactlyInAnyOrder("pendingFrames", "draining", "drainEverything", "FrameBuffer");
    }
}
