package dcchat.grader;

import dcchat.grader.runner.Event;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The supervisor's side of one test JVM: builds its command (module path, module limits, JVM limits), starts
 * it inside the {@link Sandbox}, reads its {@link Event}s from a channel student code cannot reach, looks at
 * its listening sockets when a job ends, and returns everything as a {@link Transcript}. What the events mean
 * for the grade is decided by {@link Verdicts}, never here and never inside the test JVM.
 */
final class TestJvm {

    /** One job for the runner: a step's tests against classes, with its time limit and output cap. */
    record Job(long limitSeconds, long outputCap, Path tests, List<Path> classPath) {
    }

    /**
     * What one JVM did: its events in order ({@code problem} says why reading stopped early, if it did), the
     * listening sockets seen at each job's end, how the process ended, and what the JVM itself printed.
     */
    record Transcript(List<Event> events, String problem, Map<Integer, Set<String>> ports, int exitCode,
                      boolean killed, String jvmOutput, double seconds) {
    }

    /**
     * Modules the test JVM may see besides the test libraries and the runner (and what they need). Left out on
     * purpose: jdk.unsupported (sun.misc.Unsafe reaches any object), java.instrument and jdk.attach (agents),
     * jdk.compiler, jdk.jdi and jdk.jdwp.agent (debuggers), jdk.management.agent and java.rmi (remote JMX), and
     * every module whose JNI code opens a library a program names: jdk.crypto.cryptoki (a PKCS#11 token
     * library, found by the hostile suite), java.security.jgss and jdk.security.auth (native GSS and login).
     */
    private static final List<String> JDK_MODULES = List.of("java.base", "java.desktop", "java.logging",
            "java.management", "jdk.management", "java.xml", "java.sql", "java.net.http", "java.prefs",
            "java.datatransfer", "jdk.charsets", "jdk.localedata", "jdk.net", "jdk.zipfs", "jdk.crypto.ec");

    private static final int MAX_EVENTS = 200_000;

    private TestJvm() {
    }

    /** The java command for the runner, given the channel ("fd" in bubblewrap, "tcp:PORT" otherwise). */
    static List<String> command(Kit kit, Config config, Sandbox sandbox, Stage stage, String channel,
                                List<String> runnerArgs) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Sandbox.javaBinary().toString());
        cmd.addAll(List.of("-Xmx" + config.xmx(), "-Xss1m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Xshare:auto", "-XX:-UsePerfData", "-XX:+DisableAttachMechanism", "-XX:CompressedClassSpaceSize=64m",
                "-XX:ReservedCodeCacheSize=64m", "-XX:MaxMetaspaceSize=256m", "-XX:MaxDirectMemorySize=64m",
                "-Dfile.encoding=" + TEST_CHARSET,
                // English messages whatever DCCHAT_LANG says: reports and progress read the stubs' "Step N: … see
                // README §M" (progress then says it in the student's language)
                "-Ddcchat.lang=en"));
        if (sandbox.bubblewrap()) {
            cmd.addAll(List.of("-Djava.io.tmpdir=/tmp", "-Duser.home=/tmp"));
        }
        if (config.testSeconds() != null) {
            cmd.add("-Djunit.jupiter.execution.timeout.default=" + config.testSeconds() + " s");
        }
        int feature = Runtime.version().feature();
        if (feature >= 24) {
            cmd.add("--illegal-native-access=deny");
        } else if (feature >= 18) {
            cmd.add("-Djava.security.manager=allow"); // the runner's guard against native libraries (Guard)
        }
        cmd.add("--enable-native-access=" + RUNNER_MODULE); // JDK 17–23: every other module is refused
        List<Path> modules = new ArrayList<>(kit.jars());
        modules.add(kit.runnerModule());
        cmd.add("--module-path");
        cmd.add(Javac.join(stage.map(modules)));
        Set<String> limit = new LinkedHashSet<>(JDK_MODULES);
        limit.retainAll(ModuleLayer.boot().modules().stream().map(Module::getName).collect(Collectors.toSet()));
        limit.addAll(libraryModules(kit.jars()));
        cmd.add("--limit-modules");
        cmd.add(String.join(",", limit));
        cmd.add("--add-modules");
        cmd.add(String.join(",", libraryModules(kit.jars())));
        cmd.addAll(List.of("--add-opens", "java.base/java.io=" + RUNNER_MODULE));
        cmd.addAll(List.of("-m", RUNNER_MODULE + "/dcchat.grader.runner.TestRunner", channel));
        cmd.addAll(runnerArgs);
        return cmd;
    }

    static final String RUNNER_MODULE = "dcchat.grader.runner";

    /**
     * The test JVM's default charset: not UTF-8, exactly as in {@code ./mvnw test} (root pom, {@code kit.testCharset}),
     * so that a submission which decodes or encodes text without naming UTF-8 garbles non-ASCII characters and fails
     * here too, on any machine. The runner's own channel and captured output name UTF-8 explicitly.
     */
    static final String TEST_CHARSET = "US-ASCII";

    private static final Map<List<Path>, List<String>> MODULE_NAMES = new java.util.concurrent.ConcurrentHashMap<>();

    /** The module names of the test libraries (named, or automatic from the jar's name). */
    static List<String> libraryModules(List<Path> jars) {
        return MODULE_NAMES.computeIfAbsent(jars, j -> ModuleFinder.of(j.toArray(Path[]::new)).findAll().stream()
                .map(ModuleReference::descriptor).map(d -> d.name()).sorted().collect(Collectors.toList()));
    }

    /**
     * The runner's arguments: {@code list TESTS CLASSPATH} for one job (planning on the reference), or
     * {@code run} and LIMIT CAP TESTS CLASSPATH per job.
     */
    static List<String> runnerArgs(boolean listing, List<Job> jobs, Stage stage) throws IOException {
        List<String> a = new ArrayList<>(List.of(listing ? "list" : "run"));
        for (Job j : jobs) {
            if (!listing) {
                a.add(Long.toString(j.limitSeconds()));
                a.add(Long.toString(j.outputCap()));
            }
            a.add(stage.map(j.tests()).toString());
            a.add(Javac.join(stage.map(j.classPath())));
        }
        return a;
    }

    /**
     * Runs the runner on these jobs (listing: one job, the reference, to plan its tests) in the sandbox, for at
     * most {@code wallSeconds}; kills the whole process tree when that runs out. Student code sees, read-only,
     * the test libraries, the runner and the jobs' folders — nothing else.
     */
    static Transcript run(Kit kit, Config config, Sandbox sandbox, boolean listing, List<Job> jobs, long wallSeconds,
                          long cpuSeconds) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        ServerSocket tcp = sandbox.bubblewrap() ? null : new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        List<Path> readOnly = new ArrayList<>(kit.jars());
        readOnly.add(kit.runnerModule());
        jobs.forEach(j -> {
            readOnly.add(j.tests());
            readOnly.addAll(j.classPath());
        });
        try (Stage stage = Stage.of(sandbox, readOnly)) {
            String channel = tcp == null ? "fd" : "tcp:" + tcp.getLocalPort();
            List<String> cmd = sandbox.wrap(command(kit, config, sandbox, stage, channel,
                    runnerArgs(listing, jobs, stage)), stage.binds(),
                    new Sandbox.Limits(config.memoryBytes(), cpuSeconds, config.scratchBytes()));
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(stage.workingFolder(kit.work()).toFile());
            pb.environment().put("MALLOC_ARENA_MAX", "2");
            if (tcp != null) {
                pb.redirectErrorStream(true);
            }
            Process p = pb.start();
            Drain output = new Drain(tcp == null ? p.getErrorStream() : p.getInputStream(), config.outputCap());
            output.start();
            InputStream events;
            OutputStream acks;
            Socket socket = null;
            if (tcp == null) {
                events = p.getInputStream();
                acks = p.getOutputStream();
            } else {
                p.getOutputStream().close();
                tcp.setSoTimeout((int) TimeUnit.SECONDS.toMillis(Math.min(wallSeconds, 60)));
                try {
                    socket = tcp.accept();
                    events = socket.getInputStream();
                    acks = socket.getOutputStream();
                } catch (IOException e) {
                    events = InputStream.nullInputStream();
                    acks = OutputStream.nullOutputStream();
                }
            }
            Reader reader = new Reader(events, acks, p);
            reader.start();
            boolean finished = p.waitFor(wallSeconds, TimeUnit.SECONDS);
            if (!finished) {
                kill(p);
            }
            stage.killLeftovers(sandbox);
            reader.join(TimeUnit.SECONDS.toMillis(10));
            if (socket != null) {
                socket.close();
            }
            output.join(TimeUnit.SECONDS.toMillis(5));
            return new Transcript(List.copyOf(reader.events), reader.problem, Map.copyOf(reader.ports),
                    finished ? p.exitValue() : -1, !finished, output.text(), (System.nanoTime() - t0) / 1e9);
        } finally {
            if (tcp != null) {
                tcp.close();
            }
        }
    }

    /** Reads events; answers each StepEnded after noting the JVM's listening sockets. */
    private static final class Reader extends Thread {
        private final InputStream in;
        private final OutputStream acks;
        private final Process process;
        final List<Event> events = new ArrayList<>();
        final Map<Integer, Set<String>> ports = new HashMap<>();
        volatile String problem;

        Reader(InputStream in, OutputStream acks, Process process) {
            super("dcchat-grader-events");
            setDaemon(true);
            this.in = in;
            this.acks = acks;
            this.process = process;
        }

        @Override
        public void run() {
            Set<String> before = Set.of();
            try (DataInputStream data = new DataInputStream(new BufferedInputStream(in))) {
                for (Event e; (e = Event.read(data)) != null; ) {
                    if (events.size() >= MAX_EVENTS) {
                        problem = "more than " + MAX_EVENTS + " events";
                        return;
                    }
                    events.add(e);
                    if (e instanceof Event.StepEnded s) {
                        Set<String> now = Sockets.listening(process.toHandle());
                        Set<String> fresh = new TreeSet<>(now);
                        fresh.removeAll(before);
                        before = now;
                        ports.put(s.job(), fresh);
                        acks.write(1);
                        acks.flush();
                    }
                }
            } catch (IOException e) {
                if (problem == null) {
                    problem = e.getMessage();
                }
            }
        }
    }

    /** Keeps the first cap bytes of a stream, counts the rest. */
    private static final class Drain extends Thread {
        private final InputStream in;
        private final byte[] kept;
        private int n;

        Drain(InputStream in, int cap) {
            super("dcchat-grader-drain");
            setDaemon(true);
            this.in = in;
            this.kept = new byte[cap];
        }

        @Override
        public void run() {
            byte[] buf = new byte[8192];
            try (in) {
                for (int r; (r = in.read(buf)) >= 0; ) {
                    synchronized (this) {
                        int k = Math.max(0, Math.min(r, kept.length - n));
                        System.arraycopy(buf, 0, kept, n, k);
                        n += k;
                    }
                }
            } catch (IOException e) {
                // the process is gone: what was read is kept
            }
        }

        synchronized String text() {
            return new String(kept, 0, n, StandardCharsets.UTF_8);
        }
    }

    static void kill(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("could not kill test JVM " + p.pid());
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
    }
}
