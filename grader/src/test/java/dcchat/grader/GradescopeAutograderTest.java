package dcchat.grader;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dcchat.grader.Generate.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Gradescope's side, end to end: the zip from {@code ./dcchat gradescope-zip} unpacked as Gradescope does, its
 * setup.sh and run_autograder run with the autograder root moved to a temporary folder, a submission in it.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class GradescopeAutograderTest {

    @Test
    @DisplayName("the autograder zip sets up, grades a submission and writes a valid results.json with its score")
    void autograderZipGrades() throws Exception {
        Kit kit = Kit.open(Path.of("..").toAbsolutePath().normalize(), Path.of("target/kit-gradescope"));
        Path ag = KitFixture.newDir("autograder");
        Path zip = ag.resolve("autograder.zip");
        Main.gradescopeZip(kit, zip);
        unzip(zip, ag.resolve("source"));
        assertThat(ag.resolve("source/run_autograder")).as("run_autograder at the zip's root").isRegularFile();
        assertThat(ag.resolve("source/solutions")).as("the reference, for isolated mode").isDirectory();

        Map<String, Kind> kinds = new LinkedHashMap<>();
        kit.steps().forEach(s -> kinds.put(s.name(), Kind.REFERENCE));
        kinds.put("step3-threads", Kind.STARTER);
        new Generate(kit).writeSubmission(ag.resolve("submission"), kinds);

        run(ag, "setup.sh");
        run(ag, "run_autograder");
        JsonNode results = new ObjectMapper().readTree(ag.resolve("results/results.json").toFile());
        GradescopeSchema.assertValid(results);
        double max = kit.steps().size() * 20.0;
        assertThat(results.get("score").asDouble()).as("every step but the starter step 3 (log: %s)",
                ag.resolve("run_autograder.log")).isCloseTo(max - 20, Offset.offset(1e-6));
    }

    private static void run(Path ag, String script) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", ag.resolve("source").resolve(script).toString())
                .redirectErrorStream(true).redirectOutput(ag.resolve(script + ".log").toFile());
        pb.environment().put("DCCHAT_AUTOGRADER_ROOT", ag.toString());
        Process p = pb.start();
        assertThat(p.waitFor(8, TimeUnit.MINUTES)).as("%s finished", script).isTrue();
        assertThat(p.exitValue()).as("%s exit code (log: %s)", script, ag.resolve(script + ".log")).isZero();
    }

    private static void unzip(Path zip, Path dest) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Path target = dest.resolve(e.getName()).normalize();
                Files.createDirectories(target.getParent());
                try (InputStream entry = new java.io.FilterInputStream(in) {
                    @Override
                    public void close() {
                        // keep the zip stream open
                    }
                }) {
                    Files.copy(entry, target);
                }
            }
        }
    }
}
