package dcchat.grader.runner;

/*
 * HOSTILE FIXTURE forge-shadow — ship classes named like the ones the tests use, so that ours are loaded instead.
 *
 * What the student tries: the grader's own runner, replaced by one that reports every test passed (and, from
 * the fixture passing-tests, always-passing copies of the step's tests themselves).
 * If this class is ever loaded in the test JVM it says "SHADOW LOADED" on standard output and the grade rests on it.
 * The step's EchoServer is the starter, which scores 0 honestly.
 *
 * Why it must fail: the pristine compiled tests and test support come first on the step's class path, and JUnit,
 * AssertJ, Awaitility and the runner are named modules of the JVM's boot layer: a class path entry cannot
 * replace any of them.
 */
public final class TestRunner {

    static {
        System.out.println("SHADOW LOADED: dcchat.grader.runner.TestRunner");
    }

    private TestRunner() {
    }

    public static void main(String[] args) {
    }
}
