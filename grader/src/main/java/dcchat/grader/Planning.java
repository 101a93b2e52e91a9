package dcchat.grader;

import dcchat.grader.runner.Event;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Planning: which tests a step has and which of them count here, learned from one run on the reference. */
final class Planning {

    private Planning() {
    }

    /**
     * Runs a step's tests on the reference, in the sandbox, to plan them: every test it reports, in order; the
     * ones that were skipped or aborted here (no display, say) are known but not graded.
     */
    static Kit.Plan plan(Kit kit, Kit.Step step, Config config, Sandbox sandbox) throws IOException, InterruptedException {
        List<Path> cp = new ArrayList<>();
        cp.add(kit.testClasses(step.name()));
        cp.add(kit.refClasses(step.name()));
        step.deps().forEach(d -> cp.add(kit.refClasses(d)));
        long limit = Math.max(300, config.stepSeconds());
        TestJvm.Transcript t = TestJvm.run(kit, config, sandbox, true,
                List.of(new TestJvm.Job(limit, config.outputCap(), kit.testClasses(step.name()), cp)), limit, limit + 60);
        List<Kit.TestInfo> tests = new ArrayList<>();
        Set<String> known = new LinkedHashSet<>();
        Set<String> notHere = new HashSet<>();
        long failed = 0;
        boolean done = false;
        for (Event e : t.events()) {
            if (e instanceof Event.Planned p && known.add(p.uid())) {
                tests.add(new Kit.TestInfo(p.uid(), p.key(), p.path(), p.weight()));
            } else if (e instanceof Event.Finished f) {
                switch (f.verdict()) {
                    case ABORTED, SKIPPED -> notHere.add(f.uid());
                    case FAILED -> failed++;
                    default -> { }
                }
            } else if (e instanceof Event.AllDone) {
                done = true;
            }
        }
        if (!done || tests.isEmpty()) {
            throw new IllegalStateException("could not run the reference tests of " + step.name() + " (exit code "
                    + t.exitCode() + (t.problem() == null ? "" : ", " + t.problem()) + "): " + t.jvmOutput());
        }
        if (failed > 0 && kit.hasReference()) {
            System.err.println("grader: WARNING: " + failed + " test(s) of " + step.name() + " fail on the reference "
                    + "here; they still count (run ./dcchat check)");
        }
        tests.removeIf(x -> notHere.contains(x.uid()));
        return new Kit.Plan(List.copyOf(tests), Set.copyOf(known));
    }
}
