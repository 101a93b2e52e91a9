package dcchat.grader;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The kit being graded with: its steps (from the root pom's {@code <module>stepN-…</module>} entries, so a new
 * step joins by being listed), what each step builds on (the {@code stepN-…} dependencies in its pom), and a
 * workspace with every step's reference classes and pristine compiled tests.
 *
 * <p>The workspace ({@code grader/target/kit/<step>/ref|tests}) is compiled here with javac from
 * {@code solutions/<step>/src/main/java}, {@code <step>/src/test/java} and {@code test-support/}; it is
 * rebuilt only when those sources change. Nothing from a submission ever goes into it.
 */
public final class Kit {

    /** One step module: name ("step2-framing"), and the steps it builds on, transitively, in kit order. */
    public record Step(String name, List<String> deps) {
    }

    /** One test of a step, as discovered on the reference: the unit of points. */
    public record TestInfo(String uid, String key, String path, double weight) {
    }

    private final Path root;
    private final Path work;
    private final List<Step> steps;
    private final List<Path> jars;
    private final Path runnerClasses;
    private final java.util.Map<String, List<TestInfo>> tests = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, String> refHash = new java.util.concurrent.ConcurrentHashMap<>();

    private Kit(Path root, Path work, List<String> only) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.work = work.toAbsolutePath().normalize();
        List<Step> all = discoverSteps(this.root);
        this.steps = only == null ? all : all.stream().filter(s -> only.contains(s.name())).collect(Collectors.toList());
        this.runnerClasses = codeSource(StepRunner.class);
        this.jars = classpathJars();
    }

    public static Kit open(Path root, Path work) throws IOException {
        if (!Files.exists(root.resolve("pom.xml")) || (!Files.isDirectory(root.resolve("solutions"))
                && !Files.isDirectory(root.resolve(StudentEdition.STARTERS)))) {
            throw new IllegalArgumentException(root + " is not the kit's root folder (no pom.xml, and neither "
                    + "solutions/ nor, in the student edition, " + StudentEdition.STARTERS + "/)");
        }
        return new Kit(root, work, null);
    }

    /**
     * The student edition has no solutions/: its "reference" is the pristine starter code kept in
     * {@link StudentEdition#STARTERS}, which has the same API — enough to compile the tests and list them, and
     * to grade in cumulative mode (a student's code built on their own earlier steps), which is all it offers.
     */
    public boolean studentEdition() {
        return Files.isDirectory(root.resolve(StudentEdition.STARTERS));
    }

    /** Where a step's reference sources are: solutions/, or the starters in the student edition. */
    Path referenceSources(String step) {
        Path base = studentEdition() ? root.resolve(StudentEdition.STARTERS) : root.resolve("solutions");
        return base.resolve(step).resolve("src/main/java");
    }

    /** A kit restricted to some steps (each with the steps it builds on): the grader's own tests use it. */
    public static Kit open(Path root, Path work, List<String> only) throws IOException {
        Kit kit = open(root, work);
        Set<String> keep = new LinkedHashSet<>(only);
        for (String s : only) {
            keep.addAll(kit.step(s).deps());
        }
        return new Kit(root, work, List.copyOf(keep));
    }

    public Path root() {
        return root;
    }

    public Path work() {
        return work;
    }

    public List<Step> steps() {
        return steps;
    }

    public Step step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no step " + name + "; steps are "
                        + steps.stream().map(Step::name).collect(Collectors.joining(", "))));
    }

    public List<Path> jars() {
        return jars;
    }

    public Path runnerClasses() {
        return runnerClasses;
    }

    public Path refClasses(String step) {
        return work.resolve(step).resolve("ref");
    }

    public Path testClasses(String step) {
        return work.resolve(step).resolve("tests");
    }

    public List<TestInfo> tests(String step) {
        return tests.get(step);
    }

    /** A hash of the reference sources of a step: a student step with this hash is the reference. */
    public String refSourceHash(String step) {
        return refHash.get(step);
    }

    /** Root pom modules named stepN-…, in order; for each, the stepN-… artifacts its pom depends on. */
    static List<Step> discoverSteps(Path root) throws IOException {
        String pom = Files.readString(root.resolve("pom.xml"));
        Matcher m = Pattern.compile("<module>\\s*(step\\d+-[^<\\s]+)\\s*</module>").matcher(pom);
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        java.util.Map<String, Set<String>> direct = new java.util.HashMap<>();
        for (String s : names) {
            Set<String> d = new LinkedHashSet<>();
            Path p = root.resolve(s).resolve("pom.xml");
            String text = Files.exists(p) ? Files.readString(p).replaceAll("(?s)<!--.*?-->", "") : "";
            int deps = text.indexOf("<dependencies>");
            Matcher a = Pattern.compile("<artifactId>\\s*(step\\d+-[^<\\s]+)\\s*</artifactId>")
                    .matcher(deps < 0 ? "" : text.substring(deps));
            while (a.find()) {
                if (!a.group(1).equals(s) && names.contains(a.group(1))) {
                    d.add(a.group(1));
                }
            }
            direct.put(s, d);
        }
        List<Step> steps = new ArrayList<>();
        for (String s : names) {
            Set<String> closure = new LinkedHashSet<>();
            List<String> todo = new ArrayList<>(direct.get(s));
            while (!todo.isEmpty()) {
                String d = todo.remove(0);
                if (closure.add(d)) {
                    todo.addAll(direct.getOrDefault(d, Set.of()));
                }
            }
            List<String> ordered = names.stream().filter(closure::contains).collect(Collectors.toList());
            steps.add(new Step(s, List.copyOf(ordered)));
        }
        return List.copyOf(steps);
    }

    /**
     * Compiles every step's reference and pristine tests (when their sources changed) and discovers each
     * step's tests. Prints one line per step it (re)builds.
     */
    public void prepare(Config config, java.io.PrintStream log) throws IOException, InterruptedException {
        Files.createDirectories(work);
        for (Step step : steps) {
            Path dir = work.resolve(step.name());
            Path sol = referenceSources(step.name());
            List<Path> refSources = javaFiles(sol);
            refHash.put(step.name(), hash(sol, refSources));
            List<Path> testSources = new ArrayList<>(javaFiles(root.resolve(step.name()).resolve("src/test/java")));
            testSources.addAll(javaFiles(root.resolve("test-support/java")));
            StringBuilder inputs = new StringBuilder(refHash.get(step.name()));
            inputs.append(hash(root, testSources));
            inputs.append(hash(root, files(root.resolve("test-support/resources"))));
            inputs.append(hash(root, files(root.resolve(step.name()).resolve("src/test/resources"))));
            for (String d : step.deps()) {
                inputs.append(Files.readString(work.resolve(d).resolve("stamp")));
            }
            inputs.append("workspace-format-2").append(jars).append(runnerClasses).append(System.getProperty("java.version"));
            String stamp = sha(inputs.toString().getBytes(StandardCharsets.UTF_8));
            Path stampFile = dir.resolve("stamp");
            if (!Files.exists(stampFile) || !Files.readString(stampFile).equals(stamp)
                    || !Files.exists(dir.resolve("tests.list"))) {
                log.println("grader: preparing " + step.name() + " (" + (studentEdition() ? "starter" : "reference")
                        + " and pristine tests) …");
                deleteTree(dir);
                List<Path> cp = new ArrayList<>();
                step.deps().forEach(d -> cp.add(refClasses(d)));
                cp.addAll(jars);
                Compiled ref = javac(refSources, cp, refClasses(step.name()));
                if (!ref.ok()) {
                    throw new IllegalStateException("the reference of " + step.name() + " does not compile:\n"
                            + ref.messages());
                }
                cp.add(0, refClasses(step.name()));
                Compiled t = javac(testSources, cp, testClasses(step.name()));
                if (!t.ok()) {
                    throw new IllegalStateException("the tests of " + step.name() + " do not compile:\n" + t.messages());
                }
                copyTree(root.resolve("test-support/resources"), testClasses(step.name()));
                copyTree(root.resolve(step.name()).resolve("src/test/resources"), testClasses(step.name()));
                list(step, config);
                Files.writeString(stampFile, stamp);
            }
            tests.put(step.name(), readList(dir.resolve("tests.list")));
        }
    }

    private void list(Step step, Config config) throws IOException, InterruptedException {
        Path out = work.resolve(step.name()).resolve("tests.list");
        List<Path> cp = new ArrayList<>();
        cp.add(testClasses(step.name()));
        cp.add(refClasses(step.name()));
        step.deps().forEach(d -> cp.add(refClasses(d)));
        // A real run, not discovery: parameterized tests only show their invocations when they run.
        Jvm.Result r = Jvm.run(javaCommand(cp, config, "run", testClasses(step.name()), out), work,
                Math.max(300, config.stepSeconds()), 65536);
        if (r.exitCode() != 0 || !Files.exists(out)) {
            throw new IllegalStateException("could not run the reference tests of " + step.name() + ": " + r.output());
        }
        long failed = Files.readAllLines(out, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("END\t") && l.split("\t", -1)[2].equals("FAILED")).count();
        if (failed > 0 && !studentEdition()) {
            System.err.println("grader: WARNING: " + failed + " test(s) of " + step.name() + " fail on the reference "
                    + "here; they still count (run ./dcchat check)");
        }
    }

    /**
     * The canonical test list of a step: every test the reference run reported, except those that could not
     * run on this machine (aborted by an assumption, e.g. step 5's window test without a display, or
     * skipped): they cannot be graded here, so they earn and cost nothing.
     */
    private static List<TestInfo> readList(Path file) throws IOException {
        List<TestInfo> list = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Set<String> seen = new java.util.HashSet<>();
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            if (f[0].equals("END") && f.length > 2 && (f[2].equals("ABORTED") || f[2].equals("SKIPPED"))) {
                seen.add(f[1]); // not gradable here
            }
        }
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            if (f[0].equals("TEST") && seen.add(f[1])) {
                list.add(new TestInfo(StepRunner.unesc(f[1]), StepRunner.unesc(f[2]), StepRunner.unesc(f[3]),
                        Double.parseDouble(f[4])));
            }
        }
        return List.copyOf(list);
    }

    /** The command that runs StepRunner in a fresh JVM with the given classes first on the class path. */
    List<String> javaCommand(List<Path> classes, Config config, String mode, Path testClasses, Path results) {
        List<String> cmd = jvm(config);
        List<Path> cp = new ArrayList<>(classes);
        cp.addAll(jars);
        cp.add(runnerClasses);
        cmd.add("-cp");
        cmd.add(cp.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        cmd.add(StepRunner.class.getName());
        cmd.add(mode);
        cmd.add(testClasses.toString());
        cmd.add(results.toString());
        return cmd;
    }

    /**
     * The command that runs a batch of steps in one fresh JVM (see {@link StepRunner}): only the test libraries
     * and the runner are on its class path; each step's tests and classes get a class loader of their own.
     */
    List<String> batchCommand(Config config, Path jobs) {
        List<String> cmd = jvm(config);
        List<Path> cp = new ArrayList<>(jars);
        cp.add(runnerClasses);
        cmd.add("-cp");
        cmd.add(cp.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        cmd.add(StepRunner.class.getName());
        cmd.add("batch");
        cmd.add(jobs.toString());
        return cmd;
    }

    /** java with flags for short test runs: a small heap, one GC thread, the quick JIT only. */
    private static List<String> jvm(Config config) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + config.xmx());
        cmd.add("-Xss1m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Xshare:auto");
        cmd.add("-XX:-UsePerfData");
        cmd.add("-Dfile.encoding=UTF-8");
        if (config.testSeconds() != null) {
            cmd.add("-Djunit.jupiter.execution.timeout.default=" + config.testSeconds() + " s");
        }
        return cmd;
    }

    /** What javac said. */
    public record Compiled(boolean ok, String messages) {
    }

    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();

    /** javac --release 17 in this JVM (no annotation processing: student code never runs at compile time). */
    public static Compiled javac(List<Path> sources, List<Path> classpath, Path out) throws IOException {
        Files.createDirectories(out);
        if (sources.isEmpty()) {
            return new Compiled(true, "");
        }
        if (JAVAC == null) {
            throw new IllegalStateException("no javac: run the grader with a JDK, not a JRE");
        }
        StringWriter messages = new StringWriter();
        List<String> options = List.of("--release", "17", "-proc:none", "-encoding", "UTF-8", "-nowarn",
                "-Xlint:none", "-implicit:none", "-Xmaxerrs", "20", "-d", out.toString(), "-cp",
                classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        try (StandardJavaFileManager fm = JAVAC.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
            Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(sources);
            boolean ok = JAVAC.getTask(messages, fm, null, options, null, units).call();
            return new Compiled(ok, messages.toString());
        } catch (RuntimeException e) {
            return new Compiled(false, "javac failed: " + e);
        }
    }

    /** Every .java file under dir, sorted; none if dir does not exist. */
    public static List<Path> javaFiles(Path dir) throws IOException {
        return files(dir).stream().filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
    }

    static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
    }

    /** A hash of file names (relative to base) and contents: equal code, equal hash. */
    public static String hash(Path base, List<Path> files) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path f : files) {
                md.update(base.relativize(f).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(Files.readAllBytes(f));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        for (Path f : files(from)) {
            Path target = to.resolve(from.relativize(f).toString());
            Files.createDirectories(target.getParent());
            Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The jars on this JVM's class path: JUnit, AssertJ, Awaitility, Jackson — what the steps' tests need. */
    private static List<Path> classpathJars() {
        List<Path> list = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (e.endsWith(".jar")) {
                list.add(Path.of(e).toAbsolutePath());
            }
        }
        return List.copyOf(list);
    }

    private static Path codeSource(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts child JVMs: output drained and capped, a wall-clock limit, the whole process tree killed on expiry. */
    public static final class Jvm {

        /** How a child ended: its exit code (-1 if killed), whether the limit ran out, its capped output. */
        public record Result(int exitCode, boolean timedOut, String output, long outputBytes, double seconds) {
        }

        public static Result run(List<String> cmd, Path dir, long seconds, int cap) throws IOException,
                InterruptedException {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] kept = new byte[cap];
            long[] total = {0};
            int[] n = {0};
            Thread drain = new Thread(() -> {
                byte[] buf = new byte[8192];
                try (InputStream in = p.getInputStream()) {
                    for (int r; (r = in.read(buf)) >= 0; ) {
                        synchronized (total) {
                            int k = (int) Math.min(r, cap - n[0]);
                            System.arraycopy(buf, 0, kept, n[0], Math.max(0, k));
                            n[0] += Math.max(0, k);
                            total[0] += r;
                        }
                    }
                } catch (IOException e) {
                    // the process is gone: what was read is kept
                }
            }, "dcchat-grader-drain");
            drain.setDaemon(true);
            drain.start();
            boolean finished = p.waitFor(seconds, TimeUnit.SECONDS);
            if (!finished) {
                kill(p);
            }
            drain.join(5000);
            synchronized (total) {
                String out = new String(kept, 0, n[0], StandardCharsets.UTF_8);
                return new Result(finished ? p.exitValue() : -1, !finished, out, total[0],
                        (System.nanoTime() - t0) / 1e9);
            }
        }

        static void kill(Process p) throws InterruptedException {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                throw new UncheckedIOException(new IOException("could not kill test JVM " + p.pid()));
            }
            p.descendants().forEach(ProcessHandle::destroyForcibly);
        }
    }
}
