package dcchat.grader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The operating-system sandbox around every JVM that runs student code (README "How it grades, and why it is
 * fair"). On Linux it is bubblewrap ({@code bwrap}, Debian package {@code bubblewrap}):
 * <ul>
 *   <li><b>Files.</b> A read-only view of the JDK, the system libraries it links, and exactly the folders a
 *       run needs (the test libraries, that step's compiled tests, that student's classes and what they build
 *       on). Nothing else exists inside: not the kit, not {@code solutions/}, not other submissions, not the
 *       reports, not {@code $HOME}, not {@code /proc}; the folders a run reads appear under {@code /dcchat/} (see
 *       {@link Stage}). The one writable place is a private {@code /tmp}
 *       (tmpfs, {@link Limits#scratchBytes}), which is also the working folder and home.</li>
 *   <li><b>Network.</b> A network namespace of its own: loopback only, invisible from outside.</li>
 *   <li><b>Processes.</b> A PID namespace that dies with the run ({@code --die-with-parent}): nothing a
 *       student starts outlives it. The JDK's process-launch helper is not executable inside, so nothing can
 *       be started at all.</li>
 *   <li><b>Limits.</b> Address space (heap, off-heap and thread stacks together, so thousands of threads
 *       fail to start), CPU time and file size, set with {@code ulimit} before the sandbox starts.</li>
 * </ul>
 * Where bubblewrap cannot run (macOS, Windows, a Linux without user namespaces) {@link #detect} says why;
 * the grader then refuses to grade unless the TA passes {@code --unsandboxed}. {@link #none} runs the same
 * JVM without any of this (a student grading their own code with {@code ./dcchat progress}).
 */
public final class Sandbox {

    /** Resource limits of one sandboxed JVM. */
    public record Limits(long addressSpaceBytes, long cpuSeconds, long scratchBytes) {
    }

    private final String bwrap;
    private final String user;
    private final String why;

    private Sandbox(String bwrap, String user, String why) {
        this.bwrap = bwrap;
        this.user = user;
        this.why = why;
    }

    /** No sandbox: the JVM runs as the user running the grader, with all the user's rights. */
    public static Sandbox none(String why) {
        return new Sandbox(null, null, why);
    }

    /**
     * The fallback where user namespaces are off (a Docker container, as Gradescope's): the grader runs as
     * root, and student code as {@code user}, an unprivileged account that can read only what each run is given
     * (copied into a folder of its own) and whose processes are all killed after each run. Weaker than
     * bubblewrap: no network or PID namespace, and {@code /proc} is there (README, the trust model).
     */
    public static Sandbox user(String user, String why) {
        return new Sandbox(null, user, why);
    }

    /** Whether student code runs contained (bubblewrap, or the unprivileged-user fallback). */
    public boolean enabled() {
        return bwrap != null || user != null;
    }

    /** Whether student code runs inside bubblewrap. */
    public boolean bubblewrap() {
        return bwrap != null;
    }

    /** The unprivileged account student code runs as in the fallback, or null. */
    public String user() {
        return user;
    }

    /** What contains student code, in words for reports. */
    public String describe() {
        return bwrap != null ? "sandboxed (bubblewrap)" : user != null
                ? "contained as the unprivileged user " + user + " (no user namespaces here: " + why + ")"
                : "UNSANDBOXED: these grades are not protected against hostile code";
    }

    /**
     * The unprivileged-user fallback if it can work here: the grader runs as root, setpriv is installed and the
     * account exists (Gradescope's setup.sh creates it).
     */
    public static Sandbox userFallback(String account, String why) {
        boolean root = ProcessHandle.current().info().user().map("root"::equals).orElse(false);
        boolean setpriv = Files.isExecutable(Path.of("/usr/bin/setpriv"));
        boolean exists;
        try {
            exists = Files.readAllLines(Path.of("/etc/passwd")).stream().anyMatch(l -> l.startsWith(account + ":"));
        } catch (IOException e) {
            exists = false;
        }
        return root && setpriv && exists ? user(account, why) : none(why);
    }

    /** Why there is no sandbox ("" when there is one). */
    public String why() {
        return why;
    }

    /** Bubblewrap if it is installed and works here; otherwise {@link #none} with the reason. */
    public static Sandbox detect() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) {
            return none("the sandbox (bubblewrap) runs on Linux only, and this is " + System.getProperty("os.name"));
        }
        String bwrap = Stream.of("/usr/bin/bwrap", "/bin/bwrap", "/usr/local/bin/bwrap").filter(p -> Files.isExecutable(Path.of(p)))
                .findFirst().orElse(null);
        if (bwrap == null) {
            return none("bubblewrap is not installed (Debian/Ubuntu: sudo apt-get install bubblewrap)");
        }
        try {
            List<String> probe = new ArrayList<>(List.of(bwrap, "--unshare-all", "--die-with-parent",
                    "--setenv", "LD_LIBRARY_PATH", javaHome().resolve("lib").toString()));
            probe.addAll(systemBinds());
            probe.addAll(List.of("--", javaBinary().toString(), "-version"));
            Process p = new ProcessBuilder(probe).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return none("bubblewrap is installed but cannot create a sandbox here (user namespaces off, or "
                        + "a container that forbids them): " + out.lines().findFirst().orElse("no output"));
            }
        } catch (IOException e) {
            return none("bubblewrap could not start: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return none("interrupted while probing bubblewrap");
        }
        return new Sandbox(bwrap, null, "");
    }

    static Path javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * The command that runs a test JVM in the sandbox, or unchanged without one. In the sandbox, the JVM's
     * descriptor 3 is the command's standard output (the runner's events), 4 its standard input (the
     * supervisor's acknowledgements), and 1 and 2 its standard error (what the JVM itself prints).
     */
    List<String> wrap(List<String> java, Map<Path, Path> readOnly, Limits limits) throws IOException {
        return wrap(java, readOnly, Map.of(), limits, "exec \"$@\" 3>&1 4<&0 1>&2 0</dev/null");
    }

    /**
     * The command that runs a JVM that runs no student code (the compiler) in the sandbox: its standard input
     * and output are the command's, and it may write to {@code writable}.
     */
    List<String> wrapTool(List<String> java, Collection<Path> readOnly, Collection<Path> writable, Limits limits)
            throws IOException {
        Map<Path, Path> ro = new LinkedHashMap<>();
        Map<Path, Path> rw = new LinkedHashMap<>();
        readOnly.forEach(p -> ro.put(p, p));
        writable.forEach(p -> rw.put(p, p));
        return wrap(java, ro, rw, limits, "exec \"$@\"");
    }

    /** Binds {@code host → inside}: read-only, or writable. */
    private List<String> wrap(List<String> java, Map<Path, Path> readOnly, Map<Path, Path> writable, Limits limits,
                              String exec) throws IOException {
        if (user != null) {
            List<String> cmd = new ArrayList<>(List.of("/bin/bash", "-c", "ulimit -v " + limits.addressSpaceBytes() / 1024
                    + " && ulimit -t " + limits.cpuSeconds() + " && ulimit -f " + limits.scratchBytes() / 512
                    + " && ulimit -u 1024"
                    + " && exec \"$@\"", "dcchat-sandbox", "/usr/bin/setpriv", "--reuid=" + user, "--regid=" + user,
                    "--clear-groups", "--no-new-privs", "--inh-caps=-all", "--"));
            cmd.addAll(java);
            return cmd;
        }
        if (!enabled()) {
            return java;
        }
        List<String> cmd = new ArrayList<>(List.of("/bin/bash", "-c",
                "ulimit -v " + limits.addressSpaceBytes() / 1024 + " && ulimit -t " + limits.cpuSeconds()
                        + " && " + exec, "dcchat-sandbox", bwrap,
                "--unshare-all", "--die-with-parent", "--new-session", "--clearenv",
                "--setenv", "HOME", "/tmp", "--setenv", "LANG", "C.UTF-8", "--setenv", "PATH", "/nonexistent",
                "--setenv", "MALLOC_ARENA_MAX", "2",
                "--setenv", "LD_LIBRARY_PATH", javaHome().resolve("lib").toString(),
                "--size", Long.toString(limits.scratchBytes()), "--tmpfs", "/tmp"));
        cmd.addAll(systemBinds());
        Set<Path> seen = new LinkedHashSet<>();
        for (Map.Entry<Path, Path> b : readOnly.entrySet()) {
            if (seen.add(b.getValue())) {
                cmd.addAll(List.of("--ro-bind", b.getKey().toRealPath().toString(), b.getValue().toString()));
            }
        }
        for (Map.Entry<Path, Path> b : writable.entrySet()) {
            if (seen.add(b.getValue())) {
                cmd.addAll(List.of("--bind", b.getKey().toRealPath().toString(), b.getValue().toString()));
            }
        }
        // The JDK's process-launch helper, replaced by a file that cannot be executed: no process starts.
        Path helper = javaHome().resolve("lib/jspawnhelper");
        if (Files.exists(helper)) {
            cmd.addAll(List.of("--ro-bind", "/dev/null", helper.toString()));
        }
        cmd.addAll(List.of("--remount-ro", "/", "--chdir", "/tmp", "--"));
        cmd.addAll(java);
        return cmd;
    }

    private static Path javaHome() throws IOException {
        return Path.of(System.getProperty("java.home")).toRealPath();
    }

    /** The JDK, the system libraries and fonts (read-only), and the few devices a JVM opens. */
    private static List<String> systemBinds() throws IOException {
        List<String> b = new ArrayList<>();
        for (String dir : List.of("/lib", "/lib64", "/lib32")) {
            Path p = Path.of(dir);
            if (Files.isSymbolicLink(p)) {
                b.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), dir));
            } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                b.addAll(List.of("--ro-bind", dir, dir));
            }
        }
        for (String dir : List.of("/usr/lib", "/usr/lib64", "/usr/lib32", "/usr/share/fonts", "/usr/share/fontconfig",
                "/etc/fonts", "/etc/localtime")) {
            b.addAll(List.of("--ro-bind-try", dir, dir));
        }
        try (Stream<Path> etc = Files.list(Path.of("/etc"))) {
            etc.filter(p -> p.getFileName().toString().startsWith("java-")).sorted()
                    .forEach(p -> b.addAll(List.of("--ro-bind", p.toString(), p.toString())));
        }
        String home = javaHome().toString();
        b.addAll(List.of("--ro-bind", home, home));
        for (String dev : List.of("/dev/null", "/dev/zero", "/dev/random", "/dev/urandom")) {
            b.addAll(List.of("--dev-bind", dev, dev));
        }
        return b;
    }
}
