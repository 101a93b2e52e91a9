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
        Map<String, Kind> kinds = new LinkedHashMap<>();
        kit().steps().forEach(s -> kinds.put(s.name(), Kind.REFERENCE));
        kinds.put("step3-threads", Kind.STARTER);
        JsonNode results = autograde(Map.of(), kinds, sub -> { });
        double max = kit().steps().size() * 20.0;
        assertThat(results.get("score").asDouble()).as("every step but the starter step 3")
                .isCloseTo(max - 20, Offset.offset(1e-6));
    }

    @Test
    @DisplayName("where the container forbids bubblewrap, student code runs as an unprivileged user that cannot "
            + "read the reference or the grader")
    void unprivilegedFallbackKeepsTheReferenceClosed() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(ProcessHandle.current().info().user().orElse("").equals("root"),
                "the fallback needs the grader to run as root, as Gradescope's run_autograder does");
        Map<String, Kind> kinds = new LinkedHashMap<>();
        kit().steps().forEach(s -> kinds.put(s.name(), Kind.REFERENCE));
        Path[] ag = new Path[1];
        String secret = "dcchat-reference-canary";
        JsonNode results = autograde(Map.of("DCCHAT_SANDBOX", "user"), kinds, sub -> {
            ag[0] = sub.getParent();
            // A student who knows where Gradescope keeps the autograder: read the reference, then fail loudly
            // with whatever came back, so that it would show in the feedback.
            Path server = sub.resolve("step1-echo/src/main/java/dcchat/echo/EchoServer.java");
            String code = Files.readString(server);
            String theft = "static { String got; try { got = \"LEAK \" + java.nio.file.Files.readString(java.nio.file.Path.of("
                    + "\"" + sub.getParent().resolve("source/solutions/step1-echo/" + secret + ".txt") + "\")); }"
                    + " catch (Exception e) { got = \"DENIED \" + e.getClass().getSimpleName(); }"
                    + " if (!Boolean.getBoolean(\"dcchat.never\")) { throw new IllegalStateException(got); } }";
            Files.writeString(server, code.replaceFirst("(class EchoServer[^{]*\\{)", "$1\n    " + theft));
        }, source -> Files.writeString(source.resolve("solutions/step1-echo/" + secret + ".txt"), secret));
        String all = results.toString();
        assertThat(all).as("results.json after a submission tried to read %s", ag[0].resolve("source/solutions"))
                .contains("DENIED AccessDeniedException").doesNotContain("LEAK").doesNotContain(secret);
        assertThat(ag[0].resolve("run_autograder.log")).as("the grader's log: it graded in the fallback")
                .content().contains("contained as the unprivileged user " + Main.USER);
        assertThat(results.get("score").asDouble()).as("the EchoServer tests fail (its class cannot load); the rest is "
                + "the reference").isBetween(kit().steps().size() * 20.0 - 20, kit().steps().size() * 20.0 - 10);
        assertThat(ProcessHandle.allProcesses().filter(h -> h.info().user().orElse("").equals(Main.USER)))
                .as("processes of %s left after grading", Main.USER).isEmpty();
    }

    private static Kit kit() throws IOException {
        return Kit.open(Path.of("..").toAbsolutePath().normalize(), Path.of("target/kit-gradescope"));
    }

    /** Something to do to a folder. */
    private interface Tweak {
        void apply(Path dir) throws IOException;
    }

    /** Zips the kit as Gradescope gets it, runs setup.sh and run_autograder on a submission; its results.json. */
    private static JsonNode autograde(Map<String, String> env, Map<String, Kind> kinds, Tweak submission,
                                      Tweak... source) throws Exception {
        Kit kit = kit();
        Path ag = KitFixture.newDir("autograder");
        Path zip = ag.resolve("autograder.zip");
        Exports.gradescopeZip(kit, zip);
        unzip(zip, ag.resolve("source"));
        assertThat(ag.resolve("source/run_autograder")).as("run_autograder at the zip's root").isRegularFile();
        assertThat(ag.resolve("source/solutions")).as("the reference, for isolated mode").isDirectory();
        for (Tweak t : source) {
            t.apply(ag.resolve("source"));
        }
        new Generate(kit).writeSubmission(ag.resolve("submission"), kinds);
        submission.apply(ag.resolve("submission"));
        run(ag, "setup.sh", env);
        run(ag, "run_autograder", env);
        JsonNode results = new ObjectMapper().readTree(ag.resolve("results/results.json").toFile());
        GradescopeSchema.assertValid(results);
        return results;
    }

    private static void run(Path ag, String script, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", ag.resolve("source").resolve(script).toString())
                .redirectErrorStream(true).redirectOutput(ag.resolve(script + ".log").toFile());
        pb.environment().put("DCCHAT_AUTOGRADER_ROOT", ag.toString());
        pb.environment().putAll(env);
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
