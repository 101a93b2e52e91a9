package dcchat.broadcast;

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
            disconnects.add(reason == null ? "(null reason)" : reason);
        }

        ChatMessage next(String awaited) throws InterruptedException {
            ChatMessage m = Waits.next(messages, awaited);
            assertThat(m).as("the listener should have heard %s within 3 s", awaited).isNotNull();
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
            assertThat(Waits.next(received, "the frame join(\"ana\") sent"))
                    .as("the frame join(\"ana\") sent")
                    .isEqualTo(FrameClient.JSON.readTree("{\"type\":\"join\",\"username\":\"ana\"}"));
            assertThat(Waits.next(received, "the frame send(\"hola 👋\") sent"))
                    .as("the frame send(\"hola 👋\") sent: a chat with data, no username")
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
            assertThat(recorder.next("the join")).isEqualTo(ChatMessage.join("ana"));
            assertThat(recorder.next("the first chat")).isEqualTo(ChatMessage.chat("ana", "one"));
            assertThat(recorder.next("the second chat")).isEqualTo(ChatMessage.chat("ana", "two"));
            String caller = Thread.currentThread().getName();
            assertThat(recorder.threads)
                    .as("threads the listener was called on: one reader thread of the client, never the "
                            + "caller's thread '%s'", caller)
                    .doesNotContain(caller)
                    .containsOnly(recorder.threads.get(0));
        }

        @Test
        @DisplayName("onDisconnected is called once when the server closes the connection")
        void serverGoesAway() throws Exception {
            Recorder recorder = new Recorder();
            TestServer hangUp = TestServer.start(Socket::close);
            ChatClient client = closedAfterTest(ChatClient.connect("127.0.0.1", hangUp.port(), recorder));
            String reason = Waits.next(recorder.disconnects, "onDisconnected after the server hung up");
            assertThat(reason)
                    .as("the server hung up: the listener should hear onDisconnected with a reason")
                    .isNotBlank();
            await().atMost(Duration.ofSeconds(2)).until(() -> !client.isConnected());
            assertThat(Waits.nothingMore(recorder.disconnects, Duration.ofMillis(300)))
                    .as("onDisconnected must be called only once").isNull();
        }

        @Test
        @DisplayName("close() ends the connection without calling onDisconnected")
        void closeIsQuiet() throws Exception {
            BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
            Recorder recorder = new Recorder();
            TestServer fake = fakeServer(received);
            ChatClient client = closedAfterTest(ChatClient.connect("127.0.0.1", fake.port(), recorder));
            client.join("ana");
            recorder.next("the join");
            assertThat(client.isConnected()).as("isConnected() while connected").isTrue();
            client.close();
            assertThat(client.isConnected()).as("isConnected() after close()").isFalse();
            assertThat(Waits.nothingMore(recorder.disconnects, Duration.ofMillis(300)))
                    .as("you asked to close: onDisconnected is for surprises only")
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
            assertThat(readers).as("new threads named dcchat-receiver-N after connect()").hasSize(1);
            assertThat(readers.get(0).isDaemon())
                    .as("the reader thread must be a daemon: the constructor says setDaemon(true) before start()")
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
                assertThat(inListener.await(3, TimeUnit.SECONDS)).as("the listener heard the join").isTrue();
                try (Background closing = Background.start("test-close", client::close)) {
                    Waits.awaitSteady().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1))
                            .until(closing::isRunning);
                    letGo.countDown();
                    closing.awaitReturn(Duration.ofSeconds(1), "close() should return once the reader thread, done "
                            + "with its message, has ended");
                }
            } catch (org.awaitility.core.ConditionTimeoutException returnedEarly) {
                throw new AssertionError(Lesson.explain("close() returned while the reader thread was still inside "
                        + "onMessage: close the socket, then join() the reader (up to about a second), so that no "
                        + "callback runs after close() returned.", "close() still running while onMessage is busy",
                        "close() returned within 200 ms"), returnedEarly);
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
                assertThat(inListener.await(3, TimeUnit.SECONDS)).as("the listener heard the join").isTrue();
                boolean stillInterrupted;
                Thread.currentThread().interrupt(); // as if someone asked this thread to stop
                try {
                    client.close(); // the reader is busy in onMessage: join() would wait, but this thread is interrupted
                } finally {
                    stillInterrupted = Thread.interrupted(); // reads and clears the flag
                    letGo.countDown();
                }
                assertThat(stillInterrupted)
                        .as("close() was called on an interrupted thread: join() throws InterruptedException and "
                                + "clears the flag; catch it and call Thread.currentThread().interrupt()")
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
            assertThat(Waits.next(recorder.disconnects, "onDisconnected after the server hung up"))
                    .as("onDisconnected after the server hung up").isNotNull();
            assertThatThrownBy(() -> client.send("anyone?"))
                    .as("send() after the connection ended: the reader closes the socket when the stream ends, "
                            + "so a send fails at once instead of writing into a dead connection")
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
                    .as("send() of a %,d-character line: its frame body would exceed 65,536 bytes, so the "
                            + "frame writer refuses it with IllegalArgumentException before writing a byte — let "
                            + "that exception out, so the program can tell the user", 65_536)
                    .isInstanceOf(IllegalArgumentException.class);
            client.send("short");
            assertThat(received.poll(3, TimeUnit.SECONDS))
                    .as("the frame after the refused line: nothing of that line was written, so the next send "
                            + "is the next frame the server reads")
                    .isEqualTo(FrameClient.JSON.readTree("{\"type\":\"chat\",\"data\":\"short\"}"));
            assertThat(client.isConnected()).as("isConnected() after a refused line").isTrue();
        }

        @Test
        @DisplayName("connect() to a port where nobody listens throws an IOException")
        void connectRefused() throws IOException {
            int freePort = Ports.free();
            assertThatThrownBy(() -> ChatClient.connect("127.0.0.1", freePort, new Recorder()).close())
                    .as("nobody listens on %d: connect() should throw, so a GUI can say so", freePort)
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
            assertThat(anaHears.next("ana's join")).isEqualTo(ChatMessage.join("ana"));
            bob.join("bob");
            assertThat(anaHears.next("bob's join")).isEqualTo(ChatMessage.join("bob"));
            bob.send("hi ana");
            assertThat(anaHears.next("bob's chat")).isEqualTo(ChatMessage.chat("bob", "hi ana"));
        }
    }
}
