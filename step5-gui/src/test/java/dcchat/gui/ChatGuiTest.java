package dcchat.gui;

import static dcchat.gui.Gui.eventually;
import static dcchat.gui.Gui.onEdt;
import static org.assertj.core.api.Assertions.assertThat;

import dcchat.broadcast.ChatClient;
import dcchat.broadcast.ChatListener;
import dcchat.broadcast.ChatServer;
import dcchat.framing.ChatMessage;
import dcchat.testing.FrameClient;
import java.awt.Component;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.swing.DefaultListModel;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.ListModel;
import javax.swing.SwingUtilities;
import javax.swing.event.ListDataEvent;
import javax.swing.event.ListDataListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The specification of the chat panel and its models, headless (java.awt.headless=true), against a real
 * step 4 server on loopback. The window itself is tested in {@link ChatWindowTest}, under a display.
 */
@DisplayName("ChatPanel, ChatModel, ChatController (headless)")
class ChatGuiTest {

    private static final String S1 = "step5-gui/README.md §1 The event dispatch thread";
    private static final String S2 = "step5-gui/README.md §2 Models and views";
    private static final String S3 = "step5-gui/README.md §3 Showing text as text";
    private static final String S4 = "step5-gui/README.md §4 Connecting without freezing";
    private static final String S5 = "step5-gui/README.md §5 When the server goes away";
    private static final String S6 = "step5-gui/README.md §6 The window";
    private static final Duration SOON = Duration.ofSeconds(3);

    private ChatServer server;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private ChatModel model;
    private ChatController controller;
    private ChatPanel panel;

    @BeforeEach
    void startServer() throws Exception {
        Gui.reset();
        server = new ChatServer(0).start();
    }

    @AfterEach
    void closeEverything() throws Exception {
        Collections.reverse(toClose);
        for (AutoCloseable c : toClose) {
            try {
                c.close();
            } catch (Exception e) {
                // closing anyway
            }
        }
        if (controller != null) {
            ChatController c = controller;
            SwingUtilities.invokeAndWait(() -> {
                try {
                    c.close();
                } catch (RuntimeException e) {
                    // a stub: nothing to close
                }
            });
        }
        if (server != null) {
            server.close();
        }
    }

    private <T extends AutoCloseable> T closeLater(T c) {
        toClose.add(c);
        return c;
    }

    /** A test client speaking the wire contract directly, joined under {@code name}. */
    private FrameClient joined(String name, String section) throws Exception {
        return closeLater(FrameClient.connect(server.port(), section)).joinAs(name);
    }

    /** Builds model, controller and panel on the EDT. */
    private void buildPanel() throws Exception {
        onEdt(() -> {
            model = new ChatModel();
            controller = new ChatController(model);
            panel = new ChatPanel(controller);
        });
    }

    /** Builds the panel and connects it as {@code name}; waits until the server confirmed the name. */
    private void connectPanel(String name, String section) throws Exception {
        buildPanel();
        onEdt(() -> controller.connect("127.0.0.1", server.port(), name));
        eventually(SOON, () -> model.state(), s -> s == ChatModel.State.CONNECTED,
                "the panel connected as " + name + " should be CONNECTED once its own join came back",
                ChatModel.State.CONNECTED, section);
    }

    private static <T> List<T> items(ListModel<T> m) {
        List<T> list = new ArrayList<>();
        for (int i = 0; i < m.getSize(); i++) {
            list.add(m.getElementAt(i));
        }
        return list;
    }

    /** Waits until the server has confirmed ana's join to a model fed by {@code ChatModel.listener()}. */
    private static void joinedAsAna(ChatModel m) throws Exception {
        eventually(SOON, () -> items(m.messages()), lines -> lines.contains(ChatLine.join("ana")),
                "the server's confirmation of ana's join should be a line of the messages model", ChatLine.join("ana"),
                S1);
    }

    private static int freePort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    @Nested
    @DisplayName("§1 The event dispatch thread")
    class TheEventDispatchThread {

        @Test
        @DisplayName("a chat line that arrives from the server appears in the messages model")
        void messageAppears() throws Exception {
            ChatModel m = new ChatModel();
            closeLater(ChatClient.connect("127.0.0.1", server.port(), m.listener())).join("ana");
            joinedAsAna(m);
            FrameClient bob = joined("bob", S1);
            bob.send("type", "chat", "data", "hola ana");
            eventually(SOON, () -> items(m.messages()), lines -> lines.contains(ChatLine.chat("bob", "hola ana")),
                    "bob's chat should be a line of the messages model", ChatLine.chat("bob", "hola ana"), S1);
        }

        @Test
        @DisplayName("every change to the models happens on the event dispatch thread, none on the reader thread")
        void changesOnTheEdt() throws Exception {
            ChatModel m = new ChatModel();
            List<String> wrongThreads = new CopyOnWriteArrayList<>();
            List<String> events = new CopyOnWriteArrayList<>();
            ListDataListener recorder = new ListDataListener() {
                private void record(ListDataEvent e) {
                    events.add(e.toString());
                    if (!SwingUtilities.isEventDispatchThread()) {
                        wrongThreads.add(Thread.currentThread().getName());
                    }
                }

                @Override
                public void intervalAdded(ListDataEvent e) {
                    record(e);
                }

                @Override
                public void intervalRemoved(ListDataEvent e) {
                    record(e);
                }

                @Override
                public void contentsChanged(ListDataEvent e) {
                    record(e);
                }
            };
            onEdt(() -> {
                m.messages().addListDataListener(recorder);
                m.users().addListDataListener(recorder);
            });
            closeLater(ChatClient.connect("127.0.0.1", server.port(), m.listener())).join("ana");
            joinedAsAna(m);
            FrameClient bob = joined("bob", S1);
            bob.send("type", "chat", "data", "one");
            bob.close();
            eventually(SOON, () -> items(m.messages()), lines -> lines.contains(ChatLine.leave("bob")),
                    "the models should have heard ana's join, bob's join, chat and leave", ChatLine.leave("bob"), S1);
            assertThat(wrongThreads)
                    .as("threads that changed a Swing model (each change fires its listeners on that thread): "
                            + "expected only the event dispatch thread, but %d of %d changes came from %s. "
                            + "Hop with SwingUtilities.invokeLater in listener() (read %s)",
                            wrongThreads.size(), events.size(), wrongThreads, S1)
                    .isEmpty();
        }

        @Test
        @DisplayName("the listener hands each message over with invokeLater: it never waits for a busy EDT")
        void neverWaitsForTheEdt() throws Exception {
            ChatModel m = new ChatModel();
            ChatListener listener = m.listener();
            CountDownLatch edtBusy = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            SwingUtilities.invokeLater(() -> {
                edtBusy.countDown();
                try {
                    release.await(3, TimeUnit.SECONDS); // the EDT is busy (bounded)
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            try {
                assertThat(edtBusy.await(2, TimeUnit.SECONDS)).as("the EDT should have started the busy task").isTrue();
                long t0 = System.nanoTime();
                listener.onMessage(ChatMessage.chat("bob", "while the EDT is busy"));
                long millis = (System.nanoTime() - t0) / 1_000_000;
                int sizeMeanwhile = m.messages().size(); // safe: the EDT is parked in the busy task
                assertThat(millis)
                        .as("ms onMessage took while the EDT was busy: expected at once; it waited for the EDT, as "
                                + "invokeAndWait does — the reader thread must not wait for the GUI (read %s)", S1)
                        .isLessThan(1000);
                assertThat(sizeMeanwhile)
                        .as("lines in the model before the EDT was free: expected 0 — onMessage changed the model "
                                + "on the reader thread instead of handing the change to the EDT (read %s)", S1)
                        .isZero();
            } finally {
                release.countDown();
            }
            eventually(SOON, () -> items(m.messages()), l -> l.contains(ChatLine.chat("bob", "while the EDT is busy")),
                    "once the EDT was free, the line should have reached the model",
                    ChatLine.chat("bob", "while the EDT is busy"), S1);
        }
    }

    @Nested
    @DisplayName("§2 Models and views")
    class ModelsAndViews {

        @Test
        @DisplayName("apply() makes your own chat an OWN line, others' CHAT lines, and errors ERROR lines")
        void linesByKind() throws Exception {
            List<ChatLine> lines = onEdt(() -> {
                ChatModel m = new ChatModel();
                m.connecting("127.0.0.1:5000", "ana");
                m.messages().clear();
                m.apply(ChatMessage.chat("ana", "mine"));
                m.apply(ChatMessage.chat("bob", "his"));
                m.apply(ChatMessage.error("username 'ana' is taken"));
                return items(m.messages());
            });
            assertThat(lines)
                    .as("the lines apply() added for ana's chat, bob's chat and an error, ana being you (read %s)", S2)
                    .containsExactly(ChatLine.own("ana", "mine"), ChatLine.chat("bob", "his"),
                            ChatLine.error("username 'ana' is taken"));
        }

        @Test
        @DisplayName("the users list follows joins and leaves: sorted, each name once, shown by the panel")
        void usersFollowJoinAndLeave() throws Exception {
            FrameClient zoe = joined("zoe", S2);
            connectPanel("bob", S2);
            eventually(SOON, () -> items(panel.userList().getModel()), u -> u.equals(List.of("bob", "zoe")),
                    "the panel's users list should show who is present, sorted", List.of("bob", "zoe"), S2);
            FrameClient ana = joined("ana", S2);
            eventually(SOON, () -> items(panel.userList().getModel()), u -> u.equals(List.of("ana", "bob", "zoe")),
                    "after ana joined, the users list should list her too, in sorted order",
                    List.of("ana", "bob", "zoe"), S2);
            zoe.close();
            eventually(SOON, () -> items(panel.userList().getModel()), u -> u.equals(List.of("ana", "bob")),
                    "after zoe left, the users list should no longer list her", List.of("ana", "bob"), S2);
            assertThat(onEdt(() -> items(model.messages())))
                    .as("the message list should say who joined and left (read %s)", S2)
                    .contains(ChatLine.join("ana"), ChatLine.leave("zoe"));
            ana.close();
        }

        @Test
        @DisplayName("typing a line and pressing Enter sends exactly one chat frame and clears the field")
        void enterSendsOneFrame() throws Exception {
            FrameClient spy = joined("spy", S2);
            connectPanel("ana", S2);
            onEdt(() -> {
                Gui.type(panel.input(), "hola");
                Gui.pressEnter(panel.input());
            });
            spy.await("chat", "data", "hola", "ana's line \"hola\", typed and sent with Enter");
            assertThat(onEdt(() -> panel.input().getText()))
                    .as("the input field after Enter: expected empty, ready for the next line (read %s)", S2).isEmpty();
            onEdt(() -> {
                Gui.type(panel.input(), "second");
                Gui.pressEnter(panel.input());
            });
            com.fasterxml.jackson.databind.JsonNode next = spy.await(
                    n -> "chat".equals(n.path("type").asText()), "ana's next chat line");
            assertThat(next.path("data").asText())
                    .as("the chat after \"hola\": one Enter must send one frame, so the next one is \"second\" "
                            + "(read %s)", S2)
                    .isEqualTo("second");
            eventually(SOON, () -> items(model.messages()), l -> l.contains(ChatLine.own("ana", "second")),
                    "ana's own line, relayed back by the server, should be an OWN line", ChatLine.own("ana", "second"), S2);
        }

        @Test
        @DisplayName("Enter in an empty or blank field sends nothing; the Send button sends like Enter")
        void emptyInputSendsNothing() throws Exception {
            FrameClient spy = joined("spy", S2);
            connectPanel("ana", S2);
            onEdt(() -> {
                Gui.pressEnter(panel.input());
                Gui.type(panel.input(), "   ");
                Gui.pressEnter(panel.input());
                Gui.type(panel.input(), "marker");
                panel.sendButton().doClick(0);
            });
            com.fasterxml.jackson.databind.JsonNode first = spy.await(
                    n -> "chat".equals(n.path("type").asText()), "ana's first chat line");
            assertThat(first.path("data").asText())
                    .as("ana's first chat frame: Enter on \"\" and on \"   \" must send nothing, so the first is "
                            + "\"marker\", sent with the Send button (read %s)", S2)
                    .isEqualTo("marker");
        }
    }

    @Nested
    @DisplayName("§3 Showing text as text")
    class ShowingTextAsText {

        @Test
        @DisplayName("a chat line such as <html><b>x is drawn as those characters, never rendered as HTML")
        void chatLineIsNotHtml() throws Exception {
            FrameClient eve = joined("eve", S3);
            connectPanel("ana", S3);
            eve.send("type", "chat", "data", "<html><b>x");
            eventually(SOON, () -> items(model.messages()), l -> l.contains(ChatLine.chat("eve", "<html><b>x")),
                    "eve's line should have arrived", ChatLine.chat("eve", "<html><b>x"), S3);
            List<JLabel> labels = onEdt(() -> {
                JList<ChatLine> list = panel.messageList();
                int index = items(list.getModel()).indexOf(ChatLine.chat("eve", "<html><b>x"));
                Component c = list.getCellRenderer().getListCellRendererComponent(list,
                        list.getModel().getElementAt(index), index, false, false);
                return Gui.labels(c);
            });
            assertShownAsText(labels, "<html><b>x", "the message list's renderer");
        }

        @Test
        @DisplayName("a user name such as <html><u>eve is drawn as text in the users list")
        void nameIsNotHtml() throws Exception {
            joined("<html><u>eve", S3);
            connectPanel("ana", S3);
            List<JLabel> labels = onEdt(() -> {
                JList<String> list = panel.userList();
                int index = items(list.getModel()).indexOf("<html><u>eve");
                if (index < 0) {
                    return List.<JLabel>of();
                }
                Component c = list.getCellRenderer().getListCellRendererComponent(list, "<html><u>eve", index, false,
                        false);
                return Gui.labels(c);
            });
            assertShownAsText(labels, "<html><u>eve", "the users list's renderer");
        }

        @Test
        @DisplayName("every line kind renders without error, in its own style")
        void everyKindRenders() throws Exception {
            List<String> texts = onEdt(() -> {
                ChatModel m = new ChatModel();
                m.connecting("127.0.0.1:5000", "ana");
                JList<ChatLine> list = new JList<>(new DefaultListModel<>());
                ChatLineRenderer renderer = new ChatLineRenderer();
                List<String> shown = new ArrayList<>();
                ChatLine[] all = {ChatLine.chat("bob", "b"), ChatLine.own("ana", "a"), ChatLine.join("bob"),
                    ChatLine.leave("bob"), ChatLine.error("e"), ChatLine.status("s")};
                java.util.Set<java.awt.Color> colours = new java.util.HashSet<>();
                for (ChatLine line : all) {
                    Component c = renderer.getListCellRendererComponent(list, line, 0, false, false);
                    StringBuilder text = new StringBuilder();
                    for (JLabel l : Gui.labels(c)) {
                        text.append(l.getText()).append(' ');
                        colours.add(l.getForeground());
                    }
                    shown.add(text.toString().strip());
                }
                shown.add("colours=" + colours.size());
                return shown;
            });
            assertThat(texts.subList(0, 6))
                    .as("what the renderer's labels show for a chat, own chat, join, leave, error, status: each "
                            + "line's text must be visible (read %s)", S3)
                    .allSatisfy(t -> assertThat(t).isNotBlank())
                    .anySatisfy(t -> assertThat(t).contains("b"));
            assertThat(texts.get(6))
                    .as("distinct label colours across the six kinds: notices and errors should look different "
                            + "from chat (read %s)", S3)
                    .isNotEqualTo("colours=1");
        }

        private void assertShownAsText(List<JLabel> labels, String text, String where) {
            JLabel showing = labels.stream().filter(l -> text.equals(l.getText())).findFirst().orElse(null);
            assertThat(showing)
                    .as("a label of %s whose text is exactly %s; labels found: %s (read %s)", where, text,
                            labels.stream().map(JLabel::getText).toList(), S3)
                    .isNotNull();
            assertThat(showing.getClientProperty("html"))
                    .as("the HTML view Swing made for the label showing %s: expected none (null) — without "
                            + "putClientProperty(\"html.disable\", Boolean.TRUE) Swing renders it as HTML (read %s)",
                            text, S3)
                    .isNull();
            assertThat(showing.getClientProperty("html.disable"))
                    .as("the label's \"html.disable\" client property (read %s)", S3).isEqualTo(Boolean.TRUE);
        }
    }

    @Nested
    @DisplayName("§4 Connecting without freezing")
    class ConnectingWithoutFreezing {

        @Test
        @DisplayName("connect() returns at once: CONNECTING in the same EDT event, CONNECTED when the join returns")
        void connectReturnsAtOnce() throws Exception {
            buildPanel();
            ChatModel.State right = onEdt(() -> {
                controller.connect("127.0.0.1", server.port(), "ana");
                return model.state();
            });
            assertThat(right)
                    .as("the state right after connect(), still inside the same EDT event: expected CONNECTING — "
                            + "connecting and joining belong on a SwingWorker, not on the EDT (read %s)", S4)
                    .isEqualTo(ChatModel.State.CONNECTING);
            eventually(SOON, () -> model.state(), s -> s == ChatModel.State.CONNECTED,
                    "the model should be CONNECTED once the server confirmed ana's join", ChatModel.State.CONNECTED, S4);
            assertThat(onEdt(() -> items(model.users())))
                    .as("users once connected (read %s)", S4).containsExactly("ana");
            await(() -> server.usernames().contains("ana"), "the server should know ana");
        }

        @Test
        @DisplayName("a server that never answers does not freeze the window while connecting")
        void silentServerDoesNotFreeze() throws Exception {
            try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                fillBacklog(silent);
                buildPanel();
                long t0 = System.nanoTime();
                onEdt(() -> controller.connect("127.0.0.1", silent.getLocalPort(), "ana"));
                long connectMillis = (System.nanoTime() - t0) / 1_000_000;
                long t1 = System.nanoTime();
                ChatModel.State meanwhile = onEdt(() -> model.state());
                long edtMillis = (System.nanoTime() - t1) / 1_000_000;
                assertThat(connectMillis)
                        .as("ms connect() held the EDT with a server that does not answer: expected at once "
                                + "(read %s)", S4)
                        .isLessThan(1000);
                assertThat(edtMillis)
                        .as("ms the EDT took to answer while connecting: expected at once (read %s)", S4)
                        .isLessThan(1000);
                assertThat(meanwhile).as("the state while connecting (read %s)", S4)
                        .isIn(ChatModel.State.CONNECTING, ChatModel.State.FAILED);
                eventually(Duration.ofSeconds(ChatClient.CONNECT_TIMEOUT_MILLIS / 1000 + 3), () -> model.state(),
                        s -> s == ChatModel.State.FAILED,
                        "connecting to a server that never answers should end FAILED (the connect timeout)",
                        ChatModel.State.FAILED, S4);
            }
        }

        /** Fills a backlog-1 listener's accept queue so that the next connection attempt waits (Linux). */
        private void fillBacklog(ServerSocket silent) {
            for (int i = 0; i < 8; i++) {
                Socket s = new Socket();
                try {
                    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort()), 300);
                    closeLater(s);
                } catch (SocketTimeoutException full) {
                    closeQuietly(s);
                    return; // the queue is full: connecting now waits
                } catch (java.io.IOException refused) {
                    closeQuietly(s);
                    return; // this OS refuses instead: the test still checks the EDT is not held
                }
            }
        }

        private void closeQuietly(Socket s) {
            try {
                s.close();
            } catch (java.io.IOException e) {
                // closing anyway
            }
        }
    }

    @Nested
    @DisplayName("§5 When the server goes away")
    class WhenTheServerGoesAway {

        @Test
        @DisplayName("a server that is down at connect is shown as a readable message with a Reconnect button")
        void serverDownAtConnect() throws Exception {
            int port = freePort();
            buildPanel();
            onEdt(() -> controller.connect("127.0.0.1", port, "ana"));
            eventually(SOON, () -> model.state(), s -> s == ChatModel.State.FAILED,
                    "connecting to a port where nobody listens should end FAILED", ChatModel.State.FAILED, S5);
            String status = onEdt(() -> panel.statusLabel().getText());
            assertThat(status)
                    .as("the status bar after a refused connection: one readable sentence naming 127.0.0.1:%d, "
                            + "not an exception (read %s)", port, S5)
                    .contains("127.0.0.1:" + port)
                    .doesNotContain("Exception")
                    .doesNotContain("\tat ");
            assertThat(onEdt(() -> panel.reconnectButton().isVisible()))
                    .as("the Reconnect button after a failed connect: expected visible (read %s)", S5).isTrue();
            assertThat(onEdt(() -> panel.input().isEnabled()))
                    .as("the input field while not connected: expected disabled (read %s)", S5).isFalse();
        }

        @Test
        @DisplayName("a server that goes away is shown: readable status, users cleared, Reconnect button, input off")
        void serverGoesAway() throws Exception {
            connectPanel("ana", S5);
            assertThat(onEdt(() -> panel.reconnectButton().isVisible()))
                    .as("the Reconnect button while connected: expected hidden (read %s)", S5).isFalse();
            assertThat(onEdt(() -> panel.input().isEnabled()))
                    .as("the input field while connected: expected enabled (read %s)", S5).isTrue();
            server.close();
            eventually(SOON, () -> model.state(), s -> s == ChatModel.State.LOST,
                    "after the server closed, the model should be LOST", ChatModel.State.LOST, S5);
            String status = onEdt(() -> panel.statusLabel().getText());
            assertThat(status)
                    .as("the status bar after the server went away: a readable sentence, not an exception "
                            + "(read %s)", S5)
                    .isNotBlank()
                    .doesNotContain("Exception")
                    .doesNotContain("\tat ");
            assertThat(onEdt(() -> items(model.users())))
                    .as("users after the connection was lost: nobody is known to be here (read %s)", S5).isEmpty();
            assertThat(onEdt(() -> items(model.messages())))
                    .as("the message list after the connection was lost: an ERROR line says so (read %s)", S5)
                    .anySatisfy(l -> assertThat(l.kind()).isEqualTo(ChatLine.Kind.ERROR));
            assertThat(onEdt(() -> panel.reconnectButton().isVisible()))
                    .as("the Reconnect button after the server went away: expected visible (read %s)", S5).isTrue();
            assertThat(onEdt(() -> panel.input().isEnabled()))
                    .as("the input field after the server went away: expected disabled (read %s)", S5).isFalse();
        }

        @Test
        @DisplayName("Reconnect joins again, under the same name, once the server is back")
        void reconnect() throws Exception {
            connectPanel("ana", S5);
            int port = server.port();
            server.close();
            eventually(SOON, () -> model.state(), s -> s == ChatModel.State.LOST,
                    "after the server closed, the model should be LOST", ChatModel.State.LOST, S5);
            server = new ChatServer(port).start();
            onEdt(() -> panel.reconnectButton().doClick(0));
            eventually(SOON, () -> model.state(), s -> s == ChatModel.State.CONNECTED,
                    "after Reconnect, with the server back, the model should be CONNECTED again",
                    ChatModel.State.CONNECTED, S5);
            assertThat(onEdt(() -> items(model.users()))).as("users after reconnecting (read %s)", S5)
                    .containsExactly("ana");
            assertThat(onEdt(() -> panel.reconnectButton().isVisible()))
                    .as("the Reconnect button once connected again: expected hidden (read %s)", S5).isFalse();
        }

        @Test
        @DisplayName("a name the server refuses is shown with the server's reason, and ends FAILED")
        void refusedName() throws Exception {
            joined("ana", S5);
            buildPanel();
            onEdt(() -> controller.connect("127.0.0.1", server.port(), "ana"));
            eventually(SOON, () -> model.state(), s -> s == ChatModel.State.FAILED,
                    "joining as a taken name should end FAILED (an error before your own join)",
                    ChatModel.State.FAILED, S5);
            assertThat(onEdt(() -> panel.statusLabel().getText()))
                    .as("the status bar after the server refused the name ana: it should say why (read %s)", S5)
                    .contains("taken");
            assertThat(onEdt(() -> panel.reconnectButton().isVisible()))
                    .as("the Reconnect button after a refused name: expected visible (read %s)", S5).isTrue();
        }
    }

    @Nested
    @DisplayName("§6 The window")
    class TheWindow {

        @Test
        @DisplayName("the connect form refuses a bad host, port or name with a sentence, and accepts good ones")
        void formValidation() throws Exception {
            List<ConnectForm.Request> requests = new CopyOnWriteArrayList<>();
            List<String> problems = onEdt(() -> {
                ConnectForm form = new ConnectForm(requests::add);
                List<String> out = new ArrayList<>();
                String[][] bad = {
                    {" ", "5000", "ana"}, {"127.0.0.1", "abc", "ana"}, {"127.0.0.1", "0", "ana"},
                    {"127.0.0.1", "65536", "ana"}, {"127.0.0.1", "5000", ""}, {"127.0.0.1", "5000", "   "},
                    {"127.0.0.1", "5000", "a".repeat(33)}, {"127.0.0.1", "5000", "an\ta"}, {"127.0.0.1", "5000", " ana"},
                };
                for (String[] b : bad) {
                    form.hostField().setText(b[0]);
                    form.portField().setText(b[1]);
                    form.nameField().setText(b[2]);
                    form.submit();
                    out.add(String.valueOf(form.problem()) + " | shown: " + form.problemLabel().getText());
                }
                form.fill("127.0.0.1", 5000, "ana 🎉");
                form.submit();
                out.add(String.valueOf(form.problem()));
                return out;
            });
            assertThat(problems.subList(0, 9))
                    .as("problem() for a blank host; ports abc, 0, 65536; names \"\", \"   \", 33 characters, "
                            + "with a tab, with a leading space: each a sentence, also shown in the form "
                            + "(read %s)", S6)
                    .allSatisfy(p -> assertThat(p).doesNotStartWith("null").doesNotEndWith("shown:  "));
            assertThat(problems.get(9)).as("problem() for 127.0.0.1, 5000, \"ana 🎉\" (read %s)", S6).isEqualTo("null");
            assertThat(requests)
                    .as("requests the form passed on: only the valid one (read %s)", S6)
                    .containsExactly(new ConnectForm.Request("127.0.0.1", 5000, "ana 🎉"));
        }
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition, String what) {
        org.awaitility.Awaitility.await(what).atMost(SOON).until(condition);
    }
}
