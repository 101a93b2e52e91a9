package dcchat.grader;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where students' sources are compiled: in the sandbox, by a few warm {@link CompileServer}s (as many as there
 * are cores, at most two), each answering one request at a time; a request that runs past its time limit kills
 * its server, which is started again for the next request. Without a sandbox (a student's own progress), javac
 * runs in this JVM.
 */
final class Compilers implements AutoCloseable {

    /** One compile server process. */
    private record Server(Process process, DataOutputStream requests, DataInputStream answers) {
    }

    private final Kit kit;
    private final Sandbox sandbox;
    private final long seconds;
    private final List<Path> readOnly;
    private final List<Path> writable;
    private final BlockingQueue<Server[]> slots;
    private final List<Process> started = new ArrayList<>();

    /** Servers may read {@code readOnly} (sources, the kit's workspace) and write {@code writable} (builds). */
    Compilers(Kit kit, Sandbox sandbox, long seconds, List<Path> readOnly, List<Path> writable) {
        this.kit = kit;
        this.sandbox = sandbox;
        this.seconds = seconds;
        this.readOnly = List.copyOf(readOnly);
        this.writable = List.copyOf(writable);
        int n = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
        this.slots = new ArrayBlockingQueue<>(n);
        for (int i = 0; i < n; i++) {
            slots.add(new Server[1]); // a slot holds its server once started
        }
    }

    /** Compiles sources against a class path into out; a javac that runs too long is a compile error. */
    Javac.Compiled compile(List<Path> sources, List<Path> classpath, Path out) throws IOException, InterruptedException {
        if (!sandbox.bubblewrap()) {
            return Javac.compile(sources, classpath, out); // no code from the sources runs: see Javac
        }
        Files.createDirectories(out);
        Server[] slot = slots.take();
        try {
            if (slot[0] == null || !slot[0].process().isAlive()) {
                slot[0] = start();
            }
            Server s = slot[0];
            CompletableFuture<Javac.Compiled> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    CompileServer.writeRequest(s.requests(), sources, classpath, out);
                    return CompileServer.readAnswer(s.answers());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try {
                return answer.get(seconds, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                TestJvm.kill(s.process());
                slot[0] = null;
                return new Javac.Compiled(false, e instanceof TimeoutException
                        ? "javac did not finish within " + seconds + " s: the grader stopped it (a source that "
                          + "takes the compiler that long is not graded)"
                        : "javac stopped: " + e.getCause().getMessage());
            }
        } finally {
            slots.put(slot);
        }
    }

    private Server start() throws IOException {
        List<String> java = new ArrayList<>(List.of(Sandbox.javaBinary().toString(), "-Xmx512m", "-XX:+UseSerialGC",
                "-Xshare:auto", "-XX:-UsePerfData", "-XX:CompressedClassSpaceSize=64m",
                "-XX:ReservedCodeCacheSize=128m", "-Djava.io.tmpdir=/tmp", "-cp", graderClasses().toString(),
                CompileServer.class.getName()));
        List<Path> ro = new ArrayList<>(readOnly);
        ro.add(graderClasses());
        ro.addAll(kit.jars());
        ro.add(kit.work());
        Process p = new ProcessBuilder(sandbox.wrapTool(java, ro, writable,
                new Sandbox.Limits(2L << 30, 24 * 3600, 16L << 20)))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        synchronized (started) {
            started.add(p);
        }
        return new Server(p, new DataOutputStream(new BufferedOutputStream(p.getOutputStream())),
                new DataInputStream(new BufferedInputStream(p.getInputStream())));
    }

    private static Path graderClasses() {
        try {
            return Path.of(CompileServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** CPU seconds the compile servers alive now have used, their sandboxes included (0 where unknown). */
    double cpuSeconds() {
        synchronized (started) {
            return started.stream().map(Process::toHandle)
                    .flatMap(h -> java.util.stream.Stream.concat(java.util.stream.Stream.of(h), h.descendants()))
                    .mapToDouble(h -> h.info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(0.0))
                    .sum();
        }
    }

    @Override
    public void close() {
        synchronized (started) {
            for (Process p : started) {
                try {
                    p.getOutputStream().close(); // end of requests: the server returns
                    if (!p.waitFor(5, TimeUnit.SECONDS)) {
                        TestJvm.kill(p);
                    }
                    p.getInputStream().close();
                } catch (IOException | InterruptedException | RuntimeException e) {
                    p.destroyForcibly();
                }
            }
            started.clear();
        }
    }
}
