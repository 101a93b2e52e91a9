package dcchat.grader;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dcchat.launcher.Commands;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The kit program ({@link Main}) runs exactly the launcher's kit-program commands, under their names, with their
 * options; and the Classroom workflow it prints is YAML that reads back as the workflow it means.
 */
@DisplayName("the kit program")
class KitProgramTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    @DisplayName("its subcommands are the command table's kit-program commands: the same names, the same options in "
            + "its help")
    void subcommandsAreTheTable() {
        List<String> table = Commands.kitProgram().stream().map(Commands.Command::name).collect(Collectors.toList());
        assertThat(Main.SUBCOMMANDS.keySet()).as("Main's subcommands, in order").containsExactlyElementsOf(table);
        assertThat(table).as("the dcchat command names, none renamed")
                .contains("check", "mutation", "wrong-programs", "progress", "grade", "grade-bench", "grade-generate",
                        "classroom-workflow", "student-edition", "gradescope-zip");
        String help = Main.help();
        for (Commands.Command c : Commands.kitProgram()) {
            assertThat(help).as("the kit program's help shows %s's usage, generated from its spec", c.name())
                    .contains("  " + c.spec().usage());
        }
    }

    @Test
    @DisplayName("the Classroom workflow keeps its comment header and reads back as YAML: one graded check per step, "
            + "each worth its points, and a reporter over all of them")
    void classroomWorkflowParsesBack() throws Exception {
        Kit kit = Kit.open(ROOT, Path.of("target/kit-program-test"));
        Config config = Config.defaults();
        String yaml = Exports.classroom(kit, config);
        assertThat(yaml).as("the header, as a prefix").startsWith(Exports.CLASSROOM_HEADER);
        JsonNode wf = new YAMLMapper().readTree(yaml);
        assertThat(wf.path("name").asText()).isEqualTo("Autograding Tests");
        assertThat(wf.path("on").toString()).isEqualTo("[\"push\",\"workflow_dispatch\",\"repository_dispatch\"]");
        assertThat(wf.path("permissions").path("checks").asText()).isEqualTo("write");
        JsonNode job = wf.path("jobs").path("run-autograding-tests");
        assertThat(job.path("runs-on").asText()).isEqualTo("ubuntu-latest");
        assertThat(job.path("if").asText()).isEqualTo("github.actor != 'github-classroom[bot]'");
        JsonNode steps = job.path("steps");
        assertThat(steps.get(1).path("with").path("java-version").isTextual()).as("java-version '17', a string").isTrue();
        List<String> ids = new java.util.ArrayList<>();
        for (Kit.Step s : kit.steps()) {
            JsonNode step = null;
            for (JsonNode n : steps) {
                if (n.path("name").asText().equals(s.name())) {
                    step = n;
                }
            }
            assertThat(step).as("a check for %s", s.name()).isNotNull();
            ids.add(step.path("id").asText());
            assertThat(step.path("uses").asText()).isEqualTo("classroom-resources/autograding-command-grader@v1");
            assertThat(step.path("with").path("command").asText())
                    .isEqualTo("xvfb-run -a ./dcchat progress --step " + s.name() + " --require-all");
            assertThat(step.path("with").path("setup-command").asText()).isEmpty();
            assertThat(step.path("with").path("timeout").asInt()).isEqualTo(15);
            assertThat(step.path("with").path("max-score").isNumber()).as("max-score, a number").isTrue();
            assertThat(step.path("with").path("max-score").asDouble()).isEqualTo(config.points(s.name()));
        }
        JsonNode reporter = steps.get(steps.size() - 1);
        assertThat(reporter.path("uses").asText()).isEqualTo("classroom-resources/autograding-grader-reporter@v1");
        assertThat(reporter.path("with").path("runners").asText()).isEqualTo(String.join(",", ids));
        for (String id : ids) {
            assertThat(reporter.path("env").path(id.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_RESULTS")
                    .asText()).isEqualTo("${{steps." + id + ".outputs.result}}");
        }
    }
}
