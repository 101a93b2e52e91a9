package dcchat.grader;

import dcchat.grader.Results.Status;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;

/**
 * Compiles students' steps, once per distinct input in a run: a build is keyed by the hash of the sources and
 * of the classes it compiles against, and its output folder lives in the grader's private work folder, which
 * no sandbox can write. A build is named by the hash of what it produced ({@link Build#id}), so a run outcome
 * shared between students is shared only between identical class files.
 */
final class Builds {

    /** A compiled step: its classes and their content hash, or why it has none (status and messages). */
    record Build(Path classes, String id, Status status, String messages) {

        static Build failed(Status status, String messages) {
            return new Build(null, null, status, messages);
        }

        boolean ok() {
            return status == null;
        }
    }

    private final Kit kit;
    private final Path out;
    private final Semaphore slots;
    private final Compilers compilers;
    private final Map<String, CompletableFuture<Build>> builds = new ConcurrentHashMap<>();

    Builds(Kit kit, Path out, Semaphore slots, Compilers compilers) {
        this.kit = kit;
        this.out = out;
        this.slots = slots;
        this.compilers = compilers;
    }

    /** The build of these sources against these classes (reference or the student's own earlier steps). */
    Build compile(String key, List<Path> sources, List<Path> depClasses) throws InterruptedException {
        CompletableFuture<Build> mine = new CompletableFuture<>();
        CompletableFuture<Build> f = builds.putIfAbsent(key, mine);
        if (f == null) {
            f = mine;
            Path dir = out.resolve(Trees.sha(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                mine.complete(Build.failed(Status.COMPILE_ERROR, "the grader was interrupted"));
                throw e;
            }
            try {
                Trees.deleteTree(dir);
                List<Path> cp = new ArrayList<>(depClasses);
                cp.addAll(kit.jars());
                Javac.Compiled c = compilers.compile(sources, cp, dir);
                mine.complete(c.ok() ? new Build(dir, Trees.contentHash(dir), null, c.messages())
                        : Build.failed(Status.COMPILE_ERROR, relativize(c.messages(), sources)));
            } catch (InterruptedException e) {
                mine.complete(Build.failed(Status.COMPILE_ERROR, "the grader was interrupted"));
                throw e;
            } catch (IOException | RuntimeException | Error e) { // whatever happens, the future completes
                mine.complete(Build.failed(Status.COMPILE_ERROR, "javac could not run: " + e));
            } finally {
                slots.release();
            }
        }
        try {
            return f.get();
        } catch (ExecutionException e) {
            return Build.failed(Status.COMPILE_ERROR, "javac failed: " + e.getCause());
        }
    }

    /** Compiler messages name files relative to the step (step2-framing/src/main/java/…), not grader paths. */
    private static String relativize(String messages, List<Path> sources) {
        String m = messages;
        for (Path p : sources) {
            String abs = p.toString();
            int i = abs.lastIndexOf("/src/main/java/");
            if (i < 0) {
                i = abs.lastIndexOf("\\src\\main\\java\\");
            }
            int stepStart = i < 0 ? -1 : abs.lastIndexOf(File.separatorChar, i - 1);
            if (stepStart >= 0) {
                m = m.replace(abs, abs.substring(stepStart + 1));
            }
        }
        return m.length() > 6000 ? m.substring(0, 6000) + "\n…" : m;
    }
}
