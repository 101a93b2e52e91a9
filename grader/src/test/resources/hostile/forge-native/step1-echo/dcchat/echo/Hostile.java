package dcchat.echo;

import static dcchat.echo.HostileHook.say;

import java.util.List;
import sun.tools.attach.VirtualMachineImpl;

/*
 * HOSTILE FIXTURE forge-native — write the runner's report ourselves, through a JDK native library.
 *
 * What the student tries: the runner's events go to file descriptor 3, which Java code cannot name. But the
 * JDK's own lib/libattach.so can (see sun/tools/attach/VirtualMachineImpl.java here): the runner's guard lets a
 * JDK library load, and on JDK 17–23 that is all it checks. So: learn the step's test ids (run its tests once
 * with our own listener), find the test running now on the stack, write to descriptor 3 a report in which every
 * test passed — the rest of the job, then Done and AllDone — and halt the JVM before the runner adds a word.
 * This starter step scores 0 honestly; a forged report would give it full marks with status GRADED.
 *
 * Why it must fail: the supervisor's channel must be out of reach of student code, native or not.
 * (The test calls Hostile.run() once, from the start of EchoServer's constructor; say() is the test's:
 * a line on System.out and on the JVM's own stderr, which the supervisor keeps even if the JVM ends here.)
 */
public final class Hostile {

    private Hostile() {
    }

    static void run() {
        try {
            List<String> ids = FakeEvents.testIds();
            String running = FakeEvents.running(ids);
            say("forger: " + ids.size() + " test ids; running now: " + running);
            // What the step "printed", as the forged report says: the forger's own account, for the test to see.
            byte[] report = FakeEvents.everythingPassed(ids, running, 0, "HOSTILE-RAN forge-native\nFORGED: "
                    + ids.size() + " tests reported passed through descriptor 3\n");
            VirtualMachineImpl.write(3, report, 0, report.length); // descriptor 3: the supervisor's channel
            say("FORGED: " + report.length + " bytes written to descriptor 3");
            Runtime.getRuntime().halt(0); // before the runner can contradict us
        } catch (Throwable t) {
            say("forger: refused: " + t);
        }
    }
}
