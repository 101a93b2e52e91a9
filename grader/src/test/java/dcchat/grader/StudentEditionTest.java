package dcchat.grader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dcchat.launcher.KitLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The student edition, exported from the real kit (all steps), checked as a student would get it: what is in
 * it and what is not, that it holds no reference code, that it builds with its own Maven Wrapper and every
 * step's tests fail on the stubs, and that {@code ./dcchat progress} works in it.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class StudentEditionTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static Kit kit;
    private static Path edition;

    @BeforeAll
    static void export() throws Exception {
        kit = Kit.open(ROOT, Path.of("target/kit-student-edition"));
        edition = KitFixture.newDir("student-edition").resolve("dcchat");
        try {
            new StudentEdition(kit).write(edition, Exports.classroom(kit, Config.defaults()));
        } catch (StudentEdition.Refused refused) {
            // The folder is written all the same: holdsNoReferenceCode, markdownNamesOnlyWhatIsThere and
            // linksResolve say what stopped it, and the other tests still check the rest.
        }
    }

    @Test
    @DisplayName("it has the lessons in both languages, the starters, the tests, the wrapper and a Classroom workflow")
    void hasWhatStudentsNeed() throws IOException {
        for (Kit.Step step : kit.steps()) {
            Path s = edition.resolve(step.name());
            for (String f : List.of("README.md", "README.es.md", "HINTS.md", "HINTS.es.md", "pom.xml")) {
                assertThat(s.resolve(f)).as("%s/%s", step.name(), f).isRegularFile();
            }
            assertThat(s.resolve("src/test/java")).as("%s tests", step.name()).isDirectory();
            assertThat(Trees.javaFiles(s.resolve("src/main/java"))).as("%s starter code", step.name()).isNotEmpty();
            assertThat(edition.resolve(StudentEdition.STARTERS).resolve(step.name()).resolve("src/main/java"))
                    .as("the grader's pristine copy of the %s starter", step.name()).isDirectory();
        }
        assertThat(edition.resolve("mvnw")).isExecutable();
        assertThat(edition.resolve("dcchat")).isExecutable();
        assertThat(edition.resolve(".mvn/wrapper/maven-wrapper.properties")).isRegularFile();
        assertThat(edition.resolve("test-support/java")).isDirectory();
        String workflow = Files.readString(edition.resolve(".github/workflows/classroom.yml"));
        for (Kit.Step step : kit.steps()) {
            assertThat(workflow).as("the Classroom workflow grades %s", step.name())
                    .contains("./dcchat progress --step " + step.name() + " --require-all");
        }
        for (String readme : List.of("README.md", "README.es.md")) {
            assertThat(Files.readString(edition.resolve(readme))).as("the edition's %s: the student's, from %s", readme,
                    StudentEdition.STUDENT_READMES)
                    .isEqualTo(Files.readString(ROOT.resolve(StudentEdition.STUDENT_READMES).resolve(readme)));
        }
        assertThat(edition.resolve(StudentEdition.STUDENT_READMES)).as("the student READMEs' source folder").doesNotExist();
    }

    @Test
    @DisplayName("its Markdown names nothing the edition lacks: no reference, profile, teacher's file or command")
    void markdownNamesOnlyWhatIsThere() throws Exception {
        assertThat(StudentEdition.fullKitMentions(edition, KitLayout.read(ROOT).edition().leftOutAnywhere())).as("what the Markdown of the edition names").isEmpty();
        assertThat(StudentEdition.fullKitMentions(ROOT.resolve("step4-broadcast"), KitLayout.read(ROOT).edition().leftOutAnywhere()))
                .as("the full kit's step 4 lesson, before the export: its teacher-only passages")
                .anyMatch(m -> m.startsWith("README.md:") && m.endsWith("-Psolutions"))
                .anyMatch(m -> m.startsWith("README.es.md:") && m.endsWith("TESTING.md"));
    }

    @Test
    @DisplayName("a teacher-only passage is left out and a student-only one shown; an unclosed marker is an error")
    void markersOfTheTwoEditions() {
        String lesson = String.join("\n", "# Lesson", "<!-- teacher-only: the student edition leaves this out -->",
                "Compare with `solutions/`.", "<!-- /teacher-only -->", "<!-- student-only", "Your code runs.", "-->",
                "The end.");
        assertThat(StudentEdition.forStudents(lesson, "L.md")).isEqualTo("# Lesson\nYour code runs.\nThe end.");
        assertThatThrownBy(() -> StudentEdition.forStudents("a\n<!-- teacher-only -->\nb", "L.md"))
                .hasMessageContaining("L.md:2").hasMessageContaining("never closed");
        assertThatThrownBy(() -> StudentEdition.forStudents("a\n<!-- /teacher-only -->", "L.md"))
                .hasMessageContaining("L.md:2").hasMessageContaining("closes nothing");
        assertThatThrownBy(() -> StudentEdition.forStudents("<!-- student-only\n<!-- teacher-only -->\nx\n"
                + "<!-- /teacher-only -->\n-->", "L.md")).hasMessageContaining("L.md:2").hasMessageContaining("do not nest");
        assertThatThrownBy(() -> StudentEdition.forStudents("<!-- student-only: a note\n-->", "L.md"))
                .hasMessageContaining("L.md:1").hasMessageContaining("alone on its line");
        assertThat(StudentEdition.forStudents("a\r\n<!-- teacher-only -->\r\nb\r\n<!-- /teacher-only -->  \r\nc", "W.md"))
                .as("a Windows checkout's line ends").isEqualTo("a\r\nc");
    }

    @Test
    @DisplayName("./dcchat help there lists the student's commands, and a teacher's command says whose it is")
    void helpListsTheStudentsCommands() throws Exception {
        String help = run("help");
        assertThat(help).contains("test STEP", "progress", "demo").doesNotContain("check", "mutation", "grade",
                "--reference", "solutions");
        assertThat(run("mutation")).contains("belongs to the teacher's kit");
    }

    /** Runs ./dcchat in the edition; its output and error, together. */
    private static String run(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", "./dcchat"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(edition.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("./dcchat %s finished", String.join(" ", args)).isTrue();
        return out;
    }

    @Test
    @DisplayName("it leaves out solutions/, the kit check, CI, the benchmarks and the grader's own tests")
    void leavesOutWhatGivesAnswersAway() throws IOException {
        for (String gone : List.of("solutions", "kit", ".ci", "benchmarks", "BENCHMARKS.md", "grader/src/test",
                "grader/gradescope")) {
            assertThat(edition.resolve(gone)).as("%s in the student edition", gone).doesNotExist();
        }
        assertThat(Files.readAllLines(edition.resolve("pom.xml")))
                .as("the root pom of the student edition").noneMatch(l -> l.contains("<module>benchmarks</module>")
                        || l.contains("<id>mutation</id>"));
    }

    @Test
    @DisplayName("-Psolutions stops at once there, with a sentence saying the reference is not in this copy")
    void solutionsProfileSaysTheReferenceIsNotHere() throws Exception {
        Path log = edition.resolve("psolutions.log");
        Process p = new ProcessBuilder("./mvnw", "-B", "-Psolutions", "validate").directory(edition.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("mvnw -Psolutions validate finished").isTrue();
        assertThat(p.exitValue()).as("mvnw -Psolutions validate in the student edition (log: %s)", log).isNotZero();
        assertThat(Files.readString(log)).as("its output (%s)", log)
                .contains("the reference is not in this copy of the kit");
    }

    @Test
    @DisplayName("it holds no reference code, and the check that says so finds a reference file or a zip put in")
    void holdsNoReferenceCode() throws IOException {
        StudentEdition se = new StudentEdition(kit);
        assertThat(se.leaks(edition)).as("reference code (three lines in a row) and names only the reference has")
                .isEmpty();

        Path planted = KitFixture.newDir("planted");
        Path reference = kit.referenceSources("step4-broadcast").resolve("dcchat/broadcast/Room.java");
        Files.copy(reference, planted.resolve("Room.java"));
        List<String> room = se.leaks(planted);
        assertThat(room).as("the reference Room.java, planted: its code, and the reference-only names it uses")
                .isNotEmpty().allMatch(l -> l.startsWith("Room.java:")).anyMatch(l -> l.contains(" ⏎ "));
        Files.write(planted.resolve("solutions.zip"), new byte[] {'P', 'K', 3, 4});
        assertThat(se.leaks(planted)).as("Room.java and a zip, planted").hasSize(room.size() + 1)
                .anyMatch(l -> l.startsWith("solutions.zip"));
    }

    @Test
    @DisplayName("every relative link in its Markdown resolves: a lesson links to no file the export leaves out")
    void linksResolve() throws IOException {
        Links.Report links = Links.check(edition);
        Assumptions.assumeTrue(StudentEdition.BROKEN_LINKS_STOP_THE_EXPORT,
                "StudentEdition.BROKEN_LINKS_STOP_THE_EXPORT is off: " + links.summary());
        assertThat(links.broken()).as(links.summary()).isEmpty();
    }

    @Test
    @DisplayName("it builds with its own wrapper, and every step's tests run and fail on the stubs")
    void buildsAndFailsOnTheStubs() throws Exception {
        Process p = new ProcessBuilder("./mvnw", "-B", "-q", "test", "-Dmaven.test.failure.ignore=true")
                .directory(edition.toFile()).redirectErrorStream(true)
                .redirectOutput(edition.resolve("build.log").toFile()).start();
        assertThat(p.waitFor(8, TimeUnit.MINUTES)).as("the build finished").isTrue();
        assertThat(p.exitValue()).as("mvnw test in the student edition (log: %s)", edition.resolve("build.log"))
                .isZero();
        for (Kit.Step step : kit.steps()) {
            int[] counts = surefire(edition.resolve(step.name()).resolve("target/surefire-reports"));
            assertThat(counts[0]).as("%s tests run", step.name()).isPositive();
            assertThat(counts[0] - counts[1] - counts[2]).as("%s tests passing on the stubs", step.name()).isZero();
        }
    }

    @Test
    @DisplayName("./dcchat progress works in it: every step at 0 passed, with the full list of tests")
    void progressWorks() throws Exception {
        Path out = edition.resolve("progress.json");
        Process p = new ProcessBuilder("bash", "./dcchat", "progress", "--json").directory(edition.toFile())
                .redirectOutput(out.toFile()).redirectError(edition.resolve("progress.log").toFile()).start();
        assertThat(p.waitFor(8, TimeUnit.MINUTES)).as("progress finished").isTrue();
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertThat(json.path("steps")).as("progress rows (log: %s)", edition.resolve("progress.log"))
                .hasSize(kit.steps().size());
        for (JsonNode row : json.path("steps")) {
            assertThat(row.path("passed").asInt(-1)).as("%s passed", row.path("step").asText()).isZero();
            assertThat(row.path("total").asInt()).as("%s total", row.path("step").asText()).isPositive();
            assertThat(row.path("readme").asText("")).as("%s: the lesson its row points at", row.path("step").asText())
                    .matches("step\\d-[a-z]+/README\\.md");
            assertThat(row.path("section").asText("")).as("%s: the section to read", row.path("step").asText())
                    .matches("§\\d+ .+");
            assertThat(edition.resolve(row.path("readme").asText())).as("the lesson %s points at", row.path("step")
                    .asText()).isRegularFile();
        }
    }

    /** {tests, failures + errors, skipped} over a surefire reports folder. */
    private static int[] surefire(Path reports) throws IOException {
        int[] c = new int[3];
        Pattern suite = Pattern.compile("<testsuite [^>]*?tests=\"(\\d+)\"[^>]*?");
        try (Stream<Path> s = Files.list(reports)) {
            for (Path f : s.filter(x -> x.getFileName().toString().startsWith("TEST-")).toList()) {
                String xml = Files.readString(f, StandardCharsets.UTF_8);
                c[0] += count(xml, "<testcase ");
                c[1] += count(xml, "<failure") + count(xml, "<error");
                c[2] += count(xml, "<skipped");
                assertThat(suite.matcher(xml).find()).as("a surefire report in %s", f).isTrue();
            }
        }
        return c;
    }

    private static int count(String text, String what) {
        int n = 0;
        for (Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text); m.find(); ) {
            n++;
        }
        return n;
    }
}
