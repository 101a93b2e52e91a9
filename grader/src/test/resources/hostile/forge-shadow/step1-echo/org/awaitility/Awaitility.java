package org.awaitility;

/*
 * HOSTILE FIXTURE forge-shadow — ship classes named like the ones the tests use, so that ours are loaded instead.
 *
 * What the student tries: Awaitility's entry point whose waits succeed at once.
 * If this class is ever loaded in the test JVM it says "SHADOW LOADED" on standard output and the grade rests on it.
 * The step's EchoServer is the starter, which scores 0 honestly.
 *
 * Why it must fail: the pristine compiled tests and test support come first on the step's class path, and JUnit,
 * AssertJ, Awaitility and the runner are named modules of the JVM's boot layer: a class path entry cannot
 * replace any of them.
 */
public final class Awaitility {

    static {
        System.out.println("SHADOW LOADED: org.awaitility.Awaitility");
    }

    private Awaitility() {
    }
}
