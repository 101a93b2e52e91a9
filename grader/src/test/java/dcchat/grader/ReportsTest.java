package dcchat.grader;

import static org.assertj.core.api.Assertions.assertThat;

import dcchat.grader.Results.Status;
import dcchat.grader.Results.StepGrade;
import dcchat.grader.Results.StepOutcome;
import dcchat.grader.Results.TestOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports, config and step discovery, without starting any JVM (fast). */
class ReportsTest {

    private static final List<Kit.Step> STEPS = List.of(new Kit.Step("step1-echo", List.of()),
            new Kit.Step("step2-framing", List.of()));

    private static StepOutcome outcome(String step, boolean... passed) {
        List<TestOutcome> tests = new java.util.ArrayList<>();
        double score = 0;
        for (int i = 0; i < passed.length; i++) {
            double max = 20.0 / passed.length;
            tests.add(new TestOutcome(new Kit.TestInfo("uid" + i, "T#m" + i, "T › §" + (i + 1) + " a | b", 1),
                    passed[i], passed[i] ? max : 0, max, passed[i] ? "" : "expected x (read " + step
                    + "/README.md §2 Opening a server socket)"));
            score += passed[i] ? max : 0;
        }
        return new StepOutcome(step, GradingMode.ISOLATED, Status.GRADED, tests, score, 20, "", List.of(), "", 1);
    }

    private static Results.Submission student(String name, StepOutcome... steps) {
        List<StepGrade> grades = new java.util.ArrayList<>();
        for (StepOutcome o : steps) {
            grades.add(new StepGrade(o.step(), o, null));
        }
        return new Results.Submission(name, Path.of(name), grades, List.of(), 1);
    }

    @Test
    @DisplayName("class.csv has the columns student, every step in kit order, total — whatever the results")
    void csvColumnsAreStable() {
        String csv = ClassReports.csv(List.of(student("ana", outcome("step1-echo", true, false),
                outcome("step2-framing", true, true, true, false)), student("bo, jr", outcome("step1-echo", false),
                outcome("step2-framing", false))), STEPS, false);
        assertThat(csv.split("\n")).containsExactly("student,step1-echo,step2-framing,total",
                "ana,10.00,15.00,25.00", "\"bo, jr\",0.00,0.00,0.00");
        assertThat(ClassReports.csv(List.of(), STEPS, false)).isEqualTo("student,step1-echo,step2-framing,total\n");
    }

    @Test
    @DisplayName("Gradescope results.json has the documented fields and the score is the sum of the tests")
    void gradescopeJsonValidates() throws Exception {
        Results.Submission s = student("ana", outcome("step1-echo", true, false, true),
                outcome("step2-framing", false, true));
        String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Reports.gradescope(s));
        GradescopeSchema.assertValid(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json));
        assertThat(json).contains("\"status\":\"failed\"").contains("README.md §2");
    }

    @Test
    @DisplayName("the summary gives each step's distribution and the most-failed tests, table cells kept on one line")
    void summary() {
        String md = ClassReports.summary(List.of(student("a", outcome("step1-echo", true, false),
                outcome("step2-framing", false)), student("b", outcome("step1-echo", false, false),
                outcome("step2-framing", true))), STEPS);
        assertThat(md).contains("| step1-echo | 20 | 5 | 5 | 0 | 10 |").contains("Most-failed tests")
                .contains("| 2 | 2 | step1-echo › T › §2 a \\| b | step1-echo/README.md §2 Opening a server socket |");
    }

    @Test
    @DisplayName("points come from grading.properties; weights match Class$Nested#method globs")
    void config(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("grading.properties");
        Files.writeString(f, "points.default=10\nstep1-echo=30\nweight.step1-echo.EchoServerTest$Closing*=3\n");
        Config c = Config.load(f);
        assertThat(c.points("step1-echo")).isEqualTo(30);
        assertThat(c.points("step5-gui")).isEqualTo(10);
        assertThat(c.weight("step1-echo", "EchoServerTest$ClosingTheServer#closeTwice", 1)).isEqualTo(3);
        assertThat(c.weight("step1-echo", "EchoServerTest$EchoingLines#x", 1)).isEqualTo(1);
        assertThat(c.weight("step2-framing", "EchoServerTest$ClosingTheServer#x", 2)).isEqualTo(2);
    }

    @Test
    @DisplayName("steps are the root pom's stepN-… modules, with what each builds on from its pom; new steps join")
    void discoversSteps(@TempDir Path kit) throws Exception {
        Files.writeString(kit.resolve("pom.xml"), "<project><modules><module>step1-a</module><module>step2-b</module>"
                + "<module>step3-c</module><module>benchmarks</module><module>grader</module></modules></project>");
        for (String s : List.of("step1-a", "step2-b", "step3-c")) {
            Files.createDirectories(kit.resolve(s));
        }
        Files.writeString(kit.resolve("step1-a/pom.xml"), "<project><artifactId>step1-a</artifactId></project>");
        Files.writeString(kit.resolve("step2-b/pom.xml"), "<project><artifactId>step2-b</artifactId><dependencies>"
                + "<dependency><artifactId>step1-a</artifactId></dependency></dependencies></project>");
        Files.writeString(kit.resolve("step3-c/pom.xml"), "<project><artifactId>step3-c</artifactId><dependencies>"
                + "<!-- <artifactId>step9-x</artifactId> --><dependency><artifactId>step2-b</artifactId>"
                + "</dependency></dependencies></project>");
        assertThat(Kit.discoverSteps(kit)).containsExactly(new Kit.Step("step1-a", List.of()),
                new Kit.Step("step2-b", List.of("step1-a")), new Kit.Step("step3-c", List.of("step1-a", "step2-b")));
    }

    @Test
    @DisplayName("the README pointer is found in a failure message")
    void pointer() {
        assertThat(Reports.pointer("Step 2: read a whole frame — see README §3 Reading frames")).isEqualTo(
                "README §3 Reading frames");
        assertThat(Reports.pointer("x (read step2-framing/README.md §7 Characters are not bytes)"))
                .isEqualTo("step2-framing/README.md §7 Characters are not bytes");
        assertThat(Reports.pointer("no pointer")).isNull();
    }
}
