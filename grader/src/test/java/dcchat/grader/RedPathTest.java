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

    /** Grades step 1 or 2 of the reference with {@code find} replaced by {@code replace} in {@code file}. */
    private static StepOutcome wrong(String step, String file, String find, String replace) throws Exception {
        Kit kit = KitFixture.kit();
        Path dir = KitFixture.newDir("red");
        Path sub = dir.resolve("student");
        Map<String, Kind> kinds = new LinkedHashMap<>();
        KitFixture.STEPS.forEach(s -> kinds.put(s, Kind.REFERENCE));
        new Generate(kit).writeSubmission(sub, kinds);
        if (file != null) {
            Path source = sub.resolve(step).resolve("src/main/java").resolve(file);
            String code = Files.readString(source);
            assertThat(code).as("the reference %s (the fixture edits it)", file).contains(find);
            Files.writeString(source, code.replace(find, replace));
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
        StepOutcome right = wrong("step1-echo", null, null, null);
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
