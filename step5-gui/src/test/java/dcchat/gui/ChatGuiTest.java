package dcchat.gui;

import static dcchat.gui.Gui.eventually;
import static dcchat.gui.Gui.onEdt;
import static dcchat.testing.Teaching.closedAfterTest;
import static org.assertj.core.api.Assertions.assertThat;

import dcchat.broadcast.ChatClient;
import dcchat.broadcast.ChatListener;
import dcchat.broadcast.ChatServer;
import dcchat.framing.ChatMessage;
import dcchat.testing.FrameClient;
import dcchat.testing.Lesson;
import dcchat.testing.Ports;
import dcchat.testing.Teaching;
import dcchat.testing.Waits;
import java.awt.Component;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.swing.DefaultListModel;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.ListModel;
import javax.swing.SwingUtilities;
import javax.swing.event.ListDataEvent;
import javax.swing.event.ListDataListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The specification of the chat panel and its models, headless (java.awt.headless=true), against a real
 * step 4 server on loopback. The window itself is tested in {@link ChatWindowTest}, under a display.
 */
@DisplayName("ChatPanel, ChatModel, ChatController (headless)")
@ExtendWith(Teaching.class)
class ChatGuiTest {

    private static final Duration SOON = Duration.ofSeconds(3);

    private ChatServer server;
    private ChatModel model;
    private ChatController controller;
    private ChatPanel panel;

    @BeforeEach
    void startServer() throws Exception {
        Gui.reset();
        server = closedAfterTest(new ChatServer(0).start());
    }

    /** A test client speaking the wire contract directly, joined under {@code name}. */
    private FrameClient joined(String name) throws Exception {
        return FrameClient.connect(server.port()).joinAs(name);
    }

    /** Builds model, controller and panel on the EDT; the controller is closed on the EDT after the test. */
    private void buildPanel() throws Exception {
        onEdt(() -> {
            model = new ChatModel();
            controller = new ChatController(model);
            panel = new ChatPanel(controller);
        });
        ChatController built = controller;
        closedAfterTest(() -> onEdt(built::close), Gui.EDT_TEARDOWN);
    }

    /** Builds the panel and connects it as {@code name}; waits until the server confirmed the name. */
    private void connectPanel(String name) throws Exception {
        buildPanel();
        onEdt(() -> controller.connect("127.0.0.1", server.port(), name));
        eventually(SOON, () -> model.state(), s -> s == ChatModel.State.CONNECTED,
                "the panel connected as " + name + " should be CONNECTED once its own join came back",
                ChatModel.State.CONNECTED);
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
                "the server's confirmation of ana's join should be a line of the messages model", ChatLine.join("ana"));
    }

    @Nested
    @DisplayName("§1 The event dispatch thread")
    class TheEventDispatchThread {

        @Test
        @DisplayName("a chat line that arrives from the server appears in the messages model")
        void messageAppears() throws Exception {
            ChatModel m = new ChatModel();
            closedAfterTest(ChatClient.connect("127.0.0.1", server.port(), m.listener())).join("ana");
            joinedAsAna(m);
            FrameClient bob = joined("bob");
            bob.send("type", "chat", "data", "hola ana");
            eventually(SOON, () -> items(m.messages()), lines -> lines.contains(ChatLine.chat("bob", "hola ana")),
                    "bob's chat should be a line of the messages model", ChatLine.chat("bob", "hola ana"));
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
            closedAfterTest(ChatClient.connect("127.0.0.1", server.port(), m.listener())).join("ana");
            joinedAsAna(m);
            FrameClient bob = joined("bob");
            bob.send("type", "chat", "data", "one");
            bob.close();
            eventually(SOON, () -> items(m.messages()), lines -> lines.contains(ChatLine.leave("bob")),
                    "the models should have heard ana's join, bob's join, chat and leave", ChatLine.leave("bob"));
            assertThat(wrongThreads)
                    .as("threads that changed a Swing model (each change fires its listeners on that thread): "
                            + "expected only the event dispatch thread, but %d of %d changes came from %s. "
                            + "Hop with SwingUtilities.invokeLater in listener()",
                            wrongThreads.size(), events.size(), wrongThreads)
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
                                + "invokeAndWait does — the reader thread must not wait for the GUI")
                        .isLessThan(1000);
                assertThat(sizeMeanwhile)
                        .as("lines in the model before the EDT was free: expected 0 — onMessage changed the model "
                                + "on the reader thread instead of handing the change to the EDT")
                        .isZero();
            } finally {
                release.countDown();
            }
            eventually(SOON, () -> items(m.messages()), l -> l.contains(ChatLine.chat("bob", "while the EDT is busy")),
                    "once the EDT was free, the line should have reached the model",
                    ChatLine.chat("bob", "while the EDT is busy"));
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
                    .as("the lines apply() added for ana's chat, bob's chat and an error, ana being you")
                    .containsExactly(ChatLine.own("ana", "mine"), ChatLine.chat("bob", "his"),
                            ChatLine.error("username 'ana' is taken"));
        }

        @Test
        @DisplayName("the users list follows joins and leaves: sorted, each name once, shown by the panel")
        void usersFollowJoinAndLeave() throws Exception {
            FrameClient zoe = joined("zoe");
            connectPanel("bob");
            eventually(SOON, () -> items(panel.userList().getModel()), u -> u.equals(List.of("bob", "zoe")),
                    "the panel's users list should show who is present, sorted", List.of("bob", "zoe"));
            FrameClient ana = joined("ana");
            eventually(SOON, () -> items(panel.userList().getModel()), u -> u.equals(List.of("ana", "bob", "zoe")),
                    "after ana joined, the users list should list her too, in sorted order",
                    List.of("ana", "bob", "zoe"));
            zoe.close();
            eventually(SOON, () -> items(panel.userList().getModel()), u -> u.equals(List.of("ana", "bob")),
                    "after zoe left, the users list should no longer list her", List.of("ana", "bob"));
            assertThat(onEdt(() -> items(model.messages())))
                    .as("the message list should say who joined and left")
                    .contains(ChatLine.join("ana"), ChatLine.leave("zoe"));
            ana.close();
        }

        @Test
        @DisplayName("typing a line and pressing Enter sends exactly one chat frame and clears the field")
        void enterSendsOneFrame() throws Exception {
            FrameClient spy = joined("spy");
            connectPanel("ana");
            onEdt(() -> {
                Gui.type(panel.input(), "hola");
                Gui.pressEnter(panel.input());
            });
            spy.await("chat", "data", "hola", "ana's line \"hola\", typed and sent with Enter");
            assertThat(onEdt(() -> panel.input().getText()))
                    .as("the input field after Enter: expected empty, ready for the next line").isEmpty();
            onEdt(() -> {
                Gui.type(panel.input(), "second");
                Gui.pressEnter(panel.input());
            });
            com.fasterxml.jackson.databind.JsonNode next = spy.await(
                    n -> "chat".equals(n.path("type").asText()), "ana's next chat line");
            assertThat(next.path("data").asText())
                    .as("the chat after \"hola\": one Enter must send one frame, so the next one is \"second\"")
                    .isEqualTo("second");
            eventually(SOON, () -> items(model.messages()), l -> l.contains(ChatLine.own("ana", "second")),
                    "ana's own line, relayed back by the server, should be an OWN line", ChatLine.own("ana", "second"));
        }

        @Test
        @DisplayName("Enter in an empty or blank field sends nothing; the Send button sends like Enter")
        void emptyInputSendsNothing() throws Exception {
            FrameClient spy = joined("spy");
            connectPanel("ana");
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
                            + "\"marker\", sent with the Send button")
                    .isEqualTo("marker");
        }

        @Test
        @DisplayName("apply() keeps the users sorted and each name once, wherever a name sorts; an unknown type is an ERROR line")
        void usersSortedAndUnknownType() throws Exception {
            List<Object> seen = onEdt(() -> {
                ChatModel m = new ChatModel();
                m.connecting("127.0.0.1:5000", "ana");
                for (String name : new String[] {"carol", "ana", "bob", "dave", "bob", "aaron", "dave"}) {
                    m.apply(ChatMessage.join(name));
                }
                List<Object> out = new ArrayList<>(items(m.users()));
                m.apply(new ChatMessage("shout", "eve", "HI"));
                out.add(m.messages().lastElement());
                return out;
            });
            assertThat(seen.subList(0, 5))
                    .as("users after joins of carol, ana, bob, dave, bob, aaron, dave: sorted, each once — a name "
                            + "that sorts last goes at the end, one that sorts first at the start")
                    .containsExactly("aaron", "ana", "bob", "carol", "dave");
            assertThat(seen.get(5))
                    .as("the line for a message of a type the window does not know ('shout'): an ERROR line that "
                            + "names the type, never an exception on the EDT")
                    .isInstanceOfSatisfying(ChatLine.class, l -> {
                        assertThat(l.kind()).isEqualTo(ChatLine.Kind.ERROR);
                        assertThat(l.text()).contains("shout");
                    });
        }
    }

    @Nested
    @DisplayName("§3 Showing text as text")
    class ShowingTextAsText {

        @Test
        @DisplayName("a chat line such as <html><b>x is drawn as those characters, never rendered as HTML")
        void chatLineIsNotHtml() throws Exception {
            FrameClient eve = joined("eve");
            connectPanel("ana");
            eve.send("type", "chat", "data", "<html><b>x");
            eventually(SOON, () -> items(model.messages()), l -> l.contains(ChatLine.chat("eve", "<html><b>x")),
                    "eve's line should have arrived", ChatLine.chat("eve", "<html><b>x"));
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
            joined("<html><u>eve");
            connectPanel("ana");
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
                            + "line's text must be visible")
                    .allSatisfy(t -> assertThat(t).isNotBlank())
                    .anySatisfy(t -> assertThat(t).contains("b"));
            assertThat(texts.get(6))
                    .as("distinct label colours across the six kinds: notices and errors should look different "
                            + "from chat")
                    .isNotEqualTo("colours=1");
        }

        @Test
        @DisplayName("ChatLineRenderer sets every style for every line: names bold and coloured, notices grey italics, "
                + "errors red, own lines on pale green, selection colours — nothing leaks from the line before")
        void rendererStyles() throws Exception {
            List<String> problems = onEdt(() -> {
                JList<ChatLine> list = new JList<>(new DefaultListModel<>());
                // Colours and a font of our own, so that nothing matches the look and feel's defaults by chance.
                list.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 17));
                list.setForeground(new java.awt.Color(0x202020));
                list.setBackground(new java.awt.Color(0xFAFAF0));
                list.setSelectionForeground(new java.awt.Color(0xFFFFF0));
                list.setSelectionBackground(new java.awt.Color(0x3050A0));
                java.awt.Font base = list.getFont();
                ChatLineRenderer r = new ChatLineRenderer();
                List<String> out = new ArrayList<>();
                // Each line is drawn right after a differently styled one: a renderer is a rubber stamp (§3).
                Object[][] cases = {
                    {ChatLine.error("boom"), "!", ChatLineRenderer.ERROR, "boom", ChatLineRenderer.ERROR, false, null},
                    {ChatLine.chat("bob", "hi"), "bob", ChatLineRenderer.OTHER_NAME, "hi", null, false, null},
                    {ChatLine.join("bob"), "→", ChatLineRenderer.NOTICE, "bob joined", ChatLineRenderer.NOTICE, true, null},
                    {ChatLine.own("ana", "mine"), "ana", ChatLineRenderer.OWN_NAME, "mine", null, false,
                        ChatLineRenderer.OWN_BACKGROUND},
                    {ChatLine.leave("bob"), "←", ChatLineRenderer.NOTICE, "bob left", ChatLineRenderer.NOTICE, true, null},
                    {ChatLine.chat("carol", "yo"), "carol", ChatLineRenderer.OTHER_NAME, "yo", null, false, null},
                    {ChatLine.status("Connected as ana"), "·", ChatLineRenderer.NOTICE, "Connected as ana",
                        ChatLineRenderer.NOTICE, true, null},
                };
                for (Object[] c : cases) {
                    ChatLine line = (ChatLine) c[0];
                    Component stamp = r.getListCellRendererComponent(list, line, 0, false, false);
                    List<JLabel> labels = Gui.labels(stamp);
                    if (labels.size() != 2) {
                        out.add(line + ": expected two labels, the name and the text, found " + labels.size());
                        continue;
                    }
                    JLabel who = labels.get(0);
                    JLabel text = labels.get(1);
                    java.awt.Color textColour = c[4] == null ? list.getForeground() : (java.awt.Color) c[4];
                    java.awt.Color background = c[6] == null ? list.getBackground() : (java.awt.Color) c[6];
                    check(out, line, "the name label's text", c[1], who.getText());
                    check(out, line, "the name label's colour", c[2], who.getForeground());
                    check(out, line, "the name label's font is bold", true, who.getFont().isBold());
                    check(out, line, "the name label's font size (the list's)", base.getSize(), who.getFont().getSize());
                    check(out, line, "the text label's text", c[3], text.getText());
                    check(out, line, "the text label's colour", textColour, text.getForeground());
                    check(out, line, "the text label's font is italic", c[5], text.getFont().isItalic());
                    check(out, line, "the text label's font size", base.getSize(), text.getFont().getSize());
                    check(out, line, "the background", background, stamp.getBackground());
                    check(out, line, "html.disable on the name label", Boolean.TRUE, who.getClientProperty("html.disable"));
                }
                Component selected = r.getListCellRendererComponent(list, ChatLine.own("ana", "picked"), 0, true, true);
                check(out, "a selected line", "the background", list.getSelectionBackground(), selected.getBackground());
                check(out, "a selected line", "the text label's colour", list.getSelectionForeground(),
                        Gui.labels(selected).get(Gui.labels(selected).size() - 1).getForeground());
                return out;
            });
            assertThat(problems)
                    .as("what the renderer got wrong — it must set the name, text, colours, font and background for "
                            + "every line it stamps, or the previous line's style leaks in")
                    .isEmpty();
        }

        private void check(List<String> out, Object line, String what, Object expected, Object actual) {
            if (!java.util.Objects.equals(expected, actual)) {
                out.add(line + ": " + what + " should be " + expected + " but is " + actual);
            }
        }

        @Test
        @DisplayName("a long chat line wraps to the list's width: its cell grows to show every word, none cut off")
        void longLineWraps() throws Exception {
            buildPanel();
            String words = java.util.stream.IntStream.rangeClosed(1, 60).mapToObj(i -> "word" + i)
                    .collect(java.util.stream.Collectors.joining(" "));
            onEdt(() -> {
                panel.setSize(480, 360);
                layOut(panel);
            });
            List<String> problems = onEdt(() -> {
                model.messages().addElement(ChatLine.chat("bob", "short"));
                model.messages().addElement(ChatLine.chat("bob", words));
                JList<ChatLine> list = panel.messageList();
                int viewWidth = ((javax.swing.JViewport) list.getParent()).getExtentSize().width;
                java.awt.Rectangle shortCell = list.getCellBounds(0, 0);
                java.awt.Rectangle cell = list.getCellBounds(1, 1);
                Component stamp = list.getCellRenderer().getListCellRendererComponent(list, list.getModel()
                        .getElementAt(1), 1, false, false);
                stamp.setBounds(0, 0, cell.width, cell.height);
                layOut(stamp);
                List<JLabel> labels = Gui.labels(stamp);
                List<String> out = new ArrayList<>();
                if (labels.size() != 2) {
                    out.add("the stamp should hold two labels, the name and the text; it holds " + labels.size());
                    return out;
                }
                JLabel text = labels.get(1);
                java.awt.FontMetrics fm = text.getFontMetrics(text.getFont());
                java.awt.Insets in = text.getInsets();
                int room = text.getWidth() - in.left - in.right;
                int needed = greedyLines(words, fm, room);
                if (cell.width > viewWidth) {
                    out.add("the long line's cell is " + cell.width + " px wide, wider than the " + viewWidth
                            + " px the list shows: its end is out of sight");
                }
                if (text.getX() + text.getWidth() > cell.width) {
                    out.add("the text label reaches past the cell's right edge");
                }
                if (text.getHeight() < needed * fm.getHeight() || cell.height < needed * fm.getHeight()) {
                    out.add("the long line needs " + needed + " lines of " + fm.getHeight() + " px at "
                            + room + " px wide, but its cell is " + cell.height + " px tall (a one-line cell is "
                            + shortCell.height + " px): words are cut off");
                }
                if (!words.equals(text.getText())) {
                    out.add("the text label shows " + Gui.labels(stamp).get(1).getText() + " instead of the whole line");
                }
                return out;
            });
            assertThat(problems)
                    .as("a 60-word line in a 480 px wide panel: the message list's cell should be as wide as the list "
                            + "and tall enough for the whole text wrapped to it")
                    .isEmpty();
        }

        /** How many lines {@code text} takes wrapped at spaces to {@code width} pixels (the test's own count). */
        private int greedyLines(String text, java.awt.FontMetrics fm, int width) {
            int lines = 1;
            String line = "";
            for (String word : text.split(" ")) {
                String longer = line.isEmpty() ? word : line + " " + word;
                if (fm.stringWidth(longer) <= width || line.isEmpty()) {
                    line = longer;
                } else {
                    lines++;
                    line = word;
                }
            }
            return lines;
        }

        /** Lays out a component tree without a window (headless: validate() needs a native peer). */
        private void layOut(Component c) {
            if (c instanceof java.awt.Container container) {
                container.doLayout();
                for (Component child : container.getComponents()) {
                    layOut(child);
                }
            }
        }

        @Test
        @DisplayName("NameRenderer puts your own name in bold and the others in plain text, as text")
        void ownNameInBold() throws Exception {
            List<Object> fonts = onEdt(() -> {
                ChatModel m = new ChatModel();
                m.connecting("127.0.0.1:5000", "ana");
                JList<String> list = new JList<>(new DefaultListModel<>());
                NameRenderer r = new NameRenderer(m);
                List<Object> out = new ArrayList<>();
                for (String name : new String[] {"ana", "bob", "ana", "<html><b>eve"}) {
                    JLabel label = (JLabel) r.getListCellRendererComponent(list, name, 0, false, false);
                    out.add(name + (label.getFont().isBold() ? " bold" : " plain"));
                }
                return out;
            });
            assertThat(fonts)
                    .as("the users list's renderer for ana (you), bob, ana again and <html><b>eve: bold only for "
                            + "model.myName(); set the font every time, or bold leaks to the next name")
                    .containsExactly("ana bold", "bob plain", "ana bold", "<html><b>eve plain");
        }

        @Test
        @DisplayName("the status line shows any status as text, never as HTML")
        void statusIsText() throws Exception {
            buildPanel();
            onEdt(() -> model.setState(ChatModel.State.FAILED, "<html><b>x"));
            assertShownAsText(List.of(onEdt(() -> panel.statusLabel())), "<html><b>x", "the status line");
        }

        @Test
        @DisplayName("the connect form's problem line is never HTML, and is blank once the fields are fine")
        void formProblemIsText() throws Exception {
            List<Object> seen = onEdt(() -> {
                ConnectForm form = new ConnectForm(r -> { });
                form.fill("127.0.0.1", 5000, "ana");
                form.portField().setText("<html><b>1");
                form.submit();
                List<Object> out = new ArrayList<>();
                out.add(form.problemLabel().getText());
                out.add(form.problemLabel().getClientProperty("html.disable"));
                form.portField().setText("5000");
                form.submit();
                out.add(form.problemLabel().getText());
                return out;
            });
            assertThat(seen.get(0)).as("the problem shown for the port <html><b>1 (see also §6 The window)").asString()
                    .contains("<html><b>1");
            assertThat(seen.get(1))
                    .as("the problem label's \"html.disable\": it quotes what was typed")
                    .isEqualTo(Boolean.TRUE);
            assertThat((String) seen.get(2))
                    .as("the problem line once the fields are fine: blank, but a text (null would make it collapse) "
                            + "(see also §6 The window)")
                    .isNotNull()
                    .isBlank();
        }

        private void assertShownAsText(List<JLabel> labels, String text, String where) {
            JLabel showing = labels.stream().filter(l -> text.equals(l.getText())).findFirst().orElse(null);
            assertThat(showing)
                    .as("a label of %s whose text is exactly %s; labels found: %s", where, text,
                            labels.stream().map(JLabel::getText).toList())
                    .isNotNull();
            assertThat(showing.getClientProperty("html"))
                    .as("the HTML view Swing made for the label showing %s: expected none (null) — without "
                            + "putClientProperty(\"html.disable\", Boolean.TRUE) Swing renders it as HTML",
                            text)
                    .isNull();
            assertThat(showing.getClientProperty("html.disable"))
                    .as("the label's \"html.disable\" client property").isEqualTo(Boolean.TRUE);
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
                            + "connecting and joining belong on a SwingWorker, not on the EDT")
                    .isEqualTo(ChatModel.State.CONNECTING);
            eventually(SOON, () -> model.state(), s -> s == ChatModel.State.CONNECTED,
                    "the model should be CONNECTED once the server confirmed ana's join", ChatModel.State.CONNECTED);
            assertThat(onEdt(() -> items(model.users())))
                    .as("users once connected").containsExactly("ana");
            await(() -> server.usernames().contains("ana"), "the server should know ana");
        }

        @Test
        @DisplayName("a server that never answers does not freeze the window while connecting")
        void silentServerDoesNotFreeze() throws Exception {
            List<Socket> queued = new ArrayList<>();
            try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                fillBacklog(silent, queued);
                buildPanel();
                long t0 = System.nanoTime();
                onEdt(() -> controller.connect("127.0.0.1", silent.getLocalPort(), "ana"));
                long connectMillis = (System.nanoTime() - t0) / 1_000_000;
                long t1 = System.nanoTime();
                ChatModel.State meanwhile = onEdt(() -> model.state());
                long edtMillis = (System.nanoTime() - t1) / 1_000_000;
                assertThat(connectMillis)
                        .as("ms connect() held the EDT with a server that does not answer: expected at once")
                        .isLessThan(1000);
                assertThat(edtMillis)
                        .as("ms the EDT took to answer while connecting: expected at once")
                        .isLessThan(1000);
                assertThat(meanwhile).as("the state while connecting")
                        .isIn(ChatModel.State.CONNECTING, ChatModel.State.FAILED);
                // The connect that waits must have a time limit, or a silent server holds it for minutes: the JDK
                // waits in NioSocketImpl.timedFinishConnect only when connect() was given a timeout.
                java.util.concurrent.atomic.AtomicReference<String> how = new java.util.concurrent.atomic.AtomicReference<>();
                dcchat.testing.Waits.awaitSteady().atMost(Duration.ofSeconds(2)).until(() -> {
                    how.set(connectInProgress());
                    return how.get() != null || onEdt(() -> model.state()) == ChatModel.State.FAILED;
                });
                assertThat(how.get())
                        .as("how the connect to a silent server waits: ChatClient.connect must give the socket a "
                                + "time limit, socket.connect(address, CONNECT_TIMEOUT_MILLIS), or a server that never "
                                + "answers holds it for minutes (ChatClient is step 4's: see also its lesson's section The "
                                + "client library)")
                        .isNotEqualTo("without a time limit");
            } finally {
                queued.forEach(this::closeQuietly);
            }
            // The listener is gone: the connect that waits is refused at its next try (Linux retries after 1 s),
            // instead of waiting out the 3 s connect timeout (checked above). describe() covers its sentence.
            eventually(Duration.ofSeconds(ChatClient.CONNECT_TIMEOUT_MILLIS / 1000 + 3), () -> model.state(),
                    s -> s == ChatModel.State.FAILED,
                    "a connect that waited and then failed should end FAILED, not stay CONNECTING",
                    ChatModel.State.FAILED);
        }

        @Test
        @DisplayName("a connection that arrives after close() (the window closed while connecting) is closed at once")
        void lateConnectionIsClosed() throws Exception {
            BlockingQueue<String> seen = new LinkedBlockingQueue<>();
            try (dcchat.testing.TestServer fake = dcchat.testing.TestServer.start(socket -> {
                seen.add("connected");
                seen.add(socket.getInputStream().read() == -1 ? "closed" : "got bytes: it was used");
            })) {
                buildPanel();
                onEdt(() -> {
                    controller.connect("127.0.0.1", fake.port(), "ana");
                    controller.close(); // the user closed the window at once: the worker is still connecting
                });
                assertThat(Waits.next(seen, "the fake server's first event")).as("the fake server's first event")
                        .isEqualTo("connected");
                assertThat(Waits.next(seen, "what happened to the connection that arrived after close()"))
                        .as("what happened to the connection that arrived after close(): done() sees an attempt nobody "
                                + "wants any more and closes that client without joining")
                        .isEqualTo("closed");
                Gui.rethrowEdtError();
            }
        }

        @Test
        @DisplayName("connect() again starts afresh: users emptied and a status line at once, the old connection closed")
        void connectAgainStartsAfresh() throws Exception {
            joined("bob");
            connectPanel("ana");
            eventually(SOON, () -> items(model.users()), u -> u.equals(List.of("ana", "bob")),
                    "ana's users list should show ana and bob", List.of("ana", "bob"));
            List<Object> right = onEdt(() -> {
                controller.connect("127.0.0.1", server.port(), "ana2");
                List<Object> out = new ArrayList<>(items(model.users()));
                out.add(model.messages().lastElement());
                return out;
            });
            assertThat(right)
                    .as("right after connect() again, in the same EDT event: no users (nobody is known on the new "
                            + "connection yet), then the last line")
                    .hasSize(1)
                    .first()
                    .isInstanceOfSatisfying(ChatLine.class, l -> {
                        assertThat(l.kind()).as("the last line's kind: a STATUS line saying where it connects")
                                .isEqualTo(ChatLine.Kind.STATUS);
                        assertThat(l.text()).contains("127.0.0.1:" + server.port()).contains("ana2");
                    });
            eventually(SOON, () -> model.state(), st -> st == ChatModel.State.CONNECTED,
                    "connected again, as ana2", ChatModel.State.CONNECTED);
            await(() -> server.connectionCount() == 2, "connect() again must close the old connection first: the "
                    + "server should end with bob and ana2 only");
            assertThat(server.usernames()).as("names on the server").containsExactlyInAnyOrder("bob", "ana2");
        }

        /**
         * How a socket connect in progress on any thread waits: "with a time limit", "without a time limit", or null
         * when no connect is in progress.
         */
        private String connectInProgress() {
            for (StackTraceElement[] stack : Thread.getAllStackTraces().values()) {
                boolean connecting = false;
                boolean timed = false;
                for (StackTraceElement f : stack) {
                    connecting |= f.getClassName().equals("sun.nio.ch.NioSocketImpl") && f.getMethodName().equals("connect");
                    timed |= f.getMethodName().equals("timedFinishConnect");
                }
                if (connecting) {
                    return timed ? "with a time limit" : "without a time limit";
                }
            }
            return null;
        }

        /** Fills a backlog-1 listener's accept queue so that the next connection attempt waits (Linux). */
        private void fillBacklog(ServerSocket silent, List<Socket> queued) {
            for (int i = 0; i < 8; i++) {
                Socket s = new Socket();
                try {
                    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort()), 300);
                    queued.add(s);
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
            int port = Ports.free();
            buildPanel();
            onEdt(() -> controller.connect("127.0.0.1", port, "ana"));
            eventually(SOON, () -> model.state(), s -> s == ChatModel.State.FAILED,
                    "connecting to a port where nobody listens should end FAILED", ChatModel.State.FAILED);
            String status = onEdt(() -> panel.statusLabel().getText());
            assertThat(status)
                    .as("the status bar after a refused connection: one readable sentence naming 127.0.0.1:%d, "
                            + "not an exception", port)
                    .contains("127.0.0.1:" + port)
                    .doesNotContain("Exception")
                    .doesNotContain("\tat ");
            assertThat(onEdt(() -> panel.reconnectButton().isVisible()))
                    .as("the Reconnect button after a failed connect: expected visible").isTrue();
            assertThat(onEdt(() -> panel.input().isEnabled()))
                    .as("the input field while not connected: expected disabled").isFalse();
            assertThat(onEdt(() -> panel.sendButton().isEnabled()))
                    .as("the Send button while not connected: expected disabled").isFalse();
            assertThat(onEdt(() -> items(model.messages())))
                    .as("the message list after a failed connect: an ERROR line with the same sentence")
                    .contains(ChatLine.error(status));
            java.awt.Color colour = onEdt(() -> panel.statusLabel().getForeground());
            assertThat(colour.getRed())
                    .as("the status colour after a failed connect, %s: red, so more red than green", colour)
                    .isGreaterThan(colour.getGreen() + 60);
        }

        @Test
        @DisplayName("a server that goes away is shown: readable status, users cleared, Reconnect button, input off")
        void serverGoesAway() throws Exception {
            connectPanel("ana");
            assertThat(onEdt(() -> panel.reconnectButton().isVisible()))
                    .as("the Reconnect button while connected: expected hidden").isFalse();
            assertThat(onEdt(() -> panel.input().isEnabled()))
                    .as("the input field while connected: expected enabled").isTrue();
            assertThat(onEdt(() -> panel.sendButton().isEnabled()))
                    .as("the Send button while connected: expected enabled").isTrue();
            java.awt.Color connected = onEdt(() -> panel.statusLabel().getForeground());
            assertThat(connected.getGreen())
                    .as("the status colour while connected, %s: green, so more green than red", connected)
                    .isGreaterThan(connected.getRed() + 60);
            server.close();
            eventually(SOON, () -> model.state(), s -> s == ChatModel.State.LOST,
                    "after the server closed, the model should be LOST", ChatModel.State.LOST);
            String status = onEdt(() -> panel.statusLabel().getText());
            assertThat(status)
                    .as("the status bar after the server went away: a readable sentence, not an exception")
                    .isNotBlank()
                    .doesNotContain("Exception")
                    .doesNotContain("\tat ");
            assertThat(onEdt(() -> items(model.users())))
                    .as("users after the connection was lost: nobody is known to be here").isEmpty();
            assertThat(onEdt(() -> items(model.messages())))
                    .as("the message list after the connection was lost: an ERROR line says so")
                    .anySatisfy(l -> assertThat(l.kind()).isEqualTo(ChatLine.Kind.ERROR));
            assertThat(onEdt(() -> panel.reconnectButton().isVisible()))
                    .as("the Reconnect button after the server went away: expected visible").isTrue();
            assertThat(onEdt(() -> panel.input().isEnabled()))
                    .as("the input field after the server went away: expected disabled").isFalse();
        }

        @Test
        @DisplayName("without a connection — lost, or closed — send() does nothing: no frame, no error, no exception")
        void sendWithoutConnection() throws Exception {
            connectPanel("ana");
            server.close();
            eventually(SOON, () -> model.state(), s -> s == ChatModel.State.LOST,
                    "after the server closed, the model should be LOST", ChatModel.State.LOST);
            int before = onEdt(() -> model.messages().size());
            try (dcchat.testing.StdErr err = dcchat.testing.StdErr.record()) {
                onEdt(() -> controller.send("anyone?"));
                dcchat.testing.Waits.awaitSteady().alias("send() after the connection was lost should do nothing, not "
                        + "even an error line: the controller lets the client go when the state becomes LOST")
                        .during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1))
                        .until(() -> onEdt(() -> model.messages().size()) == before);
                assertThat(err.text())
                        .as("System.err while send() ran without a connection: no exception on any thread — with no "
                                + "client, return before handing anything to the sender")
                        .doesNotContain("Exception");
            }
            onEdt(() -> controller.close());
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> onEdt(() -> controller.send("late")));
            assertThat(thrown)
                    .as("send() after close(): the sender is shut down, so send() must return quietly instead of "
                            + "handing it a task (see also §6 The window)")
                    .isNull();
        }

        @Test
        @DisplayName("Reconnect joins again, under the same name, once the server is back")
        void reconnect() throws Exception {
            connectPanel("ana");
            int port = server.port();
            server.close();
            eventually(SOON, () -> model.state(), s -> s == ChatModel.State.LOST,
                    "after the server closed, the model should be LOST", ChatModel.State.LOST);
            server = closedAfterTest(new ChatServer(port).start());
            onEdt(() -> panel.reconnectButton().doClick(0));
            eventually(SOON, () -> model.state(), s -> s == ChatModel.State.CONNECTED,
                    "after Reconnect, with the server back, the model should be CONNECTED again",
                    ChatModel.State.CONNECTED);
            assertThat(onEdt(() -> items(model.users()))).as("users after reconnecting")
                    .containsExactly("ana");
            assertThat(onEdt(() -> panel.reconnectButton().isVisible()))
                    .as("the Reconnect button once connected again: expected hidden").isFalse();
        }

        @Test
        @DisplayName("a name the server refuses is shown with the server's reason, and ends FAILED")
        void refusedName() throws Exception {
            joined("ana");
            buildPanel();
            onEdt(() -> controller.connect("127.0.0.1", server.port(), "ana"));
            eventually(SOON, () -> model.state(), s -> s == ChatModel.State.FAILED,
                    "joining as a taken name should end FAILED (an error before your own join)",
                    ChatModel.State.FAILED);
            assertThat(onEdt(() -> panel.statusLabel().getText()))
                    .as("the status bar after the server refused the name ana: it should say why")
                    .contains("taken");
            assertThat(onEdt(() -> panel.reconnectButton().isVisible()))
                    .as("the Reconnect button after a refused name: expected visible").isTrue();
            await(() -> server.connectionCount() == 1, "after the refusal the controller closes that client: the "
                    + "server should keep only the first ana's connection");
        }

        @Test
        @DisplayName("describe() turns each connection failure into a sentence a person can act on")
        void describeSays() {
            String address = "127.0.0.1:5000";
            assertThat(ChatController.describe("127.0.0.1", 5000, new java.net.ConnectException("Connection refused")))
                    .as("refused (nobody listens): name the address, ask whether the server runs")
                    .contains(address).contains("server").doesNotContain("Exception");
            assertThat(ChatController.describe("127.0.0.1", 5000, new SocketTimeoutException("connect timed out")))
                    .as("no answer: name the address and the 3 s waited")
                    .contains(address).contains("3 s").doesNotContain("Exception");
            assertThat(ChatController.describe("chat.example.invalid", 5000,
                            new java.net.UnknownHostException("chat.example.invalid")))
                    .as("an unknown host: name it and ask to check its spelling")
                    .contains("chat.example.invalid").contains("spell").doesNotContain("Exception");
            assertThat(ChatController.describe("127.0.0.1", 5000, new java.io.IOException("boom")))
                    .as("anything else: the address and the exception's message")
                    .contains(address).contains("boom").doesNotContain("Exception");
            assertThat(ChatController.describe("127.0.0.1", 5000, new java.io.IOException((String) null)))
                    .as("an exception without a message: the address, and no \"null\"")
                    .contains(address).doesNotContain("null");
            assertThat(ChatController.describe("127.0.0.1", 5000, null))
                    .as("no cause at all: the address, and no \"null\"")
                    .contains(address).doesNotContain("null");
        }

        @Test
        @DisplayName("reconnect() before any connect() is a programming error: IllegalStateException")
        void reconnectBeforeConnect() throws Exception {
            buildPanel();
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> onEdt(() -> controller.reconnect()));
            assertThat(thrown)
                    .as("reconnect() with no address remembered")
                    .isInstanceOf(IllegalStateException.class);
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
                            + "with a tab, with a leading space: each a sentence, also shown in the form")
                    .allSatisfy(p -> assertThat(p).doesNotStartWith("null").doesNotEndWith("shown:  "));
            assertThat(problems.get(9)).as("problem() for 127.0.0.1, 5000, \"ana 🎉\"").isEqualTo("null");
            assertThat(requests)
                    .as("requests the form passed on: only the valid one")
                    .containsExactly(new ConnectForm.Request("127.0.0.1", 5000, "ana 🎉"));
        }

        @Test
        @DisplayName("each problem of the connect form names what to fix; ports 1 and 65535 and 32-character names are fine")
        void formProblemsSayWhat() throws Exception {
            List<String> seen = onEdt(() -> {
                ConnectForm form = new ConnectForm(r -> { });
                String[][] cases = {
                    {" ", "5000", "ana", "host"}, {"127.0.0.1", "abc", "ana", "port"}, {"127.0.0.1", "0", "ana", "port"},
                    {"127.0.0.1", "65536", "ana", "port"}, {"127.0.0.1", "5000", "", "name"},
                    {"127.0.0.1", "5000", "   ", "name"}, {"127.0.0.1", "5000", "🎉".repeat(33), "32"},
                    {"127.0.0.1", "5000", "an\ta", "control"}, {"127.0.0.1", "5000", " ana", "space"},
                    {"127.0.0.1", "1", "ana", null}, {"127.0.0.1", "65535", "ana", null},
                    {"127.0.0.1", "5000", "🎉".repeat(32), null},
                };
                List<String> out = new ArrayList<>();
                for (String[] c : cases) {
                    form.hostField().setText(c[0]);
                    form.portField().setText(c[1]);
                    form.nameField().setText(c[2]);
                    String problem = form.problem();
                    boolean ok = c[3] == null ? problem == null : problem != null && problem.contains(c[3]);
                    if (!ok) {
                        out.add("host " + Lesson.show(c[0]) + ", port " + Lesson.show(c[1]) + ", name " + Lesson.show(c[2])
                                + ": expected " + (c[3] == null ? "null (fine)" : "a sentence mentioning \"" + c[3] + "\"")
                                + ", got " + Lesson.show(problem));
                    }
                }
                return out;
            });
            assertThat(seen)
                    .as("problem() for each form")
                    .isEmpty();
        }

        @Test
        @DisplayName("the connect form shows its labelled fields, Connect and a problem line; Enter or Connect submits")
        void formWiring() throws Exception {
            List<ConnectForm.Request> requests = new CopyOnWriteArrayList<>();
            List<String> missing = onEdt(() -> {
                ConnectForm form = new ConnectForm(requests::add);
                List<String> out = new ArrayList<>();
                List<String> texts = Gui.labels(form).stream().map(JLabel::getText).toList();
                for (String label : new String[] {"Host", "Port", "Your name"}) {
                    if (!texts.contains(label)) {
                        out.add("a label \"" + label + "\"");
                    }
                }
                for (Component part : new Component[] {form.hostField(), form.portField(), form.nameField(),
                    form.problemLabel()}) {
                    if (!SwingUtilities.isDescendingFrom(part, form)) {
                        out.add(part.getClass().getSimpleName() + " in the form");
                    }
                }
                javax.swing.JButton connect = button(form, "Connect");
                if (connect == null) {
                    out.add("a button \"Connect\"");
                }
                form.fill("10.0.0.7", 6000, "ana");
                form.nameField().postActionEvent();  // Enter in the name field
                form.hostField().postActionEvent();  // Enter in the host field
                if (connect != null) {
                    connect.doClick(0);
                }
                return out;
            });
            assertThat(missing).as("parts missing from the connect form").isEmpty();
            assertThat(requests)
                    .as("requests after fill(\"10.0.0.7\", 6000, \"ana\"), then Enter in the name field, Enter in the "
                            + "host field and a click on Connect: one each, all for that address")
                    .containsExactly(new ConnectForm.Request("10.0.0.7", 6000, "ana"),
                            new ConnectForm.Request("10.0.0.7", 6000, "ana"),
                            new ConnectForm.Request("10.0.0.7", 6000, "ana"));
        }

        @Test
        @DisplayName("the chat panel shows every part: messages, users, input, Send, the status line and its Reconnect")
        void panelParts() throws Exception {
            buildPanel();
            List<String> missing = onEdt(() -> {
                List<String> out = new ArrayList<>();
                if (panel.reconnectButton().isVisible()) {
                    out.add("Reconnect is visible before anything failed");
                }
                Component[] parts = {panel.messageList(), panel.userList(), panel.input(), panel.sendButton(),
                    panel.statusLabel(), panel.reconnectButton()};
                String[] names = {"the message list", "the users list", "the input field", "Send", "the status line",
                    "Reconnect"};
                for (int i = 0; i < parts.length; i++) {
                    if (!SwingUtilities.isDescendingFrom(parts[i], panel)) {
                        out.add(names[i] + " is not in the panel");
                    }
                }
                if (!panel.messageList().getScrollableTracksViewportWidth()) {
                    out.add("the message list scrolls sideways: it should be as wide as its viewport, so a long "
                            + "line wraps instead");
                }
                model.setState(ChatModel.State.CONNECTING, "Connecting to 127.0.0.1:5000 as ana …");
                if (!"Connecting to 127.0.0.1:5000 as ana …".equals(panel.statusLabel().getText())) {
                    out.add("the status line does not show the model's status");
                }
                return out;
            });
            assertThat(missing).as("what the chat panel gets wrong (see also §5 When the server goes away)").isEmpty();
        }

        @Test
        @DisplayName("close() closes the connection and ends the sender thread, so the program can exit")
        void closeEndsTheSender() throws Exception {
            java.util.Set<Thread> before = java.util.Set.copyOf(Thread.getAllStackTraces().keySet());
            connectPanel("ana");
            onEdt(() -> controller.close());
            await(() -> server.usernames().isEmpty(), "after close() the server should see ana leave");
            await(() -> Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.isAlive() && !before.contains(t)
                    && t.getName().equals("dcchat-gui-sender")), "after close() the dcchat-gui-sender thread should "
                    + "end: shut the executor down; it is not a daemon, so it would keep the program running");
        }

        private javax.swing.JButton button(java.awt.Container c, String text) {
            for (Component child : c.getComponents()) {
                if (child instanceof javax.swing.JButton b && text.equals(b.getText())) {
                    return b;
                }
                if (child instanceof java.awt.Container inner) {
                    javax.swing.JButton found = button(inner, text);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        }
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition, String what) {
        dcchat.testing.Waits.awaitSteady().alias(what).atMost(SOON).until(condition);
    }
}
