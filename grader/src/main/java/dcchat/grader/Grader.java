package dcchat.grader;

import dcchat.grader.Kit.Step;
import dcchat.grader.Kit.TestInfo;
import dcchat.grader.Results.Status;
import dcchat.grader.Results.StepGrade;
import dcchat.grader.Results.StepOutcome;
import dcchat.grader.Results.TestOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Grades submissions: per step, the student's {@code src/main/java} (nothing else from the submission) is
 * compiled with javac and the kit's pristine compiled tests are run against it in a fresh JVM, with a time
 * limit and capped output.
 *
 * <p>Modes. <b>isolated</b>: the steps a step builds on come from the reference, so a broken step 2 does not
 * zero step 4. <b>cumulative</b>: they come from the student's own code. When a student's earlier steps are
 * byte-for-byte the reference, the two modes are the same run. Identical code is graded once per run
 * (results are keyed by a hash of the sources and of what they were built on); {@code cache=false} turns
 * that off.
 *
 * <p>Parallelism: at most {@code jobs} javac calls and test JVMs run at once, across all submissions.
 */
public final class Grader {

    /** Which modes to compute; the score is the isolated one unless only cumulative is asked for. */
    public enum Mode { ISOLATED, CUMULATIVE, BOTH }

    private static final Pattern SAFE = Pattern.compile("[^A-Za-z0-9._@+-]");

    private final Kit kit;
    private final Config config;
    private final Mode mode;
    private final int jobs;
    private final boolean cache;
    private final Path work;
    private final Semaphore slots;
    private final Map<String, CompletableFuture<Compile>> compiles = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<StepOutcome>> runs = new ConcurrentHashMap<>();
    private final AtomicInteger seq = new AtomicInteger();
    private final AtomicInteger jvmRuns = new AtomicInteger();
    private final ExecutorService runPool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "dcchat-grader-run");
        t.setDaemon(true);
        return t;
    });

    /** A compiled step: its classes directory, or why it has none. */
    private record Compile(Path classes, Status status, String messages) {
    }

    /** A submission to grade: a student's id and the folder or .zip it came from. */
    public record Submission(String id, Path path) {
    }

    public Grader(Kit kit, Config config, Mode mode, int jobs, boolean cache, Path work) {
        this.kit = kit;
        this.config = config;
        this.mode = mode;
        this.jobs = Math.max(1, jobs);
        this.cache = cache;
        this.work = work.toAbsolutePath().normalize();
        this.slots = new Semaphore(this.jobs);
    }

    /** How many test JVMs were started so far (cache hits start none). */
    public int jvmRuns() {
        return jvmRuns.get();
    }

    /**
     * The submissions at a path: the path itself if it is a .zip or a kit clone (it has stepN-… folders),
     * else every sub-folder and .zip in it, sorted by name.
     */
    public static List<Submission> find(Path path, Kit kit) throws IOException {
        if (isZip(path) || looksLikeKit(path, kit, 3)) {
            return List.of(new Submission(idOf(path), path));
        }
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException(path + " is neither a folder nor a .zip");
        }
        List<Submission> list = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        try (Stream<Path> s = Files.list(path)) {
            for (Path p : s.sorted().collect(Collectors.toList())) {
                String name = p.getFileName().toString();
                if (isZip(p) || (Files.isDirectory(p) && !name.startsWith(".") && !name.equals("__MACOSX"))) {
                    String id = idOf(p);
                    for (int k = 2; !ids.add(id); k++) {
                        id = idOf(p) + "-" + k; // ana/ and ana.zip: two reports, not one overwritten
                    }
                    list.add(new Submission(id, p));
                }
            }
        }
        return list;
    }

    static String idOf(Path p) {
        String name = p.toAbsolutePath().normalize().getFileName().toString();
        if (name.toLowerCase(Locale.ROOT).endsWith(".zip")) {
            name = name.substring(0, name.length() - 4);
        }
        String id = SAFE.matcher(name).replaceAll("_");
        return id.isEmpty() ? "submission" : id;
    }

    private static boolean isZip(Path p) {
        return Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    private static boolean looksLikeKit(Path dir, Kit kit, int depth) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        for (Step s : kit.steps()) {
            if (Files.isDirectory(dir.resolve(s.name()))) {
                return true;
            }
        }
        return false;
    }

    /** Grades every submission, up to jobs at once; reports progress on log. Order of the result = order given. */
    public List<Results.Submission> gradeAll(List<Submission> subs, PrintStream log) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, jobs * 2), r -> {
            Thread t = new Thread(r, "dcchat-grader-" + seq.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Results.Submission>> futures = new ArrayList<>();
            AtomicInteger done = new AtomicInteger();
            for (Submission s : subs) {
                futures.add(pool.submit(() -> {
                    Results.Submission r = grade(s);
                    log.printf(Locale.ROOT, "  [%d/%d] %-28s %6s / %s  (%.1f s)%n", done.incrementAndGet(), subs.size(),
                            r.student(), Results.pts(r.total()), Results.pts(r.max()), r.seconds());
                    return r;
                }));
            }
            List<Results.Submission> out = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    out.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    out.add(failed(subs.get(i), "the grader could not grade this submission: " + e.getCause()));
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private Results.Submission failed(Submission s, String why) {
        List<StepGrade> steps = new ArrayList<>();
        for (Step step : kit.steps()) {
            steps.add(new StepGrade(step.name(), empty(step.name(), "isolated", Status.CRASHED, why), null));
        }
        return new Results.Submission(s.id(), s.path(), steps, List.of(why), 0);
    }

    /** Grades one submission; never throws for anything the submission contains. */
    public Results.Submission grade(Submission sub) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        // The submission's limit counts the time its own test JVMs run, not time spent waiting for a slot.
        AtomicLong used = new AtomicLong();
        List<String> notes = new ArrayList<>();
        Path root;
        try {
            root = materialize(sub, notes);
        } catch (IOException | RuntimeException e) {
            return failed(sub, "could not open the submission: " + e.getMessage());
        }
        Map<String, String> srcHash = new HashMap<>();
        Map<String, List<Path>> sources = new HashMap<>();
        for (Step step : kit.steps()) {
            Path src = root.resolve(step.name()).resolve("src/main/java");
            List<Path> files = Kit.javaFiles(src);
            sources.put(step.name(), files);
            srcHash.put(step.name(), files.isEmpty() ? null : Kit.hash(src, files));
        }
        String salt = cache ? "" : sub.id() + "/" + seq.incrementAndGet() + "/";
        // 1. Compile: isolated against the reference, cumulative against the student's own earlier steps.
        Map<String, String> isoKey = new LinkedHashMap<>();
        Map<String, String> cumKey = new LinkedHashMap<>();
        Map<String, Compile> iso = new HashMap<>();
        Map<String, Compile> cum = new HashMap<>();
        for (Step step : kit.steps()) {
            String s = step.name();
            if (srcHash.get(s) == null) {
                continue;
            }
            String iKey = salt + s + "@" + srcHash.get(s) + "+ref";
            isoKey.put(s, iKey);
            boolean wantIso = mode != Mode.CUMULATIVE;
            boolean sameAsIso = step.deps().stream().allMatch(d -> kit.refSourceHash(d).equals(srcHash.get(d)));
            StringBuilder cKey = new StringBuilder(salt + s + "@" + srcHash.get(s));
            boolean depBroken = false;
            for (String d : step.deps()) {
                cKey.append("+").append(d).append("@").append(srcHash.get(d));
                Compile dc = cum.get(d);
                if (dc == null || dc.status() != null) {
                    depBroken = true;
                }
            }
            if (wantIso || sameAsIso) {
                List<Path> cp = new ArrayList<>();
                step.deps().forEach(d -> cp.add(kit.refClasses(d)));
                iso.put(s, compile(iKey, sources.get(s), cp));
            }
            if (sameAsIso) {
                cumKey.put(s, iKey);
                cum.put(s, iso.get(s));
            } else if (mode != Mode.ISOLATED) {
                cumKey.put(s, cKey.toString());
                if (depBroken) {
                    String which = step.deps().stream().filter(d -> cum.get(d) == null || cum.get(d).status() != null)
                            .collect(Collectors.joining(", "));
                    cum.put(s, new Compile(null, Status.DEPENDENCY_BROKEN, "cumulative mode builds this step on your "
                            + which + ", which " + (which.contains(",") ? "do" : "does") + " not compile or is missing"));
                } else {
                    List<Path> cp = new ArrayList<>();
                    step.deps().forEach(d -> cp.add(cum.get(d).classes()));
                    cum.put(s, compile(cKey.toString(), sources.get(s), cp));
                }
            }
        }
        // 2. Run every step's tests (in both modes where asked and different), in parallel.
        // The runs not already graded (identical code) form this submission's batch: one JVM runs them in turn.
        Map<String, CompletableFuture<StepOutcome>> isoRuns = new LinkedHashMap<>();
        Map<String, CompletableFuture<StepOutcome>> cumRuns = new LinkedHashMap<>();
        List<Pending> batch = new ArrayList<>();
        for (Step step : kit.steps()) {
            String s = step.name();
            if (srcHash.get(s) == null) {
                continue;
            }
            if (mode != Mode.CUMULATIVE) {
                isoRuns.put(s, run(step, "isolated", isoKey.get(s), iso.get(s), isoDeps(step), batch));
            }
            if (mode != Mode.ISOLATED && cum.containsKey(s)) {
                boolean same = cumKey.get(s).equals(isoKey.get(s));
                cumRuns.put(s, same && isoRuns.containsKey(s) ? isoRuns.get(s)
                        : run(step, "cumulative", cumKey.get(s), cum.get(s), cumDeps(step, cum), batch));
            }
        }
        if (!batch.isEmpty()) {
            runPool.execute(() -> runBatch(batch, used));
        }
        List<StepGrade> grades = new ArrayList<>();
        for (Step step : kit.steps()) {
            String s = step.name();
            if (srcHash.get(s) == null) {
                String why = Files.isDirectory(root.resolve(s)) ? "no Java files in " + s + "/src/main/java"
                        : "no " + s + " folder in the submission";
                grades.add(new StepGrade(s, empty(s, mode == Mode.CUMULATIVE ? "cumulative" : "isolated",
                        Status.MISSING, why), null));
                continue;
            }
            StepOutcome i = isoRuns.containsKey(s) ? join(isoRuns.get(s), s, "isolated") : null;
            StepOutcome c = cumRuns.containsKey(s) ? join(cumRuns.get(s), s, "cumulative") : null;
            if (c != null && i != null && c == i) {
                c = relabel(i, "cumulative");
            }
            grades.add(i != null ? new StepGrade(s, i, c) : new StepGrade(s, c, null));
        }
        return new Results.Submission(sub.id(), sub.path(), grades, notes, (System.nanoTime() - t0) / 1e9);
    }

    private List<Path> isoDeps(Step step) {
        List<Path> cp = new ArrayList<>();
        step.deps().forEach(d -> cp.add(kit.refClasses(d)));
        return cp;
    }

    private static List<Path> cumDeps(Step step, Map<String, Compile> cum) {
        List<Path> cp = new ArrayList<>();
        for (String d : step.deps()) {
            if (cum.get(d) != null && cum.get(d).classes() != null) {
                cp.add(cum.get(d).classes());
            }
        }
        return cp;
    }

    private static StepOutcome relabel(StepOutcome o, String mode) {
        return new StepOutcome(o.step(), mode, o.status(), o.tests(), o.score(), o.max(), o.compilerMessages(),
                o.notes(), o.output(), o.seconds());
    }

    private StepOutcome join(CompletableFuture<StepOutcome> f, String step, String mode) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            return empty(step, mode, Status.CRASHED, "the grader failed on this step: " + e.getCause());
        }
    }

    private Compile compile(String key, List<Path> sources, List<Path> depClasses) throws InterruptedException {
        CompletableFuture<Compile> mine = new CompletableFuture<>();
        CompletableFuture<Compile> f = compiles.putIfAbsent(key, mine);
        if (f == null) {
            f = mine;
            Path out = work.resolve("classes").resolve(Kit.sha(key.getBytes(StandardCharsets.UTF_8)));
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                mine.complete(new Compile(null, Status.COMPILE_ERROR, "the grader was interrupted"));
                throw e;
            }
            try {
                Kit.deleteTree(out);
                List<Path> cp = new ArrayList<>(depClasses);
                cp.addAll(kit.jars());
                Kit.Compiled c = Kit.javac(sources, cp, out);
                mine.complete(c.ok() ? new Compile(out, null, c.messages())
                        : new Compile(null, Status.COMPILE_ERROR, relativize(c.messages(), sources)));
            } catch (IOException | RuntimeException | Error e) { // whatever happens, the future completes
                mine.complete(new Compile(null, Status.COMPILE_ERROR, "javac could not run: " + e));
            } finally {
                slots.release();
            }
        }
        try {
            return f.get();
        } catch (ExecutionException e) {
            return new Compile(null, Status.COMPILE_ERROR, "javac failed: " + e.getCause());
        }
    }

    /** Compiler messages name files relative to the step (step2-framing/src/main/java/…), not temp paths. */
    private static String relativize(String messages, List<Path> sources) {
        String m = messages;
        for (Path p : sources) {
            String abs = p.toString();
            int i = abs.lastIndexOf("/src/main/java/");
            if (i < 0) {
                i = abs.lastIndexOf("\\src\\main\\java\\");
            }
            int stepStart = i < 0 ? -1 : abs.lastIndexOf(java.io.File.separatorChar, i - 1);
            if (stepStart >= 0) {
                m = m.replace(abs, abs.substring(stepStart + 1));
            }
        }
        return m.length() > 6000 ? m.substring(0, 6000) + "\n…" : m;
    }

    /** A step run waiting for its submission's batch JVM, and where its outcome goes. */
    private record Pending(String key, Step step, String mode, Path classes, List<Path> deps,
                           CompletableFuture<StepOutcome> result) {
    }

    /** The outcome of a step run: at once for a step that did not compile or was graded before; else batched. */
    private CompletableFuture<StepOutcome> run(Step step, String mode, String key, Compile compiled, List<Path> deps,
                                               List<Pending> batch) {
        if (compiled.status() != null) {
            String why = compiled.status() == Status.COMPILE_ERROR ? "does not compile" : compiled.messages();
            StepOutcome o = empty(step.name(), mode, compiled.status(), why);
            o = new StepOutcome(o.step(), o.mode(), o.status(), o.tests(), 0, o.max(),
                    compiled.status() == Status.COMPILE_ERROR ? compiled.messages() : "", o.notes(), "", 0);
            return CompletableFuture.completedFuture(o);
        }
        // A run shares a JVM with the runs before it in the batch, and what they leave behind (a spinning thread,
        // changed defaults) could sway it: its outcome is shared only with runs after the same ones.
        String shared = batch.isEmpty() ? key
                : key + " after " + batch.stream().map(Pending::key).collect(Collectors.joining(", "));
        CompletableFuture<StepOutcome> mine = new CompletableFuture<>();
        CompletableFuture<StepOutcome> f = runs.putIfAbsent(shared, mine);
        if (f != null) {
            return f.thenApply(o -> o.mode().equals(mode) ? o : relabel(o, mode));
        }
        batch.add(new Pending(key, step, mode, compiled.classes(), deps, mine));
        return mine;
    }

    /** Runs a submission's batch, in as many JVMs as it takes; completes every step's outcome, whatever happens. */
    private void runBatch(List<Pending> batch, AtomicLong used) {
        List<Pending> todo = batch;
        try {
            while (!todo.isEmpty()) {
                todo = runSome(todo, used);
            }
        } catch (Throwable e) {
            for (Pending p : todo) {
                p.result().complete(empty(p.step().name(), p.mode(), Status.CRASHED, "the grader failed on this step: " + e));
            }
        }
    }

    /**
     * Runs steps one after the other in one JVM, until they are done or one ends the JVM early (its time ran
     * out, System.exit, a crash, threads left running); returns the steps that never began, for a fresh JVM.
     */
    private List<Pending> runSome(List<Pending> todo, AtomicLong used) throws IOException, InterruptedException {
        slots.acquire();
        long start = System.nanoTime();
        Path dir = work.resolve("runs").resolve("jvm-" + seq.incrementAndGet());
        try {
            long left = config.submissionSeconds() - used.get() / 1_000_000_000L;
            if (left <= 0) {
                for (Pending p : todo) {
                    p.result().complete(empty(p.step().name(), p.mode(), Status.SKIPPED, "not run: the submission "
                            + "used up its " + config.submissionSeconds() + "-second limit"));
                }
                return List.of();
            }
            long limit = Math.min(config.stepSeconds(), left);
            Files.createDirectories(dir);
            StringBuilder jobs = new StringBuilder();
            for (int i = 0; i < todo.size(); i++) {
                Pending p = todo.get(i);
                Path tests = kit.testClasses(p.step().name());
                List<Path> cp = new ArrayList<>();
                cp.add(tests); // pristine tests and test support first: never shadowed
                cp.add(p.classes());
                cp.addAll(p.deps());
                jobs.append(String.join("\t", dir.resolve(i + ".tsv").toString(), dir.resolve(i + ".out").toString(),
                        Long.toString(limit), Integer.toString(config.outputCap()), tests.toString(),
                        cp.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator))))
                        .append('\n');
            }
            Path jobFile = dir.resolve("jobs.tsv");
            Files.writeString(jobFile, jobs, StandardCharsets.UTF_8);
            jvmRuns.incrementAndGet();
            // The JVM stops a step whose time ran out itself; this limit is the backstop if it cannot.
            Kit.Jvm.Result r = Kit.Jvm.run(kit.batchCommand(config, jobFile), dir,
                    Math.min(limit * todo.size(), left) + 10, config.outputCap());
            List<Pending> notBegun = new ArrayList<>();
            for (int i = 0; i < todo.size(); i++) {
                Pending p = todo.get(i);
                Path results = dir.resolve(i + ".tsv");
                List<String> lines = Files.exists(results) ? Files.readAllLines(results, StandardCharsets.UTF_8)
                        : List.of();
                if (lines.isEmpty()) {
                    notBegun.add(p); // a step before it ended the JVM
                } else {
                    p.result().complete(outcome(p, lines, dir.resolve(i + ".out"), r, limit));
                }
            }
            if (notBegun.size() == todo.size()) {
                String why = "the test JVM could not start: " + r.output().lines().findFirst().orElse("exit code "
                        + r.exitCode());
                for (Pending p : notBegun) {
                    p.result().complete(empty(p.step().name(), p.mode(), Status.CRASHED, why));
                }
                return List.of();
            }
            return notBegun;
        } finally {
            used.addAndGet(System.nanoTime() - start);
            slots.release();
            try {
                Kit.deleteTree(dir);
            } catch (IOException | RuntimeException e) {
                // best effort: a student's process may still hold a file there; the work folder goes at the end
            }
        }
    }

    /** One step of a batch: its results, what it printed, and — if it did not finish — how the JVM ended. */
    private StepOutcome outcome(Pending p, List<String> lines, Path printed, Kit.Jvm.Result jvm, long limit)
            throws IOException {
        boolean finished = false;
        boolean limitHit = false;
        long bytes = -1;
        double seconds = jvm.seconds();
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            switch (f[0]) {
                case "DONE" -> finished = true;
                case "LIMIT" -> limitHit = true;
                case "OUTPUT" -> {
                    bytes = Long.parseLong(f[1]);
                    seconds = Double.parseDouble(f[2]);
                }
                default -> { }
            }
        }
        byte[] kept = Files.exists(printed) ? Files.readAllBytes(printed) : new byte[0];
        String output = new String(kept, StandardCharsets.UTF_8);
        if (!finished && !jvm.output().isEmpty()) {
            output += (output.isEmpty() ? "" : "\n") + jvm.output(); // the JVM's own last words, e.g. a crash
        }
        Kit.Jvm.Result r = new Kit.Jvm.Result(finished ? 0 : jvm.exitCode(), !finished && (limitHit || jvm.timedOut()),
                output, bytes >= 0 ? bytes : kept.length, seconds);
        return interpret(p.step().name(), p.mode(), lines, r, limit);
    }

    /** Turns a results file and how the JVM ended into per-test verdicts (exposed for the grader's tests). */
    StepOutcome interpret(String step, String mode, List<String> lines, Kit.Jvm.Result r, long limit) {
        Map<String, String[]> ends = new HashMap<>();
        Set<String> started = new HashSet<>();
        Map<String, String> cfails = new LinkedHashMap<>();
        String exitUid = null;
        String[] doneLine = null;
        String[] ports = null;
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            for (int i = 0; i < f.length; i++) {
                f[i] = StepRunner.unesc(f[i]);
            }
            switch (f[0]) {
                case "START" -> started.add(f[1]);
                case "END" -> ends.put(f[1], f);
                case "CFAIL" -> cfails.put(f[1], f.length > 2 ? f[2] : "");
                case "EXIT" -> exitUid = f.length > 1 ? f[1] : "";
                case "DONE" -> doneLine = f;
                case "PORTS" -> ports = f;
                default -> { }
            }
        }
        Map<String, String> pathOf = new HashMap<>();
        kit.tests(step).forEach(t -> pathOf.put(t.uid(), t.path()));
        Status status = r.timedOut() ? Status.TIMEOUT : doneLine != null ? Status.GRADED
                : exitUid != null ? Status.EXITED : Status.CRASHED;
        List<TestOutcome> outcomes = new ArrayList<>();
        double points = config.points(step);
        List<TestInfo> tests = kit.tests(step);
        double total = tests.stream().mapToDouble(t -> config.weight(step, t.key(), t.weight())).sum();
        double passedWeight = 0;
        int stubs = 0;
        for (TestInfo t : tests) {
            double max = total == 0 ? 0 : points * config.weight(step, t.key(), t.weight()) / total;
            String[] end = ends.get(t.uid());
            boolean passed = false;
            String msg;
            if (end != null) {
                passed = end[2].equals("SUCCESSFUL");
                msg = passed ? "" : end[2].equals("SKIPPED") ? "skipped: " + (end.length > 3 ? end[3] : "")
                        : end.length > 3 ? end[3] : end[2];
            } else if (cfails.keySet().stream().anyMatch(c -> t.uid().startsWith(c))) {
                String c = cfails.keySet().stream().filter(k -> t.uid().startsWith(k)).findFirst().orElseThrow();
                msg = "not run: its test class could not start: " + cfails.get(c);
            } else if (r.timedOut()) {
                msg = started.contains(t.uid())
                        ? "still running when this step's " + limit + "-second limit ran out: an infinite loop, or a "
                          + "call that never returns? The grader stopped the JVM."
                        : "not run: this step's " + limit + "-second limit ran out before this test (a test before it "
                          + "never finished)";
            } else if (exitUid != null) {
                msg = t.uid().equals(exitUid)
                        ? "the JVM exited during this test: does your code call System.exit? A server must never "
                          + "end the program it runs in."
                        : "not run: the JVM exited early, during \"" + pathOf.getOrDefault(exitUid, "another test")
                          + "\" (System.exit?)";
            } else if (doneLine == null) {
                msg = "not run: the test JVM ended unexpectedly (exit code " + r.exitCode()
                        + "; Runtime.halt, a crash or out of memory?)";
            } else {
                msg = "not run: JUnit could not run this test against your code (a class or method the test needs "
                      + "is missing or has a different signature?)";
            }
            if (msg.contains("UnsupportedOperationException")) {
                stubs++;
            }
            if (passed) {
                passedWeight += config.weight(step, t.key(), t.weight());
            }
            outcomes.add(new TestOutcome(t, passed, passed ? max : 0, max, msg));
        }
        // From the weights, not a sum of shares: all tests passed is exactly the step's points.
        double score = total == 0 ? 0 : points * passedWeight / total;
        List<String> notes = new ArrayList<>();
        if (stubs > 0) {
            notes.add(stubs + " test(s) hit code that is not implemented yet (a stub's UnsupportedOperationException)");
        }
        if (r.timedOut()) {
            notes.add("timed out: the tests did not finish within " + limit + " s; the grader killed the JVM and scored "
                      + "the tests that had finished");
        }
        if (status == Status.EXITED) {
            notes.add("exited early: the JVM stopped during the tests (System.exit in your code?); the tests that "
                      + "had finished are scored");
        }
        if (status == Status.CRASHED) {
            notes.add("the test JVM ended unexpectedly (exit code " + r.exitCode() + "); finished tests are scored");
        }
        if (doneLine != null && doneLine.length > 1 && !doneLine[1].equals("0")) {
            notes.add("left " + doneLine[1] + " thread(s) running after the tests (" + doneLine[2] + "): does close() "
                      + "stop every thread your code started? The grader ended them with the JVM");
        }
        if (ports != null && ports.length > 2) {
            notes.add("left " + ports[1] + " listening socket(s) open after the tests (" + ports[2] + "): does close() "
                      + "close the ServerSocket?");
        }
        if (r.outputBytes() > config.outputCap()) {
            notes.add(String.format(Locale.ROOT, "printed %,d bytes to stdout/stderr; only the first %,d were kept",
                    r.outputBytes(), config.outputCap()));
        }
        return new StepOutcome(step, mode, status, List.copyOf(outcomes), score, points, "", List.copyOf(notes),
                r.output(), r.seconds());
    }

    private StepOutcome empty(String step, String mode, Status status, String why) {
        double points = config.points(step);
        List<TestInfo> tests = kit.tests(step);
        double total = tests.stream().mapToDouble(t -> config.weight(step, t.key(), t.weight())).sum();
        List<TestOutcome> outcomes = new ArrayList<>();
        for (TestInfo t : tests) {
            double max = total == 0 ? 0 : points * config.weight(step, t.key(), t.weight()) / total;
            outcomes.add(new TestOutcome(t, false, 0, max, "not run: " + why));
        }
        return new StepOutcome(step, mode, status, List.copyOf(outcomes), 0, points, "", List.of(why), "", 0);
    }

    /** The folder whose stepN-… folders are graded: the submission itself, or inside its .zip. */
    private Path materialize(Submission sub, List<String> notes) throws IOException {
        Path p = sub.path();
        if (Files.isRegularFile(p)) {
            Path dest = work.resolve("unzipped").resolve(sub.id() + "-" + seq.incrementAndGet());
            unzip(p, dest);
            p = dest;
        }
        for (int depth = 0; depth < 4; depth++) {
            if (looksLikeKit(p, kit, 0)) {
                return p;
            }
            List<Path> dirs;
            try (Stream<Path> s = Files.list(p)) {
                dirs = s.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith("__MACOSX"))
                        .collect(Collectors.toList());
            }
            if (dirs.size() != 1) {
                break;
            }
            p = dirs.get(0);
        }
        notes.add("no stepN-… folder found in the submission");
        return p;
    }

    /** Unzips only what grading reads (*.java), with limits on size and count, refusing paths that escape. */
    static void unzip(Path zip, Path dest) throws IOException {
        Files.createDirectories(dest);
        long total = 0;
        int count = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Path target = dest.resolve(e.getName()).normalize();
                if (!target.startsWith(dest) || e.isDirectory() || !e.getName().endsWith(".java")) {
                    continue;
                }
                if (++count > 5000) {
                    throw new IOException("more than 5000 .java files in " + zip.getFileName());
                }
                Files.createDirectories(target.getParent());
                try (InputStream limited = new java.io.FilterInputStream(in) {
                    @Override
                    public void close() {
                        // keep the zip stream open
                    }
                }) {
                    total += Files.copy(limited, target, StandardCopyOption.REPLACE_EXISTING);
                }
                if (total > 100L * 1024 * 1024) {
                    throw new IOException(zip.getFileName() + " unpacks to more than 100 MiB of Java");
                }
            }
        }
    }
}
