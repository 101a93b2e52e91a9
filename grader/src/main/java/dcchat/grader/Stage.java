package dcchat.grader;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a test JVM may read, where it can read it. In bubblewrap, each folder (and jar) is shown under
 * {@code /dcchat/…} — never at its own path, which may lie under {@code /tmp}, where the sandbox's scratch space is:
 * there, a folder's parents would be writable scratch that merely looks like the kit. Without a sandbox, a run
 * reads the grader's own folders (the identity). In the unprivileged-user fallback, where
 * the grader's folders are closed to that account, each run's folders are copied into a fresh folder the account
 * can read, under a name it cannot guess, and deleted after the run; the test libraries and the runner are
 * copied once. After the run, every process of the account is killed.
 */
final class Stage implements AutoCloseable {

    private static final Map<Path, Path> SHARED = new ConcurrentHashMap<>();
    private static volatile Path root;

    private final Path dir;
    private final Map<Path, Path> copies = new HashMap<>();

    private Stage(Path dir) {
        this.dir = dir;
    }

    /** The stage for a run that reads {@code readOnly}: copies for the fallback, the identity otherwise. */
    static Stage of(Sandbox sandbox, List<Path> readOnly) throws IOException {
        if (sandbox.bubblewrap()) {
            Stage s = new Stage(null);
            for (Path p : readOnly) {
                Path abs = p.toAbsolutePath().normalize();
                if (!s.copies.containsKey(abs)) {
                    int n = s.copies.size();
                    s.copies.put(abs, abs.toString().endsWith(".jar") // a jar keeps its name: it names a module
                            ? Path.of("/dcchat/lib", Integer.toString(n), abs.getFileName().toString())
                            : Path.of("/dcchat/ro", n + "-" + abs.getFileName()));
                }
            }
            return s;
        }
        if (sandbox.user() == null) {
            return new Stage(null);
        }
        Stage s = new Stage(Files.createDirectories(root().resolve(UUID.randomUUID().toString())));
        for (Path p : readOnly) {
            Path abs = p.toAbsolutePath().normalize();
            boolean shared = abs.toString().endsWith(".jar") || abs.getFileName().toString().equals("runner");
            if (shared) {
                s.copies.put(abs, SHARED.computeIfAbsent(abs, Stage::copyShared));
            } else if (!s.copies.containsKey(abs)) {
                Path target = s.dir.resolve(s.copies.size() + "-" + abs.getFileName());
                copy(abs, target);
                s.copies.put(abs, target);
            }
        }
        Path work = Files.createDirectories(s.dir.resolve("work"));
        Files.setOwner(work, FileSystems.getDefault().getUserPrincipalLookupService()
                .lookupPrincipalByName(sandbox.user()));
        return s;
    }

    /** A folder of the grader's, as the run sees it. */
    Path map(Path p) {
        return copies.getOrDefault(p.toAbsolutePath().normalize(), p);
    }

    /** What bubblewrap binds: each folder of the grader's (host) to where the run sees it. */
    Map<Path, Path> binds() {
        return Map.copyOf(copies);
    }

    List<Path> map(List<Path> paths) {
        return paths.stream().map(this::map).toList();
    }

    /** The run's working folder: the account's own in the fallback; otherwise {@code dflt}. */
    Path workingFolder(Path dflt) {
        return dir == null ? dflt : dir.resolve("work");
    }

    /** In the fallback: nothing the account started outlives the run. */
    void killLeftovers(Sandbox sandbox) {
        if (sandbox.user() != null) {
            ProcessHandle.allProcesses().filter(h -> h.info().user().map(sandbox.user()::equals).orElse(false))
                    .forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Override
    public void close() throws IOException {
        if (dir != null) {
            Trees.deleteTree(dir);
        }
    }

    /** A folder under /tmp that anyone may enter but no one else may list. */
    private static synchronized Path root() throws IOException {
        if (root == null) {
            Path r = Files.createTempDirectory("dcchat-stage-");
            Files.setPosixFilePermissions(r, PosixFilePermissions.fromString("rwx--x--x"));
            root = r;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Trees.deleteTree(r);
                } catch (IOException e) {
                    // best effort: /tmp is cleaned by the system too
                }
            }, "dcchat-grader-stage-cleanup"));
        }
        return root;
    }

    private static Path copyShared(Path p) {
        try {
            Path target = root().resolve("shared-" + UUID.randomUUID()).resolve(p.getFileName()); // a jar keeps its name: it names an automatic module
            copy(p, target);
            return target;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        if (Files.isDirectory(from)) {
            Files.createDirectories(to);
            Trees.copyTree(from, to);
        } else {
            Files.createDirectories(to.getParent());
            Files.copy(from, to);
        }
    }
}
