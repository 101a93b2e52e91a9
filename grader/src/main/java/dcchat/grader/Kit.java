package dcchat.grader;

import dcchat.launcher.KitLayout;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The kit being graded with: its steps (the root pom's {@code stepN-…} modules, so a new step joins by being
 * listed), what each step builds on (the {@code stepN-…} dependencies in its pom) — both from {@link KitLayout},
 * which reads the poms for every tool of the kit — and a
 * workspace with every step's reference classes and pristine compiled tests.
 *
 * <p>The workspace ({@code grader/target/kit/<step>/ref|tests|plan.json}, and {@code runner/}) is compiled
 * here with javac from {@code solutions/<step>/src/main/java}, {@code <step>/src/test/java}, {@code test-support/}
 * and the runner's sources; it is rebuilt when those sources change or when what it holds no longer hashes as
 * it did. Nothing from a submission ever goes into it, and the sandbox shows it to student code read-only.
 */
public final class Kit {

    /** One step module: name ("step2-framing"), and the steps it builds on, transitively, in kit order. */
    public record Step(String name, List<String> deps) {
    }

    /** One test of a step, as discovered on the reference: the unit of points. */
    public record TestInfo(String uid, String key, String path, double weight) {
    }

    /**
     * A step's plan, from a run of its tests on the reference: the tests that count, and every test id a run
     * may report (those that cannot run on this machine, e.g. the window test without a display, count for
     * nothing but are not a protocol error either).
     */
    public record Plan(List<TestInfo> tests, Set<String> known) {
    }

    private final Path root;
    private final Path work;
    private final List<Step> steps;
    private final List<Path> jars;
    private final java.util.Map<String, Plan> plans = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, String> refHash = new java.util.concurrent.ConcurrentHashMap<>();

    private Kit(Path root, Path work, List<String> only) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.work = work.toAbsolutePath().normalize();
        List<Step> all = discoverSteps(this.root);
        this.steps = only == null ? all : all.stream().filter(s -> only.contains(s.name())).collect(Collectors.toList());
        this.jars = classpathJars();
    }

    public static Kit open(Path root, Path work) throws IOException {
        if (!Files.exists(root.resolve("pom.xml"))) {
            throw new IllegalArgumentException(root + " is not the kit's root folder (it has no pom.xml)");
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

    /** Whether the reference (solutions/) is here: not in the student edition, nor in a clone without it. */
    public boolean hasReference() {
        return Files.isDirectory(root.resolve("solutions"));
    }

    /**
     * Where a step's reference sources are: solutions/; the starters in the student edition; and in a clone
     * without solutions/, the student's own code (same API: the tests compile and are listed against it, so
     * {@code progress} works there too; if that code does not compile, prepare says so).
     */
    Path referenceSources(String step) {
        if (hasReference()) {
            return root.resolve("solutions").resolve(step).resolve("src/main/java");
        }
        Path base = studentEdition() ? root.resolve(StudentEdition.STARTERS) : root;
        return base.resolve(step).resolve("src/main/java");
    }

    /** What {@link #referenceSources} holds, in words. */
    private String referenceName() {
        return hasReference() ? "reference" : studentEdition() ? "starter" : "your own code, as this copy has no solutions/";
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

    /** The test runner, compiled as the named module {@code dcchat.grader.runner} (see TestRunner). */
    public Path runnerModule() {
        return work.resolve("runner");
    }

    public Path refClasses(String step) {
        return work.resolve(step).resolve("ref");
    }

    public Path testClasses(String step) {
        return work.resolve(step).resolve("tests");
    }

    /** The tests of a step that count: those the reference ran here (not skipped, not aborted). */
    public List<TestInfo> tests(String step) {
        return plans.get(step).tests();
    }

    /** Every test id the step's run may report: the graded ones and those that cannot run here. */
    public Set<String> knownTests(String step) {
        return plans.get(step).known();
    }

    /** A hash of the reference sources of a step: a student step with this hash is the reference. */
    public String refSourceHash(String step) {
        return refHash.get(step);
    }

    /**
     * The root pom's step modules, in order, each with the steps it builds on (transitively, in kit order): the
     * kit's layout as {@link KitLayout} reads it from the poms.
     */
    static List<Step> discoverSteps(Path root) throws IOException {
        KitLayout layout = KitLayout.read(root);
        return layout.stepNames().stream().map(s -> new Step(s, List.copyOf(layout.buildsOn(s))))
                .collect(Collectors.toUnmodifiableList());
    }

    /**
     * Compiles the test runner, every step's reference and pristine tests, and plans each step's tests by
     * running them on the reference in the sandbox. A step's folder is reused while both the sources it came
     * from and the files it holds hash as they did when it was built: a workspace is trusted for what it holds,
     * so a class replaced on disk means a rebuild. Prints one line per step it (re)builds.
     */
    public void prepare(Config config, Sandbox sandbox, java.io.PrintStream log) throws IOException,
            InterruptedException {
        Files.createDirectories(work);
        prepareRunner(log);
        for (Step step : steps) {
            Path dir = work.resolve(step.name());
            Path sol = referenceSources(step.name());
            List<Path> refSources = Trees.javaFiles(sol);
            refHash.put(step.name(), Trees.hash(sol, refSources));
            List<Path> testSources = new ArrayList<>(Trees.javaFiles(root.resolve(step.name()).resolve("src/test/java")));
            testSources.addAll(Trees.javaFiles(root.resolve("test-support/java")));
            StringBuilder inputs = new StringBuilder(refHash.get(step.name()));
            inputs.append(Trees.hash(root, testSources));
            inputs.append(Trees.hash(root, Trees.files(root.resolve("test-support/resources"))));
            inputs.append(Trees.hash(root, Trees.files(root.resolve(step.name()).resolve("src/test/resources"))));
            for (String d : step.deps()) {
                inputs.append(Files.readString(work.resolve(d + ".stamp")));
            }
            inputs.append("workspace-format-3").append(jars).append(sandbox.describe())
                    .append(Files.readString(work.resolve("runner.stamp"))).append(System.getProperty("java.version"));
            String stamp = Trees.sha(inputs.toString().getBytes(StandardCharsets.UTF_8));
            if (!trusted(dir, stamp) || !Files.exists(dir.resolve("plan.json"))) {
                log.println("grader: preparing " + step.name() + " (" + referenceName() + ", and pristine tests) …");
                Trees.deleteTree(dir);
                List<Path> cp = new ArrayList<>();
                step.deps().forEach(d -> cp.add(refClasses(d)));
                cp.addAll(jars);
                Javac.Compiled ref = Javac.compile(refSources, cp, refClasses(step.name()));
                if (!ref.ok()) {
                    throw new IllegalStateException((hasReference() || studentEdition() ? "the reference of "
                            + step.name() : "your code in " + step.name() + " (this copy has no solutions/, so the "
                            + "tests are compiled against it)") + " does not compile:\n" + ref.messages());
                }
                cp.add(0, refClasses(step.name()));
                Javac.Compiled t = Javac.compile(testSources, cp, testClasses(step.name()));
                if (!t.ok()) {
                    throw new IllegalStateException("the tests of " + step.name() + " do not compile:\n"
                            + t.messages());
                }
                Trees.copyTree(root.resolve("test-support/resources"), testClasses(step.name()));
                Trees.copyTree(root.resolve(step.name()).resolve("src/test/resources"), testClasses(step.name()));
                Plan plan = Planning.plan(this, step, config, sandbox);
                JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("plan.json").toFile(), plan);
                Files.writeString(work.resolve(step.name() + ".stamp"), stamp + "\n" + Trees.contentHash(dir));
            }
            plans.put(step.name(), JSON.readValue(dir.resolve("plan.json").toFile(), Plan.class));
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** Whether dir was built from these inputs and still holds exactly what was built. */
    private boolean trusted(Path dir, String stamp) throws IOException {
        Path file = work.resolve(dir.getFileName() + ".stamp");
        if (!Files.exists(file)) {
            return false;
        }
        String[] s = Files.readString(file).split("\n");
        return s.length == 2 && s[0].equals(stamp) && s[1].equals(Trees.contentHash(dir));
    }

    /** The runner module: the runner's sources from the kit, compiled with a module descriptor. */
    private void prepareRunner(java.io.PrintStream log) throws IOException {
        Path src = root.resolve("grader/src/main/java/dcchat/grader/runner");
        List<Path> sources = new ArrayList<>(Trees.javaFiles(src));
        String stamp = Trees.sha((Trees.hash(src, sources) + jars + System.getProperty("java.version"))
                .getBytes(StandardCharsets.UTF_8));
        Path dir = runnerModule();
        if (trusted(dir, stamp)) {
            return;
        }
        log.println("grader: preparing the test runner …");
        Trees.deleteTree(dir);
        Path info = work.resolve("runner-src/module-info.java");
        Files.createDirectories(info.getParent());
        Files.writeString(info, """
                /** The grader's test runner: a named module that opens nothing (see TestRunner). */
                module dcchat.grader.runner {
                    requires org.junit.platform.launcher;
                    requires org.junit.platform.engine;
                    requires java.management;
                }
                """);
        sources.add(info);
        Javac.Compiled c = Javac.compileWith(sources, List.of("--module-path", Javac.join(jars)), dir);
        if (!c.ok()) {
            throw new IllegalStateException("the grader's test runner does not compile:\n" + c.messages());
        }
        Files.writeString(work.resolve("runner.stamp"), stamp + "\n" + Trees.contentHash(dir));
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
}
