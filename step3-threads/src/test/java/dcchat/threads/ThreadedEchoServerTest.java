package dcchat.threads;

import static dcchat.testing.Lesson.say;
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
            starting.awaitReturn(Duration.ofSeconds(1), say("start() should start the accept loop on a new thread "
                    + "and return at once — Thread#start(), not Thread#run(), and no accept() on the caller's thread",
                    "start() debería arrancar el bucle de aceptación en un thread nuevo y retornar de inmediato — "
                    + "Thread#start(), no Thread#run(), y ningún accept() en el thread de quien llama"));
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
            throw new AssertionError(Lesson.explain(say("Sending \"" + data + "\" for " + who + " failed: the "
                    + "server had already broken this connection.", "Falló el envío de \"" + data + "\" para " + who
                    + ": el servidor ya había cortado esta conexión."),
                    say("the frame is sent", "el frame se envía"), e.toString()), e);
        }
    }

    /** Sends one chat message and checks that exactly its echo comes back. */
    private static void assertEchoes(FrameClient c, String data, String who) throws IOException {
        sendChat(c, data, who);
        JsonNode echo = c.expect("chat", say("the echo of \"" + data + "\" for " + who,
                "el eco de \"" + data + "\" para " + who));
        assertThat(echo.path("data").asText(null))
                .as(say("the data field of the echo %s got", "el campo data del eco que recibió %s"), who)
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
                .as(say("close() threw %s. It should stop the server without an exception. A "
                        + "ConcurrentModificationException means close() walked a collection that handler threads "
                        + "changed at the same time: use a thread-safe set "
                        + "(see also §3 A thread per client, from an executor)",
                        "close() lanzó %s. Debería detener el servidor sin lanzar excepciones. Una "
                        + "ConcurrentModificationException significa que close() recorrió una colección que los "
                        + "threads de los manejadores modificaban al mismo tiempo: usa un conjunto thread-safe "
                        + "(ver también §3 Un thread por cliente, de un ejecutor)"), thrown)
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
            JsonNode echo = bob.expect("chat", say("bob's echo while alice is still connected — in step 1 he "
                    + "waited until she left; now each client needs a thread of its own "
                    + "(see also §3 A thread per client, from an executor)",
                    "el eco de bob mientras alice sigue conectada — en el paso 1 él esperaba hasta que ella se "
                    + "fuera; ahora cada cliente necesita su propio thread "
                    + "(ver también §3 Un thread por cliente, de un ejecutor)"));
            assertThat(echo.path("data").asText(null)).as(say("bob's echo", "el eco de bob")).isEqualTo("bob 1");

            assertEchoes(alice, "alice 2", say("alice, after bob was served",
                    "alice, después de que se atendió a bob"));
        }

        @Test
        @DisplayName("a client that connects and never sends does not block another client's echo")
        void silentClientDoesNotBlockOthers() throws IOException {
            startServer();
            connect(); // connected, and silent forever: its handler waits in read()

            FrameClient talker = connect();
            sendChat(talker, "is anybody there?", say("a client that connected after a silent one",
                    "un cliente que se conectó después de uno silencioso"));
            JsonNode echo = talker.expect("chat", say("the echo for a client that connected after a silent one — "
                    + "a thread blocked in the silent client's read() must not be the only thread",
                    "el eco para un cliente que se conectó después de uno silencioso — un thread bloqueado en el "
                    + "read() del cliente silencioso no debe ser el único thread"));
            assertThat(echo.path("data").asText(null))
                    .as(say("the echo for the talking client", "el eco para el cliente que habla"))
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
                    .as(say("expected exactly one new live thread named \"dcchat-accept\" after start(); the new "
                            + "threads are %s", "se esperaba exactamente un thread nuevo y vivo llamado "
                            + "\"dcchat-accept\" después de start(); los threads nuevos son %s"), newThreads())
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
                daemon.awaitReturn(Duration.ofSeconds(1), say("new ThreadedEchoServer(0) and start() on a daemon "
                        + "thread should return at once", "new ThreadedEchoServer(0) y start() en un thread daemon "
                        + "deberían retornar de inmediato"));
            }
            server = closedAfterTestUnlessStub(made[0]);
            List<Thread> accept = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && !threadsBefore.contains(t) && t.getName().equals("dcchat-accept"))
                    .collect(Collectors.toList());
            assertThat(accept).as(say("the new dcchat-accept thread", "el thread dcchat-accept nuevo")).hasSize(1);
            assertThat(accept.get(0).isDaemon())
                    .as(say("dcchat-accept was created by a daemon thread, so it inherited daemon status: say what "
                            + "you mean with setDaemon(false) before start()", "dcchat-accept lo creó un thread "
                            + "daemon, así que heredó la condición de daemon: dilo explícitamente con "
                            + "setDaemon(false) antes de start()"))
                    .isFalse();
        }

        @Test
        @DisplayName("the accept thread keeps accepting: clients who arrive one after another are all served")
        void acceptLoopKeepsGoing() throws IOException {
            startServer();
            for (String name : new String[] {"ana", "ben", "cleo"}) {
                try (FrameClient c = FrameClient.connect(server.port())) {
                    assertEchoes(c, "I am " + name, name + say(", who connected after the ones before left",
                            ", que se conectó después de que se fueron los anteriores"));
                }
            }
            assertThat(newThreadsNamed("dcchat-accept"))
                    .as(say("the dcchat-accept thread should still be running, looping over accept()",
                            "el thread dcchat-accept debería seguir corriendo, llamando a accept() en un bucle"))
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
                    sendChat(all.get(i - 1), "client " + i + " says " + m, say("client ", "el cliente ") + i);
                }
            }
            for (int i = clientsAtOnce; i >= 1; i--) { // the last client to connect is read first
                FrameClient c = all.get(i - 1);
                for (int m = 1; m <= framesEach; m++) {
                    JsonNode echo = c.expect("chat", say("echo " + m + " of " + framesEach + " for client " + i
                            + " of " + clientsAtOnce + ", all connected at once", "el eco " + m + " de " + framesEach
                            + " para el cliente " + i + " de " + clientsAtOnce + ", todos conectados a la vez"));
                    assertThat(echo.path("data").asText(null))
                            .as(say("client %d's echo number %d: each client gets its own frames back, in the order "
                                    + "it sent them", "el eco del cliente %d, número %d: cada cliente recibe de "
                                    + "vuelta sus propios frames, en el orden en que los envió"), i, m)
                            .isEqualTo("client " + i + " says " + m);
                }
            }
        }

        @Test
        @DisplayName("client handlers run on threads named dcchat-client-<n>")
        void handlerThreadsAreNamed() throws IOException {
            startServer();
            for (int i = 1; i <= 3; i++) {
                // its handler is now running:
                assertEchoes(connect(), "hello from " + i, say("client ", "el cliente ") + i);
            }

            List<String> handlerThreads = newThreadsNamed("dcchat-client-");
            assertThat(handlerThreads)
                    .as(say("expected at least 3 live threads named dcchat-client-<n> while 3 clients are "
                            + "connected (the executor's ThreadFactory names them); the server's new threads are %s",
                            "se esperaban al menos 3 threads vivos llamados dcchat-client-<n> mientras hay 3 "
                            + "clientes conectados (la ThreadFactory del ejecutor les pone nombre); los threads "
                            + "nuevos del servidor son %s"), newThreads())
                    .hasSizeGreaterThanOrEqualTo(3)
                    .allMatch(name -> name.matches("dcchat-client-\\d+"),
                            say("a name like dcchat-client-7", "un nombre como dcchat-client-7"));
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
                daemon.awaitReturn(Duration.ofSeconds(1), say("newThread() should return the new thread at once",
                        "newThread() debería devolver el thread nuevo de inmediato"));
            }
            assertThat(new String[] {made[0].getName(), made[1].getName()})
                    .as(say("the names of the first two threads the factory made: the prefix and a counter from 1",
                            "los nombres de los dos primeros threads que creó la fábrica: el prefijo y un contador "
                            + "desde 1"))
                    .containsExactly("dcchat-client-1", "dcchat-client-2");
            assertThat(made[0].isDaemon())
                    .as(say("a thread made by newThread() on a daemon thread inherits daemon status unless the "
                            + "factory says setDaemon(false); the kit wants non-daemon threads, so a leak shows "
                            + "(see also §5 Orderly shutdown)", "un thread creado por newThread() en un thread daemon "
                            + "hereda la condición de daemon, salvo que la fábrica diga setDaemon(false); el kit pide "
                            + "threads no daemon, para que una fuga se note (ver también §5 Cierre ordenado)"))
                    .isFalse();
        }

        @Test
        @DisplayName("clientCount() follows clients as they connect and leave")
        void clientCountFollowsClients() throws IOException {
            startServer();
            assertThat(server.clientCount())
                    .as(say("clientCount() before anyone connected", "clientCount() antes de que se conectara alguien"))
                    .isZero();

            FrameClient a = connect();
            FrameClient b = connect();
            FrameClient c = connect();
            assertCountBecomes(3, say("three clients connected", "se conectaron tres clientes"));

            b.close();
            assertCountBecomes(2, say("one of three clients closed its connection",
                    "uno de tres clientes cerró su conexión"));

            assertEchoes(a, "still here", say("a client that stayed", "un cliente que se quedó"));
            a.close();
            c.close();
            assertCountBecomes(0, say("every client closed its connection",
                    "todos los clientes cerraron su conexión"));
        }

        private void assertCountBecomes(int expected, String after) {
            within(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(server.clientCount())
                    .as(say("clientCount() after %s: add each accepted socket to a thread-safe set, remove it when "
                            + "its handler ends", "clientCount() después de que %s: agrega cada socket aceptado a un "
                            + "conjunto thread-safe, y quítalo cuando termine su manejador"), after)
                    .isEqualTo(expected));
        }
    }

    @Nested
    @DisplayName("§4 Containing failures")
    class ContainingFailures {

        @Test
        @DisplayName("a frame with length 0 gets an error frame and closes only its sender")
        void zeroLengthClosesOnlyItsSender() throws IOException {
            assertBadFrameClosesOnlyItsSender(Wire.header(0), say("a frame header with length 0",
                    "una cabecera de frame con largo 0"));
        }

        @Test
        @DisplayName("a frame of invalid JSON gets an error frame and closes only its sender")
        void invalidJsonClosesOnlyItsSender() throws IOException {
            assertBadFrameClosesOnlyItsSender(Wire.frame("{\"type\":\"chat\","), say("a frame holding invalid JSON",
                    "un frame con JSON no válido"));
        }

        private void assertBadFrameClosesOnlyItsSender(byte[] bad, String what) throws IOException {
            startServer();
            FrameClient bystander = connect();
            assertEchoes(bystander, "before", say("the bystander, before the bad frame",
                    "el espectador, antes del frame incorrecto"));

            FrameClient rude = connect();
            rude.sendRaw(bad);
            rude.expect("error", say("an error frame answering " + what + " (step 2's echoFrames sends it)",
                    "un frame `error` que responda a " + what + " (lo envía echoFrames del paso 2)"));
            rude.assertClosedByServer(say("after the error frame the server should close the sender's connection, "
                    + "and only that one", "después del frame `error` el servidor debería cerrar la conexión del "
                    + "remitente, y solo esa"));

            assertEchoes(bystander, "after", say("the bystander, on the same connection, after another client sent "
                    + what + " — one client's failure must end that client's thread only", "el espectador, en la "
                    + "misma conexión, después de que otro cliente envió " + what + " — la falla de un cliente debe "
                    + "terminar solo el thread de ese cliente"));
        }

        @Test
        @DisplayName("a client that resets its connection in the middle of a frame does not disturb the others")
        void resetDoesNotDisturbOthers() throws IOException {
            startServer();
            FrameClient bystander = connect();
            assertEchoes(bystander, "before", say("the bystander, before the reset", "el espectador, antes del reset"));

            try (FrameClient rude = FrameClient.connect(server.port())) {
                assertEchoes(rude, "about to vanish", say("the client that will reset",
                        "el cliente que va a hacer reset"));
                rude.sendRaw(Wire.concat(Wire.header(100), new byte[10])); // 10 of 100 body bytes, then …
                rude.socket().setSoLinger(true, 0); // … close() sends RST: the server's read() throws
            }

            assertEchoes(bystander, "after", say("the bystander, after another client reset its connection — "
                    + "catch the IOException inside that client's handler", "el espectador, después de que otro "
                    + "cliente hizo reset de su conexión — captura la IOException dentro del manejador de ese "
                    + "cliente"));
            try (FrameClient newcomer = FrameClient.connect(server.port())) {
                assertEchoes(newcomer, "hello", say("a client connecting after the reset: the accept thread must "
                        + "not have been hurt", "un cliente que se conecta después del reset: el thread de "
                        + "aceptación no debe haber sufrido daño"));
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
                    assertEchoes(rude, "about to vanish", say("the client that will reset",
                            "el cliente que va a hacer reset"));
                    rude.socket().setSoLinger(true, 0); // close() now sends RST: its handler's read() throws
                }
                within(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(err.linesContaining(who))
                        .as(say("lines on System.err naming the client at %s, which reset its connection: the "
                                + "handler catches the IOException and logs one line, who and what; not silence, "
                                + "not a stack trace", "líneas en System.err que nombran al cliente en %s, que hizo "
                                + "reset de su conexión: el manejador captura la IOException y registra una línea, "
                                + "quién y qué; ni silencio ni un stack trace"), who)
                        .hasSize(1));
            }
        }

        @Test
        @DisplayName("a client that fails is cleaned up: its socket is closed and clientCount() forgets it")
        void failedClientIsForgotten() throws IOException {
            startServer();
            FrameClient bystander = connect();
            assertEchoes(bystander, "I stay", say("the bystander", "el espectador"));

            try (FrameClient rude = FrameClient.connect(server.port())) {
                rude.sendRaw(Wire.header(4));
                rude.socket().setSoLinger(true, 0);
            }
            FrameClient garbage = connect();
            garbage.sendRaw(Wire.header(0));
            garbage.expect("error", say("an error frame answering a frame header with length 0",
                    "un frame `error` que responda a una cabecera de frame con largo 0"));
            garbage.assertClosedByServer(say("the server should close a client after its error frame",
                    "el servidor debería cerrar a un cliente después de su frame `error`"));

            within(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(server.clientCount())
                    .as(say("clientCount() after one client reset and another was closed for a bad frame, with "
                            + "one client left: a failing handler must still close its socket and remove it from the "
                            + "set — try-with-resources and finally", "clientCount() después de que un cliente hizo "
                            + "reset y otro fue cerrado por un frame incorrecto, con un cliente restante: un manejador "
                            + "que falla igual debe cerrar su socket y quitarlo del conjunto — try-with-resources y "
                            + "finally"))
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
                assertEchoes(c, "client " + i + " is here", say("client ", "el cliente ") + i);
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
                    .as(say("close() took %d ms with 10 clients connected; expected under 1000 ms. Close the "
                            + "client sockets BEFORE awaiting the executor: a handler blocked in read() only ends "
                            + "when its socket is closed", "close() tardó %d ms con 10 clientes conectados; se "
                            + "esperaba menos de 1000 ms. Cierra los sockets de los clientes ANTES de esperar al "
                            + "ejecutor: un manejador bloqueado en read() solo termina cuando se cierra su socket"),
                            millis)
                    .isLessThan(1_000);
            for (FrameClient c : ten) {
                c.assertClosedByServer(say("close() should close every client's socket, so each client sees its "
                        + "connection end", "close() debería cerrar el socket de cada cliente, para que cada cliente "
                        + "vea terminar su conexión"));
            }
        }

        @Test
        @DisplayName("after close() no dcchat-* thread started by the server is still alive")
        void closeLeavesNoThreads() throws IOException {
            startServer();
            tenBusyClients();

            closeServerTimed();

            within(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(newThreadsNamed("dcchat-"))
                    .as(say("threads the server started that are still alive 2 s after close() — stop the accept "
                            + "thread (close the listening socket), close the client sockets, shut the executor down "
                            + "and await it; a daemon thread is still a leak", "threads arrancados por el servidor "
                            + "que siguen vivos 2 s después de close() — detén el thread de aceptación (cierra el "
                            + "socket de escucha), cierra los sockets de los clientes, haz shutdown del ejecutor y "
                            + "espéralo; un thread daemon sigue siendo una fuga"))
                    .isEmpty());
        }

        @Test
        @DisplayName("close() called on an interrupted thread keeps the interrupt for its caller")
        void closeKeepsTheInterrupt() throws IOException {
            startServer();
            // A client whose handler is still running when close() waits for it: awaitTermination() then sees the
            // interrupt and throws. (With no handler, and the accept thread already gone, nothing would look at
            // the interrupt at all, and a close() that loses it could pass by luck.)
            assertEchoes(connect(), "hi", say("a client connected before close()", "un cliente conectado antes de "
                    + "close()"));
            boolean stillInterrupted;
            Thread.currentThread().interrupt(); // as if someone asked this thread to stop
            try {
                closeServerTimed();
            } finally {
                stillInterrupted = Thread.interrupted(); // reads and clears the flag: the test thread goes on clean
            }
            assertThat(stillInterrupted)
                    .as(say("close() was called on an interrupted thread: join() or awaitTermination() throw "
                            + "InterruptedException and clear the flag; catch it, shutdownNow(), then "
                            + "Thread.currentThread().interrupt() to keep the interrupt for the caller",
                            "close() se llamó en un thread interrumpido: join() o awaitTermination() lanzan "
                            + "InterruptedException y borran el indicador; captúrala, llama a shutdownNow() y "
                            + "después a Thread.currentThread().interrupt() para conservar la interrupción para "
                            + "quien llamó"))
                    .isTrue();
        }

        @Test
        @DisplayName("after close() the port is free again and new connections are refused")
        void closeFreesThePort() throws IOException {
            startServer();
            int port = server.port();
            assertEchoes(connect(), "hi", say("a client connected before close()",
                    "un cliente conectado antes de close()"));

            closeServerTimed();

            Ports.assertFreedByClose(port, say("nobody should listen on port " + port + " after close(), so "
                    + "connecting must be refused with a ConnectException; close the listening socket first",
                    "nadie debería escuchar en el puerto " + port + " después de close(), así que conectarse debe "
                    + "rechazarse con una ConnectException; cierra primero el socket de escucha"));
        }

        @Test
        @DisplayName("calling close() twice is harmless")
        void closeTwice() throws IOException {
            startServer();
            FrameClient c = connect();
            assertEchoes(c, "hi", say("a client connected before close()", "un cliente conectado antes de close()"));

            closeServerTimed();
            long millis = closeServerTimed();

            assertThat(millis)
                    .as(say("the second close() should do nothing and return at once; it took %d ms",
                            "el segundo close() no debería hacer nada y retornar de inmediato; tardó %d ms"), millis)
                    .isLessThan(500);
            c.assertClosedByServer(say("close() should have closed this client's socket",
                    "close() debería haber cerrado el socket de este cliente"));
        }
    }
}
