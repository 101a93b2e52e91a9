package dcchat.broadcast;

import static dcchat.testing.Lesson.say;
import static dcchat.testing.Teaching.closedAfterTest;
import static dcchat.testing.Waits.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dcchat.framing.ChatMessage;
import dcchat.testing.Background;
import dcchat.testing.FrameClient;
import dcchat.testing.Lesson;
import dcchat.testing.Ports;
import dcchat.testing.Teaching;
import dcchat.testing.TestServer;
import dcchat.testing.Waits;
import dcchat.testing.Wire;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The specification of {@link ChatClient}, against a small fake server written in the test from the wire
 * contract alone (step4-broadcast/README.md §7).
 */
@DisplayName("ChatClient")
@ExtendWith(Teaching.class)
class ChatClientTest {

    /** Records what the listener hears, and on which thread. */
    static final class Recorder implements ChatListener {
        final BlockingQueue<ChatMessage> messages = new LinkedBlockingQueue<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        final BlockingQueue<String> disconnects = new LinkedBlockingQueue<>();

        @Override
        public void onMessage(ChatMessage message) {
            threads.add(Thread.currentThread().getName());
            messages.add(message);
        }

        @Override
        public void onDisconnected(String reason) {
            disconnects.add(reason == null ? say("(null reason)", "(motivo null)") : reason);
        }

        ChatMessage next(String awaited) throws InterruptedException {
            ChatMessage m = Waits.next(messages, awaited);
            assertThat(m).as(say("the listener should have heard %s within 3 s",
                    "el listener debería haber oído %s en menos de 3 s"), awaited).isNotNull();
            return m;
        }
    }

    /**
     * A fake server: answers a join with a join, relays each chat as from "fake-" + data, and records the
     * JSON it received.
     */
    private static TestServer fakeServer(BlockingQueue<JsonNode> received) throws IOException {
        return TestServer.start(socket -> {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                byte[] body;
                try {
                    body = new byte[in.readInt()];
                    in.readFully(body);
                } catch (EOFException end) {
                    return;
                }
                JsonNode json = FrameClient.JSON.readTree(body);
                received.add(json);
                String reply = switch (json.path("type").asText()) {
                    case "join" -> FrameClient.json("type", "join", "username", json.path("username").asText());
                    case "chat" -> FrameClient.json("type", "chat", "username", "ana", "data", json.path("data").asText());
                    default -> FrameClient.json("type", "error", "data", "unexpected");
                };
                out.write(Wire.frame(reply));
                out.flush();
            }
        });
    }

    @Nested
    @DisplayName("§7 The client library")
    class TheClientLibrary {

        @Test
        @DisplayName("join() and send() write one frame each, as the wire contract says")
        void writesContractFrames() throws Exception {
            BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
            Recorder recorder = new Recorder();
            TestServer fake = fakeServer(received);
            ChatClient client = closedAfterTest(ChatClient.connect("127.0.0.1", fake.port(), recorder));
            client.join("ana");
            client.send("hola 👋");
            assertThat(Waits.next(received, say("the frame join(\"ana\") sent", "el frame que envió join(\"ana\")")))
                    .as(say("the frame join(\"ana\") sent", "el frame que envió join(\"ana\")"))
                    .isEqualTo(FrameClient.JSON.readTree("{\"type\":\"join\",\"username\":\"ana\"}"));
            assertThat(Waits.next(received, say("the frame send(\"hola 👋\") sent",
                    "el frame que envió send(\"hola 👋\")")))
                    .as(say("the frame send(\"hola 👋\") sent: a chat with data, no username",
                            "el frame que envió send(\"hola 👋\"): un chat con data, sin username"))
                    .isEqualTo(FrameClient.JSON.readTree("{\"type\":\"chat\",\"data\":\"hola 👋\"}"));
        }

        @Test
        @DisplayName("the listener hears every message, in order, on the client's own reader thread")
        void listenerOnReaderThread() throws Exception {
            Recorder recorder = new Recorder();
            TestServer fake = fakeServer(new LinkedBlockingQueue<>());
            ChatClient client = closedAfterTest(ChatClient.connect("127.0.0.1", fake.port(), recorder));
            client.join("ana");
            client.send("one");
            client.send("two");
            assertThat(recorder.next(say("the join", "el `join`"))).isEqualTo(ChatMessage.join("ana"));
            assertThat(recorder.next(say("the first chat", "el primer chat")))
                    .isEqualTo(ChatMessage.chat("ana", "one"));
            assertThat(recorder.next(say("the second chat", "el segundo chat")))
                    .isEqualTo(ChatMessage.chat("ana", "two"));
            String caller = Thread.currentThread().getName();
            assertThat(recorder.threads)
                    .as(say("threads the listener was called on: one reader thread of the client, never the "
                            + "caller's thread '%s'", "threads en los que se llamó al listener: un único thread "
                            + "lector del cliente, nunca el thread de quien llama '%s'"), caller)
                    .doesNotContain(caller)
                    .containsOnly(recorder.threads.get(0));
        }

        @Test
        @DisplayName("onDisconnected is called once when the server closes the connection")
        void serverGoesAway() throws Exception {
            Recorder recorder = new Recorder();
            TestServer hangUp = TestServer.start(Socket::close);
            ChatClient client = closedAfterTest(ChatClient.connect("127.0.0.1", hangUp.port(), recorder));
            String reason = Waits.next(recorder.disconnects, say("onDisconnected after the server hung up",
                    "onDisconnected después de que el servidor cortó"));
            assertThat(reason)
                    .as(say("the server hung up: the listener should hear onDisconnected with a reason",
                            "el servidor cortó: el listener debería oír onDisconnected con un motivo"))
                    .isNotBlank();
            await().atMost(Duration.ofSeconds(2)).until(() -> !client.isConnected());
            assertThat(Waits.nothingMore(recorder.disconnects, Duration.ofMillis(300)))
                    .as(say("onDisconnected must be called only once", "onDisconnected debe llamarse una sola vez"))
                    .isNull();
        }

        @Test
        @DisplayName("close() ends the connection without calling onDisconnected")
        void closeIsQuiet() throws Exception {
            BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
            Recorder recorder = new Recorder();
            TestServer fake = fakeServer(received);
            ChatClient client = closedAfterTest(ChatClient.connect("127.0.0.1", fake.port(), recorder));
            client.join("ana");
            recorder.next(say("the join", "el `join`"));
            assertThat(client.isConnected()).as(say("isConnected() while connected",
                    "isConnected() mientras está conectado")).isTrue();
            client.close();
            assertThat(client.isConnected()).as(say("isConnected() after close()", "isConnected() después de close()"))
                    .isFalse();
            assertThat(Waits.nothingMore(recorder.disconnects, Duration.ofMillis(300)))
                    .as(say("you asked to close: onDisconnected is for surprises only",
                            "tú pediste cerrar: onDisconnected es solo para las sorpresas"))
                    .isNull();
        }

        @Test
        @DisplayName("the reader thread dcchat-receiver-N is a daemon: it never keeps a program alive on its own")
        void readerIsADaemon() throws Exception {
            Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
            TestServer fake = fakeServer(new LinkedBlockingQueue<>());
            closedAfterTest(ChatClient.connect("127.0.0.1", fake.port(), new Recorder()));
            List<Thread> readers = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && !before.contains(t) && t.getName().startsWith("dcchat-receiver-"))
                    .collect(Collectors.toList());
            assertThat(readers).as(say("new threads named dcchat-receiver-N after connect()",
                    "threads nuevos llamados dcchat-receiver-N después de connect()")).hasSize(1);
            assertThat(readers.get(0).isDaemon())
                    .as(say("the reader thread must be a daemon: the constructor says setDaemon(true) before start()",
                            "el thread lector debe ser daemon: el constructor dice setDaemon(true) antes de start()"))
                    .isTrue();
        }

        @Test
        @DisplayName("close() waits for the reader thread: a message being handled is finished before close() returns")
        void closeWaitsForTheReader() throws Exception {
            CountDownLatch inListener = new CountDownLatch(1);
            CountDownLatch letGo = new CountDownLatch(1);
            ChatListener slow = message -> {
                inListener.countDown();
                try {
                    letGo.await(5, TimeUnit.SECONDS); // a listener busy with a message, e.g. a GUI waiting for its EDT
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            TestServer fake = fakeServer(new LinkedBlockingQueue<>());
            ChatClient client = closedAfterTest(ChatClient.connect("127.0.0.1", fake.port(), slow));
            try {
                client.join("ana");
                assertThat(inListener.await(3, TimeUnit.SECONDS))
                        .as(say("the listener heard the join", "el listener oyó el `join`")).isTrue();
                try (Background closing = Background.start("test-close", client::close)) {
                    Waits.awaitSteady().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1))
                            .until(closing::isRunning);
                    letGo.countDown();
                    closing.awaitReturn(Duration.ofSeconds(1), say("close() should return once the reader thread, "
                            + "done with its message, has ended", "close() debería retornar en cuanto el thread "
                            + "lector, ya listo con su mensaje, haya terminado"));
                }
            } catch (org.awaitility.core.ConditionTimeoutException returnedEarly) {
                throw new AssertionError(Lesson.explain(say("close() returned while the reader thread was still "
                        + "inside onMessage: close the socket, then join() the reader (up to about a second), so that "
                        + "no callback runs after close() returned.", "close() retornó mientras el thread lector "
                        + "seguía dentro de onMessage: cierra el socket y después haz join() del lector (hasta "
                        + "aproximadamente un segundo), para que ningún callback corra después de que close() "
                        + "retornó."), say("close() still running while onMessage is busy",
                        "close() sigue corriendo mientras onMessage está ocupado"),
                        say("close() returned within 200 ms", "close() retornó en menos de 200 ms")), returnedEarly);
            } finally {
                letGo.countDown();
            }
        }

        @Test
        @DisplayName("close() called on an interrupted thread returns at once and keeps the interrupt for its caller")
        void closeKeepsTheInterrupt() throws Exception {
            CountDownLatch inListener = new CountDownLatch(1);
            CountDownLatch letGo = new CountDownLatch(1);
            ChatListener slow = message -> {
                inListener.countDown();
                try {
                    letGo.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            TestServer fake = fakeServer(new LinkedBlockingQueue<>());
            try {
                ChatClient client = closedAfterTest(ChatClient.connect("127.0.0.1", fake.port(), slow));
                client.join("ana");
                assertThat(inListener.await(3, TimeUnit.SECONDS))
                        .as(say("the listener heard the join", "el listener oyó el `join`")).isTrue();
                boolean stillInterrupted;
                Thread.currentThread().interrupt(); // as if someone asked this thread to stop
                try {
                    client.close(); // the reader is busy in onMessage: join() would wait, but this thread is interrupted
                } finally {
                    stillInterrupted = Thread.interrupted(); // reads and clears the flag
                    letGo.countDown();
                }
                assertThat(stillInterrupted)
                        .as(say("close() was called on an interrupted thread: join() throws InterruptedException "
                                + "and clears the flag; catch it and call Thread.currentThread().interrupt()",
                                "close() se llamó en un thread interrumpido: join() lanza InterruptedException y "
                                + "borra el indicador; captúrala y llama a Thread.currentThread().interrupt()"))
                        .isTrue();
            } finally {
                letGo.countDown();
            }
        }

        @Test
        @DisplayName("after the server hung up, send() throws an IOException (the client closed its socket)")
        void sendAfterHangUpThrows() throws Exception {
            Recorder recorder = new Recorder();
            TestServer hangUp = TestServer.start(Socket::close);
            ChatClient client = closedAfterTest(ChatClient.connect("127.0.0.1", hangUp.port(), recorder));
            assertThat(Waits.next(recorder.disconnects, say("onDisconnected after the server hung up",
                    "onDisconnected después de que el servidor cortó")))
                    .as(say("onDisconnected after the server hung up", "onDisconnected después de que el servidor "
                            + "cortó")).isNotNull();
            assertThatThrownBy(() -> client.send("anyone?"))
                    .as(say("send() after the connection ended: the reader closes the socket when the stream ends, "
                            + "so a send fails at once instead of writing into a dead connection", "send() después "
                            + "de que terminó la conexión: el lector cierra el socket cuando termina el flujo, así "
                            + "que un envío falla de inmediato en vez de escribir en una conexión muerta"))
                    .isInstanceOf(IOException.class);
        }

        @Test
        @DisplayName("send() of a line too long for one frame throws IllegalArgumentException, sends nothing, and the "
                + "client keeps working")
        void tooLongToSend() throws Exception {
            BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
            Recorder recorder = new Recorder();
            TestServer fake = fakeServer(received);
            ChatClient client = closedAfterTest(ChatClient.connect("127.0.0.1", fake.port(), recorder));
            String tooLong = "x".repeat(65_536); // with {"type":"chat","data":""} around it: over 65,536 bytes
            assertThatThrownBy(() -> client.send(tooLong))
                    .as(say("send() of a %,d-character line: its frame body would exceed 65,536 bytes, so the "
                            + "frame writer refuses it with IllegalArgumentException before writing a byte — let "
                            + "that exception out, so the program can tell the user", "send() de una línea de %,d "
                            + "caracteres: el cuerpo de su frame pasaría de 65.536 bytes, así que el escritor de "
                            + "frames la rechaza con IllegalArgumentException antes de escribir un byte — deja salir "
                            + "esa excepción, para que el programa pueda avisarle al usuario"), 65_536)
                    .isInstanceOf(IllegalArgumentException.class);
            client.send("short");
            assertThat(received.poll(3, TimeUnit.SECONDS))
                    .as(say("the frame after the refused line: nothing of that line was written, so the next send "
                            + "is the next frame the server reads", "el frame después de la línea rechazada: no se "
                            + "escribió nada de esa línea, así que el siguiente envío es el siguiente frame que lee "
                            + "el servidor"))
                    .isEqualTo(FrameClient.JSON.readTree("{\"type\":\"chat\",\"data\":\"short\"}"));
            assertThat(client.isConnected()).as(say("isConnected() after a refused line",
                    "isConnected() después de una línea rechazada")).isTrue();
        }

        @Test
        @DisplayName("connect() to a port where nobody listens throws an IOException")
        void connectRefused() throws IOException {
            int freePort = Ports.free();
            assertThatThrownBy(() -> ChatClient.connect("127.0.0.1", freePort, new Recorder()).close())
                    .as(say("nobody listens on %d: connect() should throw, so a GUI can say so",
                            "nadie escucha en %d: connect() debería lanzar una excepción, para que una GUI pueda "
                            + "decirlo"), freePort)
                    .isInstanceOf(IOException.class);
        }

        @Test
        @DisplayName("works with the real step 4 server: two clients chat")
        void withRealServer() throws Exception {
            Recorder anaHears = new Recorder();
            Recorder bobHears = new Recorder();
            ChatServer server = closedAfterTest(new ChatServer(0)).start(); // its close() is checked in ChatServerTest
            ChatClient ana = closedAfterTest(ChatClient.connect("127.0.0.1", server.port(), anaHears));
            ChatClient bob = closedAfterTest(ChatClient.connect("127.0.0.1", server.port(), bobHears));
            ana.join("ana");
            assertThat(anaHears.next(say("ana's join", "el `join` de ana"))).isEqualTo(ChatMessage.join("ana"));
            bob.join("bob");
            assertThat(anaHears.next(say("bob's join", "el `join` de bob"))).isEqualTo(ChatMessage.join("bob"));
            bob.send("hi ana");
            assertThat(anaHears.next(say("bob's chat", "el chat de bob"))).isEqualTo(ChatMessage.chat("bob", "hi ana"));
        }
    }
}
