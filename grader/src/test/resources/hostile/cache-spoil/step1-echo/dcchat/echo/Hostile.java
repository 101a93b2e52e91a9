package dcchat.echo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/*
 * HOSTILE FIXTURE cache-spoil — overwrite the compiled classes other students' runs use.
 *
 * What the student tries: while classmates are graded in the same grading run (cache on, several jobs at once),
 * keep overwriting every compiled class the grader keeps — the cached builds of this run's work folder, an
 * earlier run's work folder and the prepared workspace (reference classes and pristine tests) — with this
 * starter's own EchoServer.class, for two seconds: a classmate whose code is the reference would then fail,
 * and a friend's starter could be swapped for a working build. Every overwrite that works is printed "WRITTEN".
 * This starter scores 0 honestly.
 *
 * Why it must fail: a run sees no build but its own, read-only; the classmates must score exactly what they
 * score when graded alone. (The test calls Hostile.run() once, from the start of EchoServer's constructor.)
 */
public final class Hostile {

    private Hostile() {
    }

    static void run() {
        byte[] mine;
        try {
            mine = EchoServer.class.getResourceAsStream("EchoServer.class").readAllBytes();
        } catch (Exception e) {
            System.out.println("refused: own class (" + e + ")");
            return;
        }
        long end = System.nanoTime() + 2_000_000_000L;
        int tries = 0;
        int written = 0;
        while (System.nanoTime() < end) {
            for (String root : List.of("@WORK@/classes", "@SHARED@/work/classes", "@KIT_WORK@")) {
                try (Stream<Path> s = Files.walk(Path.of(root))) {
                    for (Path p : s.filter(p -> p.toString().endsWith(".class")).toList()) {
                        tries++;
                        try {
                            Files.write(p, mine);
                            written++;
                            System.out.println("WRITTEN: " + p);
                        } catch (Exception e) {
                            // read-only or absent: try again in a moment
                        }
                    }
                } catch (Exception e) {
                    tries++;
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
        System.out.println("cache-spoil: " + tries + " tries, " + written + " overwritten");
    }
}
