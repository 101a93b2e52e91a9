package dcchat.grader.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kit check's lessons check holds every section a step's tests name — once, on a {@code @Nested} class — and
 * every cross-reference against the step README's headings: a renamed heading cannot leave tests that point at a
 * section no longer there.
 */
@DisplayName("the kit check's citations")
class CitationsTest {

    @Test
    @DisplayName("a section class's @DisplayName, a 'see also' and a full README path must match a ## §N heading")
    void sectionsMatchHeadings(@TempDir Path kit) throws Exception {
        Files.writeString(kit.resolve("pom.xml"), "<project><modules><module>step9-demo</module></modules></project>");
        Path step = Files.createDirectories(kit.resolve("step9-demo/src/test/java/demo"));
        Files.writeString(kit.resolve("step9-demo/README.md"), "# Step 9\n\n## §1 Opening\n\n## §2 Closing down\n");
        Files.writeString(step.resolve("DemoTest.java"), String.join("\n",
                "class DemoTest {",
                "    @Nested @DisplayName(\"§1 Opening\") class Opening { }",       // right
                "    @Nested @DisplayName(\"§2 Closing\") class Closing {",         // the heading says "Closing down"
                "        String a = \"(see also §1 Opening)\";",                    // right
                "        String b = \"(see also §3 Leaving)\";",                    // no §3
                "        String c = \"step9-demo/README.md §2 Closing down\";",     // right
                "    }",
                "}"));
        assertThat(new KitCheck(new Maven(kit)).checkCitations("step9-demo"))
                .as("what the lessons check reports")
                .containsExactlyInAnyOrder(
                        "step9-demo/src/test/java/demo/DemoTest.java cites \"§2 Closing\" but the README heading is "
                                + "\"§2 Closing down\"",
                        "step9-demo/src/test/java/demo/DemoTest.java names \"§3 Leaving\", which step9-demo/README.md "
                                + "lacks");
    }
}
