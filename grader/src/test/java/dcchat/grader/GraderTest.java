package dcchat.grader;

import static org.assertj.core.api.Assertions.assertThat;

import dcchat.grader.Generate.Kind;
import dcchat.grader.Results.Status;
import dcchat.grader.Results.StepGrade;
import dcchat.grader.Results.StepOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** End to end on the real kit (steps 1–3): synthetic submissions in, grades out. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class GraderTest {

    private static Results.Submission grade(Map<String, Kind> kinds, Grader.Modes mode, Config config) throws Exception {
        Kit kit = KitFixture.kit();
        Path dir = KitFixture.newDir("sub");
        Path sub = dir.resolve("student");
        new Generate(kit).writeSubmission(sub, kinds);
        try (Grader g = new Grader(kit, config, mode, 2, false, dir.resolve("work"), KitFixture.sandbox())) {
            return g.grade(new Grader.Submission("student", sub)); // closed: no compile server outlives a test
        }
    }

    private static Map<String, Kind> kinds(Kind k1, Kind k2, Kind k3) {
        Map<String, Kind> m = new LinkedHashMap<>();
        m.put("step1-echo", k1);
        m.put("step2-framing", k2);
        m.put("step3-threads", k3);
        return m;
    }

    private static StepGrade step(Results.Submission s, String name) {
        return s.steps().stream().filter(g -> g.step().equals(name)).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("a submission equal to the reference scores full marks on every step")
    void referenceScoresFullMarks() throws Exception {
        Results.Submission r = grade(kinds(Kind.REFERENCE, Kind.REFERENCE, Kind.REFERENCE), Grader.Modes.BOTH,
                KitFixture.config());
        assertThat(r.total()).isEqualTo(60.0, org.assertj.core.data.Offset.offset(1e-9));
        for (StepGrade g : r.steps()) {
            assertThat(g.scored().status()).as(g.step()).isEqualTo(Status.GRADED);
            assertThat(g.scored().passed()).as(g.step()).isEqualTo(g.scored().tests().size()).isPositive();
            assertThat(g.modesDiffer()).as("reference earlier steps: modes agree").isFalse();
            assertThat(g.scored().notes()).as("notes on the reference's %s (no threads, ports or output left)",
                    g.step()).isEmpty();
        }
    }

    @Test
    @DisplayName("a step that floods stdout, leaves a thread and a listening port is reported, and the next step "
            + "is unharmed")
    void leftoversAreReported() throws Exception {
        Results.Submission r = grade(kinds(Kind.NOISY, Kind.REFERENCE, Kind.REFERENCE), Grader.Modes.ISOLATED,
                KitFixture.config());
        StepOutcome noisy = step(r, "step1-echo").scored();
        assertThat(noisy.score()).as("a noisy but correct step still scores").isEqualTo(20.0);
        assertThat(noisy.notes())
                .anyMatch(n -> n.contains("only the first 65,536 were kept"))
                .anyMatch(n -> n.contains("thread") && n.contains("student-leftover"))
                .anyMatch(n -> n.contains("listening socket") && n.contains("127.0.0.1:"));
        assertThat(noisy.output().length()).as("output kept").isLessThanOrEqualTo(65_536);
        assertThat(step(r, "step2-framing").scored().notes()).as("the next step's notes").isEmpty();
        assertThat(step(r, "step2-framing").scored().score()).isEqualTo(20.0);
    }

    @Test
    @DisplayName("addresses from /proc/net/tcp and tcp6 read as IPv4, IPv4-mapped and IPv6 addresses")
    void procAddresses() {
        assertThat(Sockets.address("0100007F:A0F2")).isEqualTo("127.0.0.1:41202");
        assertThat(Sockets.address("0000000000000000FFFF00000100007F:1F90")).isEqualTo("127.0.0.1:8080");
        assertThat(Sockets.address("00000000000000000000000001000000:1F90")).isEqualTo("[0:0:0:0:0:0:0:1]:8080");
    }

    @Test
    @DisplayName("the starter scores zero, and the feedback says what is not implemented and where to read")
    void starterScoresZero() throws Exception {
        Results.Submission r = grade(kinds(Kind.STARTER, Kind.STARTER, Kind.STARTER), Grader.Modes.ISOLATED,
                KitFixture.config());
        assertThat(r.total()).isZero();
        String md = Reports.feedback(r);
        assertThat(md).contains("not implemented yet").contains("UnsupportedOperationException").contains("README §");
    }

    @Test
    @DisplayName("tests in the submission are ignored: tampered always-pass tests still score zero on the starter")
    void tamperedTestsAreIgnored() throws Exception {
        Results.Submission r = grade(kinds(Kind.TAMPERED, Kind.TAMPERED, Kind.REFERENCE), Grader.Modes.ISOLATED,
                KitFixture.config());
        assertThat(step(r, "step1-echo").scored().score()).isZero();
        assertThat(step(r, "step1-echo").scored().tests()).hasSizeGreaterThan(1);
        assertThat(step(r, "step2-framing").scored().score()).isZero();
        assertThat(step(r, "step3-threads").scored().score()).isEqualTo(20.0);
    }

    @Test
    @DisplayName("a step that hangs is killed at its limit and one that calls System.exit is scored up to the exit")
    void hangAndExitAreContained() throws Exception {
        Config tight = KitFixture.config().set("limit.step.seconds", "6").set("limit.test.seconds", "2");
        long t0 = System.nanoTime();
        Results.Submission r = grade(kinds(Kind.HANG, Kind.EXIT, Kind.REFERENCE), Grader.Modes.ISOLATED, tight);
        double seconds = (System.nanoTime() - t0) / 1e9;
        StepOutcome hang = step(r, "step1-echo").scored();
        assertThat(hang.status()).isEqualTo(Status.TIMEOUT);
        assertThat(hang.score()).isLessThan(hang.max());
        assertThat(hang.notes()).anyMatch(n -> n.contains("timed out"));
        StepOutcome exit = step(r, "step2-framing").scored();
        assertThat(exit.status()).isEqualTo(Status.EXITED);
        assertThat(exit.score()).isLessThan(exit.max());
        assertThat(exit.tests()).anyMatch(t -> t.message().contains("System.exit"));
        // The next step of the same submission is unharmed.
        assertThat(step(r, "step3-threads").scored().score()).isEqualTo(20.0);
        assertThat(seconds).as("the grader returns soon after the step limit").isLessThan(60);
    }

    @Test
    @DisplayName("a step that does not compile is reported with javac's message; isolated mode still grades step 3")
    void isolatedAndCumulativeDiffer() throws Exception {
        Results.Submission r = grade(kinds(Kind.REFERENCE, Kind.NO_COMPILE, Kind.REFERENCE), Grader.Modes.BOTH,
                KitFixture.config());
        StepOutcome step2 = step(r, "step2-framing").scored();
        assertThat(step2.status()).isEqualTo(Status.COMPILE_ERROR);
        assertThat(step2.compilerMessages()).contains("step2-framing/src/main/java/").contains("error");
        StepGrade step3 = step(r, "step3-threads");
        assertThat(step3.scored().mode()).isEqualTo(GradingMode.ISOLATED);
        assertThat(step3.scored().score()).isEqualTo(20.0);
        assertThat(step3.modesDiffer()).isTrue();
        assertThat(step3.other().status()).isEqualTo(Status.DEPENDENCY_BROKEN);
        assertThat(step3.other().score()).isZero();
        assertThat(Reports.feedback(r)).contains("cumulative").contains("The compiler says");
    }

    @Test
    @DisplayName("a folder of submissions, one zipped, gives one CSV row each and Gradescope JSON per student")
    void classReports() throws Exception {
        Kit kit = KitFixture.kit();
        Path dir = KitFixture.newDir("class");
        Path subs = dir.resolve("subs");
        Generate gen = new Generate(kit);
        gen.writeSubmission(subs.resolve("ana"), kinds(Kind.REFERENCE, Kind.STARTER, Kind.STARTER));
        gen.writeSubmission(subs.resolve("bo"), kinds(Kind.STARTER, Kind.STARTER, Kind.STARTER));
        Generate.zip(subs.resolve("bo"), subs.resolve("bo.zip"));
        Trees.deleteTree(subs.resolve("bo"));
        List<Grader.Submission> found = Roster.find(subs, kit);
        assertThat(found).extracting(Grader.Submission::id).containsExactly("ana", "bo");
        List<Results.Submission> results;
        try (Grader g = new Grader(kit, KitFixture.config(), Grader.Modes.ISOLATED, 2, true, dir.resolve("work"),
                KitFixture.sandbox())) {
            results = g.gradeAll(found, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        }
        Path out = dir.resolve("out");
        Reports.writeAll(results, kit.steps(), out);
        List<String> csv = Files.readAllLines(out.resolve("class.csv"));
        assertThat(csv).containsExactly("student,step1-echo,step2-framing,step3-threads,total",
                "ana,20.00,0.00,0.00,20.00", "bo,0.00,0.00,0.00,0.00");
        assertThat(out.resolve("ana.md")).exists();
        assertThat(out.resolve("summary.md")).content().contains("Most-failed tests");
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve("gradescope/ana/results.json").toFile());
        GradescopeSchema.assertValid(json);
        assertThat(json.get("score").asDouble()).isEqualTo(20.0);
    }

    @Test
    @DisplayName("the same code graded twice, without the cache, gets the same points, verdicts, statuses and notes")
    void sameCodeSameGrade() throws Exception {
        Map<String, Kind> kinds = kinds(Kind.BUG, Kind.HALF, Kind.STARTER);
        Results.Submission first = grade(kinds, Grader.Modes.BOTH, KitFixture.config());
        Results.Submission second = grade(kinds, Grader.Modes.BOTH, KitFixture.config());
        assertThat(verdicts(second)).as("every step's status, points, notes and per-test verdicts, graded again")
                .isEqualTo(verdicts(first));
        assertThat(first.total()).as("a buggy, a half-done and a starter step").isPositive().isLessThan(60);
    }

    private static List<String> verdicts(Results.Submission s) {
        List<String> v = new java.util.ArrayList<>();
        for (StepGrade g : s.steps()) {
            for (StepOutcome o : java.util.Arrays.asList(g.scored(), g.other())) {
                if (o != null) {
                    // The listening-socket note is a snapshot of what the JVM still holds at the step's end: its
                    // ports are the kernel's choice, and a socket the tests abandoned may or may not have been
                    // collected by then. Everything that decides the grade is compared.
                    v.add(o.step() + " " + o.mode() + " " + o.status() + " " + o.score() + " " + o.notes().stream()
                            .filter(n -> !n.contains("listening socket")).toList());
                    o.tests().forEach(t -> v.add("  " + t.test().path() + " " + t.passed()));
                }
            }
        }
        return v;
    }
}
