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
            k.prepare(config(), new PrintStream(PrintStream.nullOutputStream()));
            kit = k;
        }
        return kit;
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
