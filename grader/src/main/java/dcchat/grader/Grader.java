package dcchat.grader;

import dcchat.grader.Kit.Step;
import dcchat.grader.Results.Status;
import dcchat.grader.Results.StepGrade;
import dcchat.grader.Results.StepOutcome;
import dcchat.grader.Results.TestOutcome;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Grades submissions: per step, the student's {@code src/main/java} (nothing else from the submission, taken in
 * by {@link Intake}) is compiled ({@link Builds}) and the kit's pristine compiled tests are run against it in a
 * sandboxed test JVM ({@link Runs}, {@link TestJvm}); what the tests reported is turned into points by
 * {@link Verdicts}, outside the student's reach.
 *
 * <p>Modes ({@link GradingMode}): isolated builds a step on the reference of the steps it uses, cumulative on
 * the student's own. When a student's earlier steps are the reference, the two are one run. With
 * {@code cache}, identical classes are graded once per run; without, nothing is shared between students.
 *
 * <p>Parallelism: at most {@code jobs} javac calls and test JVMs at once, across all submissions.
 */
public final class Grader implements AutoCloseable {

    /** Which modes to compute; the score is the isolated one unless only cumulative is asked for. */
    public enum Modes { ISOLATED, CUMULATIVE, BOTH }

    private final Kit kit;
    private final Config config;
    private final Modes modes;
    private final int jobs;
    private final boolean cache;
    private final Path work;
    private final Compilers compilers;
    private final Builds builds;
    private final Runs runs;
    private final Sandbox sandbox;
    private final AtomicInteger seq = new AtomicInteger();
    private final ExecutorService runPool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "dcchat-grader-run");
        t.setDaemon(true);
        return t;
    });

    /** A submission to grade: a student's id and the folder or .zip it came from. */
    public record Submission(String id, Path path) {
    }

    public Grader(Kit kit, Config config, Modes modes, int jobs, boolean cache, Path work, Sandbox sandbox)
            throws IOException {
        this.kit = kit;
        this.config = config;
        this.modes = modes;
        this.jobs = Math.max(1, jobs);
        this.cache = cache;
        this.work = work.toAbsolutePath().normalize();
        Semaphore slots = new Semaphore(this.jobs);
        Path intake = Files.createDirectories(this.work.resolve("intake"));
        Path classes = Files.createDirectories(this.work.resolve("classes"));
        this.compilers = new Compilers(kit, sandbox, config.compileSeconds(), List.of(intake), List.of(classes));
        this.builds = new Builds(kit, classes, slots, compilers);
        this.runs = new Runs(kit, config, sandbox, slots);
        this.sandbox = sandbox;
    }

    /** The first words of the note every report carries when student code ran without the sandbox. */
    public static final String UNPROTECTED = "NOT PROTECTED:";

    /** Stops the compile servers. */
    @Override
    public void close() {
        compilers.close();
        runPool.shutdown();
    }

    /** CPU seconds the compile servers have used so far (read before {@link #close}). */
    double compileCpuSeconds() {
        return compilers.cpuSeconds();
    }

    /** How many test JVMs were started so far (cache hits start none). */
    public int jvmRuns() {
        return runs.jvms();
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
            steps.add(new StepGrade(step.name(), empty(kit, config, step.name(), GradingMode.ISOLATED, Status.CRASHED,
                    why), null));
        }
        return new Results.Submission(s.id(), s.path(), steps, List.of(why), 0);
    }

    /** Grades one submission; never throws for anything the submission contains. */
    public Results.Submission grade(Submission sub) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        AtomicLong used = new AtomicLong(); // the time its own test JVMs ran, not time waiting for a slot
        Path intake = work.resolve("intake").resolve(sub.id() + "-" + seq.incrementAndGet());
        Intake.Result taken;
        try {
            taken = Intake.take(sub.path(), intake, kit.steps().stream().map(Step::name).toList(),
                    Intake.Limits.DEFAULT);
        } catch (IOException | RuntimeException e) {
            return failed(sub, "could not open the submission: " + e.getMessage());
        }
        try {
            return grade(sub, taken, used, t0);
        } finally {
            Trees.deleteTree(intake);
        }
    }

    private Results.Submission grade(Submission sub, Intake.Result taken, AtomicLong used, long t0)
            throws IOException, InterruptedException {
        Path root = taken.root();
        Map<String, List<Path>> sources = new HashMap<>();
        Map<String, String> srcHash = new HashMap<>();
        for (Step step : kit.steps()) {
            Path src = root.resolve(step.name()).resolve("src/main/java");
            List<Path> files = Trees.javaFiles(src);
            sources.put(step.name(), files);
            srcHash.put(step.name(), files.isEmpty() ? null : Trees.hash(src, files));
        }
        String salt = cache ? "" : sub.id() + "/" + seq.incrementAndGet() + "/";
        // 1. Build: isolated against the reference, cumulative against the student's own earlier builds.
        Map<String, Builds.Build> iso = new HashMap<>();
        Map<String, Builds.Build> cum = new HashMap<>();
        for (Step step : kit.steps()) {
            String s = step.name();
            if (srcHash.get(s) == null) {
                continue;
            }
            boolean sameAsIso = step.deps().stream().allMatch(d -> kit.refSourceHash(d).equals(srcHash.get(d)));
            if (modes != Modes.CUMULATIVE || sameAsIso) {
                iso.put(s, builds.compile(salt + s + "@" + srcHash.get(s) + "+ref", sources.get(s), refDeps(step)));
            }
            if (sameAsIso) {
                cum.put(s, iso.get(s));
            } else if (modes != Modes.ISOLATED) {
                List<String> broken = step.deps().stream().filter(d -> cum.get(d) == null || !cum.get(d).ok())
                        .toList();
                if (!broken.isEmpty()) {
                    String which = String.join(", ", broken);
                    cum.put(s, Builds.Build.failed(Status.DEPENDENCY_BROKEN, "cumulative mode builds this step on "
                            + "your " + which + ", which " + (broken.size() > 1 ? "do" : "does")
                            + " not compile or is missing"));
                } else {
                    StringBuilder key = new StringBuilder(salt + s + "@" + srcHash.get(s));
                    step.deps().forEach(d -> key.append('+').append(cum.get(d).id()));
                    cum.put(s, builds.compile(key.toString(), sources.get(s), step.deps().stream()
                            .map(d -> cum.get(d).classes()).toList()));
                }
            }
        }
        // 2. Run every step's tests (in both modes where asked and different): one batch, one JVM if it can.
        Map<String, CompletableFuture<StepOutcome>> isoRuns = new LinkedHashMap<>();
        Map<String, CompletableFuture<StepOutcome>> cumRuns = new LinkedHashMap<>();
        List<Runs.Pending> batch = new ArrayList<>();
        for (Step step : kit.steps()) {
            String s = step.name();
            if (srcHash.get(s) == null) {
                continue;
            }
            if (modes != Modes.CUMULATIVE) {
                isoRuns.put(s, run(step, GradingMode.ISOLATED, salt, iso.get(s), refDeps(step), batch));
            }
            if (modes != Modes.ISOLATED && cum.containsKey(s)) {
                boolean same = cum.get(s) == iso.get(s);
                cumRuns.put(s, same && isoRuns.containsKey(s) ? isoRuns.get(s)
                        : run(step, GradingMode.CUMULATIVE, salt, cum.get(s), step.deps().stream()
                                .filter(d -> cum.get(d) != null && cum.get(d).ok()).map(d -> cum.get(d).classes())
                                .toList(), batch));
            }
        }
        if (!batch.isEmpty()) {
            runPool.execute(() -> runs.runBatch(batch, used));
        }
        List<StepGrade> grades = new ArrayList<>();
        for (Step step : kit.steps()) {
            String s = step.name();
            if (srcHash.get(s) == null) {
                grades.add(new StepGrade(s, empty(kit, config, s, modes == Modes.CUMULATIVE ? GradingMode.CUMULATIVE
                        : GradingMode.ISOLATED, Status.MISSING, "no Java files in " + s + "/src/main/java"), null));
                continue;
            }
            StepOutcome i = isoRuns.containsKey(s) ? join(isoRuns.get(s), s, GradingMode.ISOLATED) : null;
            StepOutcome c = cumRuns.containsKey(s) ? join(cumRuns.get(s), s, GradingMode.CUMULATIVE) : null;
            if (c != null) {
                c = c.as(GradingMode.CUMULATIVE);
            }
            grades.add(i != null ? new StepGrade(s, i, c) : new StepGrade(s, c, null));
        }
        List<String> notes = new ArrayList<>(taken.notes());
        if (!sandbox.enabled()) {
            notes.add(0, UNPROTECTED + " this grade was computed without the sandbox (" + sandbox.why() + "), so "
                    + "code in the submission could have read, changed or forged anything the grader's user can. "
                    + "Grade on Linux with bubblewrap, WSL2 or Gradescope for a grade hostile code cannot touch.");
        }
        return new Results.Submission(sub.id(), sub.path(), grades, List.copyOf(notes),
                (System.nanoTime() - t0) / 1e9);
    }

    private List<Path> refDeps(Step step) {
        return step.deps().stream().map(kit::refClasses).toList();
    }

    /** The outcome of a step's run: at once for a build that failed; else from the run cache or the batch. */
    private CompletableFuture<StepOutcome> run(Step step, GradingMode mode, String salt, Builds.Build build,
                                               List<Path> deps, List<Runs.Pending> batch) {
        if (!build.ok()) {
            String why = build.status() == Status.COMPILE_ERROR ? "does not compile" : build.messages();
            StepOutcome o = empty(kit, config, step.name(), mode, build.status(), why);
            return CompletableFuture.completedFuture(new StepOutcome(o.step(), o.mode(), o.status(), o.tests(), 0,
                    o.max(), build.status() == Status.COMPILE_ERROR ? build.messages() : "", o.notes(), "", 0));
        }
        StringBuilder key = new StringBuilder(salt + step.name() + "@" + build.id());
        deps.forEach(d -> key.append('+').append(d));
        return runs.run(step, mode, key.toString(), build.classes(), deps, batch);
    }

    private StepOutcome join(CompletableFuture<StepOutcome> f, String step, GradingMode mode)
            throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            return empty(kit, config, step, mode, Status.CRASHED, "the grader failed on this step: " + e.getCause());
        }
    }

    /** An outcome with no test run: every test "not run", and why. */
    static StepOutcome empty(Kit kit, Config config, String step, GradingMode mode, Status status, String why) {
        double points = config.points(step);
        List<Kit.TestInfo> tests = kit.tests(step);
        double total = tests.stream().mapToDouble(t -> config.weight(step, t.key(), t.weight())).sum();
        List<TestOutcome> outcomes = new ArrayList<>();
        for (Kit.TestInfo t : tests) {
            double max = total == 0 ? 0 : points * config.weight(step, t.key(), t.weight()) / total;
            outcomes.add(new TestOutcome(t, false, 0, max, "not run: " + why));
        }
        return new StepOutcome(step, mode, status, List.copyOf(outcomes), 0, points, "", List.of(why), "", 0);
    }
}
