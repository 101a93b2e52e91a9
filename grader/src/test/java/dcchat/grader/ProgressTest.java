package dcchat.grader;

import static org.assertj.core.api.Assertions.assertThat;

import dcchat.grader.Progress.Lessons;
import dcchat.grader.Progress.Next;
import dcchat.grader.Results.Status;
import dcchat.grader.Results.StepOutcome;
import dcchat.grader.Results.TestOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** ./dcchat progress's "next" column: which step's lesson, which section, and why (no JVM started: fast). */
class ProgressTest {

    private static final List<String> STEPS = List.of("step1-echo", "step2-framing", "step3-threads",
            "step4-broadcast");

    /** The sections the rows below point at, as the READMEs spell them. */
    private static final Lessons LESSONS = new Lessons(STEPS,
            Map.of("dcchat.echo", "step1-echo", "dcchat.framing", "step2-framing", "dcchat.threads", "step3-threads",
                    "dcchat.broadcast", "step4-broadcast"),
            Map.of("step1-echo", Lessons.headings("## §2 Opening a server socket\n## §3 Accepting clients\n"),
                    "step2-framing", Lessons.headings("# Step 2\n## §3 Writing frames\n## §4 Reading frames\n"
                            + "## §8 JSON messages with Jackson\n## §9 Refusing bad messages\n## Run the tests\n"),
                    "step3-threads", Lessons.headings("## §1 Why one thread is not enough\n"),
                    "step4-broadcast", Lessons.headings("## §1 The chat server\n## §2 Joining\n## §3 Relaying chat\n"
                            + "## §5 Slow clients\n## §8 The console client\n")));

    private static final String STEP2_STUB = "java.lang.UnsupportedOperationException: Step 2: read a whole frame — "
            + "see README §4 Reading frames\n    at dcchat-step//dcchat.framing.FrameReader.readFrame(FrameReader.java:36)";
    private static final String STEP4_STUB = "java.lang.UnsupportedOperationException: Step 4: start the accept thread"
            + " — see README §1 The chat server\n    at dcchat-step//dcchat.broadcast.ChatServer.start(ChatServer.java:71)";

    /** A failing test: its display path, and its teaching message. */
    private static TestOutcome failing(String path, String message) {
        return new TestOutcome(new Kit.TestInfo("uid:" + path, "T#m", path, 1), false, 0, 1, message);
    }

    private static TestOutcome passing(String path) {
        return new TestOutcome(new Kit.TestInfo("uid:" + path, "T#m", path, 1), true, 1, 1, "");
    }

    private static StepOutcome graded(String step, TestOutcome... tests) {
        return new StepOutcome(step, GradingMode.CUMULATIVE, Status.GRADED, List.of(tests), 0, 20, "", List.of(), "",
                1);
    }

    private static Next next(String step, Map<String, Next> earlier, TestOutcome... tests) {
        return Progress.next(step, graded(step, tests), LESSONS, earlier);
    }

    @Nested
    @DisplayName("in Spanish (--lang es, or DCCHAT_LANG=es)")
    class InSpanish {

        private final Lessons spanish = new Lessons(STEPS, LESSONS.packages(),
                Map.of("step4-broadcast", Lessons.headings("## §1 El servidor de chat (The chat server)\n"
                        + "## §3 Retransmitir el chat (Relaying chat)\n"),
                        "step2-framing", Lessons.headings("## §4 Leer frames (Reading frames)\n")), true);

        @Test
        @DisplayName("a row points at README.es.md's heading, which shows the English title too, in Spanish words")
        void pointsAtTheSpanishLesson() {
            Next n = Progress.next("step4-broadcast", graded("step4-broadcast",
                    failing("ChatServer › §3 Relaying chat › three clients", "expected w")), spanish, Map.of());
            assertThat(n.text()).isEqualTo("lee step4-broadcast/README.es.md §3 Retransmitir el chat (Relaying chat)"
                    + " — falla: \"ChatServer › §3 Relaying chat › three clients\"");
            assertThat(n.readme()).isEqualTo("step4-broadcast/README.es.md");
        }

        @Test
        @DisplayName("an earlier step's stub, and a step with every test passing, say so in Spanish")
        void earlierStepAndDone() {
            Next n = Progress.next("step4-broadcast", graded("step4-broadcast",
                    failing("ChatServer › §3 Relaying chat › three clients", STEP2_STUB)), spanish, Map.of());
            assertThat(n.text()).startsWith("primero el paso 2: step2-framing/README.es.md §4 Leer frames (Reading "
                    + "frames) — falla: ");
            Next done = Progress.next("step4-broadcast", graded("step4-broadcast", passing("ChatServer › §1 x")),
                    spanish, Map.of());
            assertThat(done.text()).isEqualTo(Progress.DONE_ES);
            assertThat(done.done()).as("done() in Spanish too").isTrue();
        }
    }

    @Nested
    @DisplayName("a failure in this step's own code")
    class OwnStep {

        @Test
        @DisplayName("points at this step's README, at the section the failing test's @Nested class names")
        void pointsAtTheTestsOwnSection() {
            Next n = next("step4-broadcast", Map.of(),
                    failing("ChatServer › §3 Relaying chat › three clients see each other's messages", "expected w"));
            assertThat(n.text()).isEqualTo("read step4-broadcast/README.md §3 Relaying chat — failing: "
                    + "\"ChatServer › §3 Relaying chat › three clients see each other's messages\"");
            assertThat(n.readme()).isEqualTo("step4-broadcast/README.md");
            assertThat(n.section()).isEqualTo("§3 Relaying chat");
            assertThat(n.needsStep()).isNull();
            assertThat(n.failingTest()).isEqualTo("ChatServer › §3 Relaying chat › three clients see each other's "
                    + "messages");
        }

        @Test
        @DisplayName("picks the earliest section that has a failing test, whatever order the tests ran in, and names a "
                + "test of that section")
        void earliestSectionFirst() {
            Next n = next("step4-broadcast", Map.of(),
                    failing("ChatServer › §5 Slow clients › a queue of 1 frame is enough to chat", "expected v"),
                    passing("ChatServer › §1 The chat server › start() returns at once"),
                    failing("ChatServer › §2 Joining › an invalid name is refused › an empty name", "expected x"),
                    failing("ChatServer › §2 Joining › a client that joins gets a join frame", "expected y"));
            assertThat(n.text()).isEqualTo("read step4-broadcast/README.md §2 Joining — failing: "
                    + "\"ChatServer › §2 Joining › an invalid name is refused › an empty name\"");
        }

        @Test
        @DisplayName("names the section as the README's heading spells it, and is done when every test passes")
        void headingAndDone() {
            assertThat(next("step3-threads", Map.of(), failing("ThreadedEchoServer › §1 Why one thread is not enough"
                    + " › a second client", "expected z")).section()).isEqualTo("§1 Why one thread is not enough");
            assertThat(next("step3-threads", Map.of(), passing("ThreadedEchoServer › §1 Why one thread is not enough"
                    + " › a second client")).text()).isEqualTo(Progress.DONE);
        }

        @Test
        @DisplayName("a later section's test stopped by this step's own stub of an earlier section points at the stub's")
        void ownStubOfAnEarlierSection() {
            Next n = next("step4-broadcast", Map.of(), failing("ChatServer › §2 Joining › a client that joins gets a "
                    + "join frame", STEP4_STUB));
            assertThat(n.text()).as("step 4 from its starter: every test stops at start(), taught in §1")
                    .startsWith("read step4-broadcast/README.md §1 The chat server — failing: ");
        }

        @Test
        @DisplayName("a test outside any section points at the section its message cites, in this step's README")
        void testOutsideASection() {
            Next n = next("step4-broadcast", Map.of(), failing("ChatServerTest › a smoke test", STEP4_STUB));
            assertThat(n.text()).startsWith("read step4-broadcast/README.md §1 The chat server — failing: ");
        }

        @Test
        @DisplayName("a failure in an earlier step's code that passes all its own tests is this step's to fix")
        void earlierStepDoneIsNotBlamed() {
            Next step2 = next("step2-framing", Map.of(), passing("FrameReader › §4 Reading frames › reads a frame"));
            Next n = next("step4-broadcast", Map.of("step2-framing", step2), failing("ChatServer › §5 Slow clients › "
                    + "a slow client", "java.lang.IllegalArgumentException: frame too long\n    at "
                    + "dcchat-step//dcchat.framing.FrameWriter.writeFrame(FrameWriter.java:40)"));
            assertThat(n.text()).startsWith("read step4-broadcast/README.md §5 Slow clients — ");
            assertThat(n.needsStep()).isNull();
        }
    }

    @Nested
    @DisplayName("a failure in an earlier step's code")
    class EarlierStep {

        @Test
        @DisplayName("an earlier step's stub points at that step's README section and says the step is needed first")
        void earlierStub() {
            Next n = next("step4-broadcast", Map.of(),
                    failing("ConsoleClient › §8 The console client › a typed line too long", STEP2_STUB));
            assertThat(n.text()).isEqualTo("needs step 2 first: step2-framing/README.md §4 Reading frames — failing: "
                    + "\"ConsoleClient › §8 The console client › a typed line too long\"");
            assertThat(n.readme()).isEqualTo("step2-framing/README.md");
            assertThat(n.section()).isEqualTo("§4 Reading frames");
            assertThat(n.needsStep()).isEqualTo("step2-framing");
        }

        @Test
        @DisplayName("it comes before this step's own failures, even in an earlier section, and is found in a thread's "
                + "death too")
        void earlierStepFirst() {
            Next n = next("step4-broadcast", Map.of(),
                    failing("ChatServer › §1 The chat server › start() returns at once", STEP4_STUB),
                    failing("ChatServer › §5 Slow clients › a client that never reads", "A thread died of an exception "
                            + "nobody caught (the first is what to fix):\n  thread \"dcchat-client-1\" died of "
                            + STEP2_STUB));
            assertThat(n.text()).startsWith("needs step 2 first: step2-framing/README.md §4 Reading frames — failing: "
                    + "\"ChatServer › §5 Slow clients › a client that never reads\"");
        }

        @Test
        @DisplayName("of two earlier steps' stubs, the earlier step's comes first")
        void earliestStepFirst() {
            Next n = next("step4-broadcast", Map.of(),
                    failing("ChatServer › §2 Joining › a", STEP2_STUB),
                    failing("ChatServer › §3 Relaying chat › b", "java.lang.UnsupportedOperationException: Step 1: "
                            + "open a ServerSocket on 127.0.0.1 — see README §2 Opening a server socket"));
            assertThat(n.text()).startsWith("needs step 1 first: step1-echo/README.md §2 Opening a server socket — ");
        }

        @Test
        @DisplayName("a stub that cites two sections points at the first, titled as its README heading")
        void stubWithTwoSections() {
            Next n = next("step4-broadcast", Map.of(), failing("ChatServer › §3 Relaying chat › a chat",
                    "java.lang.UnsupportedOperationException: Step 2: parse and check the body — see README §8 JSON "
                            + "messages with Jackson and §9 Refusing bad messages"));
            assertThat(n.section()).isEqualTo("§8 JSON messages with Jackson");
        }

        @Test
        @DisplayName("a failure thrown in an unfinished earlier step's package points at that step's own next section")
        void earlierFrame() {
            Next step2 = next("step2-framing", Map.of(),
                    failing("FrameWriter › §3 Writing frames › a frame is the header followed by the body", "x"));
            Next n = next("step4-broadcast", Map.of("step2-framing", step2), failing("ChatClient › §2 Joining › "
                    + "join() writes one frame", "java.lang.NullPointerException: out is null\n    at "
                    + "dcchat-step//dcchat.framing.FrameWriter.writeFrame(FrameWriter.java:40)"));
            assertThat(n.text()).isEqualTo("needs step 2 first: step2-framing/README.md §3 Writing frames — failing: "
                    + "\"ChatClient › §2 Joining › join() writes one frame\"");
            assertThat(n.needsStep()).isEqualTo("step2-framing");
        }
    }

    @Test
    @DisplayName("no row ever says a bare \"README §N\": every stub of the kit, hit in its own step or a later one, "
            + "points at a step's README.md and a heading that README has")
    void noBareReadmeOnTheRealKit() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Kit kit = Kit.open(root, Path.of("target/progress-test"));
        Lessons lessons = Lessons.of(kit);
        Pattern stubs = Pattern.compile("new UnsupportedOperationException\\(\"(Step (\\d+): [^\"]*)\"\\)");
        Pattern pointer = Pattern.compile("^(read|needs step (\\d+) first:) (step\\d+-[\\w-]+)/README\\.md (§\\d+ [^—]+)"
                + " — failing: ");
        List<String> rows = new ArrayList<>();
        for (String hit : lessons.steps()) {
            for (Path f : Trees.javaFiles(root.resolve(hit).resolve("src/main/java"))) {
                Matcher m = stubs.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (m.find()) {
                    String message = "java.lang.UnsupportedOperationException: " + m.group(1);
                    for (String step : lessons.steps().subList(lessons.steps().indexOf(hit), lessons.steps().size())) {
                        String section = lessons.sections().get(step).values().iterator().next();
                        Next n = Progress.next(step, graded(step, failing("SomeTest › " + section + " › a test",
                                message)), lessons, Map.of());
                        rows.add(n.text());
                        Matcher p = pointer.matcher(n.text());
                        assertThat(p.find()).as("%s hitting %s: %s", step, m.group(1), n.text()).isTrue();
                        String lesson = p.group(3);
                        assertThat(lesson).as(n.text()).isEqualTo(step.equals(hit) ? step : hit);
                        assertThat(p.group(2)).as(n.text()).isEqualTo(step.equals(hit) ? null : m.group(2));
                        assertThat(Files.readString(root.resolve(lesson).resolve("README.md"), StandardCharsets.UTF_8))
                                .as(n.text()).contains("\n## " + p.group(4).strip() + "\n");
                    }
                }
            }
        }
        assertThat(rows).as("rows for every stub in its own and every later step").hasSizeGreaterThan(50)
                .noneMatch(r -> Pattern.compile("(^|[^/])README(\\.es)?(\\.md)? §").matcher(r).find());
    }
}
