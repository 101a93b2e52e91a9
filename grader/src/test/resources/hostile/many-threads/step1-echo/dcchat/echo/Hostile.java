package dcchat.echo;

import static dcchat.echo.HostileHook.say;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/*
 * HOSTILE FIXTURE many-threads — start 5,000 threads.
 *
 * What the student tries: from the starter's EchoServer constructor, start 5,000 parked threads (half with the
 * default stack, half with a tiny one), to exhaust the machine's threads and process ids or the grader itself;
 * print how many started, then let them go. This starter scores 0 honestly.
 *
 * Why it must be contained: the sandbox's address-space limit bounds thread stacks, so thread creation fails
 * inside the test JVM (which may then die of it), and the grade still returns on time, saying why.
 * (The test calls Hostile.run() once, from the start of EchoServer's constructor; say() is the test's:
 * a line on System.out and on the JVM's own stderr, which the supervisor keeps even if the JVM ends here.)
 */
public final class Hostile {

    private static volatile boolean release;

    private Hostile() {
    }

    static void run() {
        List<Thread> started = new ArrayList<>();
        String stopped = "no";
        try {
            for (int i = 0; i < 5_000; i++) {
                Thread t = new Thread(null, Hostile::park, "hostile-" + i, i % 2 == 0 ? 0 : 16 * 1024);
                t.setDaemon(true);
                t.start();
                started.add(t);
            }
        } catch (Throwable t) {
            stopped = t.toString();
        }
        say("many-threads: started " + started.size() + " of 5000; stopped by: " + stopped);
        release = true;
        started.forEach(LockSupport::unpark);
        for (Thread t : started) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void park() {
        while (!release) {
            LockSupport.park();
        }
    }
}
