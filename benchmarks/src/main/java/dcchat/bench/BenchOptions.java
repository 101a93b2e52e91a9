package dcchat.bench;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The benchmark's command line, parsed and checked: where the server is (or how to start one), how many
 * clients, senders and messages, burst or paced, and the hard time bound.
 *
 * <p>The host must be loopback — 127.0.0.0/8, {@code localhost} or {@code ::1}. The benchmark opens
 * thousands of connections and sends as fast as it can; it must never be pointed at another machine. Names
 * other than {@code localhost} are refused without a DNS look-up.
 *
 * @param host           the host as given (for messages)
 * @param address        the loopback address to connect to
 * @param port           the server's port, or 0 when {@code spawnClasspath} is set
 * @param spawnClasspath a class path holding {@code dcchat.broadcast.ChatServer} to start as a child
 *                       process, or null to connect to a running server
 * @param peer           a server to run side by side with the spawned one ({@code "netty"}: the comparator,
 *                       {@code dcchat.bench.netty.NettyChatServer}), or null for one run of one server
 * @param repeat         with a peer: runs of each server, alternating
 * @param clients        how many clients connect and receive (N)
 * @param senders        how many of them also send (S; the first S clients)
 * @param messages       chat lines per sender (M)
 * @param warmup         unmeasured chat lines per sender, sent in a burst before the measured ones
 * @param rate           chat lines per second per sender; 0 = burst (as fast as possible)
 * @param timeoutSeconds the hard bound on the whole run, set-up included
 * @param serverThreads  the spawned step 4 server's client threads, {@code "platform"} or {@code "virtual"}
 *                       (passed to it as {@code -Ddcchat.threads}; virtual needs JDK 24 or later)
 */
record BenchOptions(String host, InetAddress address, int port, String spawnClasspath, String peer, int repeat,
                    int clients, int senders, int messages, int warmup, double rate, int timeoutSeconds,
                    String serverThreads) {

    /** Deliveries (S × M × N) above this are refused: every one keeps an 8-byte latency in memory. */
    static final long MAX_DELIVERIES = 20_000_000L;

    /** The first JDK whose virtual threads the step 4 server uses (its {@code ClientThreads} says why). */
    static final int VIRTUAL_SERVER_JDK = 24;

    /** The one peer there is: the Netty comparator in this module. */
    static final String NETTY = "netty";

    static final String USAGE = """
            usage: BroadcastBench (--port P | --spawn-classpath CP [--peer netty [--repeat K]]) [options]
              --host H               loopback only: 127.0.0.0/8, localhost or ::1 (default 127.0.0.1)
              --port P               connect to a server already listening on H:P
              --spawn-classpath CP   start `java -cp CP dcchat.broadcast.ChatServer --port 0` as a child
                                     process, learn its port from its first line, stop it at the end
              --peer netty           side by side: also run the Netty comparator (dcchat.bench.netty, this
                                     module's class path), alternating with the server above, a fresh child
                                     process each run; then a table of medians and ratios (server ÷ Netty)
              --repeat K             with --peer: runs of each server (default 3)
              --clients N            clients that join and receive (default 200)
              --senders S            the first S clients also send (default 5)
              --messages M           chat lines per sender (default 200)
              --rate R               lines per second per sender; 0 = burst, as fast as possible (default 0)
              --warmup W             first send W unmeasured lines per sender, in a burst, and wait until
                                     every client has them (warms both JITs; default 0: a cold run)
              --timeout-seconds T    hard bound on the whole run, set-up included (default 60)
              --server-threads K     platform or virtual: the spawned step 4 server's client threads, passed to
                                     it as -Ddcchat.threads=K (default virtual on JDK 24 or later, which the
                                     server needs for them; platform before)
            Prints one JSON line per run on stdout (progress goes to stderr), and with --peer the table after
            them. Exit 0: nothing lost or reordered in any run; 1: something was lost, reordered or failed;
            2: bad command line.""";

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** A command line the benchmark cannot run; the message says why. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** @return "burst" or "paced" */
    String mode() {
        return rate == 0 ? "burst" : "paced";
    }

    /** @return S × M × N, the chat frames the clients must receive between them */
    long expected() {
        return (long) senders * messages * clients;
    }

    /**
     * Parses and checks a command line.
     *
     * @param args the arguments of {@code main}
     * @return the options
     * @throws UsageException if an option is unknown, malformed, out of range, or the host is not loopback
     */
    static BenchOptions parse(String... args) throws UsageException {
        String host = "127.0.0.1";
        Integer port = null;
        String spawn = null;
        String peer = null;
        Integer repeat = null;
        int clients = 200;
        int senders = 5;
        int messages = 200;
        int warmup = 0;
        double rate = 0;
        int timeout = 60;
        String serverThreads = Runtime.version().feature() >= VIRTUAL_SERVER_JDK ? "virtual" : "platform";
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("-h") || option.equals("--help")) {
                throw new UsageException("");
            }
            if (i + 1 >= args.length) {
                throw new UsageException("option " + option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--host" -> host = value;
                case "--port" -> port = intIn(option, value, 1, 65_535);
                case "--spawn-classpath" -> spawn = value;
                case "--peer" -> peer = peer(value);
                case "--repeat" -> repeat = intIn(option, value, 1, 100);
                case "--clients" -> clients = intIn(option, value, 1, 100_000);
                case "--senders" -> senders = intIn(option, value, 1, 100_000);
                case "--messages" -> messages = intIn(option, value, 1, 10_000_000);
                case "--warmup" -> warmup = intIn(option, value, 0, 10_000_000);
                case "--rate" -> rate = rate(value);
                case "--timeout-seconds" -> timeout = intIn(option, value, 1, 86_400);
                case "--server-threads" -> serverThreads = serverThreads(value);
                default -> throw new UsageException("unknown option " + option);
            }
        }
        if ((port == null) == (spawn == null)) {
            throw new UsageException("give exactly one of --port P (a running server) or --spawn-classpath CP");
        }
        if (spawn != null && spawn.isBlank()) {
            throw new UsageException("--spawn-classpath is empty");
        }
        if (peer != null && spawn == null) {
            throw new UsageException("--peer runs two servers side by side, each started afresh: it needs"
                    + " --spawn-classpath, not --port");
        }
        if (repeat != null && peer == null) {
            throw new UsageException("--repeat counts the runs of a side-by-side comparison: give --peer netty");
        }
        if (senders > clients) {
            throw new UsageException("--senders " + senders + " exceeds --clients " + clients
                    + " (the senders are the first S clients)");
        }
        BenchOptions options = new BenchOptions(host, loopback(host), port == null ? 0 : port, spawn, peer,
                repeat == null ? 3 : repeat, clients, senders, messages, warmup, rate, timeout, serverThreads);
        if (options.expected() > MAX_DELIVERIES) {
            throw new UsageException(senders + " senders × " + messages + " messages × " + clients + " clients = "
                    + options.expected() + " deliveries exceeds the " + MAX_DELIVERIES + " this benchmark keeps"
                    + " latencies for");
        }
        return options;
    }

    /**
     * Resolves a host, refusing anything that is not loopback. Only literals and {@code localhost} are
     * accepted, so no name is ever looked up.
     *
     * @param host 127.x.y.z, ::1 (brackets allowed) or localhost
     * @return the address to connect to; {@code localhost} is {@link InetAddress#getLoopbackAddress()}
     * @throws UsageException if the host is anything else
     */
    static InetAddress loopback(String host) throws UsageException {
        String refused = "refusing host '" + host + "': this benchmark opens thousands of connections and sends"
                + " as fast as it can, so it only talks to loopback (127.0.0.0/8, localhost or ::1)";
        if (host.equalsIgnoreCase("localhost")) {
            return InetAddress.getLoopbackAddress();
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!IPV4.matcher(literal).matches() && !literal.contains(":")) {
            throw new UsageException(refused);
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(literal); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            throw new UsageException(refused + " (" + host + " is not an IP address)");
        }
        if (!address.isLoopbackAddress()) {
            throw new UsageException(refused);
        }
        return address;
    }

    private static String peer(String value) throws UsageException {
        if (!value.equals(NETTY)) {
            throw new UsageException("--peer " + value + ": the only peer is " + NETTY
                    + " (the Netty comparator, dcchat.bench.netty.NettyChatServer)");
        }
        return value;
    }

    private static String serverThreads(String value) throws UsageException {
        if (!value.equals("platform") && !value.equals("virtual")) {
            throw new UsageException("--server-threads " + value + ": platform or virtual");
        }
        if (value.equals("virtual") && Runtime.version().feature() < VIRTUAL_SERVER_JDK) {
            throw new UsageException("--server-threads virtual needs JDK " + VIRTUAL_SERVER_JDK
                    + " or later; this is JDK " + Runtime.version().feature());
        }
        return value;
    }

    private static int intIn(String option, String value, int min, int max) throws UsageException {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new UsageException(option + " " + value + " is not a whole number in " + min + ".." + max);
    }

    private static double rate(String value) throws UsageException {
        try {
            double r = Double.parseDouble(value);
            if (r >= 0 && r <= 1_000_000 && !Double.isNaN(r)) {
                return r;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new UsageException("--rate " + value + " is not a number of messages per second in 0..1000000"
                + " (0 = burst)");
    }
}
