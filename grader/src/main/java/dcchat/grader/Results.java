package dcchat.grader;

import java.nio.file.Path;
import java.util.List;

/** What grading produced: per test, per step and mode, per submission. Immutable. */
public final class Results {

    private Results() {
    }

    /** How a step's run ended. */
    public enum Status {
        /** The tests ran to the end (some may have failed). */
        GRADED,
        /** The student's code for this step does not compile. */
        COMPILE_ERROR,
        /** Cumulative mode: a step this one builds on does not compile, or is missing. */
        DEPENDENCY_BROKEN,
        /** The step's JVM ran out of its time limit and was killed. */
        TIMEOUT,
        /** The JVM exited before the tests finished (System.exit in student code). */
        EXITED,
        /** The JVM ended some other way (Runtime.halt, a crash, out of memory before the first result). */
        CRASHED,
        /** The submission has no code for this step. */
        MISSING,
        /** Not run: the submission used up its time limit. */
        SKIPPED,
        /** The test JVM's report broke the grader's protocol: tampered with, or cut off mid-event. */
        TAMPERED
    }

    /** One test's verdict; message is the teaching message of a failure ("" when it passed). */
    public record TestOutcome(Kit.TestInfo test, boolean passed, double points, double maxPoints, String message) {
    }

    /** One step in one mode. */
    public record StepOutcome(String step, GradingMode mode, Status status, List<TestOutcome> tests, double score,
                              double max, String compilerMessages, List<String> notes, String output,
                              double seconds) {

        public long passed() {
            return tests.stream().filter(TestOutcome::passed).count();
        }

        /** Equal verdicts on every test: the two modes do not differ. */
        public boolean sameVerdicts(StepOutcome o) {
            if (o == null || o.tests.size() != tests.size()) {
                return false;
            }
            for (int i = 0; i < tests.size(); i++) {
                if (tests.get(i).passed() != o.tests.get(i).passed()) {
                    return false;
                }
            }
            return status == o.status;
        }

        /** The same outcome, labelled with another mode (a run both modes share). */
        public StepOutcome as(GradingMode m) {
            return m == mode ? this : new StepOutcome(step, m, status, tests, score, max, compilerMessages, notes,
                    output, seconds);
        }
    }

    /**
     * A step's grade: the scored outcome (isolated unless grading in cumulative mode only) and, when it was
     * computed and differs, the other mode's.
     */
    public record StepGrade(String step, StepOutcome scored, StepOutcome other) {

        public boolean modesDiffer() {
            return other != null && !scored.sameVerdicts(other);
        }
    }

    /** One student's grades. */
    public record Submission(String student, Path source, List<StepGrade> steps, List<String> notes,
                             double seconds) {

        public double total() {
            return steps.stream().mapToDouble(s -> s.scored().score()).sum();
        }

        public double max() {
            return steps.stream().mapToDouble(s -> s.scored().max()).sum();
        }
    }

    /** Points to two decimals, without trailing zeros: 20, 13.33. */
    public static String pts(double v) {
        double r = Math.round(v * 100) / 100.0;
        return r == Math.rint(r) ? Long.toString((long) r) : String.format(java.util.Locale.ROOT, "%.2f", r)
                .replaceAll("0$", "");
    }
}
