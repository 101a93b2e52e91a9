package dcchat.grader;

import dcchat.grader.Kit.TestInfo;
import dcchat.grader.Results.Status;
import dcchat.grader.Results.StepOutcome;
import dcchat.grader.Results.TestOutcome;
import dcchat.grader.runner.Event;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where a grade is decided: the supervisor's reading of a test JVM's {@link TestJvm.Transcript}. The stream is
 * validated before anything in it counts — jobs begin in order, each test the plan knows is reported at most
 * once, a test finishes only after it started (unless JUnit skipped it), a job ends with {@code Done}, and
 * {@code AllDone} is last. At the first event that breaks a rule, reading stops: the tests reported before it
 * are scored, the rest are not, and the feedback says the report was "tampered with or crashed". A passing
 * test is one the stream reported as passed — never a guess from what is missing.
 */
final class Verdicts {

    private Verdicts() {
    }

    /** What one job's part of the stream says, once validated. */
    static final class JobLog {
        boolean begun;
        final Set<String> started = new HashSet<>();
        final Map<String, Event.Finished> finished = new LinkedHashMap<>();
        final Map<String, String> containerFailed = new LinkedHashMap<>();
        String exitedDuring;
        String limitDuring;
        Event.Printed printed;
        Event.Done done;
        /** Why the stream stopped counting in this job (a broken rule), or null. */
        String broken;
    }

    /**
     * Validates a transcript of {@code jobs} jobs; {@code known.get(j)} is every test id job j's step has on the
     * reference (the plan). Returns one log per job; a job the JVM never began has {@code begun == false}.
     */
    static List<JobLog> validate(TestJvm.Transcript t, List<Set<String>> known) {
        List<JobLog> logs = new ArrayList<>();
        known.forEach(k -> logs.add(new JobLog()));
        int next = 0;
        Integer open = null;
        boolean ended = false; // after Exited or LimitReached nothing more counts (the JVM is going down)
        boolean allDone = false;
        for (Event e : t.events()) {
            String rule = null;
            JobLog log = open == null ? null : logs.get(open);
            if (allDone) {
                rule = "an event after AllDone";
            } else if (ended) {
                continue;
            } else if (e instanceof Event.Begin b) {
                if (open != null || b.job() != next || b.job() >= logs.size()) {
                    rule = "job " + b.job() + " began out of order";
                } else {
                    open = b.job();
                    logs.get(open).begun = true;
                }
            } else if (e instanceof Event.AllDone) {
                if (open != null) {
                    rule = "AllDone inside a job";
                } else {
                    allDone = true;
                }
            } else if (log == null) {
                rule = e.getClass().getSimpleName() + " outside a job";
            } else if (e instanceof Event.Started s) {
                if (!known.get(open).contains(s.uid()) || log.started.contains(s.uid())
                        || log.finished.containsKey(s.uid())) {
                    rule = "a test started that is not in the plan, or twice: " + s.uid();
                } else {
                    log.started.add(s.uid());
                }
            } else if (e instanceof Event.Finished f) {
                boolean mayEnd = log.started.contains(f.uid()) || f.verdict() == Event.Verdict.SKIPPED;
                if (!known.get(open).contains(f.uid()) || log.finished.containsKey(f.uid()) || !mayEnd) {
                    rule = "a test finished that is not in the plan, twice, or without starting: " + f.uid();
                } else {
                    log.finished.put(f.uid(), f);
                }
            } else if (e instanceof Event.ContainerFailed c) {
                log.containerFailed.putIfAbsent(c.uid(), c.message());
            } else if (e instanceof Event.Exited x) {
                log.exitedDuring = x.uid();
                ended = true;
            } else if (e instanceof Event.LimitReached l) {
                log.limitDuring = l.uid();
                ended = true;
            } else if (e instanceof Event.Printed p) {
                log.printed = p;
            } else if (e instanceof Event.StepEnded s) {
                if (s.job() != open) {
                    rule = "StepEnded for another job";
                }
            } else if (e instanceof Event.Done d) {
                if (d.job() != open) {
                    rule = "Done for another job";
                } else {
                    log.done = d;
                    open = null;
                    next++;
                }
            } else {
                rule = e.getClass().getSimpleName() + " in a graded run";
            }
            if (rule != null) {
                logs.get(open != null ? open : Math.min(next, logs.size() - 1)).broken = rule;
                return logs;
            }
        }
        if (t.problem() != null && !t.killed()) {
            JobLog last = logs.get(open != null ? open : Math.min(next, logs.size() - 1));
            if (last.begun && last.broken == null) {
                last.broken = "the report could not be read: " + t.problem();
            }
        }
        return logs;
    }

    /** Turns one job's validated log, and how the JVM ended, into per-test verdicts and notes. */
    static StepOutcome outcome(String step, GradingMode mode, JobLog log, TestJvm.Transcript jvm, Set<String> ports,
                               long limit, List<TestInfo> tests, Config config) {
        boolean timedOut = log.limitDuring != null || (log.done == null && jvm.killed());
        Status status = log.broken != null ? Status.TAMPERED : timedOut ? Status.TIMEOUT : log.done != null
                ? Status.GRADED : log.exitedDuring != null ? Status.EXITED : Status.CRASHED;
        Map<String, String> pathOf = new LinkedHashMap<>();
        tests.forEach(t -> pathOf.put(t.uid(), t.path()));
        double points = config.points(step);
        double total = tests.stream().mapToDouble(t -> config.weight(step, t.key(), t.weight())).sum();
        double passedWeight = 0;
        int stubs = 0;
        List<TestOutcome> outcomes = new ArrayList<>();
        for (TestInfo t : tests) {
            double w = config.weight(step, t.key(), t.weight());
            double max = total == 0 ? 0 : points * w / total;
            Event.Finished end = log.finished.get(t.uid());
            boolean passed = end != null && end.verdict() == Event.Verdict.SUCCESSFUL;
            String msg = passed ? "" : end != null ? message(end) : missing(t, log, status, timedOut, limit, jvm, pathOf);
            if (msg.contains("UnsupportedOperationException")) {
                stubs++;
            }
            if (passed) {
                passedWeight += w;
            }
            outcomes.add(new TestOutcome(t, passed, passed ? max : 0, max, msg));
        }
        double score = total == 0 ? 0 : points * passedWeight / total; // all passed is exactly the step's points
        List<String> notes = new ArrayList<>();
        if (stubs > 0) {
            notes.add(stubs + " test(s) hit code that is not implemented yet (a stub's UnsupportedOperationException)");
        }
        if (status == Status.TAMPERED) {
            notes.add("tampered with or crashed: the test JVM's report broke the grader's protocol (" + log.broken
                    + "); only the tests reported before that are scored");
        }
        if (timedOut) {
            notes.add("timed out: the tests did not finish within " + limit + " s; the grader stopped the JVM and "
                    + "scored the tests that had finished");
        }
        if (status == Status.EXITED) {
            notes.add("exited early: the JVM stopped during the tests (System.exit in your code?); the tests that "
                    + "had finished are scored");
        }
        if (status == Status.CRASHED) {
            notes.add("the test JVM ended unexpectedly (exit code " + jvm.exitCode() + crashHint(jvm)
                    + "); finished tests are scored");
        }
        if (log.done != null && !log.done.threadsLeft().isEmpty()) {
            notes.add("left " + log.done.threadsLeft().size() + " thread(s) running after the tests ("
                    + String.join(", ", log.done.threadsLeft().stream().map(Verdicts::threadName).toList())
                    + "): does close() stop every thread your code started? The grader ended them with the JVM");
        }
        if (ports != null && !ports.isEmpty()) {
            notes.add("left " + ports.size() + " listening socket(s) open after the tests (" + String.join(", ", ports)
                    + "): does close() close the ServerSocket?");
        }
        long printed = log.printed == null ? 0 : log.printed.bytes();
        if (printed > config.outputCap()) {
            notes.add(String.format(Locale.ROOT, "printed %,d bytes to stdout/stderr; only the first %,d were kept",
                    printed, config.outputCap()));
        }
        String output = log.printed == null ? "" : log.printed.kept();
        if (log.done == null && !jvm.jvmOutput().isEmpty()) {
            output += (output.isEmpty() ? "" : "\n") + jvm.jvmOutput(); // the JVM's own last words, e.g. a crash
        }
        double seconds = log.printed == null ? jvm.seconds() : log.printed.seconds();
        return new StepOutcome(step, mode, status, List.copyOf(outcomes), score, points, "", List.copyOf(notes),
                output, seconds);
    }

    /** A thread's name, as the student's code set it, reduced to what a name needs: no Markdown, no claims. */
    private static String threadName(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "?");
        return safe.length() > 40 ? safe.substring(0, 40) + "…" : safe;
    }

    private static String crashHint(TestJvm.Transcript jvm) {
        String out = jvm.jvmOutput();
        if (out.contains("OutOfMemoryError") || out.contains("Cannot reserve") || out.contains("pthread_create")) {
            return ": out of memory — the sandbox limits heap, off-heap memory and threads";
        }
        return "; Runtime.halt, a crash or out of memory?";
    }

    private static String message(Event.Finished end) {
        return switch (end.verdict()) {
            case SKIPPED -> "skipped: " + end.message();
            case SUCCESSFUL -> "";
            default -> end.message().isEmpty() ? end.verdict().name() : end.message();
        };
    }

    /** Why a planned test has no verdict. */
    private static String missing(TestInfo t, JobLog log, Status status, boolean timedOut, long limit,
                                  TestJvm.Transcript jvm, Map<String, String> pathOf) {
        for (Map.Entry<String, String> c : log.containerFailed.entrySet()) {
            if (t.uid().startsWith(c.getKey())) {
                return "not run: its test class could not start: " + c.getValue();
            }
        }
        if (status == Status.TAMPERED) {
            return "not scored: the test JVM's report was tampered with or broken before this test's result";
        }
        if (timedOut) {
            return log.started.contains(t.uid())
                    ? "still running when this step's " + limit + "-second limit ran out: an infinite loop, or a "
                      + "call that never returns? The grader stopped the JVM."
                    : "not run: this step's " + limit + "-second limit ran out before this test (a test before it "
                      + "never finished)";
        }
        if (log.exitedDuring != null) {
            return t.uid().equals(log.exitedDuring)
                    ? "the JVM exited during this test: does your code call System.exit? A server must never end "
                      + "the program it runs in."
                    : "not run: the JVM exited early, during \"" + pathOf.getOrDefault(log.exitedDuring, "another test")
                      + "\" (System.exit?)";
        }
        if (log.done == null) {
            return "not run: the test JVM ended unexpectedly (exit code " + jvm.exitCode()
                    + "; Runtime.halt, a crash or out of memory?)";
        }
        return "not run: JUnit could not run this test against your code (a class or method the test needs is "
               + "missing or has a different signature?)";
    }
}
