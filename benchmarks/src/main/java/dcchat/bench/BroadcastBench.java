package dcchat.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Capacity benchmark for a DCChat broadcast server — not a unit test. Connects N clients on loopback, lets
 * S of them send M chat lines each, and checks that every client receives every line exactly once and in
 * each sender's order; prints deliveries/s, lost and latency p50/p90/p99/max as one JSON line on stdout.
 *
 * <pre>
 *   java -cp benchmarks/target/classes:JACKSON dcchat.bench.BroadcastBench --spawn-classpath SERVER_CP
 *   java -cp … dcchat.bench.BroadcastBench --port 5000 --clients 2000 --rate 20
 * </pre>
 *
 * <p>A run goes: (1) start the server as a child process, or use one already running; (2) connect N clients
 * from 8 threads at once, as a class arriving together, each sending {@code join} with a unique name; then
 * start every client's reader thread (virtual on JDK 21 or later); wait until each has seen its own {@code join}; (3) a barrier: one more client joins; once every client has seen
 * that {@code join}, every client is certainly in the room; (4) optionally, a warm-up: each sender sends
 * {@code --warmup} unmeasured lines and every client must have them; (5) release the S senders (burst: as
 * fast as the socket takes; paced: {@code --rate} lines per second each); (6) wait until every client has
 * all S × M lines, or the time is up; (7) stop the server, close every socket, report. The whole run — set-up
 * included — is bounded by {@code --timeout-seconds}, and a watchdog ends the process 30 s after that
 * whatever happens.
 *
 * <p>With {@code --peer netty} the same run is made against the step 4 server and the Netty comparator in turn,
 * {@code --repeat} times each ({@link SideBySide}), and a table of medians and ratios follows the JSON lines.
 *
 * <p>Burst and paced answer different questions (BENCHMARKS.md): burst measures throughput (its
 * latency is queueing and grows with the burst); paced measures latency at an offered rate well below
 * capacity.
 */
public final class BroadcastBench {

    private static final long WATCHDOG_GRACE_SECONDS = 30;
    /** Threads that connect and join the clients at once. */
    private static final int CONNECTORS = 8;
    /** Per run, beyond its --timeout-seconds: stopping the server (≤ 10 s) and the readers (≤ 5 s). */
    private static final long RUN_OVERHEAD_SECONDS = 20;
    private static final long FINISH_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** Set once the watchdog has printed its line: nothing more goes to stdout. */
    private static final AtomicBoolean OVER = new AtomicBoolean();

    /**
     * The server a run starts as a child process.
     *
     * @param label     how the reports name it ("reference", "netty")
     * @param mainClass its main class, which prints {@code DCChat server listening on 127.0.0.1:PORT}
     * @param classpath the class path that holds it
     * @param options   JVM options to start it with
     */
    record Target(String label, String mainClass, String classpath, List<String> options) {

        /**
         * @param label how the reports name it, or null for a single run
         * @param o     the options: where the step 4 server is, and which threads it runs its clients on
         * @return the step 4 server
         */
        static Target stepFour(String label, BenchOptions o) {
            return new Target(label, SpawnedServer.MAIN_CLASS, o.spawnClasspath(),
                    List.of("-Ddcchat.threads=" + o.serverThreads()));
        }
    }

    private BroadcastBench() {
    }

    /**
     * Runs one benchmark (or, with {@code --peer}, the side-by-side series) and exits: 0 if nothing was lost,
     * duplicated or reordered; 1 otherwise; 2 for a bad command line (including a host that is not loopback).
     *
     * @param args see {@link BenchOptions#USAGE}
     */
    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (BenchOptions.UsageException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("bench: " + e.getMessage());
            }
            System.err.println(BenchOptions.USAGE);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        int runs = options.peer() == null ? 1 : 2 * options.repeat() + 1; // + the generator's warm-up run
        startWatchdog(options, runs);
        boolean passed;
        if (options.peer() == null) {
            Report report = run(options, options.spawnClasspath() == null ? null : Target.stepFour(null, options));
            passed = emit(report.toJson()) && report.passed();
        } else {
            passed = SideBySide.run(options);
        }
        System.exit(passed ? 0 : 1);
    }

    /**
     * Prints a line on stdout, unless the watchdog has already ended the run.
     *
     * @param line a report's JSON line, or a line of the side-by-side table
     * @return false if nothing may be printed any more
     */
    static synchronized boolean emit(String line) {
        if (OVER.get()) {
            return false;
        }
        System.out.println(line);
        System.out.flush();
        return true;
    }

    /** Ends the process if the runs have somehow outlived their bound: the benchmark must always end. */
    private static void startWatchdog(BenchOptions options, int runs) {
        long limit = runs == 1 ? options.timeoutSeconds() + WATCHDOG_GRACE_SECONDS
                : runs * (options.timeoutSeconds() + RUN_OVERHEAD_SECONDS) + WATCHDOG_GRACE_SECONDS;
        Thread watchdog = new Thread(() -> {
            try {
                TimeUnit.SECONDS.sleep(limit);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (BroadcastBench.class) {
                emit(Report.failed(options, "watchdog: the run did not end within " + limit + " s", true).toJson());
                OVER.set(true);
            }
            System.exit(1); // runs the shutdown hook that stops a spawned server
        }, "bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /**
     * Runs one benchmark; never throws, never runs much past {@code --timeout-seconds} (plus ~15 s to stop).
     *
     * @param o      the options
     * @param target the server to start, or null to connect to {@code o.port()}
     * @return the report, labelled with the target's label; its {@code error} says why a run could not complete
     */
    static Report run(BenchOptions o, Target target) {
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(o.timeoutSeconds());
        // A name prefix unique to this run (4 base-36 characters), so that runs never collide on a shared server.
        int fourBase36Digits = ThreadLocalRandom.current().nextInt(36 * 36 * 36, 36 * 36 * 36 * 36);
        String prefix = "b" + Integer.toString(fourBase36Digits, 36);
        List<String> senderNames = new ArrayList<>();
        for (int s = 0; s < o.senders(); s++) {
            senderNames.add(prefix + "-" + s);
        }
        Roster roster = new Roster(o.clients(), o.senders(), o.messages(), o.warmup(), senderNames,
                prefix + "-barrier");
        List<BenchClient> clients = new ArrayList<>(o.clients());
        List<Sender> senders = new ArrayList<>();
        List<Thread> senderThreads = new ArrayList<>();
        SpawnedServer server = null;
        BenchClient barrier = null;
        String error = null;
        boolean timedOut = false;
        double joinSeconds = 0;
        long sendStart = 0;
        Usage usage = Usage.UNKNOWN;
        try {
            int port = o.port();
            if (target != null) {
                server = SpawnedServer.start(target.mainClass(), target.classpath(), target.options(),
                        Duration.ofNanos(Math.min(remaining(deadline), TimeUnit.SECONDS.toNanos(30))));
                port = server.port();
                System.err.println("bench: spawned the server" + (target.label() == null ? "" : " (" + target.label()
                        + ")") + ", pid " + server.pid() + ", on port " + port);
            }
            System.err.printf("bench: %s run, %d clients, %d senders × %d lines%s, to %s:%d; JDK %s, %s reader"
                    + " threads%n", o.mode(), o.clients(), o.senders(), o.messages(),
                    o.rate() > 0 ? " at " + o.rate() + "/s each" : "", o.address().getHostAddress(), port,
                    Runtime.version().feature(), BenchClient.READER_THREADS);
            long joinStart = System.nanoTime();

            clients.addAll(connectAll(o, port, deadline, roster, i -> i < o.senders() ? senderNames.get(i)
                    : prefix + "-" + i));
            if (!roster.joined.await(remaining(deadline), TimeUnit.NANOSECONDS)) {
                throw new Timeout("only " + (o.clients() - roster.joined.getCount()) + " of " + o.clients()
                        + " clients had seen their own join when the time was up");
            }
            failIfDisconnected(roster, "joining");
            barrier = BenchClient.join(roster.barrierName, roster, false, o.address(), port, connectTimeout(deadline));
            if (!roster.ready.await(remaining(deadline), TimeUnit.NANOSECONDS)) {
                throw new Timeout("only " + (o.clients() - roster.ready.getCount()) + " of " + o.clients()
                        + " clients had seen the barrier's join when the time was up");
            }
            failIfDisconnected(roster, "joining");
            barrier.close(); // its leave is the last frame before the chat lines
            joinSeconds = (System.nanoTime() - joinStart) / 1e9;
            System.err.printf("bench: %d clients joined in %.2f s%n", o.clients(), joinSeconds);

            CountDownLatch warmGo = new CountDownLatch(1);
            CountDownLatch go = new CountDownLatch(1);
            for (int s = 0; s < o.senders(); s++) {
                Sender sender = new Sender(clients.get(s), s, o.senders(), o.messages(), o.warmup(), o.rate(),
                        deadline, warmGo, go, roster);
                Thread thread = new Thread(sender, "bench-sender-" + s);
                thread.setDaemon(true);
                thread.start();
                senders.add(sender);
                senderThreads.add(thread);
            }
            warmGo.countDown();
            if (o.warmup() > 0) {
                long warmStart = System.nanoTime();
                if (!roster.warmed.await(remaining(deadline), TimeUnit.NANOSECONDS)) {
                    throw new Timeout("only " + (o.clients() - roster.warmed.getCount()) + " of " + o.clients()
                            + " clients had every warm-up line when the time was up");
                }
                failIfDisconnected(roster, "the warm-up");
                System.err.printf("bench: warm-up of %d × %d lines done in %.2f s%n", o.senders(), o.warmup(),
                        (System.nanoTime() - warmStart) / 1e9);
            }
            System.err.println("bench: sending the measured lines");
            Usage before = Usage.sample(server);
            sendStart = System.nanoTime();
            for (Sender sender : senders) {
                sender.startAt(sendStart);
            }
            go.countDown();
            while (!roster.complete.await(Math.min(remaining(deadline), TimeUnit.SECONDS.toNanos(5)),
                    TimeUnit.NANOSECONDS)) {
                if (remaining(deadline) <= 0) {
                    timedOut = true;
                    roster.warn("the time (" + o.timeoutSeconds() + " s) was up with " + roster.complete.getCount()
                            + " of " + o.clients() + " clients still missing lines");
                    break;
                }
                System.err.printf("bench: %d of %d clients have every line (%.0f s)%n",
                        o.clients() - roster.complete.getCount(), o.clients(), (System.nanoTime() - sendStart) / 1e9);
            }
            usage = Usage.sample(server).since(before);
        } catch (Timeout e) {
            timedOut = true;
            error = e.getMessage();
        } catch (IOException e) {
            error = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } finally {
            roster.stopping();
            if (server != null) {
                server.close(); // its shutdown closes every connection
            }
            if (barrier != null) {
                barrier.close();
            }
            clients.forEach(BenchClient::close);
        }
        if (error != null) {
            roster.warn(error);
        }
        return tally(o, clients, senders, senderThreads, roster, error, timedOut, joinSeconds, sendStart, usage)
                .labelled(target == null ? null : target.label());
    }

    /** Waits (bounded) for the readers and senders to end, then adds up every client's score. */
    private static Report tally(BenchOptions o, List<BenchClient> clients, List<Sender> senders,
                                List<Thread> senderThreads, Roster roster, String error, boolean timedOut,
                                double joinSeconds, long sendStart, Usage usage) {
        long until = System.nanoTime() + FINISH_WAIT_NANOS;
        int stuck = 0;
        try {
            for (BenchClient c : clients) {
                if (!c.awaitReader(until - System.nanoTime())) {
                    stuck++;
                }
            }
            for (Thread t : senderThreads) {
                TimeUnit.NANOSECONDS.timedJoin(t, Math.max(1, until - System.nanoTime()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stuck > 0) {
            roster.warn(stuck + " reader threads had not ended 5 s after their sockets closed; their counts may"
                    + " be incomplete");
        }
        long delivered = 0;
        long reordered = 0;
        long duplicates = 0;
        long malformed = 0;
        long errorFrames = 0;
        long lastChat = sendStart;
        long reads = 0;
        long frames = 0;
        for (BenchClient c : clients) {
            reads += c.socketReads();
            frames += c.frames();
            delivered += c.delivered();
            reordered += c.reordered();
            duplicates += c.duplicates();
            malformed += c.malformed();
            errorFrames += c.errorFrames();
            lastChat = Math.max(lastChat, c.lastChatNanos());
        }
        long[] latencies = new long[(int) delivered];
        int n = 0;
        for (BenchClient c : clients) {
            n += c.copyLatencies(latencies, n);
        }
        long maxLag = 0;
        for (Sender s : senders) {
            maxLag = Math.max(maxLag, s.maxLagNanos());
        }
        double seconds = sendStart == 0 ? 0 : (lastChat - sendStart) / 1e9;
        return new Report(o, delivered, reordered, duplicates, malformed, errorFrames, roster.disconnectedCount(),
                seconds, joinSeconds,
                Report.sorted(n == latencies.length ? latencies : Arrays.copyOf(latencies, n)),
                reads == 0 ? 0 : (double) frames / reads, maxLag / 1e6, usage, timedOut, error, null);
    }

    /**
     * Connects and joins the N clients from {@value #CONNECTORS} threads at once, as a class arriving together
     * does: one thread connecting one client after another would make the connect round trips, not the server,
     * the bound on the join phase.
     *
     * @return the clients in index order (the first S are the senders); if any connect fails, those that
     *         connected are closed and the failure is thrown
     */
    private static List<BenchClient> connectAll(BenchOptions o, int port, long deadline, Roster roster,
                                                IntFunction<String> nameOf) throws IOException, Timeout {
        BenchClient[] joined = new BenchClient[o.clients()];
        AtomicInteger nextIndex = new AtomicInteger();
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> connectors = new ArrayList<>();
        for (int t = 0; t < Math.min(CONNECTORS, o.clients()); t++) {
            Thread connector = new Thread(() -> {
                for (int i = nextIndex.getAndIncrement(); i < joined.length && failure.get() == null;
                     i = nextIndex.getAndIncrement()) {
                    try {
                        if (remaining(deadline) <= 0) {
                            throw new Timeout("the time was up while connecting the " + o.clients() + " clients");
                        }
                        joined[i] = BenchClient.connect(nameOf.apply(i), roster, true, o.address(), port,
                                connectTimeout(deadline));
                    } catch (IOException | RuntimeException | Timeout e) {
                        failure.compareAndSet(null, e);
                    }
                }
            }, "bench-connector-" + t);
            connector.setDaemon(true);
            connector.start();
            connectors.add(connector);
        }
        try {
            for (Thread connector : connectors) {
                TimeUnit.NANOSECONDS.timedJoin(connector, Math.max(1, remaining(deadline))
                        + TimeUnit.SECONDS.toNanos(6)); // a connect in progress is bounded by its 5 s timeout
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, new IOException("interrupted while connecting"));
        }
        List<BenchClient> clients = new ArrayList<>(joined.length);
        for (BenchClient c : joined) {
            if (c != null) {
                clients.add(c);
            }
        }
        Exception e = failure.get();
        if (e == null && clients.size() < joined.length) {
            e = new Timeout("only " + clients.size() + " of " + o.clients() + " clients connected in time");
        }
        if (e != null) {
            clients.forEach(BenchClient::close);
            if (e instanceof Timeout timeout) {
                throw timeout;
            }
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
        clients.forEach(BenchClient::startReading);
        return clients;
    }

    private static void failIfDisconnected(Roster roster, String phase) throws IOException {
        int n = roster.disconnectedCount();
        if (n > 0) {
            throw new IOException("the server closed " + n + " connection" + (n == 1 ? "" : "s") + " during "
                    + phase + " (see the messages above)");
        }
    }

    private static long remaining(long deadline) {
        return deadline - System.nanoTime();
    }

    private static int connectTimeout(long deadline) {
        return (int) Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(remaining(deadline)), 5_000));
    }

    /** The run's time bound ended the set-up. */
    private static final class Timeout extends Exception {
        private static final long serialVersionUID = 1L;

        Timeout(String message) {
            super(message);
        }
    }
}
