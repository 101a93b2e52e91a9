package dcchat.grader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.awaitility.Awaitility.await;

import dcchat.grader.Generate.Kind;
import dcchat.grader.Results.Status;
import dcchat.grader.Results.StepGrade;
import dcchat.grader.Results.StepOutcome;
import dcchat.grader.Results.TestOutcome;
import dcchat.grader.check.Edits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile submissions: what a student who wants a better grade would try against the grader, and proof that it
 * is contained. Each attack is a fixture under {@code src/test/resources/hostile/<attack>/<step>/…}, overlaid on
 * that step's {@code src/main/java} of a generated submission (the starter, honestly 0, or the reference, honestly
 * full marks); a fixture's {@code Hostile.run()} is called from the first line of the step's server constructor,
 * so it runs inside the first test that builds a server: the test writes that call, which prints {@code
 * HOSTILE-RAN <attack>} and runs the attack once (see {@link #HOSTILE_HOOK}), so that a fixture holds only its
 * attack. Words like {@code @KIT_ROOT@} in a fixture are replaced by the TA's real paths: the worst case, a
 * student who knows the layout. A fixture that needs the step's own code changed says how in an {@code
 * edits.txt}, made to the generated sources (see {@link #edit}), rather than shipping a copy that the reference
 * would leave stale.
 *
 * <p>Every attack ends with the same checks: the honest score; no file changed outside the sandbox (SHA-256 of the
 * kit, its prepared workspace, the classmates' submissions, the reports, a secret and the grader's work folder,
 * before and after; no file named {@code dcchat-hostile…} anywhere); nothing left running (no test JVM after
 * {@code grade()}, no sandbox but the graders' warm compile servers, which run no student code, and none at all
 * after {@code close()}); and feedback that names what was stopped. A test that fails here is an attack that
 * worked: keep it failing and report it.
 *
 * <p>The class's submissions are graded by two long-lived graders (default and tight limits) sharing one work
 * folder, as a TA grades a class; two classmates are graded first, so their builds sit in that folder. Kit files
 * someone may be editing while the suite runs (documents, the grader's sources) count as changed only if they
 * carry the fixtures' mark, "dcchat-hostile"; every other kit file must stay byte for byte the same.
 * {@code -Dhostile.verbose=true} prints what each attack got.
 */
@DisplayName("A hostile submission cannot forge, leak or spoil a grade")
@Timeout(60) // a test grades one submission; the few that grade more say so
class HostileSubmissionTest {

    private static final String STEP1 = "step1-echo";
    private static final String STEP3 = "step3-threads";
    /** A line only the reference of step 1 has (its source, never compiled into a class file). */
    private static final String REFERENCE_LINE =
            "serverSocket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());";
    /** A string only the reference of step 2 has: a constant in its compiled MessageCodec. */
    private static final String STEP2_REFERENCE_STRING = "a ChatMessage record cannot fail to serialise";
    private static final String STEP3_REFERENCE_STRING = "threaded-echo: handler threads still running after";
    /** The one call a fixture needs, put at the start of the step's server constructor. */
    private static final Map<String, List<String>> HOOK = Map.of(
            STEP1, List.of("dcchat/echo/EchoServer.java", "public EchoServer(int port) throws IOException {"),
            STEP3, List.of("dcchat/threads/ThreadedEchoServer.java",
                    "public ThreadedEchoServer(int port) throws IOException {"));
    /** The environment a sandboxed JVM may see: bubblewrap's --clearenv, the grader's --setenv, bubblewrap's PWD. */
    private static final Set<String> SANDBOX_ENV = Set.of("HOME", "LANG", "PATH", "MALLOC_ARENA_MAX",
            "LD_LIBRARY_PATH", "PWD");

    private static Kit kit;
    /** Classmates, reports, a secret and the class's work folder. */
    private static Path shared;
    private static Path work;
    private static Grader standard;
    private static Grader tight;
    private static Results.Submission anaAlone;
    private static Results.Submission boAlone;
    private static final String CLASSMATE_MARK = "CLASSMATE-MARK-" + UUID.randomUUID();
    private static final String REPORT_MARK = "REPORT-MARK-" + UUID.randomUUID();
    private static final String SECRET_MARK = "TOPSECRET-" + UUID.randomUUID();

    @BeforeAll
    static void gradeTheClassmates() throws Exception {
        KitFixture.requireSandbox(); // for every test of the class: skipped here, once (failed, in CI)
        kit = KitFixture.kit();
        shared = newDir("hostile-class-");
        work = shared.resolve("work");
        Generate gen = new Generate(kit);
        Path ana = shared.resolve("classmates/ana");
        Path bo = shared.resolve("classmates/bo");
        gen.writeSubmission(ana, Map.of(STEP1, Kind.REFERENCE));
        gen.writeSubmission(bo, Map.of(STEP1, Kind.STARTER));
        Path anaServer = ana.resolve(STEP1).resolve("src/main/java").resolve(HOOK.get(STEP1).get(0));
        Files.writeString(anaServer, "// " + CLASSMATE_MARK + "\n" + Files.readString(anaServer));
        Files.writeString(shared.resolve("secret.txt"), SECRET_MARK + " — a file no student may read\n");
        standard = new Grader(kit, KitFixture.config(), Grader.Modes.ISOLATED, 2, false, work,
                KitFixture.sandbox());
        tight = new Grader(kit, KitFixture.config().set("limit.step.seconds", "6").set("limit.test.seconds", "2"),
                Grader.Modes.ISOLATED, 2, false, work, KitFixture.sandbox());
        List<Results.Submission> alone = standard.gradeAll(List.of(new Grader.Submission("ana", ana),
                new Grader.Submission("bo", bo)), new PrintStream(OutputStream.nullOutputStream()));
        anaAlone = alone.get(0);
        boAlone = alone.get(1);
        assertThat(anaAlone.total()).as("the reference classmate, graded alone").isEqualTo(20.0, offset(1e-9));
        assertThat(boAlone.total()).as("the starter classmate, graded alone").isZero();
        Reports.writeAll(alone, kit.steps(), shared.resolve("reports"));
        Files.writeString(shared.resolve("reports/ana.md"), "\n" + REPORT_MARK + "\n",
                java.nio.file.StandardOpenOption.APPEND);
    }

    @AfterAll
    static void nothingOutlivesTheGraders() {
        if (standard != null) {
            standard.close();
        }
        if (tight != null) {
            tight.close();
        }
        if (shared != null) {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    assertThat(sandboxes(true, true, shared)).as("processes left after the graders closed").isEmpty());
        }
        for (Path d : MADE) {
            try {
                Trees.deleteTree(d);
            } catch (IOException e) {
                // left for the next mvn clean
            }
        }
    }

    // ----------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("forging a grade")
    class Forging {

        @Test
        @DisplayName("reflection into the runner, JUnit, AssertJ, Unsafe, Byte Buddy or the diagnostic MBean reaches "
                + "nothing, and the starter still scores 0")
        void reflection() throws Exception {
            attack("forge-reflection").grade().ran().scores(0).status(Status.GRADED).unchanged()
                    .nothingWorked("REACHED").printed("refused: runner field TestRunner.", "refused: sun.misc.Unsafe",
                            "refused: AssertJ comparison strategy");
        }

        @Test
        @DisplayName("calling the runner's worker Thread.run() to replay its listener over always-passing copies of "
                + "the tests does not make a starter pass")
        void borrowedListener() throws Exception {
            Graded g = attack("forge-listener").with("passing-tests").grade().ran().unchanged();
            g.scores(0);
        }

        @Test
        @DisplayName("replacing Awaitility's condition executor does not turn the test it waits for into a pass")
        void awaitilityNeutered() throws Exception {
            Graded g = attack("forge-awaitility").on(Kind.REFERENCE).grade().ran().status(Status.GRADED).unchanged();
            assertThat(g.passed("EchoServerTest$EndOfStream#resetIsLogged"))
                    .as("resetIsLogged: the fixture never logs a reset, so it must fail whatever Awaitility says "
                            + "(score %s; output: %s)", Results.pts(g.result.total()), g.excerpt())
                    .isFalse();
            g.scores(20.0 * (g.step.tests().size() - 1) / g.step.tests().size()); // every test but resetIsLogged
        }

        @Test
        @DisplayName("a class named like the JDK's attach implementation cannot write a forged report to "
                + "descriptor 3 through the JDK's own libattach.so")
        void nativeWriteToTheChannel() throws Exception {
            attack("forge-native").with("common-forger").grade().ran().unchanged().scores(0).nothingWorked("FORGED");
        }

        @Test
        @DisplayName("a fake report written to files, stdout, stderr, /proc/self/fd/3 and /dev/fd/3 before "
                + "Runtime.halt counts for nothing, and the feedback says the JVM crashed")
        void fakeReportEverywhere() throws Exception {
            Graded g = attack("forge-channels").with("common-forger").grade();
            g.ran().scores(0).status(Status.CRASHED).unchanged();
            g.printed("channel /proc/self/fd/3: refused", "channel /dev/fd/3: refused",
                    "channel FileDescriptor 3 by reflection: refused");
            assertThat(g.feedback).contains("crashed");
        }

        @Test
        @DisplayName("Markdown in a thread name, an exception message and the output cannot make the feedback claim "
                + "full marks")
        void spoofedFeedback() throws Exception {
            Graded g = attack("forge-feedback").everyConstruction().grade();
            g.ran().scores(0).status(Status.GRADED).unchanged();
            List<String> outside = outsideCodeBlocks(g.feedback);
            assertThat(outside.stream().filter(l -> l.contains("**Total:")).toList())
                    .as("Total lines outside code blocks, as the student reads the feedback:%n%s", g.feedback)
                    .singleElement().asString().startsWith("**Total: 0 / ");
            assertThat(outside).as("headings and claims outside code blocks")
                    .noneMatch(l -> l.contains("— 20 / 20") || l.contains("29 of 29 tests pass"));
        }

        @Test
        @DisplayName("shipped copies of the tests, the test support, JUnit's and AssertJ's Assertions, Awaitility "
                + "and the runner are never loaded")
        void shadowedClasses() throws Exception {
            Graded g = attack("forge-shadow").with("passing-tests").grade();
            assertThat(g.step.status()).as("compiled: %s", g.step.compilerMessages()).isEqualTo(Status.GRADED);
            g.scores(0).unchanged().nothingWorked("SHADOW LOADED");
            assertThat(g.step.tests()).hasSizeGreaterThan(20).allMatch(t -> !t.passed());
        }
    }

    @Nested
    @DisplayName("reading what it must not")
    class Reading {

        @Test
        @DisplayName("solutions, a classmate, the reports, a secret, $HOME, /etc and the environment stay out of "
                + "the feedback of a submission that prints everything it can find")
        void everythingOnDisk() throws Exception {
            Graded g = attack("read-everything").grade().ran().scores(0).status(Status.CRASHED).unchanged();
            String seen = g.feedback + "\n" + g.output();
            assertThat(seen).as("what the student sees")
                    .doesNotContain(REFERENCE_LINE, CLASSMATE_MARK, REPORT_MARK, SECRET_MARK, "root:x:0:0");
            g.printed("absent " + kit.root().resolve("solutions"));
            Set<String> env = g.output().lines().filter(l -> l.startsWith("env ")).map(l -> l.substring(4,
                    l.indexOf('='))).collect(Collectors.toCollection(TreeSet::new));
            assertThat(env).as("environment variables inside the sandbox").isNotEmpty().isSubsetOf(SANDBOX_ENV);
            assertThat(g.feedback).contains("crashed");
        }

        @Test
        @DisplayName("a step-3 submission reads the step-2 reference it runs on in isolated mode (the documented "
                + "limit), and never its own step's reference")
        void referenceOfAnEarlierStep() throws Exception {
            Graded g = attack("read-dependencies").step(STEP3).grade().ran().scores(0).unchanged();
            String seen = g.feedback + "\n" + g.output();
            assertThat(seen).as("step 3's own reference in what a step-3 student sees")
                    .doesNotContain(STEP3_REFERENCE_STRING);
            // README "Who can forge what": isolated mode runs a step on the compiled reference of the steps it is
            // built on, so that code is readable. Pinned here so that changing it is a decision, and the README
            // is changed with it (a TA who minds grades with --mode cumulative).
            assertThat(seen).as("the step-2 reference a step-3 run is built on (isolated mode)")
                    .contains(STEP2_REFERENCE_STRING);
        }
    }

    @Nested
    @DisplayName("writing outside the sandbox")
    class Writing {

        @Test
        @DisplayName("appending to the kit's dcchat script, kit files, the workspace, the cached builds, its own and "
                + "a classmate's submission changes nothing")
        void writeEverywhere() throws Exception {
            attack("write-outside").grade().ran().scores(0).status(Status.GRADED).unchanged().nothingWorked("WRITTEN")
                    .printed("0 changes made");
        }

        @Test
        @Timeout(90)
        @DisplayName("overwriting the builds classmates use in the same cached run leaves them the scores they get "
                + "alone")
        void spoilTheCache() throws Exception {
            Path dir = newDir("cache-spoil-");
            Path mallory = dir.resolve("mallory");
            Path cachedWork = dir.resolve("work");
            Attack a = attack("cache-spoil").word("WORK", cachedWork.toString());
            a.write(mallory);
            Snapshot before = Snapshot.take(mallory);
            List<Results.Submission> r;
            try (Grader cached = new Grader(kit, KitFixture.config(), Grader.Modes.ISOLATED, 2, true, cachedWork,
                    KitFixture.sandbox())) {
                r = cached.gradeAll(List.of(new Grader.Submission("mallory", mallory),
                                new Grader.Submission("ana", shared.resolve("classmates/ana")),
                                new Grader.Submission("bo", shared.resolve("classmates/bo"))),
                        new PrintStream(OutputStream.nullOutputStream()));
                assertNoTestJvmLeft(dir);
            }
            assertNothingLeft(dir);
            StepOutcome m = outcome(r.get(0), STEP1);
            assertThat(m.output()).contains("HOSTILE-RAN cache-spoil").doesNotContain("WRITTEN");
            assertThat(r.get(0).total()).as("mallory").isZero();
            assertSameGrade(r.get(1), anaAlone, "ana, the reference classmate");
            assertSameGrade(r.get(2), boAlone, "bo, the starter classmate");
            before.assertUnchanged(Snapshot.take(mallory), "cache-spoil");
        }

        @Test
        @DisplayName("threads, a process and a looping shutdown hook do not outlive the run, and nothing is written "
                + "after it")
        void outliveTheRun() throws Exception {
            Graded g = attack("outlive").tight().grade().ran().scores(0).status(Status.EXITED).unchanged()
                    .nothingWorked("STARTED");
            assertThat(g.feedback).contains("exited early");
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(250))
                    .until(() -> g.before.differences(Snapshot.take(g.self)).isEmpty()
                            && sandboxes(false, true, shared, g.self.getParent()).isEmpty());
        }
    }

    @Nested
    @DisplayName("using up resources")
    class Resources {

        @Test
        @DisplayName("5,000 threads fail to start in the sandbox, the grade returns on time and the feedback says why")
        void manyThreads() throws Exception {
            long t0 = System.nanoTime();
            Graded g = attack("many-threads").tight().grade();
            double seconds = (System.nanoTime() - t0) / 1e9;
            g.ran().scores(0).unchanged();
            assertThat(g.output()).as("thread creation failed in the sandbox")
                    .containsAnyOf("unable to create native thread", "pthread_create failed", "OutOfMemoryError");
            assertThat(seconds).as("seconds until grade() returned (step limit 6 s)").isLessThan(25);
            if (g.step.status() != Status.GRADED) {
                assertThat(g.feedback).containsAnyOf("out of memory", "timed out");
            }
        }

        @Test
        @DisplayName("2 GiB off the heap (direct buffers, mappings, zlib, Unsafe) is refused: the reference scores "
                + "full marks, or its own test JVM dies of the memory limit — never anything beyond it")
        void offHeap() throws Exception {
            Graded g = attack("off-heap").on(Kind.REFERENCE).grade().unchanged().nothingWorked("REACHED");
            if (g.step().status() == Status.CRASHED) {
                // zlib's memory is plain malloc, bounded only by the address-space limit: when it runs out, a
                // thread of the JVM itself (the JIT, a stack trace) may be the one whose malloc fails, and the JVM
                // dies at once, taking its buffered output along. Seen in 1 of about 10 CI runs, on a loaded
                // machine; contained either way — it ends only the attacker's own test JVM.
                assertThat(g.output()).as("why the attacker's test JVM ended (%s)", g.excerpt())
                        .contains("insufficient memory");
                assertThat(g.step().notes()).as("what the grade says").anyMatch(n -> n.contains("ended unexpectedly"));
                return;
            }
            g.ran();
            g.printed("direct buffers stopped", "mappings stopped", "zlib stopped").scores(20).status(Status.GRADED);
        }

        @Test
        @DisplayName("a 1 GiB file in /tmp and the working folder runs out of space in the sandbox and never "
                + "reaches the host")
        void bigFile() throws Exception {
            long t0 = System.currentTimeMillis();
            Graded g = attack("big-file").on(Kind.REFERENCE).grade().ran().scores(20).status(Status.GRADED).unchanged();
            g.nothingWorked("got all").printed("/tmp/dcchat-hostile-big stopped", "No space left on device");
            assertThat(bigFilesSince(t0)).as("files of 64 MiB or more written on the host during the run").isEmpty();
        }

        @Test
        @Timeout(90)
        @DisplayName("3 GiB of output is counted, kept to the cap, and the reference still scores full marks")
        void bigOutput() throws Exception {
            Graded g = attack("big-output").on(Kind.REFERENCE).grade();
            g.ran().scores(20).status(Status.GRADED).unchanged();
            assertThat(g.output().length()).as("output kept").isLessThanOrEqualTo(65_536);
            assertThat(g.step.notes()).anyMatch(n -> n.contains("printed 1,610,612,") && n.contains("only the first "
                    + "65,536 were kept"));
            assertThat(g.feedback).contains("only the first 65,536 were kept");
        }

        @Test
        @DisplayName("no process starts, even after switching the launch mechanism to FORK")
        void startAProcess() throws Exception {
            attack("start-process").grade().ran().scores(0).status(Status.GRADED).unchanged().nothingWorked("STARTED")
                    .printed("refused (FORK)");
        }

        @Test
        @DisplayName("System.load of a library copied into /tmp is refused, by every path")
        void loadACopiedLibrary() throws Exception {
            attack("native-copy").grade().ran().scores(0).status(Status.GRADED).unchanged()
                    .printed("native-copy: copied").nothingWorked("LOADED");
        }

        @Test
        @DisplayName("the JDK's PKCS#11 provider cannot be made to dlopen a library copied into /tmp")
        void loadALibraryThroughPkcs11() throws Exception {
            attack("native-pkcs11").grade().ran().scores(0).unchanged().nothingWorked("LOADED");
        }

        @Test
        @DisplayName("no connection leaves the sandbox, and a server left listening is reported and unreachable from "
                + "the host")
        void network() throws Exception {
            int port;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort(); // free on the host, so a connection that works would be the sandbox's
            }
            Attack a = attack("network").on(Kind.REFERENCE).word("PORT", Integer.toString(port));
            CompletableFuture<Graded> grading = CompletableFuture.supplyAsync(() -> {
                try {
                    return a.grade();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            AtomicInteger knocks = new AtomicInteger();
            List<String> answered = new ArrayList<>();
            Graded g = null;
            boolean sandboxSeen = false; // the control for every "nothing left running" check: it sees a live one
            while (g == null) {
                sandboxSeen |= !sandboxes(false, true, shared).isEmpty();
                for (String host : hostAddresses()) {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress(host, port), 200);
                        answered.add(host + ":" + port);
                    } catch (IOException expected) {
                        knocks.incrementAndGet();
                    }
                }
                try {
                    g = grading.get(100, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException stillGrading) {
                    // knock again
                }
            }
            g.ran().scores(20).status(Status.GRADED).unchanged().nothingWorked("REACHED");
            assertThat(answered).as("the sandbox's server, reached from the host (%d knocks)", knocks.get()).isEmpty();
            assertThat(sandboxSeen).as("the test JVM, seen while it ran").isTrue();
            g.printed("refused: connect 192.0.2.1:80", "refused: DNS", "network: listening");
            assertThat(g.step.notes()).anyMatch(n -> n.contains("listening socket") && n.contains(":" + port));
        }
    }

    @Nested
    @DisplayName("compiling")
    class Compiling {

        @Test
        @Timeout(90)
        @DisplayName("a source that makes javac build a 137-billion-character constant costs only its own step: a "
                + "compile error, and the next student compiles as usual")
        void compileBomb() throws Exception {
            long t0 = System.nanoTime();
            Graded g = attack("compile-bomb").on(Kind.REFERENCE).grade();
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(g.step.status()).as("the bomb's step (%.1f s): %s", seconds, g.step.compilerMessages())
                    .isEqualTo(Status.COMPILE_ERROR);
            g.scores(0).unchanged();
            assertThat(seconds).as("seconds until grade() returned").isLessThan(70);
            assertThat(g.feedback).contains("The compiler says");
            Results.Submission next = standard.grade(new Grader.Submission("ana-after-the-bomb",
                    shared.resolve("classmates/ana")));
            assertSameGrade(next, anaAlone, "a classmate compiled after the bomb");
        }
    }

    @Nested
    @DisplayName("the intake of folders and zips")
    class IntakeAttacks {

        @Test
        @DisplayName("a step linked to solutions/, a source linked to a secret, a src folder linked to solutions/, a "
                + "FIFO and a linked submission are refused, and the secret never shows")
        void symlinks() throws Exception {
            Path dir = newDir("symlinks-");
            Path sub = dir.resolve("mallory");
            new Generate(kit).writeSubmission(sub, Map.of(STEP1, Kind.REFERENCE));
            Path echo = sub.resolve(STEP1).resolve("src/main/java/dcchat/echo");
            Files.createSymbolicLink(echo.resolve("Secret.java"), shared.resolve("secret.txt"));
            Files.createSymbolicLink(sub.resolve("step2-framing"), kit.root().resolve("solutions/step2-framing"));
            Files.createDirectories(sub.resolve(STEP3));
            Files.createSymbolicLink(sub.resolve(STEP3).resolve("src"),
                    kit.root().resolve("solutions").resolve(STEP3).resolve("src"));
            boolean fifo = Files.isExecutable(Path.of("/usr/bin/mkfifo")) && new ProcessBuilder("/usr/bin/mkfifo",
                    echo.resolve("Fifo.java").toString()).start().waitFor() == 0;
            Snapshot before = Snapshot.take(sub);
            Results.Submission r = standard.grade(new Grader.Submission("mallory-symlinks", sub));
            Results.Submission linked = standard.grade(new Grader.Submission("mallory-linked",
                    Files.createSymbolicLink(dir.resolve("linked"), shared.resolve("classmates/ana"))));
            assertNoTestJvmLeft(dir);
            String feedback = Reports.feedback(r);
            assertThat(r.total()).as("only step 1, the student's own copy of the reference, counts").isEqualTo(20.0,
                    offset(1e-9));
            assertThat(outcome(r, "step2-framing").status()).isEqualTo(Status.MISSING);
            assertThat(outcome(r, STEP3).status()).isEqualTo(Status.MISSING);
            assertThat(r.notes()).anyMatch(n -> n.contains("refused a symbolic link: step2-framing"))
                    .anyMatch(n -> n.contains("refused a symbolic link: " + STEP1 + "/src/main/java/dcchat/echo/"
                            + "Secret.java"))
                    .anyMatch(n -> n.contains("refused a symbolic link: " + STEP3 + "/src"));
            if (fifo) {
                assertThat(r.notes()).anyMatch(n -> n.contains("Fifo.java: it is neither a regular file"));
            }
            assertThat(feedback).contains("refused a symbolic link").doesNotContain(SECRET_MARK, REFERENCE_LINE);
            assertThat(linked.total()).isZero();
            assertThat(linked.notes()).anyMatch(n -> n.contains("refused a symbolic link: the submission itself"));
            before.assertUnchanged(Snapshot.take(sub), "symlinks");
        }

        @Test
        @Timeout(90)
        @DisplayName("a zip bomb (a 256 MiB entry, 22 MB of sources, 20,500 entries) is cut at the limits with "
                + "notes, and the reference in it still scores full marks")
        void zipBomb() throws Exception {
            Path zip = malloryZip("zip-bomb-", z -> {
                byte[] spaces = new byte[1 << 20];
                Arrays.fill(spaces, (byte) ' ');
                z.putNextEntry(new ZipEntry("mallory/step1-echo/src/main/java/dcchat/echo/Bomb.java"));
                for (int i = 0; i < 256; i++) {
                    z.write(spaces);
                }
                // 22 MB more, in step 3 (which does not compile: nothing of it runs, only the limit is tested).
                for (int i = 0; i < 22; i++) {
                    z.putNextEntry(new ZipEntry("mallory/step3-threads/src/main/java/dcchat/threads/Pad" + i + ".java"));
                    z.write("#".getBytes(StandardCharsets.UTF_8));
                    z.write(spaces, 0, 1_000_000);
                }
                for (int i = 0; i < 20_500; i++) {
                    z.putNextEntry(new ZipEntry("mallory/padding/" + i + ".txt"));
                }
            });
            Results.Submission r = gradeZip(zip, "mallory-zip-bomb", "zip bomb");
            assertThat(r.total()).as("the reference files come first in the zip").isEqualTo(20.0, offset(1e-9));
            assertThat(outcome(r, STEP3).status()).isEqualTo(Status.COMPILE_ERROR);
            assertThat(r.notes()).anyMatch(n -> n.contains("Bomb.java is over the 1 MiB limit"))
                    .anyMatch(n -> n.contains("20 MiB limit in all"))
                    .anyMatch(n -> n.contains("more than 20000 entries"));
            assertThat(Reports.feedback(r)).contains("1 MiB limit", "20 MiB limit");
            assertThat(bigFilesSince(Files.getLastModifiedTime(zip).toMillis())).isEmpty();
        }

        @Test
        @DisplayName("zip entries that climb out ('..', absolute, a drive, backslashes), a duplicate and a link "
                + "entry write nothing outside and are noted")
        void zipSlip() throws Exception {
            String evil = "class Evil {}\n";
            Path zip = malloryZip("zip-slip-", z -> {
                for (String name : List.of(
                        "mallory/step1-echo/src/main/java/../../../../../../../dcchat-hostile-slip1.java",
                        "../dcchat-hostile-slip2.java",
                        "../../../../../../../../../../tmp/dcchat-hostile-slip3.java",
                        "/tmp/dcchat-hostile-abs.java",
                        "C:/dcchat-hostile-drive.java",
                        "mallory\\step1-echo\\src\\main\\java\\..\\..\\..\\..\\..\\dcchat-hostile-bs.java",
                        "mallory/step1-echo/src/main/java/dcchat/echo/\u0007dcchat-hostile-bell.java")) {
                    z.putNextEntry(new ZipEntry(name));
                    z.write(evil.getBytes(StandardCharsets.UTF_8));
                }
                // A second EchoServer.java (the starter's): only the first copy may be taken.
                z.putNextEntry(new ZipEntry("mallory/step1-echo/src/main/java/./dcchat/echo/EchoServer.java"));
                z.write(Files.readAllBytes(kit.root().resolve(STEP1).resolve("src/main/java")
                        .resolve(HOOK.get(STEP1).get(0))));
                // A symbolic link entry to the step-2 solution (marked below): never followed.
                z.putNextEntry(new ZipEntry(LINK_ENTRY));
                z.write(kit.root().resolve("solutions/step2-framing/src/main/java/dcchat/framing/MessageCodec.java")
                        .toString().getBytes(StandardCharsets.UTF_8));
            });
            markAsLink(zip, LINK_ENTRY);
            Results.Submission r = gradeZip(zip, "mallory-zip-slip", "zip slip");
            assertThat(outcome(r, STEP1).score()).as("the first EchoServer.java, the reference").isEqualTo(20.0,
                    offset(1e-9));
            assertThat(r.notes()).anyMatch(n -> n.contains("with a '..' in the path"))
                    .anyMatch(n -> n.contains("with an absolute path"))
                    .anyMatch(n -> n.contains("with a drive letter"))
                    .anyMatch(n -> n.contains("EchoServer.java is in the zip twice"));
            assertThat(Reports.feedback(r)).doesNotContain(STEP2_REFERENCE_STRING, "serialise(");
        }
    }

    @Nested
    @DisplayName("the checks themselves")
    class Controls {

        @Test
        @Timeout(30)
        @DisplayName("a change to the shared folder or the submission, and a marked file in the host's /tmp, are seen")
        void changesOnDiskAreSeen() throws Exception {
            Path self = newDir("control-");
            Path own = Files.writeString(self.resolve("Own.java"), "class Own {}\n");
            Path mine = Files.writeString(shared.resolve("control.txt"), "as it was\n");
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"), "dcchat-hostile-control-" + UUID.randomUUID());
            try {
                Snapshot before = Snapshot.take(self);
                Files.writeString(own, "class Own { int changed; }\n");
                Files.writeString(mine, "changed\n");
                Files.writeString(tmp, "made from outside\n");
                assertThat(before.differences(Snapshot.take(self))).containsExactlyInAnyOrder(
                        "own submission: changed Own.java", "shared: changed control.txt", "created " + tmp);
            } finally {
                Files.deleteIfExists(mine);
                Files.deleteIfExists(tmp);
            }
        }

        @Test
        @Timeout(30)
        @DisplayName("in the kit, any change to what grading rests on is seen; elsewhere a mark, new permissions or a "
                + "touch into the past, but not someone's edit")
        void kitRules() {
            String v = "ab".repeat(32) + " rw-r--r-- " + String.format(java.util.Locale.ROOT, "%020d", 5_000L);
            String edited = v.replace("ab", "cd").replace("%020d".formatted(5_000L), "%020d".formatted(9_000L));
            Map<String, String> before = Map.of("solutions/step1-echo/src/main/java/A.java", v, "dcchat", v,
                    "README.md", v, "kit/wrong-programs.txt", v, "pom.xml", v);
            Snapshot kitBefore = new Snapshot(before, Map.of(), Map.of(), Set.of());
            Map<String, String> after = new TreeMap<>(before);
            after.put("solutions/step1-echo/src/main/java/A.java", edited); // grading rests on it
            after.put("dcchat", edited + MARKED);                              // appended to by a fixture
            after.put("README.md", edited);                                    // someone's edit
            after.put("kit/wrong-programs.txt", v.replace("rw-r--r--", "rwxrwxrwx")); // chmod
            after.put("pom.xml", v.replace("%020d".formatted(5_000L), "%020d".formatted(0L))); // touch
            after.put("dcchat-hostile-new", v + MARKED);                       // created beside
            assertThat(kitBefore.differences(new Snapshot(after, Map.of(), Map.of(), Set.of())))
                    .containsExactlyInAnyOrder("kit: changed solutions/step1-echo/src/main/java/A.java",
                            "kit: the attackers' mark in dcchat",
                            "kit: permissions of kit/wrong-programs.txt changed from rw-r--r-- to rwxrwxrwx",
                            "kit: pom.xml was touched into the past", "kit: added dcchat-hostile-new");
        }
    }

    // ---------------------------------------------------------------------------------------------- plumbing --

    /** Folders this class made, deleted at the end (every failure message carries its evidence). */
    private static final List<Path> MADE = new java.util.concurrent.CopyOnWriteArrayList<>();

    private static Path newDir(String name) throws IOException {
        Path d = KitFixture.newDir(name);
        MADE.add(d);
        return d;
    }

    private static Attack attack(String fixture) {
        return new Attack(fixture);
    }

    /** One hostile submission: which fixture, on which step and kind, graded by which of the class's graders. */
    private static final class Attack {
        private final String fixture;
        private final List<String> fixtures = new ArrayList<>();
        private final Map<String, String> words = new LinkedHashMap<>();
        private String step = STEP1;
        private Kind kind = Kind.STARTER;
        private boolean tightLimits;
        private boolean everyConstruction;

        Attack(String fixture) {
            this.fixture = fixture;
            fixtures.add(fixture);
        }

        Attack with(String more) {
            fixtures.add(more);
            return this;
        }

        Attack on(Kind k) {
            kind = k;
            return this;
        }

        Attack step(String s) {
            step = s;
            return this;
        }

        /** Limits of 6 s per step and 2 s per test, for attacks that hang a test or the JVM on purpose. */
        Attack tight() {
            tightLimits = true;
            return this;
        }

        /**
         * The hook calls Hostile.run() at every construction of the server, not only the first (it announces the
         * attack once all the same): for an attack that must act in every test, such as throwing from each.
         */
        Attack everyConstruction() {
            everyConstruction = true;
            return this;
        }

        Attack word(String word, String value) {
            words.put(word, value);
            return this;
        }

        /**
         * Writes the submission: the step as Generate writes it, then each fixture over it — its files copied
         * with the words replaced, its {@code edits.txt} made to the generated sources — and, if a fixture has a
         * Hostile class, the hook.
         */
        void write(Path sub) throws IOException {
            new Generate(kit).writeSubmission(sub, Map.of(step, kind));
            Map<String, String> w = new LinkedHashMap<>(Map.of("KIT_ROOT", kit.root().toString(),
                    "KIT_WORK", kit.work().toString(), "SHARED", shared.toString(), "WORK", work.toString(),
                    "SELF", sub.toString(), "HOST_HOME", System.getProperty("user.home"),
                    "HOST_TMP", Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize().toString()));
            libz().ifPresent(lib -> w.put("LIBZ", lib));
            w.putAll(words);
            Path main = sub.resolve(step).resolve("src/main/java");
            boolean hostile = false;
            for (String f : fixtures) {
                Path from = fixtures().resolve(f).resolve(step);
                assertThat(from).as("fixture %s for %s", f, step).isDirectory();
                for (Path file : Trees.files(from)) {
                    String rel = from.relativize(file).toString().replace('\\', '/');
                    String text = Files.readString(file);
                    for (Map.Entry<String, String> e : w.entrySet()) {
                        text = text.replace("@" + e.getKey() + "@", e.getValue());
                    }
                    assertThat(java.util.regex.Pattern.compile("@[A-Z_]+@").matcher(text).results().map(
                            java.util.regex.MatchResult::group).toList()).as("words left in %s/%s", f, rel).isEmpty();
                    if (rel.equals(EDITS)) {
                        Edits.apply(main, Edits.parse(text.lines().toList()), "the generated " + step + "/src/main/java/",
                                "update " + f + "/" + step + "/" + EDITS + " to the reference");
                        continue;
                    }
                    Path target = main.resolve(rel);
                    Files.createDirectories(target.getParent());
                    Files.writeString(target, text);
                    hostile |= rel.endsWith("/Hostile.java");
                }
            }
            if (hostile) {
                String server = HOOK.get(step).get(0);
                String signature = HOOK.get(step).get(1);
                Edits.apply(main, List.of(new Edits.Edit(server, signature, signature
                        + "\n        HostileHook.run(); // HostileSubmissionTest: the fixture's attack")),
                        "the generated " + step + "/src/main/java/", "update HOOK to the reference");
                String pkg = server.substring(0, server.lastIndexOf('/')).replace('/', '.');
                Files.writeString(main.resolve(server).resolveSibling("HostileHook.java"),
                        HOSTILE_HOOK.formatted(pkg, fixture, everyConstruction));
            }
        }

        Graded grade() throws Exception {
            Path dir = newDir(fixture + "-");
            Path sub = dir.resolve("mallory");
            write(sub);
            Snapshot before = Snapshot.take(sub);
            Results.Submission r = (tightLimits ? tight : standard).grade(
                    new Grader.Submission("mallory-" + fixture, sub));
            assertNoTestJvmLeft(dir);
            Graded g = new Graded(fixture, r, outcome(r, step), Reports.feedback(r), before, sub);
            if (Boolean.getBoolean("hostile.verbose")) { // -Dhostile.verbose=true: what each attack got
                System.out.println("=== " + fixture + ": " + Results.pts(r.total()) + " points, " + g.excerpt()
                        + "\n--- whole output:\n" + g.output());
            }
            return g;
        }
    }

    /** A graded attack, with the checks every attack ends with. */
    private record Graded(String attack, Results.Submission result, StepOutcome step, String feedback,
                          Snapshot before, Path self) {

        String output() {
            return step.output();
        }

        /** What a failing check shows: status, notes, the start and end of the output. */
        String excerpt() {
            String out = output();
            String failures = step.tests().stream().filter(t -> !t.passed()).map(TestOutcome::message).distinct()
                    .limit(2).map(m -> m.length() > 600 ? m.substring(0, 600) + "…" : m)
                    .collect(Collectors.joining(" || "));
            String javac = step.compilerMessages().isEmpty() ? "" : ", javac: " + step.compilerMessages()
                    .substring(0, Math.min(600, step.compilerMessages().length()));
            return "status " + step.status() + javac + ", notes " + step.notes() + ", first failures: " + failures
                    + ", output: " + (out.length() <= 3000 ? out
                    : out.substring(0, 1500) + "\n…\n" + out.substring(out.length() - 1500));
        }

        /** The fixture compiled and its attack ran. */
        Graded ran() {
            assertThat(step.status()).as("the fixture %s compiles: %s", attack, step.compilerMessages())
                    .isNotEqualTo(Status.COMPILE_ERROR);
            assertThat(output()).as("the attack %s ran (%s)", attack, excerpt()).contains("HOSTILE-RAN " + attack);
            return this;
        }

        Graded scores(double points) {
            assertThat(result.total()).as("%s: the honest score (%s; passed: %s)", attack, excerpt(),
                    step.tests().stream().filter(TestOutcome::passed).map(t -> t.test().key()).toList())
                    .isEqualTo(points, offset(1e-9));
            return this;
        }

        Graded status(Status s) {
            assertThat(step.status()).as("%s: %s", attack, excerpt()).isEqualTo(s);
            return this;
        }

        Graded unchanged() throws IOException {
            before.assertUnchanged(Snapshot.take(self), attack);
            return this;
        }

        /** The output shows these: how the attack was stopped, or that it got as far as the test means it to. */
        Graded printed(String... texts) {
            assertThat(output()).as("%s: its output", attack).contains(texts);
            return this;
        }

        /**
         * Nothing the attack tried worked, by its own account: a fixture prints its mark (REACHED, WRITTEN,
         * STARTED, LOADED, FORGED…) for each thing that worked.
         */
        Graded nothingWorked(String mark) {
            assertThat(output()).as("%s: what worked, by the attack's own account (\"%s\")", attack, mark)
                    .doesNotContain(mark);
            return this;
        }

        /** Whether the test with this grading key ("EchoServerTest$EndOfStream#resetIsLogged") passed. */
        boolean passed(String key) {
            return step.tests().stream().filter(t -> t.test().key().equals(key)).findFirst()
                    .map(TestOutcome::passed).orElseThrow(() -> new AssertionError("no test " + key + " in "
                            + step.tests().stream().map(t -> t.test().key()).toList()));
        }
    }

    /**
     * What must not change: SHA-256 of every file of the kit (build output aside, except the prepared workspace),
     * of the class's shared folder (classmates, reports, secret, work folder; a submission's transient intake
     * aside) and of the attacker's own submission; and the paths named {@code dcchat-hostile…} in the kit
     * (build output included) and the host's temporary folder.
     */
    private record Snapshot(Map<String, String> kit, Map<String, String> shared, Map<String, String> self,
                            Set<String> marked) {

        static Snapshot take(Path self) throws IOException {
            return new Snapshot(hashes(HostileSubmissionTest.kit.root(), HostileSubmissionTest::inKitTree),
                    hashes(HostileSubmissionTest.shared, rel -> !rel.startsWith("work/intake/")),
                    hashes(self, rel -> true), markedPaths());
        }

        List<String> differences(Snapshot after) {
            List<String> d = new ArrayList<>();
            Map<String, String> strict = new TreeMap<>(kit);
            Map<String, String> strictAfter = new TreeMap<>(after.kit);
            strict.keySet().removeIf(rel -> !guarded(rel));
            strictAfter.keySet().removeIf(rel -> !guarded(rel));
            diff("kit", strict, strictAfter, rel -> false, d);
            kit.forEach((k, v) -> {
                String w = after.kit.get(k);
                if (guarded(k) || w == null || w.equals(v)) {
                    return; // a file of the kit's someone deleted meanwhile: no fixture deletes one
                }
                if (w.endsWith(MARKED) && !v.endsWith(MARKED)) {
                    d.add("kit: the attackers' mark in " + k);
                } else if (!field(w, 1).equals(field(v, 1))) {
                    d.add("kit: permissions of " + k + " changed from " + field(v, 1) + " to " + field(w, 1));
                } else if (field(w, 2).compareTo(field(v, 2)) < 0 && field(w, 2).length() == field(v, 2).length()) {
                    d.add("kit: " + k + " was touched into the past");
                } else {
                    System.out.println("note: " + k + " changed meanwhile without the attackers' mark, permissions or "
                            + "a time in the past: taken as an edit of someone working on the kit");
                }
            });
            after.kit.forEach((k, w) -> {
                if (!kit.containsKey(k) && !guarded(k) && w.endsWith(MARKED)) {
                    d.add("kit: added " + k);
                }
            });
            Set<String> builds = shared.keySet().stream().filter(k -> k.startsWith("work/"))
                    .map(k -> String.join("/", Arrays.asList(k.split("/")).subList(0, Math.min(3, k.split("/").length))))
                    .collect(Collectors.toSet());
            // New builds of later submissions may appear in the work folder; nothing may be added to an old one.
            diff("shared", shared, after.shared, rel -> rel.startsWith("work/classes/") && !builds.contains(
                    String.join("/", Arrays.asList(rel.split("/")).subList(0, 3))), d);
            diff("own submission", self, after.self, rel -> false, d);
            Set<String> added = new TreeSet<>(after.marked);
            added.removeAll(marked);
            added.forEach(p -> d.add("created " + p));
            return d;
        }

        void assertUnchanged(Snapshot after, String attack) {
            assertThat(differences(after)).as("files changed outside the sandbox by %s", attack).isEmpty();
        }

        private static void diff(String where, Map<String, String> before, Map<String, String> after,
                                 Predicate<String> mayAppear, List<String> out) {
            before.forEach((k, v) -> {
                if (!after.containsKey(k)) {
                    out.add(where + ": removed " + k);
                } else if (!after.get(k).equals(v)) {
                    out.add(where + ": changed " + k);
                }
            });
            after.keySet().stream().filter(k -> !before.containsKey(k) && !mayAppear.test(k))
                    .forEach(k -> out.add(where + ": added " + k));
        }
    }

    /**
     * The kit files grading rests on, which must stay byte for byte the same (content, permissions, time): the
     * prepared workspace, the solutions, the steps' sources and tests, the test support, the grading settings.
     * Every other kit file (the dcchat script, poms, documents, the grader's own sources) may be edited by someone
     * working on the kit while this suite runs: there, a change counts when the file gained the attackers' mark
     * ("dcchat-hostile", which every fixture's writes carry), other permissions, or a modification time in the
     * past (a fixture's touch); a file added counts if it carries the mark.
     */
    private static boolean guarded(String rel) {
        return rel.startsWith("grader/target/kit-test/") || rel.startsWith("solutions/")
                || rel.startsWith("test-support/") || rel.matches("step\\d+-[^/]+/src/.*")
                || rel.equals("grader/grading.properties");
    }

    private static final String MARKED = " +dcchat-hostile";

    /** Field i (0: SHA-256, 1: permissions, 2: modification time) of a file's state, or "" if it has none. */
    private static String field(String state, int i) {
        String[] f = state.replace(MARKED, "").split(" ");
        return f.length == 3 && !state.startsWith("link to") ? f[i] : "";
    }

    /** Kit files: all but .git and build output, except grader/target/kit-test (the prepared workspace). */
    private static boolean inKitTree(String rel) {
        return !rel.startsWith(".git/") && (rel.startsWith("grader/target/kit-test/") || !("/" + rel).contains(
                "/target/"));
    }

    /**
     * Relative path → state of each file under root that passes the filter: its SHA-256, permissions and
     * modification time (time as 20 digits), marked if it contains "dcchat-hostile"; a link's target.
     */
    private static Map<String, String> hashes(Path root, Predicate<String> keep) throws IOException {
        Map<String, String> map = new TreeMap<>();
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return map;
        }
        MessageDigest sha = sha256();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
                String rel = root.relativize(d).toString().replace('\\', '/') + "/";
                return rel.equals("/") || keep.test(rel) || rel.equals("grader/")
                        || rel.equals("grader/target/") || rel.equals("work/") ? FileVisitResult.CONTINUE
                        : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                String rel = root.relativize(f).toString().replace('\\', '/');
                if (keep.test(rel)) {
                    if (a.isSymbolicLink()) {
                        map.put(rel, "link to " + Files.readSymbolicLink(f));
                    } else if (a.isRegularFile()) {
                        byte[] b = Files.readAllBytes(f);
                        boolean mark = new String(b, StandardCharsets.ISO_8859_1).contains("dcchat-hostile");
                        map.put(rel, HexFormat.of().formatHex(sha.digest(b)) + " "
                                + java.nio.file.attribute.PosixFilePermissions.toString(
                                        Files.getPosixFilePermissions(f, LinkOption.NOFOLLOW_LINKS))
                                + " " + String.format(java.util.Locale.ROOT, "%020d", a.lastModifiedTime().toMillis())
                                + (mark ? MARKED : ""));
                    } else {
                        map.put(rel, "special file");
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) {
                map.put(root.relativize(f).toString(), "unreadable: " + e.getClass().getSimpleName());
                return FileVisitResult.CONTINUE;
            }
        });
        return map;
    }

    /** Paths named dcchat-hostile… anywhere in the kit (build output included) or the host's temporary folder. */
    private static Set<String> markedPaths() throws IOException {
        Set<String> found = new TreeSet<>();
        for (Map.Entry<Path, Integer> root : Map.of(kit.root(), Integer.MAX_VALUE,
                Path.of(System.getProperty("java.io.tmpdir")), 2).entrySet()) {
            Files.walkFileTree(root.getKey(), Set.of(), root.getValue(), new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
                    if (d.getFileName() != null && d.getFileName().toString().equals(".git")) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return visitFile(d, a);
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
                    if (f.getFileName() != null && f.getFileName().toString().contains("dcchat-hostile")) {
                        found.add(f.toString());
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    return FileVisitResult.CONTINUE; // someone else's temporary file, gone while we looked
                }
            });
        }
        return found;
    }

    /** Files of 64 MiB or more modified since t0 in the kit (build output included) and the host's /tmp. */
    private static List<String> bigFilesSince(long t0) throws IOException {
        List<String> big = new ArrayList<>();
        for (Map.Entry<Path, Integer> root : Map.of(kit.root(), Integer.MAX_VALUE,
                Path.of(System.getProperty("java.io.tmpdir")), 3).entrySet()) {
            try (Stream<Path> s = Files.find(root.getKey(), root.getValue(), (p, a) -> a.isRegularFile()
                    && a.size() >= (64L << 20) && a.lastModifiedTime().compareTo(FileTime.fromMillis(t0 - 1000)) >= 0)) {
                s.forEach(p -> big.add(p.toString()));
            } catch (java.io.UncheckedIOException e) {
                // vanished meanwhile
            }
        }
        return big;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Test JVMs and sandboxes of ours (descendants of this JVM if asked, or naming one of these folders), but the
     * class graders' warm compile servers unless {@code compileServers}.
     */
    private static List<String> sandboxes(boolean compileServers, boolean descendants, Path... naming) {
        Set<Long> mine = descendants ? ProcessHandle.current().descendants().map(ProcessHandle::pid)
                .collect(Collectors.toSet()) : Set.of();
        List<String> found = new ArrayList<>();
        ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).forEach(p -> {
            String cmd = commandLine(p);
            boolean ours = mine.contains(p.pid()) || Arrays.stream(naming).anyMatch(d -> cmd.contains(d.toString()));
            boolean sandbox = cmd.contains("dcchat.grader.runner") || cmd.contains("bwrap")
                    || cmd.contains("dcchat-sandbox");
            if (ours && sandbox && (compileServers || !cmd.contains("CompileServer"))) {
                found.add(p.pid() + " " + (cmd.length() > 300 ? cmd.substring(0, 300) + "…" : cmd));
            }
        });
        return found;
    }

    /** A process's whole command line: /proc's (the JDK reads only a page of it), else what the JDK knows. */
    private static String commandLine(ProcessHandle p) {
        try {
            byte[] b = Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
            return new String(b, StandardCharsets.UTF_8).replace('\0', ' ').strip();
        } catch (IOException | RuntimeException e) {
            return p.info().command().orElse("") + " " + String.join(" ", p.info().arguments().orElse(new String[0]));
        }
    }

    /** After grade(): no test JVM, and no sandbox but the class graders' warm compile servers. */
    private static void assertNoTestJvmLeft(Path dir) {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(sandboxes(false, true, shared, dir))
                        .as("test JVMs or sandboxes left running after grade() returned").isEmpty());
    }

    /** After a grader of the test's own (working in dir) is closed: nothing of it at all. */
    private static void assertNothingLeft(Path dir) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(sandboxes(true, false, dir)).as("processes left after close()").isEmpty());
    }

    /** The host's own addresses: loopback, and its name's address if it has one. */
    private static List<String> hostAddresses() {
        List<String> hosts = new ArrayList<>(List.of("127.0.0.1"));
        try {
            hosts.add(InetAddress.getLocalHost().getHostAddress());
        } catch (IOException e) {
            // no name for this host: loopback it is
        }
        return hosts;
    }

    /** The lines of a Markdown text outside fenced code blocks (a fence: a line that starts with ``` once stripped). */
    /**
     * The lines a Markdown reader shows as text, as CommonMark fences code: a fence of N backticks is closed
     * only by a line of at least N backticks and nothing else.
     */
    private static List<String> outsideCodeBlocks(String markdown) {
        List<String> outside = new ArrayList<>();
        int open = 0; // backticks of the open fence, 0 outside
        for (String line : markdown.split("\n", -1)) {
            String t = line.strip();
            int ticks = 0;
            while (ticks < t.length() && t.charAt(ticks) == '`') {
                ticks++;
            }
            if (open == 0 && ticks >= 3) {
                open = ticks;
            } else if (open > 0 && ticks >= open && ticks == t.length()) {
                open = 0;
            } else if (open == 0) {
                outside.add(line);
            }
        }
        return outside;
    }

    private static StepOutcome outcome(Results.Submission r, String step) {
        return r.steps().stream().filter(g -> g.step().equals(step)).map(StepGrade::scored).findFirst()
                .orElseThrow();
    }

    private static void assertSameGrade(Results.Submission graded, Results.Submission alone, String who) {
        StepOutcome a = outcome(graded, STEP1);
        StepOutcome b = outcome(alone, STEP1);
        assertThat(graded.total()).as("%s beside the attacker (%s)", who, a.notes()).isEqualTo(alone.total(),
                offset(1e-9));
        assertThat(a.tests().stream().map(TestOutcome::passed).toList()).as("%s: test by test", who)
                .isEqualTo(b.tests().stream().map(TestOutcome::passed).toList());
        assertThat(a.status()).isEqualTo(b.status());
    }

    private static final String LINK_ENTRY = "mallory/step2-framing/src/main/java/dcchat/framing/Link.java";

    /**
     * Marks a zip entry as a Unix symbolic link, as {@code zip --symlinks} writes one (java.util.zip cannot): made
     * by Unix, mode 0120777 in its central directory record; its content is the link's target.
     */
    private static void markAsLink(Path zip, String name) throws IOException {
        byte[] b = Files.readAllBytes(zip);
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 46 + n.length <= b.length; i++) {
            if (buf.getInt(i) == 0x02014b50 && (buf.getShort(i + 28) & 0xffff) == n.length
                    && Arrays.equals(b, i + 46, i + 46 + n.length, n, 0, n.length)) {
                buf.putShort(i + 4, (short) 0x031E);
                buf.putInt(i + 38, 0120777 << 16);
                Files.write(zip, b);
                return;
            }
        }
        throw new AssertionError("no central directory record for " + name);
    }

    /** What a zip test writes into mallory.zip after the step-1 reference. */
    @FunctionalInterface
    private interface ZipContent {
        void writeTo(ZipOutputStream z) throws IOException;
    }

    /**
     * mallory.zip in a new folder ({@link #newDir} with {@code prefix}): the step-1 reference first, then what
     * {@code more} writes; entries are compressed at the fastest level (a bomb's 256 MiB of spaces).
     */
    private static Path malloryZip(String prefix, ZipContent more) throws IOException {
        Path zip = newDir(prefix).resolve("mallory.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.setLevel(java.util.zip.Deflater.BEST_SPEED);
            referenceEntries(z, "mallory/");
            more.writeTo(z);
        }
        return zip;
    }

    /**
     * Grades {@code zip} alone as {@code name}, then checks that no test JVM is left and that nothing in the zip's
     * folder changed ({@code what} names the attack in that check's message).
     */
    private static Results.Submission gradeZip(Path zip, String name, String what) throws Exception {
        Path dir = zip.getParent();
        Snapshot before = Snapshot.take(dir);
        Results.Submission r = standard.grade(new Grader.Submission(name, zip));
        assertNoTestJvmLeft(dir);
        before.assertUnchanged(Snapshot.take(dir), what);
        return r;
    }

    /** The reference of step 1 as zip entries under prefix. */
    private static void referenceEntries(ZipOutputStream z, String prefix) throws IOException {
        Path ref = kit.root().resolve("solutions").resolve(STEP1).resolve("src/main/java");
        for (Path f : Trees.javaFiles(ref)) {
            z.putNextEntry(new ZipEntry(prefix + STEP1 + "/src/main/java/" + ref.relativize(f).toString()
                    .replace('\\', '/')));
            try (InputStream in = Files.newInputStream(f)) {
                in.transferTo(z);
            }
        }
    }

    /**
     * The class the hook calls, written beside the fixture's Hostile in the step's package (formatted with the
     * package, the attack and whether it runs at every construction). The server's constructor runs many times
     * (every test builds a server; some attacks run the step's tests once more themselves): HostileHook.run()
     * announces the attack the first time and calls Hostile.run() then, or every time if the attack asked to.
     * The announcement goes where say() puts a line, so that the test sees it however the attack ends: on
     * System.out, the runner's capture, which the grade shows when the tests end; and on the JVM's own stderr,
     * which the supervisor keeps and the grade shows when the JVM halts, exits or dies before that.
     */
    private static final String HOSTILE_HOOK = """
            package %s;

            import java.io.FileDescriptor;
            import java.io.FileOutputStream;
            import java.io.PrintStream;
            import java.util.concurrent.atomic.AtomicBoolean;

            /** Written by HostileSubmissionTest: calls the fixture's attack from the server's constructor. */
            final class HostileHook {

                private static final AtomicBoolean FIRST = new AtomicBoolean();
                private static final PrintStream RAW = new PrintStream(new FileOutputStream(FileDescriptor.err), true);

                private HostileHook() {
                }

                static void run() {
                    boolean first = FIRST.compareAndSet(false, true);
                    if (first) {
                        say("HOSTILE-RAN %s");
                    }
                    if (first || %b) {
                        Hostile.run();
                    }
                }

                /** A line on System.out and on the JVM's own stderr, which is kept even if the JVM ends here. */
                static void say(String line) {
                    System.out.println(line);
                    RAW.println(line);
                }
            }
            """;

    /** A fixture's edits to the step it is overlaid on, at the step's root, in kit/wrong-programs.txt's form. */
    private static final String EDITS = "edits.txt";

    /** The system's zlib, which the native fixtures copy as a stand-in for a library of the student's (@LIBZ@). */
    private static java.util.Optional<String> libz() {
        return Stream.of("/usr/lib/x86_64-linux-gnu/libz.so.1", "/lib/x86_64-linux-gnu/libz.so.1",
                "/usr/lib64/libz.so.1", "/usr/lib/aarch64-linux-gnu/libz.so.1", "/lib/libz.so.1")
                .filter(p -> Files.exists(Path.of(p))).findFirst();
    }

    private static Path fixtures() {
        try {
            return Path.of(HostileSubmissionTest.class.getResource("/hostile").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
