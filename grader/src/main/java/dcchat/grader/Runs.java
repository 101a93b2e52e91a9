package dcchat.grader;

import dcchat.grader.Kit.Step;
import dcchat.grader.Results.Status;
import dcchat.grader.Results.StepOutcome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Runs steps' tests against builds: one sandboxed test JVM per submission runs its steps in turn (JUnit,
 * AssertJ and Jackson load once, not once per step); a step that ends the JVM early hands the rest to a fresh
 * one. The outcome of a run is shared with any other run of byte-identical classes after the same earlier
 * runs in its JVM ({@code cache}); nothing else is shared between students.
 */
final class Runs {

    /** A step run waiting for its submission's JVM, and where its outcome goes. */
    record Pending(String key, Step step, GradingMode mode, Path classes, List<Path> deps,
                   CompletableFuture<StepOutcome> result) {
    }

    private final Kit kit;
    private final Config config;
    private final Sandbox sandbox;
    private final Semaphore slots;
    private final Map<String, CompletableFuture<StepOutcome>> shared = new ConcurrentHashMap<>();
    private final AtomicInteger jvms = new AtomicInteger();

    Runs(Kit kit, Config config, Sandbox sandbox, Semaphore slots) {
        this.kit = kit;
        this.config = config;
        this.sandbox = sandbox;
        this.slots = slots;
    }

    int jvms() {
        return jvms.get();
    }

    /**
     * The outcome of running a step's tests on a build: one graded before (identical classes after identical
     * runs), or a new entry in this submission's batch.
     */
    CompletableFuture<StepOutcome> run(Step step, GradingMode mode, String key, Path classes, List<Path> deps,
                                       List<Pending> batch) {
        // A run shares a JVM with the runs before it in the batch, and what they leave behind (a spinning thread,
        // changed defaults) could sway it: its outcome is shared only with runs after the same ones.
        String after = batch.isEmpty() ? key
                : key + " after " + batch.stream().map(Pending::key).collect(Collectors.joining(", "));
        CompletableFuture<StepOutcome> mine = new CompletableFuture<>();
        CompletableFuture<StepOutcome> f = shared.putIfAbsent(after, mine);
        if (f != null) {
            return f.thenApply(o -> o.as(mode));
        }
        batch.add(new Pending(key, step, mode, classes, deps, mine));
        return mine;
    }

    /** Runs a submission's batch, in as many JVMs as it takes; completes every step's outcome, whatever happens. */
    void runBatch(List<Pending> batch, AtomicLong used) {
        List<Pending> todo = batch;
        try {
            while (!todo.isEmpty()) {
                todo = runSome(todo, used);
            }
        } catch (Throwable e) {
            for (Pending p : todo) {
                p.result().complete(Grader.empty(kit, config, p.step().name(), p.mode(), Status.CRASHED,
                        "the grader failed on this step: " + e));
            }
        }
    }

    /** Runs steps in one JVM until they are done or one ends it early; returns the steps that never began. */
    private List<Pending> runSome(List<Pending> todo, AtomicLong used) throws IOException, InterruptedException {
        slots.acquire();
        long start = System.nanoTime();
        try {
            long left = config.submissionSeconds() - used.get() / 1_000_000_000L;
            if (left <= 0) {
                for (Pending p : todo) {
                    p.result().complete(Grader.empty(kit, config, p.step().name(), p.mode(), Status.SKIPPED,
                            "not run: the submission used up its " + config.submissionSeconds() + "-second limit"));
                }
                return List.of();
            }
            long limit = Math.min(config.stepSeconds(), left);
            List<TestJvm.Job> jobs = new ArrayList<>();
            List<Set<String>> known = new ArrayList<>();
            for (Pending p : todo) {
                Path tests = kit.testClasses(p.step().name());
                List<Path> cp = new ArrayList<>();
                cp.add(tests); // pristine tests and test support first: never shadowed
                cp.add(p.classes());
                cp.addAll(p.deps());
                jobs.add(new TestJvm.Job(limit, config.outputCap(), tests, cp));
                known.add(kit.knownTests(p.step().name()));
            }
            jvms.incrementAndGet();
            // The runner stops a step whose time ran out itself; these limits are the backstop if it cannot.
            long wall = Math.min(limit * todo.size(), left) + 10;
            TestJvm.Transcript t = TestJvm.run(kit, config, sandbox, false, jobs, wall, wall + 30);
            List<Verdicts.JobLog> logs = Verdicts.validate(t, known);
            List<Pending> notBegun = new ArrayList<>();
            for (int i = 0; i < todo.size(); i++) {
                Pending p = todo.get(i);
                Verdicts.JobLog log = logs.get(i);
                if (!log.begun && log.broken == null) {
                    notBegun.add(p); // a step before it ended the JVM
                } else {
                    p.result().complete(Verdicts.outcome(p.step().name(), p.mode(), log, t, t.ports().get(i), limit,
                            kit.tests(p.step().name()), config));
                }
            }
            if (notBegun.size() == todo.size()) {
                String why = "the test JVM could not start: " + t.jvmOutput().lines().findFirst()
                        .orElse("exit code " + t.exitCode());
                for (Pending p : notBegun) {
                    p.result().complete(Grader.empty(kit, config, p.step().name(), p.mode(), Status.CRASHED, why));
                }
                return List.of();
            }
            return notBegun;
        } finally {
            used.addAndGet(System.nanoTime() - start);
            slots.release();
        }
    }
}
