package dcchat.grader;

import static org.assertj.core.api.Assertions.assertThat;

import dcchat.grader.Generate.Kind;
import dcchat.grader.Results.StepOutcome;
import dcchat.grader.Results.TestOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The red path, as students meet it: the reference with one typical mistake, graded by the real tests. Every
 * failure must name a README section (also when the student's code throws), show the student's own line, and come
 * quickly — a wrong program costs about what a right one does, not a reply timeout per test.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RedPathTest {

    /** Grades a step of the reference with, in {@code file}, each find string replaced by the string after it. */
    private static StepOutcome wrong(String step, String file, String... findReplace) throws Exception {
        Kit kit = KitFixture.kit();
        Path dir = KitFixture.newDir("red");
        Path sub = dir.resolve("student");
        Map<String, Kind> kinds = new LinkedHashMap<>();
        KitFixture.STEPS.forEach(s -> kinds.put(s, Kind.REFERENCE));
        new Generate(kit).writeSubmission(sub, kinds);
        if (file != null) {
            Path source = sub.resolve(step).resolve("src/main/java").resolve(file);
            String code = Files.readString(source);
            for (int i = 0; i < findReplace.length; i += 2) {
                assertThat(code).as("the reference %s (the fixture edits it)", file).contains(findReplace[i]);
                code = code.replace(findReplace[i], findReplace[i + 1]);
            }
            Files.writeString(source, code);
        }
        try (Grader g = new Grader(kit, KitFixture.config(), Grader.Modes.ISOLATED, 1, false, dir.resolve("work"),
                KitFixture.sandbox())) {
            return g.grade(new Grader.Submission("student", sub)).steps().stream()
                    .filter(s -> s.step().equals(step)).findFirst().orElseThrow().scored();
        }
    }

    private static List<TestOutcome> failures(StepOutcome outcome) {
        return outcome.tests().stream().filter(t -> !t.passed()).toList();
    }

    @Test
    @DisplayName("step 1 without flush(): every echo test fails at once, naming its section and the line where the "
            + "server waits")
    void missingFlushFailsFast() throws Exception {
        StepOutcome right = wrong("step1-echo", null);
        StepOutcome noFlush = wrong("step1-echo", "dcchat/echo/EchoServer.java",
                "out.flush(); // without this", "// out.flush(); without this");

        assertThat(failures(right)).as("the reference's failures").isEmpty();
        assertThat(failures(noFlush)).as("tests failing without flush()").hasSizeGreaterThanOrEqualTo(15)
                .allSatisfy(t -> assertThat(t.message()).as(t.test().key())
                        .contains("README.md §")
                        .contains("not flushed")
                        .contains("EchoServer.java:"));
        // Each of those ~17 tests used to wait out a 3 s reply timeout: 51 s in all. Now each fails in ~0.2 s.
        assertThat(noFlush.seconds()).as("seconds to grade step 1 without flush() (the reference took %.1f s)",
                right.seconds()).isLessThan(right.seconds() + 12);
    }

    @Test
    @DisplayName("a correct server that answers through a timer (a scheduled executor, 200 ms later) is never "
            + "mistaken for a stuck one")
    void timerIsNotAStall() throws Exception {
        StepOutcome later = wrong("step1-echo", "dcchat/echo/EchoServer.java",
                "            out.write(line);\n            out.write('\\n');\n            out.flush(); // without this",
                "            String reply = line;\n"
                        + "            try {\n"
                        + "                LATER.schedule(() -> { out.write(reply + '\\n'); out.flush(); return null; },\n"
                        + "                        200, java.util.concurrent.TimeUnit.MILLISECONDS).get();\n"
                        + "            } catch (InterruptedException | java.util.concurrent.ExecutionException e) {\n"
                        + "                throw new IOException(e);\n"
                        + "            }\n"
                        + "            // scheduled: while it waits, no thread of the program is runnable but the timer",
                "public final class EchoServer implements AutoCloseable {",
                "public final class EchoServer implements AutoCloseable {\n    private static final "
                        + "java.util.concurrent.ScheduledExecutorService LATER = "
                        + "java.util.concurrent.Executors.newSingleThreadScheduledExecutor();");
        // 100 lines at 200 ms each exceed manyLinesInOrder's 10 s limit: slow, and rightly failed as slow.
        assertThat(failures(later)).as("failures of a server whose replies come from a scheduled executor")
                .allSatisfy(t -> assertThat(t.message()).as(t.test().key()).doesNotContain("stuck")
                        .contains("ran out of time"))
                .hasSizeLessThanOrEqualTo(1);
    }

    @Test
    @DisplayName("step 1's client without flush(): each test stuck in send() fails at once, naming its section")
    void clientMissingFlushFailsFast() throws Exception {
        StepOutcome noFlush = wrong("step1-echo", "dcchat/echo/EchoClient.java", "out.flush();", "");

        assertThat(failures(noFlush)).as("tests failing with a client that never flushes")
                .hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(t -> assertThat(t.message()).as(t.test().key())
                        .contains("README.md §8")
                        .doesNotContain("timed out"));
        assertThat(noFlush.seconds()).as("seconds to grade step 1 (each stuck test used to take its 10 s limit)")
                .isLessThan(25);
    }

    @Test
    @DisplayName("step 2 reading a header with one read(): the FramingException from the student's code names the "
            + "test, the student's line and the section")
    void exceptionFromStudentCodeNamesItsSection() throws Exception {
        StepOutcome oneRead = wrong("step2-framing", "dcchat/framing/FrameReader.java",
                "int got = readFully(header);", "int got = Math.max(0, in.read(header));");

        assertThat(failures(oneRead)).as("tests failing when one read() fills the header")
                .isNotEmpty()
                .allSatisfy(t -> assertThat(t.message()).as(t.test().key()).contains("README.md §"))
                .anySatisfy(t -> assertThat(t.message())
                        .contains("Your code threw FramingException")
                        .contains("at dcchat.framing.FrameReader.readFrame(FrameReader.java:"));
    }
}
