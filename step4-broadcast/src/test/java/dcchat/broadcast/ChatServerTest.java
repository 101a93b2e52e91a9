package dcchat.broadcast;

import static dcchat.testing.Teaching.closedAfterTest;
import static dcchat.testing.Waits.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dcchat.framing.ChatMessage;
import dcchat.testing.FrameClient;
import dcchat.testing.Lesson;
import dcchat.testing.Teaching;
import dcchat.testing.ThreadDeaths;
import dcchat.testing.Wire;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The specification of {@link ChatServer}, checked with the tests' own wire-contract client
 * ({@link FrameClient}), one nested class per section of step4-broadcast/README.md.
 */
@DisplayName("ChatServer")
// ThreadDeaths first: JUnit runs after-each callbacks and exception handlers in reverse, so Teaching closes what the
// test opened before ThreadDeaths looks for dead threads; a failure names a dead thread, then Teaching's message.
@ExtendWith({ThreadDeaths.class, Teaching.class})
class ChatServerTest {

    private ChatServer server;

    private ChatServer startServer(int queueCapacity) throws IOException {
        server = closedAfterTest(queueCapacity > 0 ? new ChatServer(0, queueCapacity) : new ChatServer(0));
        server.start();
        return server;
    }

    private FrameClient connect() throws IOException {
        return FrameClient.connect(server.port());
    }

    private FrameClient joined(String name) throws IOException {
        return connect().joinAs(name);
    }

    private static boolean isChat(JsonNode n, String user, String data) {
        return "chat".equals(n.path("type").asText(null)) && user.equals(n.path("username").asText(null))
                && data.equals(n.path("data").asText(null));
    }

    /**
     * A parameter's description, for the failure messages in the student's language: the test's name shows the
     * English one (test names stay English), the test gets the one {@link Lesson#say} chooses.
     */
    private static org.junit.jupiter.api.Named<String> described(String english, String spanish) {
        return org.junit.jupiter.api.Named.of(english, Lesson.say(english, spanish));
    }

    @Nested
    @DisplayName("§2 Joining")
    class Joining {

        @Test
        @DisplayName("a client that joins gets a join frame with its name back")
        void joinIsConfirmed() throws IOException {
            startServer(0);
            FrameClient ana = connect();
            ana.send("type", "join", "username", "ana");
            JsonNode join = ana.expect("join", Lesson.say("the join frame confirming ana's name",
                    "el frame `join` que confirma el nombre de ana"));
            assertThat(join.path("username").asText(null))
                    .as(Lesson.say("the server tells every client, the newcomer included, who joined",
                            "el servidor les dice a todos los clientes, el recién llegado incluido, quién entró"))
                    .isEqualTo("ana");
        }

        @Test
        @DisplayName("clients already present see the newcomer's join, and the newcomer hears who is present")
        void joinsAreAnnounced() throws IOException {
            startServer(0);
            FrameClient ana = joined("ana");
            FrameClient bob = joined("bob");
            ana.await("join", "username", "bob", Lesson.say("bob's join, seen by ana",
                    "el `join` de bob, visto por ana"));
            FrameClient carol = connect();
            carol.send("type", "join", "username", "carol");
            Set<String> heard = new java.util.HashSet<>();
            while (!heard.contains("carol")) {
                heard.add(carol.expect("join", Lesson.say("join frames for the members present, then carol's own",
                        "frames `join` de los miembros presentes, y después el de carol")).path("username").asText());
            }
            assertThat(heard)
                    .as(Lesson.say("a newcomer first hears a join for each member already present, then its own",
                            "un recién llegado oye primero un `join` por cada miembro ya presente, y después el suyo"))
                    .containsExactlyInAnyOrder("ana", "bob", "carol");
            bob.await("join", "username", "carol", Lesson.say("carol's join, seen by bob",
                    "el `join` de carol, visto por bob"));
        }

        @Test
        @DisplayName("a taken name is refused with an error frame, and the client may try another")
        void takenName() throws IOException {
            startServer(0);
            joined("ana");
            FrameClient other = connect();
            other.send("type", "join", "username", "ana");
            JsonNode error = other.expect("error", Lesson.say("an error frame: the name ana is taken",
                    "un frame `error`: el nombre ana está ocupado"));
            assertThat(error.path("data").asText("")).as(Lesson.say("the error says why", "el error dice por qué"))
                    .contains("ana");
            other.joinAs("ana2");
        }

        static Stream<Arguments> invalidNames() {
            return Stream.of(
                    Arguments.of(described("an empty name", "un nombre vacío"), ""),
                    Arguments.of(described("a blank name", "un nombre en blanco"), "   "),
                    Arguments.of(described("a 33-character name", "un nombre de 33 caracteres"), "x".repeat(33)),
                    Arguments.of(described("a name with a line break", "un nombre con un salto de línea"), "ana\nbob"),
                    Arguments.of(described("a name with a NUL", "un nombre con un NUL"), "ana\u0000"));
        }

        @ParameterizedTest(name = "{0} is refused")
        @MethodSource("invalidNames")
        @DisplayName("an invalid name is refused with an error frame")
        void invalidName(String what, String name) throws IOException {
            startServer(0);
            FrameClient c = connect();
            c.send("type", "join", "username", name);
            c.expect("error", Lesson.say("an error frame refusing " + what + " (empty, over 32 characters, or "
                    + "control characters are invalid)", "un frame `error` que rechace " + what + " (un nombre "
                    + "vacío, de más de 32 caracteres o con caracteres de control no es válido)"));
            c.joinAs("valid");
        }

        @Test
        @DisplayName("Names.problem() says why a name is invalid (empty, over 32 characters, control or format "
                + "characters, spaces at either end) and returns null for a valid one")
        void namesSayWhy() {
            List<String> wrong = new ArrayList<>();
            String[][] invalid = {
                {"", "empty"}, {"   ", "empty"}, {"x".repeat(33), "32"}, {"🎉".repeat(33), "32"},
                {"ana\n", "control"}, {"ana\u0000", "control"}, {"ana\u200B", ""}, {"\u202Eana", ""},
                {" ana", "space"}, {"ana ", "space"},
            };
            for (String[] c : invalid) {
                String problem = Names.problem(c[0]);
                if (problem == null || problem.isBlank() || !problem.contains(c[1])) {
                    wrong.add(Lesson.say("Names.problem(" + Lesson.show(c[0]) + ") should be a sentence"
                            + (c[1].isEmpty() ? "" : " mentioning \"" + c[1] + "\"") + ", not " + Lesson.show(problem),
                            "Names.problem(" + Lesson.show(c[0]) + ") debería ser una oración"
                            + (c[1].isEmpty() ? "" : " que mencione \"" + c[1] + "\"") + ", no "
                            + Lesson.show(problem)));
                }
            }
            for (String ok : new String[] {"ana", "ana bob", "🎉".repeat(32), "x".repeat(32), "<html><u>eve", "José"}) {
                String problem = Names.problem(ok);
                if (problem != null) {
                    wrong.add(Lesson.say("Names.problem(" + Lesson.show(ok) + ") should be null (a valid name), not "
                            + Lesson.show(problem), "Names.problem(" + Lesson.show(ok) + ") debería ser null (es un "
                            + "nombre válido), no " + Lesson.show(problem)));
                }
            }
            assertThat(wrong)
                    .as(Lesson.say("names refused (empty or blank, over 32 characters counted as code points, a "
                            + "control or format character, spaces at either end) or accepted by mistake",
                            "nombres rechazados (vacío o en blanco, más de 32 caracteres contados como puntos de "
                            + "código, un carácter de control o de formato, espacios en cualquiera de los extremos) "
                            + "o aceptados por error"))
                    .isEmpty();
        }

        @Test
        @DisplayName("a second join from a client that already has a name is refused with an error; its name stays")
        void secondJoinRefused() throws IOException {
            startServer(0);
            FrameClient ana = joined("ana");
            ana.send("type", "join", "username", "ana2");
            JsonNode error = ana.expect("error", Lesson.say("an error frame: ana already has a name",
                    "un frame `error`: ana ya tiene un nombre"));
            assertThat(error.path("data").asText(""))
                    .as(Lesson.say("the error says why: the client already joined as ana",
                            "el error dice por qué: el cliente ya entró como ana"))
                    .contains("ana");
            assertThat(server.usernames()).as(Lesson.say("names present after ana tried to join again",
                            "nombres presentes después de que ana intentó entrar de nuevo"))
                    .containsExactly("ana");
            ana.send("type", "chat", "data", "still me");
            ana.await(n -> isChat(n, "ana", "still me"), Lesson.say("ana's chat, still under the name bound at her "
                    + "first join", "el chat de ana, todavía con el nombre vinculado en su primer `join`"));
        }

        @Test
        @DisplayName("a client that chats before joining is given a User…… name and told so with a join frame")
        void autoName() throws IOException {
            startServer(0);
            FrameClient anon = connect();
            anon.send("type", "chat", "data", "hi, no name yet");
            JsonNode join = anon.expect("join", Lesson.say("a join frame telling the client the name it was given",
                    "un frame `join` que le dice al cliente el nombre que se le dio"));
            String name = join.path("username").asText("");
            assertThat(name)
                    .as(Lesson.say("seed style: 'User' followed by 6 random letters or digits",
                            "al estilo del chat original: 'User' seguido de 6 letras o dígitos al azar"))
                    .matches("User[A-Za-z0-9]{6}");
            anon.await(n -> isChat(n, name, "hi, no name yet"), Lesson.say("the chat relayed under the given name "
                    + name, "el chat retransmitido con el nombre dado " + name));
        }
    }

    @Nested
    @DisplayName("§3 Relaying chat")
    class RelayingChat {

        @Test
        @DisplayName("three clients see each other's messages, in order, and each sender gets its own back")
        void threeClients() throws IOException {
            startServer(0);
            FrameClient ana = joined("ana");
            FrameClient bob = joined("bob");
            FrameClient carol = joined("carol");
            ana.await("join", "username", "carol", Lesson.say("carol's join, seen by ana",
                    "el `join` de carol, visto por ana"));
            bob.await("join", "username", "carol", Lesson.say("carol's join, seen by bob",
                    "el `join` de carol, visto por bob"));
            for (int i = 1; i <= 3; i++) {
                ana.send("type", "chat", "data", "ana " + i);
                bob.send("type", "chat", "data", "bob " + i);
                carol.send("type", "chat", "data", "carol " + i);
            }
            Map<String, FrameClient> readers = Map.of("ana", ana, "bob", bob, "carol", carol);
            for (Map.Entry<String, FrameClient> reader : readers.entrySet()) {
                Map<String, List<String>> bySender = chatsBySender(reader.getValue(), 9);
                for (String who : List.of("ana", "bob", "carol")) {
                    assertThat(bySender.get(who))
                            .as(Lesson.say("the chats %s received from %s, in arrival order: every one, in the "
                                    + "order sent, the sender's own included", "los chats que %s recibió de %s, en "
                                    + "orden de llegada: todos, en el orden en que se enviaron, incluidos los propios "
                                    + "del remitente"), reader.getKey(), who)
                            .containsExactly(who + " 1", who + " 2", who + " 3");
                }
            }
        }

        @Test
        @DisplayName("a chat line too long to relay with its username gets an error frame, and the client stays")
        void tooLongToRelay() throws IOException {
            startServer(0);
            FrameClient ana = joined("ana");
            String huge = "z".repeat(65_536 - "{\"type\":\"chat\",\"data\":\"\"}".length());
            ana.send("type", "chat", "data", huge); // exactly 65,536 bytes: legal for the client to send
            ana.expect("error", Lesson.say("an error frame: with \"username\":\"ana\" added, the relay would exceed "
                    + "65,536 bytes", "un frame `error`: con \"username\":\"ana\" agregado, la retransmisión pasaría "
                    + "de 65.536 bytes"));
            ana.send("type", "chat", "data", "short");
            ana.await(n -> isChat(n, "ana", "short"), Lesson.say("the next, short chat line, relayed as usual",
                    "la siguiente línea de chat, corta, retransmitida como siempre"));
        }

        @Test
        @DisplayName("a chat carries the name bound at join, whatever username the sender puts in it")
        void noSpoofing() throws IOException {
            startServer(0);
            FrameClient ana = joined("ana");
            FrameClient eve = joined("eve");
            ana.await("join", "username", "eve", Lesson.say("eve's join", "el `join` de eve"));
            eve.send("type", "chat", "username", "ana", "data", "I am ana, trust me");
            JsonNode relayed = ana.await("chat", "data", "I am ana, trust me",
                    Lesson.say("eve's chat line", "la línea de chat de eve"));
            assertThat(relayed.path("username").asText(null))
                    .as(Lesson.say("the relayed username must be the one eve joined with, not the one she wrote",
                            "el username retransmitido debe ser el nombre con que entró eve, no el que ella escribió"))
                    .isEqualTo("eve");
        }

        @Test
        @DisplayName("chat lines written in one go with a leave are all relayed, then the leave")
        void linesBeforeALeave() throws IOException {
            startServer(0);
            FrameClient ana = joined("ana");
            FrameClient bob = joined("bob");
            ana.await("join", "username", "bob", Lesson.say("bob's join", "el `join` de bob"));
            byte[] leave = Wire.frame(FrameClient.json("type", "leave", "username", "bob"));
            bob.sendRaw(Wire.concat(chatFrame("one"), chatFrame("two"), leave)); // one write: a batch for the server
            ana.await(n -> isChat(n, "bob", "one"), Lesson.say("bob's first line, written together with his leave",
                    "la primera línea de bob, escrita junto con su `leave`"));
            ana.await(n -> isChat(n, "bob", "two"), Lesson.say("bob's second line, written together with his leave",
                    "la segunda línea de bob, escrita junto con su `leave`"));
            ana.await("leave", "username", "bob", Lesson.say("bob's leave, after both his lines",
                    "el `leave` de bob, después de sus dos líneas"));
        }
    }

    /** A client's chat frame, as bytes to write together with others. */
    private static byte[] chatFrame(String data) {
        return Wire.frame(FrameClient.json("type", "chat", "data", data));
    }

    @Nested
    @DisplayName("§4 Shared state under concurrency")
    class SharedState {

        @Test
        @Timeout(20)
        @DisplayName("200 messages from 5 concurrent senders reach all 20 clients: none lost, each sender's order kept")
        void concurrentSenders() throws Exception {
            startServer(0);
            int clientsN = 20;
            int senders = 5;
            int perSender = 40;
            List<FrameClient> all = new ArrayList<>();
            for (int i = 0; i < clientsN; i++) {
                all.add(joined("c" + i));
            }
            ExecutorService pool = Executors.newFixedThreadPool(clientsN + senders);
            try {
                List<Future<Map<String, List<Integer>>>> received = new ArrayList<>();
                for (FrameClient c : all) {
                    received.add(pool.submit(() -> collectChats(c, senders * perSender)));
                }
                List<Future<?>> sent = new ArrayList<>();
                for (int s = 0; s < senders; s++) {
                    FrameClient sender = all.get(s);
                    sent.add(pool.submit((Callable<Void>) () -> {
                        for (int i = 0; i < perSender; i++) {
                            sender.send("type", "chat", "data", String.valueOf(i));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : sent) {
                    f.get(10, TimeUnit.SECONDS);
                }
                List<Integer> expected = java.util.stream.IntStream.range(0, perSender).boxed().toList();
                for (int r = 0; r < clientsN; r++) {
                    Map<String, List<Integer>> bySender = received.get(r).get(15, TimeUnit.SECONDS);
                    for (int s = 0; s < senders; s++) {
                        assertThat(bySender.get("c" + s))
                                .as(Lesson.say("the chats client c%d received from sender c%d, in arrival order: "
                                        + "all %d, in the order sent", "los chats que el cliente c%d recibió del "
                                        + "remitente c%d, en orden de llegada: los %d, en el orden en que se "
                                        + "enviaron"), r, s, perSender)
                                .isEqualTo(expected);
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        @Timeout(20)
        @DisplayName("clients joining and leaving during a broadcast cost the stable clients nothing")
        void churn() throws Exception {
            startServer(0);
            FrameClient stable1 = joined("stable1");
            FrameClient stable2 = joined("stable2");
            FrameClient sender = joined("sender");
            int messages = 300;
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                Future<Map<String, List<Integer>>> got1 = pool.submit(() -> collectChats(stable1, messages));
                Future<Map<String, List<Integer>>> got2 = pool.submit(() -> collectChats(stable2, messages));
                Future<Integer> churned = pool.submit(() -> {
                    int n = 0;
                    for (; n < 40; n++) {
                        try (FrameClient passer = FrameClient.connect(server.port())) {
                            passer.joinAs("passer" + n);
                            if (n % 2 == 0) {
                                passer.socket().setSoLinger(true, 0); // every other one leaves abruptly
                            }
                        }
                    }
                    return n;
                });
                for (int i = 0; i < messages; i++) {
                    sender.send("type", "chat", "data", String.valueOf(i));
                }
                assertThat(churned.get(15, TimeUnit.SECONDS)).isEqualTo(40);
                List<Integer> expected = java.util.stream.IntStream.range(0, messages).boxed().toList();
                assertThat(got1.get(15, TimeUnit.SECONDS).get("sender"))
                        .as(Lesson.say("what stable1 received from sender while 40 clients came and went",
                                "lo que stable1 recibió de sender mientras 40 clientes entraban y salían"))
                        .isEqualTo(expected);
                assertThat(got2.get(15, TimeUnit.SECONDS).get("sender"))
                        .as(Lesson.say("what stable2 received from sender while 40 clients came and went",
                                "lo que stable2 recibió de sender mientras 40 clientes entraban y salían"))
                        .isEqualTo(expected);
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        @DisplayName("a broadcast going through the members while another client joins and one leaves neither "
                + "throws nor loses a member")
        void joinAndLeaveDuringABroadcast() throws Exception {
            // The schedule is forced, not hoped for: every member's queue is full, so the broadcast's first
            // send() closes that member's socket (§5), and the socket's close() makes another thread join a
            // newcomer and remove a member, and waits for it — all while the broadcast is between two members.
            Room room = new Room();
            int membersN = 6;
            AtomicBoolean forced = new AtomicBoolean();
            AtomicBoolean started = new AtomicBoolean();
            AtomicReference<Thread> meanwhile = new AtomicReference<>();
            List<Connection> members = new ArrayList<>();
            Connection newcomer = new Connection(100, new Socket(), 64);
            Callable<Boolean> joinAndLeave = () -> {
                started.set(true);
                boolean joined = room.join(newcomer, "newcomer");
                room.leave(members.get(membersN - 1));
                return joined;
            };
            java.util.concurrent.FutureTask<Boolean> other = new java.util.concurrent.FutureTask<>(joinAndLeave);
            Runnable hook = () -> {
                if (!forced.compareAndSet(false, true)) {
                    return;
                }
                Thread t = new Thread(other, "test-another-client");
                meanwhile.set(t);
                t.start();
                // Until the other client has joined and left — or is waiting for a lock the broadcast holds
                // (a broadcast that takes the room's lock is serialised with joins, which is also safe).
                await().atMost(Duration.ofSeconds(5)).until(() -> other.isDone() || started.get()
                        && (t.getState() == Thread.State.BLOCKED || t.getState() == Thread.State.WAITING));
            };
            for (int i = 0; i < membersN; i++) {
                // m0 hears one join per member, itself included, in 6 hand-offs: its queue of 6 is full (a room
                // may hand a later member its roster in one). HashMap and ConcurrentHashMap both visit m0 first.
                Connection c = new Connection(i, new HookedSocket(hook), membersN);
                members.add(c);
                if (!room.join(c, "m" + i)) { // a cross-reference: joining is §2's
                    throw new AssertionError(Lesson.explain(Lesson.say("room.join of m" + i + " into a room "
                            + "without that name returned false.", "room.join de m" + i + " en una sala sin ese "
                            + "nombre devolvió false."), true, false, Lesson.say("step4-broadcast/README.md §2 Joining",
                            "step4-broadcast/README.es.md §2 Entrar a la sala (Joining)")));
                }
            }
            Throwable thrown = null;
            try {
                room.broadcast(ChatMessage.chat("m0", "hello"));
            } catch (RuntimeException | Error e) {
                thrown = e;
            }
            if (!forced.get()) { // a cross-reference: what a full queue does is §5's
                throw new AssertionError(Lesson.explain(Lesson.say("The test could not make the broadcast meet a "
                        + "join: a send() to a member whose queue is full should close that member's socket at once.",
                        "El test no logró que la difusión coincidiera con un `join`: un send() a un miembro cuya cola "
                        + "está llena debería cerrar el socket de ese miembro de inmediato."),
                        Lesson.say("the broadcast's first send() closes a member's socket",
                                "el primer send() de la difusión cierra el socket de un miembro"),
                        Lesson.say("no member's socket was closed", "no se cerró el socket de ningún miembro"),
                        Lesson.say("step4-broadcast/README.md §5 Slow clients",
                                "step4-broadcast/README.es.md §5 Clientes lentos (Slow clients)")));
            }
            if (thrown != null) {
                throw new AssertionError(Lesson.explain(Lesson.say("Room.broadcast threw while another client "
                        + "joined and one left in the middle of it. On a server that happens all the time: the thread "
                        + "that throws is a client's reader thread, which dies, and that client goes silent. Iterate "
                        + "only a collection made to be changed meanwhile: a ConcurrentHashMap's iterator never "
                        + "throws ConcurrentModificationException.", "Room.broadcast lanzó una excepción mientras otro "
                        + "cliente entraba y uno salía en medio de ella. En un servidor eso pasa todo el tiempo: el "
                        + "thread que lanza es el thread lector de un cliente, que muere, y ese cliente se queda "
                        + "mudo. Recorre solo una colección hecha para cambiar mientras tanto: el iterador de un "
                        + "ConcurrentHashMap nunca lanza ConcurrentModificationException."),
                        Lesson.say("the broadcast carries on", "la difusión continúa"), thrown.toString()), thrown);
            }
            assertThat(other.get(5, TimeUnit.SECONDS))
                    .as(Lesson.say("room.join(newcomer) made by another thread during the broadcast",
                            "room.join(newcomer) hecho por otro thread durante la difusión")).isTrue();
            assertThat(room.names())
                    .as(Lesson.say("names in the room after newcomer joined and m%d left during a broadcast",
                            "nombres en la sala después de que newcomer entró y m%d salió durante una difusión"),
                            membersN - 1)
                    .containsExactlyInAnyOrder("m0", "m1", "m2", "m3", "m4", "newcomer");
            meanwhile.get().join(5_000);
        }

        @Test
        @Timeout(60) // about 6 s; 600 client threads started and ended, which a starved machine can make slow
        @DisplayName("close() while 150 clients' threads end and remove themselves, half of them reset at that moment, "
                + "returns normally and counts 0 (four rounds)")
        void closeWhileClientsLeave() throws Exception {
            // Each round closes a server whose clients' threads remove their connections while close() goes
            // through them; half the clients also reset at the same moment, so removals run during the whole
            // loop. One round can miss a plain list's race on a starved machine; four in a row do not.
            int n = 150;
            for (int round = 1; round <= 4; round++) {
                ChatServer s = startServer(0);
                List<FrameClient> mine = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    mine.add(connect());
                }
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(s.connectionCount())
                        .as(Lesson.say("connectionCount() with %d clients connected",
                                "connectionCount() con %d clientes conectados"), n).isEqualTo(n));
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                Thread resets = new Thread(() -> {
                    try {
                        go.await();
                        for (int i = 0; i < n; i += 2) {
                            mine.get(i).socket().setSoLinger(true, 0);
                            mine.get(i).socket().close();
                        }
                    } catch (IOException | InterruptedException e) {
                        // the test ends either way
                    }
                }, "test-resets");
                resets.start();
                go.countDown();
                try {
                    s.close(); // each closed connection's reader thread ends and removes itself, meanwhile
                } catch (RuntimeException e) {
                    throw new AssertionError(Lesson.explain(Lesson.say("close() threw while it went through the "
                            + "open connections (round " + round + "). Each connection's own thread removes it from "
                            + "that collection when it ends — and close() is what ends them, so they change it while "
                            + "close() is going through it: make the set of connections a "
                            + "ConcurrentHashMap.newKeySet().", "close() lanzó una excepción mientras recorría las "
                            + "conexiones abiertas (ronda " + round + "). El thread propio de cada conexión la quita "
                            + "de esa colección cuando termina — y close() es lo que los termina, así que la "
                            + "modifican mientras close() la recorre: haz que el conjunto de conexiones sea un "
                            + "ConcurrentHashMap.newKeySet()."),
                            Lesson.say("close() returns normally", "close() retorna normalmente"), e.toString()), e);
                } finally {
                    resets.join(5_000);
                }
                int r = round;
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(s.connectionCount())
                        .as(Lesson.say("connectionCount() after close() (round %d), once every client thread "
                                + "removed its connection: %d threads removed one each at the same time — a "
                                + "collection that is not thread-safe loses some of those removals",
                                "connectionCount() después de close() (ronda %d), una vez que cada thread de cliente "
                                + "quitó su conexión: %d threads quitaron una cada uno al mismo tiempo — una "
                                + "colección que no es thread-safe pierde algunas de esas eliminaciones"), r, n)
                        .isZero());
                for (FrameClient c : mine) {
                    c.close();
                }
            }
        }
    }

    /** Reads until {@code count} chats arrived; returns, per sender, the data values in arrival order. */
    private static Map<String, List<String>> chatsBySender(FrameClient c, int count) throws IOException {
        Map<String, List<String>> bySender = new HashMap<>();
        int got = 0;
        while (got < count) {
            JsonNode n = c.readJson(Lesson.say("chat " + (got + 1) + " of " + count,
                    "el chat " + (got + 1) + " de " + count));
            if ("chat".equals(n.path("type").asText())) {
                bySender.computeIfAbsent(n.path("username").asText(), k -> new ArrayList<>()).add(n.path("data").asText());
                got++;
            }
        }
        return bySender;
    }

    /** Like {@link #chatsBySender}, with the data values read as numbers. */
    private static Map<String, List<Integer>> collectChats(FrameClient c, int count) throws IOException {
        return chatsBySender(c, count).entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().stream().map(Integer::parseInt).toList()));
    }

    @Nested
    @DisplayName("§5 Slow clients")
    class SlowClients {

        @Test
        @Timeout(20)
        @DisplayName("a client that never reads does not delay a healthy client while 8 MiB is broadcast")
        void laggardDoesNotStallTheRoom() throws Exception {
            startServer(0);
            FrameClient laggard = laggard("laggard");
            FrameClient healthy = joined("healthy");
            FrameClient sender = joined("sender");
            String big = "x".repeat(60_000);
            int bigCount = 140; // 140 × 60 KB ≈ 8.4 MB for every reader
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<Long> lastSeenAt = pool.submit(() -> {
                    healthy.await(n -> "last".equals(n.path("data").asText()),
                            Lesson.say("the last message", "el último mensaje"), Duration.ofSeconds(12));
                    return System.nanoTime();
                });
                for (int i = 0; i < bigCount; i++) {
                    sender.send("type", "chat", "data", big);
                }
                long sentAt = System.nanoTime();
                sender.send("type", "chat", "data", "last");
                long delayMs = (lastSeenAt.get(15, TimeUnit.SECONDS) - sentAt) / 1_000_000;
                assertThat(delayMs)
                        .as(Lesson.say("ms between sending the last message and the healthy client reading it, "
                                + "while the laggard read nothing: a broadcast must only queue, never write on the "
                                + "broadcaster's thread", "ms entre el envío del último mensaje y su lectura por el "
                                + "cliente sano, mientras el rezagado no leía nada: una difusión solo debe encolar, "
                                + "nunca escribir en el thread que difunde"))
                        .isLessThan(5_000);
            } finally {
                pool.shutdownNow();
                laggard.close();
            }
        }

        @Test
        @Timeout(20)
        @DisplayName("a client whose outbound queue fills up is disconnected, and the others see it leave")
        void laggardIsDisconnected() throws Exception {
            startServer(16);
            FrameClient laggard = laggard("laggard");
            FrameClient healthy = joined("healthy");
            String big = "y".repeat(60_000);
            boolean[] laggardLeft = {false};
            for (int i = 0; i < 200 && !laggardLeft[0]; i++) {
                healthy.send("type", "chat", "data", big);
                healthy.await(n -> {
                    if ("leave".equals(n.path("type").asText()) && "laggard".equals(n.path("username").asText())) {
                        laggardLeft[0] = true;
                    }
                    return "chat".equals(n.path("type").asText());
                }, Lesson.say("own chat " + i + " back", "su propio chat " + i + " de vuelta"));
            }
            assertThat(laggardLeft[0])
                    .as(Lesson.say("a leave frame for the laggard after 12 MB were broadcast to it with a queue of "
                            + "16 frames: once its queue is full it must be disconnected — never silently skipped",
                            "un frame `leave` del rezagado después de difundirle 12 MB con una cola de 16 frames: en "
                            + "cuanto su cola se llena hay que desconectarlo — nunca saltárselo en silencio"))
                    .isTrue();
            await().atMost(Duration.ofSeconds(3))
                    .untilAsserted(() -> assertThat(server.usernames())
                            .as(Lesson.say("names present after the laggard was disconnected",
                                    "nombres presentes después de que se desconectó al rezagado"))
                            .containsExactly("healthy"));
            laggard.close();
        }

        @Test
        @DisplayName("Connection.send() only queues: true while there is room; a full queue closes the connection "
                + "and returns false, and so does every send() after close()")
        void sendQueuesThenDisconnects() throws IOException {
            try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                 Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
                 Socket accepted = listener.accept()) {
                Connection c = new Connection(1, accepted, 2); // no writer thread runs: nothing leaves the queue
                byte[] frame = Connection.frameOf(ChatMessage.chat("ana", "hi"));
                assertThat(c.isClosed()).as(Lesson.say("isClosed() of a new connection (see also §9 Shutting down)",
                        "isClosed() de una conexión nueva (ver también §9 Cierre)")).isFalse();
                assertThat(c.send(frame)).as(Lesson.say("send() of frame 1 into a queue of 2",
                        "send() del frame 1 en una cola de 2")).isTrue();
                assertThat(c.send(frame)).as(Lesson.say("send() of frame 2 into a queue of 2",
                        "send() del frame 2 en una cola de 2")).isTrue();
                assertThat(c.send(frame))
                        .as(Lesson.say("send() of frame 3 into a full queue of 2: offer() fails, so the client is not "
                                + "keeping up — close the connection and return false, never wait", "send() del "
                                + "frame 3 en una cola llena de 2: offer() falla, así que el cliente no da abasto — "
                                + "cierra la conexión y devuelve false, nunca esperes"))
                        .isFalse();
                assertThat(c.isClosed()).as(Lesson.say("isClosed() after the queue overflowed",
                        "isClosed() después de que la cola se desbordó")).isTrue();
                assertThat(accepted.isClosed()).as(Lesson.say("the client's socket after its queue overflowed",
                                "el socket del cliente después de que su cola se desbordó"))
                        .isTrue();
                assertThat(c.send(frame))
                        .as(Lesson.say("send() to a closed connection: false at once, nothing queued",
                                "send() a una conexión cerrada: false de inmediato, sin encolar nada"))
                        .isFalse();
            }
        }

        @Test
        @DisplayName("a queue of 1 frame is enough to chat; a queue of 0 is refused")
        void queueCapacityBounds() throws IOException {
            assertThatThrownBy(() -> new ChatServer(0, 0).close())
                    .as(Lesson.say("new ChatServer(0, 0): a queue with room for no frame can deliver nothing",
                            "new ChatServer(0, 0): una cola sin espacio para ningún frame no puede entregar nada"))
                    .isInstanceOf(IllegalArgumentException.class);
            startServer(1);
            FrameClient solo = joined("solo");
            solo.send("type", "chat", "data", "one frame at a time");
            solo.await(n -> isChat(n, "solo", "one frame at a time"), Lesson.say("solo's chat back through a queue "
                    + "of 1 frame", "el chat de solo de vuelta a través de una cola de 1 frame"));
        }

        /** A joined client with a tiny receive buffer that will never read again. */
        private FrameClient laggard(String name) throws IOException {
            return FrameClient.connect(server.port(), 1024).joinAs(name);
        }
    }

    @Nested
    @DisplayName("§6 Bad input")
    class BadInput {

        static Stream<Arguments> badInputs() {
            return Stream.of(
                    Arguments.of(described("a length of 0", "un largo de 0"), Wire.header(0), true),
                    Arguments.of(described("a negative length (high bit set)", "un largo negativo (bit alto en 1)"),
                            Wire.header(0x8000_0000L), true),
                    Arguments.of(described("a length over 65,536", "un largo de más de 65.536"),
                            Wire.concat(Wire.header(70_000), new byte[100]), true),
                    Arguments.of(described("a truncated header", "una cabecera truncada"), new byte[] {0, 0}, false),
                    Arguments.of(described("a truncated body", "un cuerpo truncado"),
                            Wire.concat(Wire.header(100), new byte[10]), false),
                    Arguments.of(described("invalid UTF-8", "UTF-8 no válido"),
                            Wire.frame(new byte[] {'{', '"', (byte) 0xC3, 0x28, '"', '}'}), true),
                    Arguments.of(described("JSON that is not an object", "JSON que no es un objeto"),
                            Wire.frame("[1,2,3]"), true),
                    Arguments.of(described("a chat without data", "un chat sin data"),
                            Wire.frame("{\"type\":\"chat\"}"), true),
                    Arguments.of(described("a username that is not a string", "un username que no es un string"),
                            Wire.frame("{\"type\":\"join\",\"username\":7}"), true),
                    Arguments.of(described("an unknown type", "un tipo desconocido"),
                            Wire.frame("{\"type\":\"shout\",\"data\":\"HI\"}"), true));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("badInputs")
        @DisplayName("bad input gets an error frame and closes only its sender; the others keep chatting")
        void badInputIsContained(String what, byte[] bytes, boolean keepsOutputOpen) throws IOException {
            startServer(0);
            FrameClient ana = joined("ana");
            FrameClient bob = joined("bob");
            FrameClient mallory = joined("mallory");
            ana.await("join", "username", "mallory", Lesson.say("mallory's join", "el `join` de mallory"));

            mallory.sendRaw(bytes);
            if (!keepsOutputOpen) {
                mallory.socket().shutdownOutput(); // the frame stops halfway: end of stream inside it
            }
            JsonNode error = mallory.await(n -> "error".equals(n.path("type").asText()),
                    Lesson.say("an error frame answering " + what + " (the connection can still carry one)",
                            "un frame `error` que responda a " + what + " (la conexión todavía puede llevar uno)"));
            assertThat(error.path("data").asText(""))
                    .as(Lesson.say("the error frame's data: a readable reason",
                            "el data del frame `error`: un motivo legible"))
                    .isNotBlank();
            mallory.assertClosedByServer(Lesson.say("after bad input the server sends the error frame, then closes "
                    + "that client's connection", "después de una entrada incorrecta el servidor envía el frame "
                    + "`error` y después cierra la conexión de ese cliente"));
            mallory.close(); // as a client does at end of stream; one that does not is the next test's case

            bob.await("leave", "username", "mallory", Lesson.say("mallory's leave, after she was disconnected",
                    "el `leave` de mallory, después de que se la desconectó"));
            ana.send("type", "chat", "data", "still here");
            bob.await(n -> isChat(n, "ana", "still here"), Lesson.say("ana's chat, after mallory's bad input",
                    "el chat de ana, después de la entrada incorrecta de mallory"));
            ana.await(n -> isChat(n, "ana", "still here"), Lesson.say("ana's own chat back",
                    "el propio chat de ana de vuelta"));
            assertThat(server.usernames())
                    .as(Lesson.say("who is present after mallory's bad input",
                            "quién está presente después de la entrada incorrecta de mallory"))
                    .containsExactlyInAnyOrder("ana", "bob");
        }

        @Test
        @DisplayName("chat lines written just before bad input are relayed, to their sender too, before the error frame")
        void linesBeforeBadInput() throws IOException {
            startServer(0);
            FrameClient ana = joined("ana");
            FrameClient mallory = joined("mallory");
            ana.await("join", "username", "mallory", Lesson.say("mallory's join", "el `join` de mallory"));
            mallory.sendRaw(Wire.concat(chatFrame("one"), chatFrame("two"), Wire.header(0)));
            mallory.await(n -> isChat(n, "mallory", "one"), Lesson.say("mallory's own first line back, before the "
                    + "error frame", "la primera línea de mallory, de vuelta a ella, antes del frame `error`"));
            mallory.await(n -> isChat(n, "mallory", "two"), Lesson.say("mallory's own second line back, before the "
                    + "error frame", "la segunda línea de mallory, de vuelta a ella, antes del frame `error`"));
            mallory.expect("error", Lesson.say("the error frame answering the length of 0, after her two lines",
                    "el frame `error` que responde al largo de 0, después de sus dos líneas"));
            ana.await(n -> isChat(n, "mallory", "one"), Lesson.say("mallory's first line, written just before a "
                    + "length of 0", "la primera línea de mallory, escrita justo antes de un largo de 0"));
            ana.await(n -> isChat(n, "mallory", "two"), Lesson.say("mallory's second line, written just before a "
                    + "length of 0", "la segunda línea de mallory, escrita justo antes de un largo de 0"));
            ana.await("leave", "username", "mallory", Lesson.say("mallory's leave, after both her lines",
                    "el `leave` de mallory, después de sus dos líneas"));
        }

        @Test
        @DisplayName("a client that ignores the error frame and keeps its side open is still disconnected")
        void stubbornClientIsDisconnected() throws IOException {
            startServer(0);
            FrameClient ana = joined("ana");
            FrameClient mallory = joined("mallory");
            ana.await("join", "username", "mallory", Lesson.say("mallory's join", "el `join` de mallory"));

            mallory.sendRaw(Wire.frame("[1,2,3]"));
            mallory.await(n -> "error".equals(n.path("type").asText()), Lesson.say("an error frame answering JSON "
                    + "that is not an object", "un frame `error` que responda a JSON que no es un objeto"));
            mallory.assertClosedByServer(Lesson.say("after bad input the server sends the error frame, then ends its "
                    + "output", "después de una entrada incorrecta el servidor envía el frame `error` y después "
                    + "termina su salida"));
            // mallory never closes her side: the server may wait a little for her to read the error, not forever
            ana.await("leave", "username", "mallory", Lesson.say("mallory's leave although she kept her connection "
                    + "open: the server closes it after a short, bounded wait", "el `leave` de mallory aunque ella "
                    + "mantuvo abierta su conexión: el servidor la cierra tras una espera corta y acotada"));
            assertThat(server.usernames())
                    .as(Lesson.say("who is present after mallory was disconnected",
                            "quién está presente después de que se desconectó a mallory"))
                    .containsExactly("ana");
        }

        @Test
        @DisplayName("after the error frame the output ends at once; the server reads what the client still sends "
                + "and closes when the client closes its side")
        void refusedClientIsDrained() throws Exception {
            startServer(0);
            FrameClient bob = joined("bob");
            FrameClient mallory = joined("mallory");
            bob.await("join", "username", "mallory", Lesson.say("mallory's join", "el `join` de mallory"));
            ScheduledExecutorService chatter = Executors.newSingleThreadScheduledExecutor();
            try {
                mallory.sendRaw(Wire.header(0));
                mallory.expect("error", Lesson.say("an error frame answering a frame header with length 0",
                        "un frame `error` que responda a una cabecera de frame con largo 0"));
                mallory.socket().setSoTimeout(1_000);
                assertThat(mallory.socket().getInputStream().read())
                        .as(Lesson.say("right after the error frame mallory should read the end of the stream: the "
                                + "writer flushes the last frame, then shutdownOutput()", "justo después del frame "
                                + "`error` mallory debería leer el final del flujo: el escritor hace flush del último "
                                + "frame y después llama a shutdownOutput()"))
                        .isEqualTo(-1);
                // A buggy client seldom stops after one bad frame: mallory goes on sending a little, every 100 ms.
                chatter.scheduleAtFixedRate(() -> {
                    try {
                        mallory.sendRaw(new byte[] {'z', 'z', 'z'});
                    } catch (IOException gone) {
                        // the server closed: the assertions below say whether that was too early
                    }
                }, 0, 100, TimeUnit.MILLISECONDS);
                bob.assertSilentFor(Duration.ofMillis(300), Lesson.say("Mallory's leave arrived while she was still "
                        + "sending. After the error frame the server reads and discards what she sends, until she "
                        + "closes her side, 500 ms of silence or about 1 MiB; only then does it close — closing with "
                        + "unread bytes sends a reset that can destroy the error frame.", "El `leave` de mallory "
                        + "llegó mientras ella todavía enviaba. Después del frame `error` el servidor lee y descarta "
                        + "lo que ella envía, hasta que cierre su lado, 500 ms de silencio o aproximadamente 1 MiB; "
                        + "solo entonces cierra — cerrar con bytes sin leer envía un reset que puede destruir el "
                        + "frame `error`."));
                chatter.shutdownNow();
                chatter.awaitTermination(1, TimeUnit.SECONDS);
                long closedAt = System.nanoTime();
                mallory.close();
                bob.await("leave", "username", "mallory", Lesson.say("mallory's leave, once she closed her side",
                        "el `leave` de mallory, una vez que cerró su lado"));
                long millis = (System.nanoTime() - closedAt) / 1_000_000;
                assertThat(millis)
                        .as(Lesson.say("ms between mallory closing her side and bob seeing her leave: the drain sees "
                                + "her end of stream at once, then the server closes", "ms entre que mallory cerró "
                                + "su lado y bob vio su `leave`: el vaciado ve de inmediato el final de su flujo, y "
                                + "después el servidor cierra"))
                        .isLessThan(1_000);
            } finally {
                chatter.shutdownNow();
            }
        }

        @Test
        @DisplayName("a refused client that keeps sending is cut off after about 1 MiB")
        void floodAfterErrorIsCutOff() throws Exception {
            startServer(0);
            FrameClient bob = joined("bob");
            FrameClient mallory = joined("mallory");
            bob.await("join", "username", "mallory", Lesson.say("mallory's join", "el `join` de mallory"));
            ExecutorService flood = Executors.newSingleThreadExecutor();
            try {
                mallory.sendRaw(Wire.header(0));
                Future<Long> sent = flood.submit(() -> {
                    byte[] chunk = new byte[64 * 1024];
                    long total = 0;
                    long stopAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
                    try {
                        while (System.nanoTime() < stopAt) {
                            mallory.socket().getOutputStream().write(chunk);
                            total += chunk.length;
                        }
                    } catch (IOException cutOff) {
                        // the server closed the connection: what the test wants
                    }
                    return total;
                });
                bob.await("leave", "username", "mallory", Lesson.say("mallory's leave while she keeps sending "
                        + "garbage — the drain must stop after about 1 MiB, or a hostile client holds its thread "
                        + "forever", "el `leave` de mallory mientras sigue enviando basura — el vaciado debe detenerse "
                        + "tras aproximadamente 1 MiB, o un cliente hostil retiene su thread para siempre"));
                dcchat.testing.Waits.await().atMost(Duration.ofSeconds(5))
                        .alias(Lesson.say("mallory's flood to end: after about 1 MiB the server stops reading and "
                                + "closes her connection", "que termine la inundación de mallory: tras "
                                + "aproximadamente 1 MiB el servidor deja de leer y cierra su conexión"))
                        .until(sent::isDone);
                assertThat(sent.get())
                        .as(Lesson.say("bytes mallory could send after her bad frame before the server closed",
                                "bytes que mallory pudo enviar después de su frame incorrecto antes de que el "
                                + "servidor cerrara"))
                        .isLessThan(64L * 1024 * 1024);
            } finally {
                flood.shutdownNow();
            }
        }

        @Test
        @DisplayName("a client may not send an error frame: it gets an error back, is closed, and nothing it sent "
                + "after is relayed")
        void errorFrameFromClientIsRefused() throws IOException {
            startServer(0);
            FrameClient bob = joined("bob");
            FrameClient mallory = joined("mallory");
            bob.await("join", "username", "mallory", Lesson.say("mallory's join", "el `join` de mallory"));
            mallory.sendRaw(Wire.concat(Wire.frame("{\"type\":\"error\",\"data\":\"fake\"}"),
                    Wire.frame("{\"type\":\"chat\",\"data\":\"sneaky\"}"))); // one write: both arrive together
            mallory.expect("error", Lesson.say("an error frame: clients may not send error frames",
                    "un frame `error`: los clientes no pueden enviar frames `error`"));
            mallory.close();
            bob.await(n -> {
                assertThat(isChat(n, "mallory", "sneaky"))
                        .as(Lesson.say("bob received mallory's chat sent right after her refused frame: once a client "
                                + "is refused, nothing more it sent may be handled", "bob recibió el chat de mallory "
                                + "enviado justo después de su frame rechazado: una vez rechazado un cliente, no se "
                                + "puede procesar nada más de lo que envió"))
                        .isFalse();
                return "leave".equals(n.path("type").asText()) && "mallory".equals(n.path("username").asText());
            }, Lesson.say("mallory's leave after her refused error frame",
                    "el `leave` de mallory después de su frame `error` rechazado"));
        }

        @Test
        @DisplayName("a client that sends leave is announced with a leave frame, and the server closes its connection")
        void leaveFrameEndsTheSession() throws IOException {
            startServer(0);
            FrameClient ana = joined("ana");
            FrameClient bob = joined("bob");
            ana.await("join", "username", "bob", Lesson.say("bob's join", "el `join` de bob"));
            bob.send("type", "leave", "username", "bob");
            ana.await("leave", "username", "bob", Lesson.say("bob's leave after he sent a leave frame",
                    "el `leave` de bob después de que envió un frame `leave`"));
            bob.assertClosedByServer(Lesson.say("bob said goodbye with a leave frame: the session ends, the finally "
                    + "block announces the leave and closes his connection", "bob se despidió con un frame `leave`: "
                    + "la sesión termina, y el bloque finally anuncia el `leave` y cierra su conexión"));
        }

        @Test
        @DisplayName("a client that disconnects is announced with a leave frame")
        void leaveIsAnnounced() throws IOException {
            startServer(0);
            FrameClient ana = joined("ana");
            FrameClient bob = joined("bob");
            ana.await("join", "username", "bob", Lesson.say("bob's join", "el `join` de bob"));
            bob.close();
            ana.await("leave", "username", "bob", Lesson.say("bob's leave after he closed his connection",
                    "el `leave` de bob después de que cerró su conexión"));
        }

        @Test
        @DisplayName("a client that leaves takes its threads with it: its reader and its writer both end")
        void leavingEndsItsThreads() throws IOException {
            startServer(0);
            FrameClient ana = joined("ana");
            Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
            FrameClient bob = joined("bob");
            ana.await("join", "username", "bob", Lesson.say("bob's join", "el `join` de bob"));
            bob.close();
            ana.await("leave", "username", "bob", Lesson.say("bob's leave after he closed his connection",
                    "el `leave` de bob después de que cerró su conexión"));
            try {
                await().atMost(Duration.ofSeconds(3)).until(() -> stillInYourCode(before).isEmpty());
            } catch (org.awaitility.core.ConditionTimeoutException | org.awaitility.core.TerminalFailureException e) {
                throw new AssertionError(Lesson.explain(Lesson.say("Bob left, but threads started for him are still "
                        + "in your code, waiting for a connection that is gone: each client that leaves would cost "
                        + "the server a thread for good. Whatever way Session.run ends, its finally block calls "
                        + "room.leave(connection) and then connection.close(), which wakes the writer to end too.",
                        "Bob se fue, pero hay threads arrancados para él que siguen en tu código, esperando una "
                        + "conexión que ya no existe: cada cliente que se va le costaría al servidor un thread para "
                        + "siempre. Termine como termine Session.run, su bloque finally llama a "
                        + "room.leave(connection) y después a connection.close(), que despierta al escritor para que "
                        + "también termine."),
                        Lesson.say("no thread started for bob still inside your code",
                                "ningún thread arrancado para bob sigue dentro de tu código"),
                        Lesson.verbatim(String.join("; ", stillInYourCode(before)))), e);
            }
        }
    }

    /** Threads started since {@code before} that are inside this step's code now, as "name at Class.method". */
    private static List<String> stillInYourCode(Set<Thread> before) {
        List<String> busy = new ArrayList<>();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (!before.contains(thread) && thread.isAlive()) {
                Stream.of(stack).filter(f -> f.getClassName().startsWith("dcchat.broadcast.")).findFirst()
                        .ifPresent(f -> busy.add("\"" + thread.getName() + "\" at " + f.getClassName()
                                .substring("dcchat.broadcast.".length()) + "." + f.getMethodName()
                                + "(" + f.getFileName() + ":" + f.getLineNumber() + ")"));
            }
        });
        return busy;
    }

    @Nested
    @DisplayName("§9 Shutting down")
    class ShuttingDown {

        @Test
        @DisplayName("close() with clients connected returns within 1 s, ends their connections and leaves no thread")
        void closeIsOrderly() throws IOException {
            Set<Thread> before = dcchatThreads();
            startServer(0);
            List<FrameClient> connected = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                connected.add(joined("c" + i));
            }
            connected.add(connect()); // one that never joined
            await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(server.connectionCount())
                    .as(Lesson.say("connectionCount() with 11 clients connected, joined or not",
                            "connectionCount() con 11 clientes conectados, hayan entrado o no"))
                    .isEqualTo(11));
            long start = System.nanoTime();
            server.close();
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(tookMs).as(Lesson.say("ms close() took with 11 clients connected",
                    "ms que tardó close() con 11 clientes conectados")).isLessThan(1_000);
            for (FrameClient c : connected) {
                c.socket().setSoTimeout(0);
                drainUntilClosed(c);
            }
            await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
                Set<String> survivors = dcchatThreads().stream().filter(t -> !before.contains(t))
                        .map(Thread::getName).collect(Collectors.toSet());
                assertThat(survivors)
                        .as(Lesson.say("dcchat-* threads still alive after close() — close client sockets, then "
                                + "await the executors", "threads dcchat-* que siguen vivos después de close() — "
                                + "cierra los sockets de los clientes y después espera a los ejecutores"))
                        .isEmpty();
            });
        }

        @Test
        @DisplayName("close() called on an interrupted thread keeps the interrupt for its caller")
        void closeKeepsTheInterrupt() throws IOException {
            startServer(0);
            joined("ana");
            boolean stillInterrupted;
            Thread.currentThread().interrupt(); // as if someone asked this thread to stop
            try {
                server.close();
            } finally {
                stillInterrupted = Thread.interrupted(); // reads and clears the flag: the test thread goes on clean
            }
            assertThat(stillInterrupted)
                    .as(Lesson.say("close() was called on an interrupted thread: join() or awaitTermination() "
                            + "throw InterruptedException and clear the flag; catch it, shutdownNow(), then "
                            + "Thread.currentThread().interrupt()", "close() se llamó en un thread interrumpido: "
                            + "join() o awaitTermination() lanzan InterruptedException y borran el indicador; "
                            + "captúrala, llama a shutdownNow() y después a Thread.currentThread().interrupt()"))
                    .isTrue();
        }

        @Test
        @DisplayName("after close() the port is free again")
        void portIsFreed() throws IOException {
            startServer(0);
            joined("ana");
            int port = server.port();
            server.close();
            try (java.net.ServerSocket again = new java.net.ServerSocket(port, 50,
                    java.net.InetAddress.getLoopbackAddress())) {
                assertThat(again.getLocalPort()).as(Lesson.say("port %d bound again after close()",
                                "el puerto %d, enlazado de nuevo después de close()"), port)
                        .isEqualTo(port);
            }
        }

        private void drainUntilClosed(FrameClient c) throws IOException {
            try {
                while (true) {
                    c.readJson(Lesson.say("anything, until the server closes this connection",
                            "cualquier cosa, hasta que el servidor cierre esta conexión"));
                }
            } catch (java.net.SocketException reset) {
                // a reset also ends the connection
            } catch (AssertionError e) {
                assertThat(e.getMessage())
                        .as(Lesson.say("after close() every client connection should end",
                                "después de close() toda conexión de cliente debería terminar"))
                        .contains(Lesson.say("closed the connection", "cerró la conexión"));
            }
        }

        private Set<Thread> dcchatThreads() {
            return Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("dcchat-") && t.isAlive())
                    .collect(Collectors.toSet());
        }
    }

    /** A socket that is never connected; its close() first runs a hook (a test's forced schedule). */
    private static final class HookedSocket extends Socket {
        private final Runnable onClose;

        HookedSocket(Runnable onClose) {
            this.onClose = onClose;
        }

        @Override
        public void close() throws IOException {
            onClose.run();
            super.close();
        }
    }
}
