package dcchat.echo;

import java.util.List;

/*
 * HOSTILE FIXTURE start-process — start a process.
 *
 * What the student tries: switch the JDK's launch mechanism to FORK (and VFORK), which would not need the
 * JDK's helper, then start java itself, /bin/sh and env with ProcessBuilder and Runtime.exec; print "STARTED"
 * for each that starts, and look for other processes. This starter scores 0 honestly.
 *
 * Why it must fail: the runner fixes the launch mechanism before any student class loads, and the helper it
 * needs is not executable in the sandbox (and there is no /bin/sh there).
 * (The test calls Hostile.run() once, from the start of EchoServer's constructor.)
 */
public final class Hostile {

    private Hostile() {
    }

    static void run() {
        String java = System.getProperty("java.home") + "/bin/java";
        for (String mechanism : List.of("FORK", "VFORK", "POSIX_SPAWN")) {
            System.setProperty("jdk.lang.Process.launchMechanism", mechanism);
            for (List<String> cmd : List.of(List.of(java, "-version"), List.of("/bin/sh", "-c", "id"),
                    List.of("/usr/bin/env"))) {
                try {
                    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                    System.out.println("STARTED (" + mechanism + ") " + cmd + " pid " + p.pid() + ": "
                            + new String(p.getInputStream().readAllBytes()));
                } catch (Throwable t) {
                    System.out.println("refused (" + mechanism + ") " + cmd + ": " + t);
                }
            }
            try {
                Process p = Runtime.getRuntime().exec(new String[] {java, "-version"});
                System.out.println("STARTED (" + mechanism + ") Runtime.exec pid " + p.pid());
            } catch (Throwable t) {
                System.out.println("refused (" + mechanism + ") Runtime.exec: " + t);
            }
        }
        try {
            System.out.println("info: processes visible: " + ProcessHandle.allProcesses().count()
                    + ", parent: " + ProcessHandle.current().parent());
        } catch (Throwable t) {
            System.out.println("info: no process list: " + t);
        }
    }
}
