package dcchat.echo;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/*
 * HOSTILE FIXTURE outlive — keep running after the grade, and write later.
 *
 * What the student tries: leave behind a non-daemon thread and a daemon thread that write every 100 ms to /tmp
 * and to paths outside the sandbox (the kit's script, a classmate's submission, the host's /tmp), start a
 * process that would survive the JVM (java itself, /bin/sh; after switching the launch mechanism to FORK),
 * register a shutdown hook that loops for ever doing the same, then call System.exit so that the hook runs and
 * keeps the JVM from ending. This starter scores 0 honestly.
 *
 * Why it must fail: the runner halts its JVM at the end (halt runs no hook), the supervisor kills it at the
 * wall-clock limit, the sandbox's PID namespace dies with it, and nothing outside is writable. After grade()
 * returns nothing may run and nothing may change. (The test calls Hostile.run() once, from the start of
 * EchoServer's constructor.)
 */
public final class Hostile {

    private static final PrintStream RAW = new PrintStream(new FileOutputStream(FileDescriptor.err), true);
    private static final List<Path> TARGETS = List.of(Path.of("/tmp/dcchat-hostile-later"),
            Path.of("@KIT_ROOT@/dcchat"), Path.of("@SHARED@/classmates/ana/step1-echo/src/main/java/dcchat/echo/"
                    + "EchoServer.java"), Path.of("@HOST_TMP@/dcchat-hostile-later"));

    private Hostile() {
    }

    static void run() {
        Thread keeper = new Thread(Hostile::writeForever, "hostile-keeper");
        keeper.start(); // not a daemon: it would keep a JVM alive
        Thread ghost = new Thread(Hostile::writeForever, "hostile-ghost");
        ghost.setDaemon(true);
        ghost.start();
        System.setProperty("jdk.lang.Process.launchMechanism", "FORK");
        for (List<String> cmd : List.of(List.of(System.getProperty("java.home") + "/bin/java", "-version"),
                List.of("/bin/sh", "-c", "while true; do echo later >> /tmp/dcchat-hostile-sh; sleep 1; done"))) {
            try {
                Process p = new ProcessBuilder(cmd).start();
                RAW.println("STARTED " + cmd + " as pid " + p.pid());
            } catch (Throwable t) {
                RAW.println("refused: process " + cmd + " (" + t + ")");
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(Hostile::writeForever, "hostile-hook"));
        RAW.println("outlive: exiting with a hook that never ends");
        System.exit(0);
    }

    private static void writeForever() {
        while (true) {
            for (Path p : TARGETS) {
                try {
                    Files.write(p, "later\n".getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                } catch (Throwable t) {
                    // read-only or absent: try again
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                // keep going
            }
        }
    }
}
