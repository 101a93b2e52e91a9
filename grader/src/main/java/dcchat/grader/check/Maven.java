package dcchat.grader.check;

import dcchat.launcher.KitLayout;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The kit checks' one Maven runner, with the kit it runs in (its root and its layout): the kit's Maven Wrapper in batch mode, quietly ({@code -B -ntp}), in the kit's
 * root, its whole output in a log file under kit/logs/, optionally under {@code xvfb-run} (a virtual display for
 * step 5's window tests). Plus what the checks need to know about the machine: whether it has a display, and
 * whether a program is on the PATH.
 */
public final class Maven {

    private final Path root;
    private final KitLayout layout;

    /** The Maven Wrapper of the kit at {@code root}, whose layout it reads. */
    public Maven(Path root) throws IOException {
        this.root = root;
        this.layout = KitLayout.read(root);
    }

    /** The kit's root folder. */
    public Path root() {
        return root;
    }

    /** The kit's layout, as its poms say it. */
    public KitLayout layout() {
        return layout;
    }

    /** kit/logs/, where every run's log goes (made if missing). */
    public Path logs() throws IOException {
        return Files.createDirectories(root.resolve("kit/logs"));
    }

    /** Runs {@code ./mvnw -B -ntp ARGS} (mvnw.cmd on Windows), its output to {@code log}; Maven's exit code. */
    public int run(List<String> args, Path log) throws IOException, InterruptedException {
        return run(args, log, false);
    }

    /** As {@link #run(List, Path)}, under {@code xvfb-run} if {@code xvfb}. */
    public int run(List<String> args, Path log, boolean xvfb) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (xvfb) {
            cmd.addAll(List.of("xvfb-run", "-a", "-s", "-screen 0 1280x1024x24"));
        }
        cmd.addAll(windows() ? List.of("cmd", "/c", "mvnw.cmd") : List.of("./mvnw"));
        cmd.add("-B");
        cmd.add("-ntp");
        cmd.addAll(args);
        Files.writeString(log, "$ " + String.join(" ", cmd) + System.lineSeparator());
        Process p = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File(windows() ? "NUL" : "/dev/null")))
                .start();
        return p.waitFor();
    }

    static boolean windows() {
        return System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win");
    }

    /** Linux/BSD: DISPLAY or WAYLAND_DISPLAY set. macOS and Windows always have one. */
    static boolean hasDisplay() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if (os.contains("mac") || os.contains("win")) {
            return true;
        }
        return notBlank(System.getenv("DISPLAY")) || notBlank(System.getenv("WAYLAND_DISPLAY"));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
