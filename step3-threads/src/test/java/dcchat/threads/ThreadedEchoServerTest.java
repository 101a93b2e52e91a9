package dcchat.threads;

import static dcchat.testing.Teaching.closedAfterTest;
import static dcchat.testing.Waits.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dcchat.testing.Background;
import dcchat.testing.FrameClient;
import dcchat.testing.Lesson;
import dcchat.testing.Ports;
import dcchat.testing.StdErr;
import dcchat.testing.Teaching;
import dcchat.testing.Wire;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The specification of {@link ThreadedEchoServer}, one nested class per section of step3-threads/README.md.
 * Every test talks to a real server on a free loopback port through the tests' own frame client, so it
 * checks this step's threads, not step 2's frame code (step 2's own tests do that).
 */
@DisplayName("ThreadedEchoServer")
@ExtendWith(Teaching.class)
class ThreadedEchoServerTest {


    /** The threads alive before this test's server existed: whatever is new after it, the server made. */
    private Set<Thread> threadsBefore;
    private ThreadedEchoServer server;

    @BeforeEach
    void rememberThreads() {
        threadsBefore = Set.copyOf(Thread.getAllStackTraces().keySet());
    }

    /**
     * Opens a server on a free port and calls {@code start()}, which must return at once. A stub's
     * UnsupportedOperationException comes out here unchanged; a start() that never returns (run() called
     * instead of start()) fails after a second with a message, not after the 10 s time limit.
     */
    private ThreadedEchoServer startServer() throws IOException {
        server = closedAfterTestUnlessStub(new ThreadedEchoServer(0));
        try (Background starting = Background.start("test-start", server::start)) {
            starting.awaitReturn(Duration.ofSeconds(1), "start() should start the accept loop on a new thread and "
                    + "return at once — Thread#start(), not Thread#run(), and no accept() on the caller's thread");
        }
        return server;
    }

    /**
     * Hands {@code opened} to the test's owner, to be closed after the test — unless its close() is still a stub:
     * close() is §5, and until it is written the §5 tests fail for it while §1–§4 can still go green.
     */
    private static ThreadedEchoServer closedAfterTestUnlessStub(ThreadedEchoServer opened) {
        closedAfterTest(() -> {
            try {
                opened.close();
            } catch (UnsupportedOperationException notWrittenYet) {
                // the §5 tests fail for it; the others do not
            }
        });
        return opened;
    }

    /** A test client connected to the running server; closed after the test. */
    private FrameClient connect() throws IOException {
        return FrameClient.connect(server.port());
    }

    /** Sends one chat message; a connection the server already broke fails with a message, not a bare exception. */
    private static void sendChat(FrameClient c, String data, String who) {
        try {
            c.send("type", "chat", "data", data);
        } catch (IOException e) {
            throw new AssertionError(Lesson.explain("Sending \"" + data + "\" for " + who + " failed: the server "
                    + "had already broken this connection.", "the frame is sent", e.toString()), e);
        }
    }

    /** Sends one chat message and checks that exactly its echo comes back. */
    private static void assertEchoes(FrameClient c, String data, String who) throws IOException {
        sendChat(c, data, who);
        JsonNode echo = c.expect("chat", "the echo of \"" + data + "\" for " + who);
        assertThat(echo.path("data").asText(null))
                .as("the data field of the echo %s got", who)
                .isEqualTo(data);
    }

    /**
     * Calls {@code server.close()} and returns how long it took, failing with a message if it throws: a
     * ConcurrentModificationException here is the classic sign of a set of clients that is not thread-safe.
     */
    private long closeServerTimed() {
        long t0 = System.nanoTime();
        Throwable thrown = catchThrowable(server::close);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        if (thrown instanceof UnsupportedOperationException) {
            throw (UnsupportedOperationException) thrown; // a stub: its own message says where to read
        }
        assertThat(thrown)
                .as("close() threw %s. It should stop the server without an exception. A "
                        + "ConcurrentModificationException means close() walked a collection that handler threads "
                        + "changed at the same time: use a thread-safe set "
                        + "(see also §3 A thread per client, from an executor)", thrown)
                .isNull();
        return millis;
    }

    /** Awaitility, polling briskly: a server's threads and counters change a few milliseconds after the test acts. */
    private static ConditionFactory within(Duration limit) {
        return await().atMost(limit).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10));
    }

    /** Live threads that did not exist before this test's server and whose name starts with {@code prefix}. */
    private List<String> newThreadsNamed(String prefix) {
        return newThreads().stream().filter(name -> name.startsWith(prefix)).collect(Collectors.toList());
    }

    /** The names of the live threads that did not exist before this test's server, sorted. */
    private List<String> newThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> !threadsBefore.contains(t))
                .map(Thread::getName)
                .sorted()
                .collect(Collectors.toList());
    }

    @Nested
    @DisplayName("§1 Why one thread is not enough")
    class WhyOneThreadIsNotEnough {

        @Test
        @DisplayName("a second client is echoed while the first one stays connected")
        void secondClientWhileFirstIsConnected() throws IOException {
            startServer();
            FrameClient alice = connect();
            assertEchoes(alice, "alice 1", "alice");

            FrameClient bob = connect();
            sendChat(bob, "bob 1", "bob");
            JsonNode echo = bob.expect("chat", "bob's echo while alice is still connected — in step 1 he waited "
                    + "until she left; now each client needs a thread of its own "
                    + "(see also §3 A thread per client, from an executor)");
            assertThat(echo.path("data").asText(null)).as("bob's echo").isEqualTo("bob 1");

            assertEchoes(alice, "alice 2", "alice, after bob was served");
        }

        @Test
        @DisplayName("a client that connects and never sends does not block another client's echo")
        void silentClientDoesNotBlockOthers() throws IOException {
            startServer();
            connect(); // connected, and silent forever: its handler waits in read()

            FrameClient talker = connect();
            sendChat(talker, "is anybody there?", "a client that connected after a silent one");
            JsonNode echo = talker.expect("chat", "the echo for a client that connected after a silent one — a "
                    + "thread blocked in the silent client's read() must not be the only thread");
            assertThat(echo.path("data").asText(null))
                    .as("the echo for the talking client")
                    .isEqualTo("is anybody there?");
        }
    }

    @Nested
    @DisplayName("§2 The accept loop on its own thread")
    class TheAcceptLoopOnItsOwnThread {

        @Test
        @DisplayName("start() returns at once and leaves a thread named dcchat-accept running")
        void startReturnsAndAcceptThreadRuns() throws IOException {
            startServer(); // fails here if start() does not return within a second

            assertThat(newThreadsNamed("dcchat-accept"))
                    .as("expected exactly one new live thread named \"dcchat-accept\" after start(); the new "
                            + "threads are %s", newThreads())
                    .containsExactly("dcchat-accept");
        }

        @Test
        @DisplayName("dcchat-accept is not a daemon thread, even for a server created on a daemon thread")
        void acceptThreadIsNotADaemon() throws Exception {
            ThreadedEchoServer[] made = new ThreadedEchoServer[1];
            try (Background daemon = Background.start("test-daemon-creator", () -> {
                made[0] = new ThreadedEchoServer(0); // a thread made here would inherit "daemon"
                made[0].start();
            })) {
                daemon.awaitReturn(Duration.ofSeconds(1), "new ThreadedEchoServer(0) and start() on a daemon thread "
                        + "should return at once");
            }
            server = closedAfterTestUnlessStub(made[0]);
            List<Thread> accept = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && !threadsBefore.contains(t) && t.getName().equals("dcchat-accept"))
                    .collect(Collectors.toList());
            assertThat(accept).as("the new dcchat-accept thread").hasSize(1);
            assertThat(accept.get(0).isDaemon())
                    .as("dcchat-accept was created by a daemon thread, so it inherited daemon status: say what you "
                            + "mean with setDaemon(false) before start()")
                    .isFalse();
        }

        @Test
        @DisplayName("the accept thread keeps accepting: clients who arrive one after another are all served")
        void acceptLoopKeepsGoing() throws IOException {
            startServer();
            for (String name : new String[] {"ana", "ben", "cleo"}) {
                try (FrameClient c = FrameClient.connect(server.port())) {
                    assertEchoes(c, "I am " + name, name + ", who connected after the ones before left");
                }
            }
            assertThat(newThreadsNamed("dcchat-accept"))
                    .as("the dcchat-accept thread should still be running, looping over accept()")
                    .containsExactly("dcchat-accept");
        }
    }

    @Nested
    @DisplayName("§3 A thread per client, from an executor")
    class AThreadPerClient {

        @Test
        @DisplayName("20 clients connected at once, sending 10 frames each in turn, each get exactly their own echoes in order")
        void twentyClientsInterleaved() throws IOException {
            startServer();
            int clientsAtOnce = 20;
            int framesEach = 10;
            List<FrameClient> all = new ArrayList<>();
            for (int i = 1; i <= clientsAtOnce; i++) {
                all.add(connect());
            }
            for (int m = 1; m <= framesEach; m++) { // round-robin: client 1 says m, client 2 says m, …
                for (int i = 1; i <= clientsAtOnce; i++) {
                    sendChat(all.get(i - 1), "client " + i + " says " + m, "client " + i);
                }
            }
            for (int i = clientsAtOnce; i >= 1; i--) { // the last client to connect is read first
                FrameClient c = all.get(i - 1);
                for (int m = 1; m <= framesEach; m++) {
                    JsonNode echo = c.expect("chat", "echo " + m + " of " + framesEach + " for client " + i + " of "
                            + clientsAtOnce + ", all connected at once");
                    assertThat(echo.path("data").asText(null))
                            .as("client %d's echo number %d: each client gets its own frames back, in the order it "
                                    + "sent them", i, m)
                            .isEqualTo("client " + i + " says " + m);
                }
            }
        }

        @Test
        @DisplayName("client handlers run on threads named dcchat-client-<n>")
        void handlerThreadsAreNamed() throws IOException {
            startServer();
            for (int i = 1; i <= 3; i++) {
                assertEchoes(connect(), "hello from " + i, "client " + i); // its handler is now running
            }

            List<String> handlerThreads = newThreadsNamed("dcchat-client-");
            assertThat(handlerThreads)
                    .as("expected at least 3 live threads named dcchat-client-<n> while 3 clients are connected "
                            + "(the executor's ThreadFactory names them); the server's new threads are %s",
                            newThreads())
                    .hasSizeGreaterThanOrEqualTo(3)
                    .allMatch(name -> name.matches("dcchat-client-\\d+"), "a name like dcchat-client-7");
        }

        @Test
        @DisplayName("the ThreadFactory names its threads <prefix><n> and makes them non-daemon, whoever calls it")
        void threadFactoryMakesNamedNonDaemonThreads() throws Exception {
            NamedThreadFactory factory = new NamedThreadFactory("dcchat-client-");
            Thread[] made = new Thread[2];
            try (Background daemon = Background.start("test-daemon-caller", () -> {
                made[0] = factory.newThread(() -> { });
                made[1] = factory.newThread(() -> { });
            })) {
                daemon.awaitReturn(Duration.ofSeconds(1), "newThread() should return the new thread at once");
            }
            assertThat(new String[] {made[0].getName(), made[1].getName()})
                    .as("the names of the first two threads the factory made: the prefix and a counter from 1")
                    .containsExactly("dcchat-client-1", "dcchat-client-2");
            assertThat(made[0].isDaemon())
                    .as("a thread made by newThread() on a daemon thread inherits daemon status unless the factory "
                            + "says setDaemon(false); the kit wants non-daemon threads, so a leak shows (see also §5 "
                            + "Orderly shutdown)")
                    .isFalse();
        }

        @Test
        @DisplayName("clientCount() follows clients as they connect and leave")
        void clientCountFollowsClients() throws IOException {
            startServer();
            assertThat(server.clientCount()).as("clientCount() before anyone connected").isZero();

            FrameClient a = connect();
            FrameClient b = connect();
            FrameClient c = connect();
            assertCountBecomes(3, "three clients connected");

            b.close();
            assertCountBecomes(2, "one of three clients closed its connection");

            assertEchoes(a, "still here", "a client that stayed");
            a.close();
            c.close();
            assertCountBecomes(0, "every client closed its connection");
        }

        private void assertCountBecomes(int expected, String after) {
            within(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(server.clientCount())
                    .as("clientCount() after %s: add each accepted socket to a thread-safe set, remove it when its "
                            + "handler ends", after)
                    .isEqualTo(expected));
        }
    }

    @Nested
    @DisplayName("§4 Containing failures")
    class ContainingFailures {

        @Test
        @DisplayName("a frame with length 0 gets an error frame and closes only its sender")
        void zeroLengthClosesOnlyItsSender() throws IOException {
            assertBadFrameClosesOnlyItsSender(Wire.header(0), "a frame header with length 0");
        }

        @Test
        @DisplayName("a frame of invalid JSON gets an error frame and closes only its sender")
        void invalidJsonClosesOnlyItsSender() throws IOException {
            assertBadFrameClosesOnlyItsSender(Wire.frame("{\"type\":\"chat\","), "a frame holding invalid JSON");
        }

        private void assertBadFrameClosesOnlyItsSender(byte[] bad, String what) throws IOException {
            startServer();
            FrameClient bystander = connect();
            assertEchoes(bystander, "before", "the bystander, before the bad frame");

            FrameClient rude = connect();
            rude.sendRaw(bad);
            rude.expect("error", "an error frame answering " + what + " (step 2's echoFrames sends it)");
            rude.assertClosedByServer("after the error frame the server should close the sender's connection, "
                    + "and only that one");

            assertEchoes(bystander, "after", "the bystander, on the same connection, after another client sent "
                    + what + " — one client's failure must end that client's thread only");
        }

        @Test
        @DisplayName("a client that resets its connection in the middle of a frame does not disturb the others")
        void resetDoesNotDisturbOthers() throws IOException {
            startServer();
            FrameClient bystander = connect();
            assertEchoes(bystander, "before", "the bystander, before the reset");

            try (FrameClient rude = FrameClient.connect(server.port())) {
                assertEchoes(rude, "about to vanish", "the client that will reset");
                rude.sendRaw(Wire.concat(Wire.header(100), new byte[10])); // 10 of 100 body bytes, then …
                rude.socket().setSoLinger(true, 0); // … close() sends RST: the server's read() throws
            }

            assertEchoes(bystander, "after", "the bystander, after another client reset its connection — catch "
                    + "the IOException inside that client's handler");
            try (FrameClient newcomer = FrameClient.connect(server.port())) {
                assertEchoes(newcomer, "hello", "a client connecting after the reset: the accept thread must not "
                        + "have been hurt");
            }
        }

        @Test
        @DisplayName("a client that resets its connection is logged on System.err: one line that names it")
        void resetIsLogged() throws IOException {
            startServer();
            try (StdErr err = StdErr.record()) {
                String who;
                try (FrameClient rude = FrameClient.connect(server.port())) {
                    who = ":" + rude.socket().getLocalPort(); // the server sees this client as /127.0.0.1:<port>
                    assertEchoes(rude, "about to vanish", "the client that will reset");
                    rude.socket().setSoLinger(true, 0); // close() now sends RST: its handler's read() throws
                }
                within(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(err.linesContaining(who))
                        .as("lines on System.err naming the client at %s, which reset its connection: the handler "
                                + "catches the IOException and logs one line, who and what; not silence, not a "
                                + "stack trace", who)
                        .hasSize(1));
            }
        }

        @Test
        @DisplayName("a client that fails is cleaned up: its socket is closed and clientCount() forgets it")
        void failedClientIsForgotten() throws IOException {
            startServer();
            FrameClient bystander = connect();
            assertEchoes(bystander, "I stay", "the bystander");

            try (FrameClient rude = FrameClient.connect(server.port())) {
                rude.sendRaw(Wire.header(4));
                rude.socket().setSoLinger(true, 0);
            }
            FrameClient garbage = connect();
            garbage.sendRaw(Wire.header(0));
            garbage.expect("error", "an error frame answering a frame header with length 0");
            garbage.assertClosedByServer("the server should close a client after its error frame");

            within(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(server.clientCount())
                    .as("clientCount() after one client reset and another was closed for a bad frame, with one "
                            + "client left: a failing handler must still close its socket and remove it from the "
                            + "set — try-with-resources and finally")
                    .isEqualTo(1));
        }
    }

    @Nested
    @DisplayName("§5 Orderly shutdown")
    class OrderlyShutdown {

        /** Ten clients, each echoed once: ten handlers are now blocked in read(). */
        private List<FrameClient> tenBusyClients() throws IOException {
            List<FrameClient> ten = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                FrameClient c = connect();
                assertEchoes(c, "client " + i + " is here", "client " + i);
                ten.add(c);
            }
            return ten;
        }

        @Test
        @DisplayName("close() with 10 clients connected returns in under a second and closes every connection")
        void closeIsQuickAndClosesClients() throws IOException {
            startServer();
            List<FrameClient> ten = tenBusyClients();

            long millis = closeServerTimed();

            assertThat(millis)
                    .as("close() took %d ms with 10 clients connected; expected under 1000 ms. Close the client "
                            + "sockets BEFORE awaiting the executor: a handler blocked in read() only ends when its "
                            + "socket is closed", millis)
                    .isLessThan(1_000);
            for (FrameClient c : ten) {
                c.assertClosedByServer("close() should close every client's socket, so each client sees its "
                        + "connection end");
            }
        }

        @Test
        @DisplayName("after close() no dcchat-* thread started by the server is still alive")
        void closeLeavesNoThreads() throws IOException {
            startServer();
            tenBusyClients();

            closeServerTimed();

            within(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(newThreadsNamed("dcchat-"))
                    .as("threads the server started that are still alive 2 s after close() — stop the accept thread "
                            + "(close the listening socket), close the client sockets, shut the executor down and "
                            + "await it; a daemon thread is still a leak")
                    .isEmpty());
        }

        @Test
        @DisplayName("close() called on an interrupted thread keeps the interrupt for its caller")
        void closeKeepsTheInterrupt() throws IOException {
            startServer();
            boolean stillInterrupted;
            Thread.currentThread().interrupt(); // as if someone asked this thread to stop
            try {
                closeServerTimed();
            } finally {
                stillInterrupted = Thread.interrupted(); // reads and clears the flag: the test thread goes on clean
            }
            assertThat(stillInterrupted)
                    .as("close() was called on an interrupted thread: join() or awaitTermination() throw "
                            + "InterruptedException and clear the flag; catch it, shutdownNow(), then "
                            + "Thread.currentThread().interrupt() to keep the interrupt for the caller")
                    .isTrue();
        }

        @Test
        @DisplayName("after close() the port is free again and new connections are refused")
        void closeFreesThePort() throws IOException {
            startServer();
            int port = server.port();
            assertEchoes(connect(), "hi", "a client connected before close()");

            closeServerTimed();

            Ports.assertFreedByClose(port, "nobody should listen on port " + port + " after close(), so connecting "
                    + "must be refused with a ConnectException; close the listening socket first");
        }

        @Test
        @DisplayName("calling close() twice is harmless")
        void closeTwice() throws IOException {
            startServer();
            FrameClient c = connect();
            assertEchoes(c, "hi", "a client connected before close()");

            closeServerTimed();
            long millis = closeServerTimed();

            assertThat(millis)
                    .as("the second close() should do nothing and return at once; it took %d ms", millis)
                    .isLessThan(500);
            c.assertClosedByServer("close() should have closed this client's socket");
        }
    }
}
