package dcchat.grader;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The real kit (this module's parent folder), restricted to steps 1–3 to keep the grader's tests fast: its
 * workspace (reference classes, pristine compiled tests, the canonical test lists) is prepared once per test
 * JVM, in target/kit-test, and reused while the kit's sources do not change.
 */
final class KitFixture {

    static final List<String> STEPS = List.of("step1-echo", "step2-framing", "step3-threads");
    private static Kit kit;

    private KitFixture() {
    }

    static synchronized Kit kit() throws IOException, InterruptedException {
        if (kit == null) {
            Path root = Path.of("..").toAbsolutePath().normalize();
            Kit k = Kit.open(root, Path.of("target/kit-test"), STEPS);
            k.prepare(config(), sandbox(), new PrintStream(PrintStream.nullOutputStream()));
            kit = k;
        }
        return kit;
    }

    /**
     * The sandbox the grader's tests grade in: bubblewrap. Where it cannot run, the tests that need it are
     * skipped with the reason — except in CI (CI=true), where that is a failure: the hostile submissions must be
     * proved contained on every CI run.
     */
    static synchronized Sandbox sandbox() {
        if (sandbox == null) {
            sandbox = Sandbox.detect();
        }
        return sandbox;
    }

    private static Sandbox sandbox;

    /** Skips (or, in CI, fails) a test that needs the sandbox where there is none. */
    static void requireSandbox() {
        if (!sandbox().enabled()) {
            org.junit.jupiter.api.Assertions.assertNotEquals("true", System.getenv("CI"),
                    "CI must grade in the sandbox: " + sandbox().why() + " (.ci/run installs bubblewrap)");
            org.junit.jupiter.api.Assumptions.abort("no sandbox here: " + sandbox().why());
        }
    }

    /** Tight limits: a hanging step is stopped in seconds. */
    static Config config() {
        return Config.defaults().set("limit.step.seconds", "20").set("limit.submission.seconds", "120");
    }

    static Path newDir(String name) throws IOException {
        Path base = Path.of("target/grader-tests");
        Files.createDirectories(base);
        return Files.createTempDirectory(base.toAbsolutePath(), name);
    }
}
