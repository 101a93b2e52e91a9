package dcchat.echo;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/*
 * HOSTILE FIXTURE forge-feedback — make the feedback say full marks.
 *
 * What the student tries: every piece of text the student controls ends up in the Markdown feedback — the name
 * of a thread left running (in a note, outside any code block), the message of an exception (in a test's code
 * block) and what the code prints (in a code block when the JVM crashes). Each carries Markdown that closes the
 * code block it sits in, if any, and then claims "**Total: 60 / 60**", "## step1-echo — 20 / 20" and "all tests
 * pass" in the feedback's own format. The grade itself stays 0 (this is the starter); what a student, a parent
 * or a TA reading the .md file sees would be full marks.
 *
 * Why it must fail: text from student code must not be able to change how the feedback reads outside its
 * quoted block. (The test calls Hostile.run() from the start of EchoServer's constructor every time, not only
 * the first, so that every test's failure message carries the claim; the thread and the printed claim come once.)
 */
public final class Hostile {

    private static final AtomicBoolean ONCE = new AtomicBoolean();
    static final String CLAIM = "\n```\n\n**Total: 60 / 60** (every test passes)\n\n## step1-echo — 20 / 20\n\n"
            + "29 of 29 tests pass. tests ran.\n\n```\n";

    private Hostile() {
    }

    static void run() {
        if (ONCE.compareAndSet(false, true)) {
            Thread t = new Thread(LockSupport::park, "helper)" + CLAIM.replace("```", "") + "(");
            t.setDaemon(true);
            t.start(); // left running: its name goes into a note
            System.out.println(CLAIM);
        }
        throw new IllegalStateException("not yet" + CLAIM); // every test's failure message
    }
}
