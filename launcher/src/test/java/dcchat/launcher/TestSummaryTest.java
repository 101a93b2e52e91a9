package dcchat.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("TestSummary, the end of a whole-kit ./mvnw test")
class TestSummaryTest {

    @TempDir
    Path reports;

    @Test
    @DisplayName("counts this build's test cases — passed, failed (failure or error) and skipped — and ignores older reports")
    void counts() throws Exception {
        Files.writeString(reports.resolve("TEST-A.xml"), """
                <testsuite tests="0"><testcase name="a"/><testcase name="b"><failure message="x"/></testcase>
                <testcase name="c">
                  <error type="java.lang.UnsupportedOperationException"/></testcase><testcase name="d"><skipped/></testcase>
                </testsuite>""");
        Path old = Files.writeString(reports.resolve("TEST-Old.xml"), "<testcase name=\"z\"><failure/></testcase>");
        Files.setLastModifiedTime(old, FileTime.fromMillis(1_000));
        TestSummary.Counts c = TestSummary.count("step1-echo", reports, 2_000);
        assertThat(c).as("the counts from TEST-A.xml only (TEST-Old.xml is from an earlier build)")
                .isEqualTo(new TestSummary.Counts("step1-echo", 4, 2, 1));
        assertThat(TestSummary.count("step1-echo", reports.resolve("none"), 0)).as("a step that did not run").isNull();
    }
}
