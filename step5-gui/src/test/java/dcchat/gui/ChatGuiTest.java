package dcchat.gui;

import static dcchat.gui.Gui.eventually;
import static dcchat.gui.Gui.onEdt;
import static dcchat.testing.Lesson.say;
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
                say("the panel connected as " + name + " should be CONNECTED once its own join came back",
                        "el panel conectado como " + name + " debería estar en CONNECTED una vez que volvió su propio "
                                + "join"),
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
                say("the server's confirmation of ana's join should be a line of the messages model",
                        "la confirmación del servidor del join de ana debería ser una línea del modelo de mensajes"),
                ChatLine.join("ana"));
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
                    say("bob's chat should be a line of the messages model",
                            "el chat de bob debería ser una línea del modelo de mensajes"),
                    ChatLine.chat("bob", "hola ana"));
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
                    say("the models should have heard ana's join, bob's join, chat and leave",
                            "los modelos deberían haber recibido el join de ana, y el join, el chat y el leave de bob"),
                    ChatLine.leave("bob"));
            assertThat(wrongThreads)
                    .as(say("threads that changed a Swing model (each change fires its listeners on that thread): "
                            + "expected only the event dispatch thread, but %d of %d changes came from %s. "
                            + "Hop with SwingUtilities.invokeLater in listener()",
                            "threads que cambiaron un modelo de Swing (cada cambio dispara sus listeners en ese "
                            + "thread): se esperaba solo el thread de despacho de eventos, pero %d de %d cambios "
                            + "vinieron de %s. Pásale el trabajo al EDT con SwingUtilities.invokeLater en listener()"),
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
                assertThat(edtBusy.await(2, TimeUnit.SECONDS)).as(say("the EDT should have started the busy task",
                        "el EDT debería haber empezado la tarea que lo mantiene ocupado")).isTrue();
                long t0 = System.nanoTime();
                listener.onMessage(ChatMessage.chat("bob", "while the EDT is busy"));
                long millis = (System.nanoTime() - t0) / 1_000_000;
                int sizeMeanwhile = m.messages().size(); // safe: the EDT is parked in the busy task
                assertThat(millis)
                        .as(say("ms onMessage took while the EDT was busy: expected at once; it waited for the EDT, as "
                                + "invokeAndWait does — the reader thread must not wait for the GUI", "ms que tardó "
                                + "onMessage mientras el EDT estaba ocupado: se esperaba que retornara de inmediato; "
                                + "esperó al EDT, como hace invokeAndWait — el thread lector no debe esperar a la GUI"))
                        .isLessThan(1000);
                assertThat(sizeMeanwhile)
                        .as(say("lines in the model before the EDT was free: expected 0 — onMessage changed the model "
                                + "on the reader thread instead of handing the change to the EDT",
                                "líneas en el modelo antes de que el EDT quedara libre: se esperaba 0 — onMessage "
                                + "cambió el modelo en el thread lector en vez de pasarle el cambio al EDT"))
                        .isZero();
            } finally {
                release.countDown();
            }
            eventually(SOON, () -> items(m.messages()), l -> l.contains(ChatLine.chat("bob", "while the EDT is busy")),
                    say("once the EDT was free, the line should have reached the model",
                            "una vez libre el EDT, la línea debería haber llegado al modelo"),
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
                    .as(say("the lines apply() added for ana's chat, bob's chat and an error, ana being you",
                            "las líneas que apply() agregó por el chat de ana, el chat de bob y un error, siendo tú "
                                    + "ana"))
                    .containsExactly(ChatLine.own("ana", "mine"), ChatLine.chat("bob", "his"),
                            ChatLine.error("username 'ana' is taken"));
        }

        @Test
        @DisplayName("the users list follows joins and leaves: sorted, each name once, shown by the panel")
        void usersFollowJoinAndLeave() throws Exception {
            FrameClient zoe = joined("zoe");
            connectPanel("bob");
            eventually(SOON, () -> items(panel.userList().getModel()), u -> u.equals(List.of("bob", "zoe")),
                    say("the panel's users list should show who is present, sorted",
                            "la lista de usuarios del panel debería mostrar quién está presente, en orden"),
                    List.of("bob", "zoe"));
            FrameClient ana = joined("ana");
            eventually(SOON, () -> items(panel.userList().getModel()), u -> u.equals(List.of("ana", "bob", "zoe")),
                    say("after ana joined, the users list should list her too, in sorted order",
                            "después de que ana entró, la lista de usuarios debería incluirla también, en orden"),
                    List.of("ana", "bob", "zoe"));
            zoe.close();
            eventually(SOON, () -> items(panel.userList().getModel()), u -> u.equals(List.of("ana", "bob")),
                    say("after zoe left, the users list should no longer list her",
                            "después de que zoe salió, la lista de usuarios ya no debería incluirla"),
                    List.of("ana", "bob"));
            assertThat(onEdt(() -> items(model.messages())))
                    .as(say("the message list should say who joined and left",
                            "la lista de mensajes debería decir quién entró y quién salió"))
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
            spy.await("chat", "data", "hola", say("ana's line \"hola\", typed and sent with Enter",
                    "la línea \"hola\" de ana, escrita y enviada con Enter"));
            assertThat(onEdt(() -> panel.input().getText()))
                    .as(say("the input field after Enter: expected empty, ready for the next line",
                            "el campo de entrada después de Enter: se esperaba vacío, listo para la línea siguiente"))
                    .isEmpty();
            onEdt(() -> {
                Gui.type(panel.input(), "second");
                Gui.pressEnter(panel.input());
            });
            com.fasterxml.jackson.databind.JsonNode next = spy.await(
                    n -> "chat".equals(n.path("type").asText()), say("ana's next chat line",
                            "la siguiente línea de chat de ana"));
            assertThat(next.path("data").asText())
                    .as(say("the chat after \"hola\": one Enter must send one frame, so the next one is \"second\"",
                            "el chat después de \"hola\": un Enter debe enviar un frame, así que el siguiente es "
                            + "\"second\""))
                    .isEqualTo("second");
            eventually(SOON, () -> items(model.messages()), l -> l.contains(ChatLine.own("ana", "second")),
                    say("ana's own line, relayed back by the server, should be an OWN line",
                            "la propia línea de ana, que el servidor le devolvió, debería ser una línea OWN"),
                    ChatLine.own("ana", "second"));
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
                    n -> "chat".equals(n.path("type").asText()), say("ana's first chat line",
                            "la primera línea de chat de ana"));
            assertThat(first.path("data").asText())
                    .as(say("ana's first chat frame: Enter on \"\" and on \"   \" must send nothing, so the first is "
                            + "\"marker\", sent with the Send button", "el primer frame de chat de ana: Enter con \"\" "
                            + "y con \"   \" no debe enviar nada, así que el primero es \"marker\", enviado con el "
                            + "botón Send"))
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
                    .as(say("users after joins of carol, ana, bob, dave, bob, aaron, dave: sorted, each once — a name "
                            + "that sorts last goes at the end, one that sorts first at the start", "usuarios después "
                            + "de los join de carol, ana, bob, dave, bob, aaron, dave: en orden, cada uno una vez — un "
                            + "nombre que va último en el orden queda al final, y uno que va primero, al principio"))
                    .containsExactly("aaron", "ana", "bob", "carol", "dave");
            assertThat(seen.get(5))
                    .as(say("the line for a message of a type the window does not know ('shout'): an ERROR line that "
                            + "names the type, never an exception on the EDT", "la línea para un mensaje de un tipo "
                            + "que la ventana no conoce ('shout'): una línea ERROR que nombra el tipo, nunca una "
                            + "excepción en el EDT"))
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
                    say("eve's line should have arrived", "la línea de eve debería haber llegado"),
                    ChatLine.chat("eve", "<html><b>x"));
            List<JLabel> labels = onEdt(() -> {
                JList<ChatLine> list = panel.messageList();
                int index = items(list.getModel()).indexOf(ChatLine.chat("eve", "<html><b>x"));
                Component c = list.getCellRenderer().getListCellRendererComponent(list,
                        list.getModel().getElementAt(index), index, false, false);
                return Gui.labels(c);
            });
            assertShownAsText(labels, "<html><b>x", say("the message list's renderer",
                    "el renderizador de la lista de mensajes"));
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
            assertShownAsText(labels, "<html><u>eve", say("the users list's renderer",
                    "el renderizador de la lista de usuarios"));
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
                shown.add(say("colours=", "colores=") + colours.size());
                return shown;
            });
            assertThat(texts.subList(0, 6))
                    .as(say("what the renderer's labels show for a chat, own chat, join, leave, error, status: each "
                            + "line's text must be visible", "lo que muestran las etiquetas del renderizador para un "
                            + "chat, un chat propio, un join, un leave, un error y un estado: el texto de cada línea "
                            + "debe verse"))
                    .allSatisfy(t -> assertThat(t).isNotBlank())
                    .anySatisfy(t -> assertThat(t).contains("b"));
            assertThat(texts.get(6))
                    .as(say("distinct label colours across the six kinds: notices and errors should look different "
                            + "from chat", "colores de etiqueta distintos entre los seis tipos: los avisos y los "
                            + "errores deberían verse distintos del chat"))
                    .isNotEqualTo(say("colours=", "colores=") + 1);
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
                        out.add(say(line + ": expected two labels, the name and the text, found " + labels.size(),
                                line + ": se esperaban dos etiquetas, el nombre y el texto; hay " + labels.size()));
                        continue;
                    }
                    JLabel who = labels.get(0);
                    JLabel text = labels.get(1);
                    java.awt.Color textColour = c[4] == null ? list.getForeground() : (java.awt.Color) c[4];
                    java.awt.Color background = c[6] == null ? list.getBackground() : (java.awt.Color) c[6];
                    check(out, line, say("the name label's text", "el texto de la etiqueta del nombre"), c[1],
                            who.getText());
                    check(out, line, say("the name label's colour", "el color de la etiqueta del nombre"), c[2],
                            who.getForeground());
                    check(out, line, say("the name label's font is bold",
                            "si la fuente de la etiqueta del nombre está en negrita"), true, who.getFont().isBold());
                    check(out, line, say("the name label's font size (the list's)",
                            "el tamaño de la fuente de la etiqueta del nombre (el de la lista)"), base.getSize(),
                            who.getFont().getSize());
                    check(out, line, say("the text label's text", "el texto de la etiqueta del texto"), c[3],
                            text.getText());
                    check(out, line, say("the text label's colour", "el color de la etiqueta del texto"), textColour,
                            text.getForeground());
                    check(out, line, say("the text label's font is italic",
                            "si la fuente de la etiqueta del texto está en cursiva"), c[5], text.getFont().isItalic());
                    check(out, line, say("the text label's font size", "el tamaño de la fuente de la etiqueta del "
                            + "texto"),
                            base.getSize(), text.getFont().getSize());
                    check(out, line, say("the background", "el fondo"), background, stamp.getBackground());
                    check(out, line, say("html.disable on the name label", "html.disable en la etiqueta del nombre"),
                            Boolean.TRUE, who.getClientProperty("html.disable"));
                }
                Component selected = r.getListCellRendererComponent(list, ChatLine.own("ana", "picked"), 0, true, true);
                check(out, say("a selected line", "una línea seleccionada"), say("the background", "el fondo"),
                        list.getSelectionBackground(), selected.getBackground());
                check(out, say("a selected line", "una línea seleccionada"),
                        say("the text label's colour", "el color de la etiqueta del texto"),
                        list.getSelectionForeground(),
                        Gui.labels(selected).get(Gui.labels(selected).size() - 1).getForeground());
                return out;
            });
            assertThat(problems)
                    .as(say("what the renderer got wrong — it must set the name, text, colours, font and background "
                            + "for every line it stamps, or the previous line's style leaks in", "lo que el "
                            + "renderizador hizo mal — debe fijar el nombre, el texto, los colores, la fuente y el "
                            + "fondo en cada línea que dibuja, o se cuela el estilo de la línea anterior"))
                    .isEmpty();
        }

        private void check(List<String> out, Object line, String what, Object expected, Object actual) {
            if (!java.util.Objects.equals(expected, actual)) {
                out.add(say(line + ": " + what + " should be " + expected + " but is " + actual,
                        line + ": " + what + ": debería ser " + expected + " pero es " + actual));
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
                    out.add(say("the stamp should hold two labels, the name and the text; it holds " + labels.size(),
                            "el componente que devuelve el renderizador debería tener dos etiquetas, el nombre y el "
                            + "texto; tiene " + labels.size()));
                    return out;
                }
                JLabel text = labels.get(1);
                java.awt.FontMetrics fm = text.getFontMetrics(text.getFont());
                java.awt.Insets in = text.getInsets();
                int room = text.getWidth() - in.left - in.right;
                int needed = greedyLines(words, fm, room);
                if (cell.width > viewWidth) {
                    out.add(say("the long line's cell is " + cell.width + " px wide, wider than the " + viewWidth
                            + " px the list shows: its end is out of sight", "la celda de la línea larga mide "
                            + cell.width + " px de ancho, más que los " + viewWidth + " px que muestra la lista: su "
                            + "final queda fuera de la vista"));
                }
                if (text.getX() + text.getWidth() > cell.width) {
                    out.add(say("the text label reaches past the cell's right edge",
                            "la etiqueta del texto pasa más allá del borde derecho de la celda"));
                }
                if (text.getHeight() < needed * fm.getHeight() || cell.height < needed * fm.getHeight()) {
                    out.add(say("the long line needs " + needed + " lines of " + fm.getHeight() + " px at "
                            + room + " px wide, but its cell is " + cell.height + " px tall (a one-line cell is "
                            + shortCell.height + " px): words are cut off", "la línea larga necesita " + needed
                            + " líneas de " + fm.getHeight() + " px con " + room + " px de ancho, pero su celda mide "
                            + cell.height + " px de alto (una celda de una línea mide " + shortCell.height + " px): "
                            + "se cortan palabras"));
                }
                if (!words.equals(text.getText())) {
                    out.add(say("the text label shows " + Gui.labels(stamp).get(1).getText() + " instead of the whole "
                            + "line",
                            "la etiqueta del texto muestra " + Gui.labels(stamp).get(1).getText()
                            + " en vez de la línea entera"));
                }
                return out;
            });
            assertThat(problems)
                    .as(say("a 60-word line in a 480 px wide panel: the message list's cell should be as wide as the "
                            + "list and tall enough for the whole text wrapped to it", "una línea de 60 palabras en un "
                            + "panel de 480 px de ancho: la celda de la lista de mensajes debería ser tan ancha como "
                            + "la lista y lo bastante alta para todo el texto partido a ese ancho"))
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
                    .as(say("the users list's renderer for ana (you), bob, ana again and <html><b>eve: bold only for "
                            + "model.myName(); set the font every time, or bold leaks to the next name", "el "
                            + "renderizador de la lista de usuarios para ana (tú), bob, ana de nuevo y <html><b>eve: "
                            + "negrita (bold) solo para model.myName(); fija la fuente cada vez, o la negrita se cuela "
                            + "en el nombre siguiente"))
                    .containsExactly("ana bold", "bob plain", "ana bold", "<html><b>eve plain");
        }

        @Test
        @DisplayName("the status line shows any status as text, never as HTML")
        void statusIsText() throws Exception {
            buildPanel();
            onEdt(() -> model.setState(ChatModel.State.FAILED, "<html><b>x"));
            assertShownAsText(List.of(onEdt(() -> panel.statusLabel())), "<html><b>x",
                    say("the status line", "la línea de estado"));
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
            assertThat(seen.get(0)).as(say("the problem shown for the port <html><b>1 (see also §6 The window)",
                            "el problema que se muestra para el puerto <html><b>1 (ver también §6 La ventana)"))
                    .asString()
                    .contains("<html><b>1");
            assertThat(seen.get(1))
                    .as(say("the problem label's \"html.disable\": it quotes what was typed",
                            "el \"html.disable\" de la etiqueta de problemas: cita lo que se escribió"))
                    .isEqualTo(Boolean.TRUE);
            assertThat((String) seen.get(2))
                    .as(say("the problem line once the fields are fine: blank, but a text (null would make it "
                            + "collapse) (see also §6 The window)", "la línea de problema cuando los campos están "
                            + "bien: en blanco, pero con un texto (null la haría colapsar) "
                            + "(ver también §6 La ventana)"))
                    .isNotNull()
                    .isBlank();
        }

        private void assertShownAsText(List<JLabel> labels, String text, String where) {
            JLabel showing = labels.stream().filter(l -> text.equals(l.getText())).findFirst().orElse(null);
            assertThat(showing)
                    .as(say("a label of %s whose text is exactly %s; labels found: %s",
                            "una etiqueta de %s cuyo texto sea exactamente %s; etiquetas encontradas: %s"), where, text,
                            labels.stream().map(JLabel::getText).toList())
                    .isNotNull();
            assertThat(showing.getClientProperty("html"))
                    .as(say("the HTML view Swing made for the label showing %s: expected none (null) — without "
                            + "putClientProperty(\"html.disable\", Boolean.TRUE) Swing renders it as HTML",
                            "la vista HTML que Swing creó para la etiqueta que muestra %s: se esperaba ninguna (null) "
                            + "— sin putClientProperty(\"html.disable\", Boolean.TRUE) Swing la dibuja como HTML"),
                            text)
                    .isNull();
            assertThat(showing.getClientProperty("html.disable"))
                    .as(say("the label's \"html.disable\" client property",
                            "la propiedad de cliente \"html.disable\" de la etiqueta")).isEqualTo(Boolean.TRUE);
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
                    .as(say("the state right after connect(), still inside the same EDT event: expected CONNECTING — "
                            + "connecting and joining belong on a SwingWorker, not on the EDT", "el estado justo "
                            + "después de connect(), todavía dentro del mismo evento del EDT: se esperaba CONNECTING — "
                            + "conectarse y hacer join le corresponden a un SwingWorker, no al EDT"))
                    .isEqualTo(ChatModel.State.CONNECTING);
            eventually(SOON, () -> model.state(), s -> s == ChatModel.State.CONNECTED,
                    say("the model should be CONNECTED once the server confirmed ana's join",
                            "el modelo debería estar en CONNECTED una vez que el servidor confirmó el join de ana"),
                    ChatModel.State.CONNECTED);
            assertThat(onEdt(() -> items(model.users())))
                    .as(say("users once connected", "usuarios una vez conectado")).containsExactly("ana");
            await(() -> server.usernames().contains("ana"), say("the server should know ana",
                    "el servidor debería conocer a ana"));
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
                        .as(say("ms connect() held the EDT with a server that does not answer: expected at once",
                                "ms que connect() retuvo el EDT con un servidor que no responde: se esperaba que "
                                + "retornara de inmediato"))
                        .isLessThan(1000);
                assertThat(edtMillis)
                        .as(say("ms the EDT took to answer while connecting: expected at once",
                                "ms que tardó el EDT en responder mientras se conectaba: se esperaba de inmediato"))
                        .isLessThan(1000);
                assertThat(meanwhile).as(say("the state while connecting", "el estado mientras se conecta"))
                        .isIn(ChatModel.State.CONNECTING, ChatModel.State.FAILED);
                // The connect that waits must have a time limit, or a silent server holds it for minutes: the JDK
                // waits in NioSocketImpl.timedFinishConnect only when connect() was given a timeout.
                java.util.concurrent.atomic.AtomicReference<String> how = new java.util.concurrent.atomic.AtomicReference<>();
                dcchat.testing.Waits.awaitSteady().atMost(Duration.ofSeconds(2)).until(() -> {
                    how.set(connectInProgress());
                    return how.get() != null || onEdt(() -> model.state()) == ChatModel.State.FAILED;
                });
                assertThat(how.get())
                        .as(say("how the connect to a silent server waits: ChatClient.connect must give the socket a "
                                + "time limit, socket.connect(address, CONNECT_TIMEOUT_MILLIS), or a server that never "
                                + "answers holds it for minutes (ChatClient is step 4's: see also its lesson's section The "
                                + "client library)", "cómo espera la conexión a un servidor que no responde: "
                                + "ChatClient.connect debe darle al socket un límite de tiempo, "
                                + "socket.connect(address, CONNECT_TIMEOUT_MILLIS), o un servidor que nunca responde lo "
                                + "retiene por minutos (ChatClient es del paso 4: ver también la sección La biblioteca "
                                + "cliente de su lección)"))
                        .isNotEqualTo(WITHOUT_A_TIME_LIMIT);
            } finally {
                queued.forEach(this::closeQuietly);
            }
            // The listener is gone: the connect that waits is refused at its next try (Linux retries after 1 s),
            // instead of waiting out the 3 s connect timeout (checked above). describe() covers its sentence.
            eventually(Duration.ofSeconds(ChatClient.CONNECT_TIMEOUT_MILLIS / 1000 + 3), () -> model.state(),
                    s -> s == ChatModel.State.FAILED,
                    say("a connect that waited and then failed should end FAILED, not stay CONNECTING",
                            "una conexión que esperó y después falló debería terminar en FAILED, no quedarse en "
                                    + "CONNECTING"),
                    ChatModel.State.FAILED);
        }

        @Test
        @DisplayName("a connection that arrives after close() (the window closed while connecting) is closed at once")
        void lateConnectionIsClosed() throws Exception {
            BlockingQueue<String> seen = new LinkedBlockingQueue<>();
            try (dcchat.testing.TestServer fake = dcchat.testing.TestServer.start(socket -> {
                seen.add(say("connected", "conectada"));
                seen.add(socket.getInputStream().read() == -1 ? say("closed", "cerrada")
                        : say("got bytes: it was used", "recibió bytes: se usó"));
            })) {
                buildPanel();
                onEdt(() -> {
                    controller.connect("127.0.0.1", fake.port(), "ana");
                    controller.close(); // the user closed the window at once: the worker is still connecting
                });
                String first = say("the fake server's first event", "el primer evento del servidor fake");
                assertThat(Waits.next(seen, first)).as(first)
                        .isEqualTo(say("connected", "conectada"));
                assertThat(Waits.next(seen, say("what happened to the connection that arrived after close()",
                                "lo que le pasó a la conexión que llegó después de close()")))
                        .as(say("what happened to the connection that arrived after close(): done() sees an attempt "
                                + "nobody wants any more and closes that client without joining", "lo que le pasó a la "
                                + "conexión que llegó después de close(): done() ve un intento que ya nadie quiere y "
                                + "cierra ese cliente sin hacer join"))
                        .isEqualTo(say("closed", "cerrada"));
                Gui.rethrowEdtError();
            }
        }

        @Test
        @DisplayName("connect() again starts afresh: users emptied and a status line at once, the old connection closed")
        void connectAgainStartsAfresh() throws Exception {
            joined("bob");
            connectPanel("ana");
            eventually(SOON, () -> items(model.users()), u -> u.equals(List.of("ana", "bob")),
                    say("ana's users list should show ana and bob", "la lista de usuarios de ana debería mostrar a ana "
                            + "y a bob"),
                    List.of("ana", "bob"));
            List<Object> right = onEdt(() -> {
                controller.connect("127.0.0.1", server.port(), "ana2");
                List<Object> out = new ArrayList<>(items(model.users()));
                out.add(model.messages().lastElement());
                return out;
            });
            assertThat(right)
                    .as(say("right after connect() again, in the same EDT event: no users (nobody is known on the new "
                            + "connection yet), then the last line", "justo después de llamar otra vez a connect(), en "
                            + "el mismo evento del EDT: ningún usuario (en la conexión nueva todavía no se sabe de "
                            + "nadie), y después la última línea"))
                    .hasSize(1)
                    .first()
                    .isInstanceOfSatisfying(ChatLine.class, l -> {
                        assertThat(l.kind()).as(say("the last line's kind: a STATUS line saying where it connects",
                                        "el tipo de la última línea: una línea STATUS que dice adónde se conecta"))
                                .isEqualTo(ChatLine.Kind.STATUS);
                        assertThat(l.text()).contains("127.0.0.1:" + server.port()).contains("ana2");
                    });
            eventually(SOON, () -> model.state(), st -> st == ChatModel.State.CONNECTED,
                    say("connected again, as ana2", "conectado de nuevo, como ana2"), ChatModel.State.CONNECTED);
            await(() -> server.connectionCount() == 2, say("connect() again must close the old connection first: the "
                    + "server should end with bob and ana2 only", "connect() otra vez debe cerrar primero la conexión "
                    + "anterior: el servidor debería quedar solo con bob y ana2"));
            assertThat(server.usernames()).as(say("names on the server", "nombres en el servidor"))
                    .containsExactlyInAnyOrder("bob", "ana2");
        }

        /** What {@link #connectInProgress()} says of a connect that waits without a time limit. */
        private static final String WITHOUT_A_TIME_LIMIT = say("without a time limit", "sin un límite de tiempo");

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
                    return timed ? say("with a time limit", "con un límite de tiempo") : WITHOUT_A_TIME_LIMIT;
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
                    say("connecting to a port where nobody listens should end FAILED",
                            "conectarse a un puerto donde nadie escucha debería terminar en FAILED"),
                    ChatModel.State.FAILED);
            String status = onEdt(() -> panel.statusLabel().getText());
            assertThat(status)
                    .as(say("the status bar after a refused connection: one readable sentence naming 127.0.0.1:%d, "
                            + "not an exception", "la barra de estado después de una conexión rechazada: una frase "
                            + "legible que nombre 127.0.0.1:%d, no una excepción"), port)
                    .contains("127.0.0.1:" + port)
                    .doesNotContain("Exception")
                    .doesNotContain("\tat ");
            assertThat(onEdt(() -> panel.reconnectButton().isVisible()))
                    .as(say("the Reconnect button after a failed connect: expected visible",
                            "el botón Reconnect después de una conexión fallida: se esperaba visible")).isTrue();
            assertThat(onEdt(() -> panel.input().isEnabled()))
                    .as(say("the input field while not connected: expected disabled",
                            "el campo de entrada sin conexión: se esperaba deshabilitado")).isFalse();
            assertThat(onEdt(() -> panel.sendButton().isEnabled()))
                    .as(say("the Send button while not connected: expected disabled",
                            "el botón Send sin conexión: se esperaba deshabilitado")).isFalse();
            assertThat(onEdt(() -> items(model.messages())))
                    .as(say("the message list after a failed connect: an ERROR line with the same sentence",
                            "la lista de mensajes después de una conexión fallida: una línea ERROR con la misma frase"))
                    .contains(ChatLine.error(status));
            java.awt.Color colour = onEdt(() -> panel.statusLabel().getForeground());
            assertThat(colour.getRed())
                    .as(say("the status colour after a failed connect, %s: red, so more red than green",
                            "el color del estado después de una conexión fallida, %s: rojo, o sea, más rojo que verde"),
                            colour)
                    .isGreaterThan(colour.getGreen() + 60);
        }

        @Test
        @DisplayName("a server that goes away is shown: readable status, users cleared, Reconnect button, input off")
        void serverGoesAway() throws Exception {
            connectPanel("ana");
            assertThat(onEdt(() -> panel.reconnectButton().isVisible()))
                    .as(say("the Reconnect button while connected: expected hidden",
                            "el botón Reconnect mientras hay conexión: se esperaba oculto")).isFalse();
            assertThat(onEdt(() -> panel.input().isEnabled()))
                    .as(say("the input field while connected: expected enabled",
                            "el campo de entrada mientras hay conexión: se esperaba habilitado")).isTrue();
            assertThat(onEdt(() -> panel.sendButton().isEnabled()))
                    .as(say("the Send button while connected: expected enabled",
                            "el botón Send mientras hay conexión: se esperaba habilitado")).isTrue();
            java.awt.Color connected = onEdt(() -> panel.statusLabel().getForeground());
            assertThat(connected.getGreen())
                    .as(say("the status colour while connected, %s: green, so more green than red",
                            "el color del estado mientras hay conexión, %s: verde, o sea, más verde que rojo"),
                            connected)
                    .isGreaterThan(connected.getRed() + 60);
            server.close();
            eventually(SOON, () -> model.state(), s -> s == ChatModel.State.LOST,
                    say("after the server closed, the model should be LOST",
                            "después de que el servidor cerró, el modelo debería estar en LOST"), ChatModel.State.LOST);
            String status = onEdt(() -> panel.statusLabel().getText());
            assertThat(status)
                    .as(say("the status bar after the server went away: a readable sentence, not an exception",
                            "la barra de estado después de que el servidor desapareció: una frase legible, no una "
                            + "excepción"))
                    .isNotBlank()
                    .doesNotContain("Exception")
                    .doesNotContain("\tat ");
            assertThat(onEdt(() -> items(model.users())))
                    .as(say("users after the connection was lost: nobody is known to be here",
                            "usuarios después de perderse la conexión: ya no se sabe de nadie que esté aquí"))
                    .isEmpty();
            assertThat(onEdt(() -> items(model.messages())))
                    .as(say("the message list after the connection was lost: an ERROR line says so",
                            "la lista de mensajes después de perderse la conexión: una línea ERROR lo dice"))
                    .anySatisfy(l -> assertThat(l.kind()).isEqualTo(ChatLine.Kind.ERROR));
            assertThat(onEdt(() -> panel.reconnectButton().isVisible()))
                    .as(say("the Reconnect button after the server went away: expected visible",
                            "el botón Reconnect después de que el servidor desapareció: se esperaba visible")).isTrue();
            assertThat(onEdt(() -> panel.input().isEnabled()))
                    .as(say("the input field after the server went away: expected disabled",
                            "el campo de entrada después de que el servidor desapareció: se esperaba deshabilitado"))
                    .isFalse();
        }

        @Test
        @DisplayName("without a connection — lost, or closed — send() does nothing: no frame, no error, no exception")
        void sendWithoutConnection() throws Exception {
            connectPanel("ana");
            server.close();
            eventually(SOON, () -> model.state(), s -> s == ChatModel.State.LOST,
                    say("after the server closed, the model should be LOST",
                            "después de que el servidor cerró, el modelo debería estar en LOST"), ChatModel.State.LOST);
            int before = onEdt(() -> model.messages().size());
            try (dcchat.testing.StdErr err = dcchat.testing.StdErr.record()) {
                onEdt(() -> controller.send("anyone?"));
                dcchat.testing.Waits.awaitSteady().alias(say("send() after the connection was lost should do nothing, "
                        + "not even an error line: the controller lets the client go when the state becomes LOST",
                        "send() después de perderse la conexión no debería hacer nada, ni siquiera una línea de error: "
                        + "el controlador suelta el cliente cuando el estado pasa a LOST"))
                        .during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1))
                        .until(() -> onEdt(() -> model.messages().size()) == before);
                assertThat(err.text())
                        .as(say("System.err while send() ran without a connection: no exception on any thread — with "
                                + "no client, return before handing anything to the sender", "System.err mientras "
                                + "send() corría sin conexión: ninguna excepción en ningún thread — sin cliente, "
                                + "retorna antes de pasarle nada al thread emisor"))
                        .doesNotContain("Exception");
            }
            onEdt(() -> controller.close());
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> onEdt(() -> controller.send("late")));
            assertThat(thrown)
                    .as(say("send() after close(): the sender is shut down, so send() must return quietly instead of "
                            + "handing it a task (see also §6 The window)", "send() después de close(): el thread "
                            + "emisor ya está cerrado, así que send() debe retornar sin hacer nada en vez de pasarle "
                            + "una tarea (ver también §6 La ventana)"))
                    .isNull();
        }

        @Test
        @DisplayName("Reconnect joins again, under the same name, once the server is back")
        void reconnect() throws Exception {
            connectPanel("ana");
            int port = server.port();
            server.close();
            eventually(SOON, () -> model.state(), s -> s == ChatModel.State.LOST,
                    say("after the server closed, the model should be LOST",
                            "después de que el servidor cerró, el modelo debería estar en LOST"), ChatModel.State.LOST);
            server = closedAfterTest(new ChatServer(port).start());
            onEdt(() -> panel.reconnectButton().doClick(0));
            eventually(SOON, () -> model.state(), s -> s == ChatModel.State.CONNECTED,
                    say("after Reconnect, with the server back, the model should be CONNECTED again",
                            "después de Reconnect, con el servidor de vuelta, el modelo debería estar de nuevo en "
                                    + "CONNECTED"),
                    ChatModel.State.CONNECTED);
            assertThat(onEdt(() -> items(model.users()))).as(say("users after reconnecting", "usuarios después de "
                    + "reconectarse"))
                    .containsExactly("ana");
            assertThat(onEdt(() -> panel.reconnectButton().isVisible()))
                    .as(say("the Reconnect button once connected again: expected hidden",
                            "el botón Reconnect una vez conectado de nuevo: se esperaba oculto")).isFalse();
        }

        @Test
        @DisplayName("a name the server refuses is shown with the server's reason, and ends FAILED")
        void refusedName() throws Exception {
            joined("ana");
            buildPanel();
            onEdt(() -> controller.connect("127.0.0.1", server.port(), "ana"));
            eventually(SOON, () -> model.state(), s -> s == ChatModel.State.FAILED,
                    say("joining as a taken name should end FAILED (an error before your own join)",
                            "hacer join con un nombre ocupado debería terminar en FAILED (un error antes de tu propio "
                                    + "join)"),
                    ChatModel.State.FAILED);
            assertThat(onEdt(() -> panel.statusLabel().getText()))
                    .as(say("the status bar after the server refused the name ana: it should say why",
                            "la barra de estado después de que el servidor rechazó el nombre ana: debería decir por "
                                    + "qué"))
                    .contains("taken");
            assertThat(onEdt(() -> panel.reconnectButton().isVisible()))
                    .as(say("the Reconnect button after a refused name: expected visible",
                            "el botón Reconnect después de un nombre rechazado: se esperaba visible")).isTrue();
            await(() -> server.connectionCount() == 1, say("after the refusal the controller closes that client: the "
                    + "server should keep only the first ana's connection", "después del rechazo el controlador "
                    + "cierra ese cliente: el servidor debería quedarse solo con la conexión de la primera ana"));
        }

        @Test
        @DisplayName("describe() turns each connection failure into a sentence a person can act on")
        void describeSays() {
            String address = "127.0.0.1:5000";
            assertThat(ChatController.describe("127.0.0.1", 5000, new java.net.ConnectException("Connection refused")))
                    .as(say("refused (nobody listens): name the address, ask whether the server runs",
                            "rechazada (nadie escucha): nombra la dirección, pregunta si el servidor está corriendo"))
                    .contains(address).contains("server").doesNotContain("Exception");
            assertThat(ChatController.describe("127.0.0.1", 5000, new SocketTimeoutException("connect timed out")))
                    .as(say("no answer: name the address and the 3 s waited",
                            "sin respuesta: nombra la dirección y los 3 s que se esperó"))
                    .contains(address).contains("3 s").doesNotContain("Exception");
            assertThat(ChatController.describe("chat.example.invalid", 5000,
                            new java.net.UnknownHostException("chat.example.invalid")))
                    .as(say("an unknown host: name it and ask to check its spelling",
                            "un host desconocido: nómbralo y pide revisar cómo está escrito"))
                    .contains("chat.example.invalid").contains("spell").doesNotContain("Exception");
            assertThat(ChatController.describe("127.0.0.1", 5000, new java.io.IOException("boom")))
                    .as(say("anything else: the address and the exception's message",
                            "cualquier otra cosa: la dirección y el mensaje de la excepción"))
                    .contains(address).contains("boom").doesNotContain("Exception");
            assertThat(ChatController.describe("127.0.0.1", 5000, new java.io.IOException((String) null)))
                    .as(say("an exception without a message: the address, and no \"null\"",
                            "una excepción sin mensaje: la dirección, y ningún \"null\""))
                    .contains(address).doesNotContain("null");
            assertThat(ChatController.describe("127.0.0.1", 5000, null))
                    .as(say("no cause at all: the address, and no \"null\"", "sin ninguna causa: la dirección, y "
                            + "ningún \"null\""))
                    .contains(address).doesNotContain("null");
        }

        @Test
        @DisplayName("reconnect() before any connect() is a programming error: IllegalStateException")
        void reconnectBeforeConnect() throws Exception {
            buildPanel();
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> onEdt(() -> controller.reconnect()));
            assertThat(thrown)
                    .as(say("reconnect() with no address remembered", "reconnect() sin ninguna dirección recordada"))
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
                    out.add(String.valueOf(form.problem()) + say(" | shown: ", " | se muestra: ")
                            + form.problemLabel().getText());
                }
                form.fill("127.0.0.1", 5000, "ana 🎉");
                form.submit();
                out.add(String.valueOf(form.problem()));
                return out;
            });
            assertThat(problems.subList(0, 9))
                    .as(say("problem() for a blank host; ports abc, 0, 65536; names \"\", \"   \", 33 characters, "
                            + "with a tab, with a leading space: each a sentence, also shown in the form", "problem() "
                            + "para un host en blanco; los puertos abc, 0, 65536; los nombres \"\", \"   \", de 33 "
                            + "caracteres, con un tabulador, con un espacio al principio: cada uno, una frase que "
                            + "también se muestra en el formulario"))
                    .allSatisfy(p -> assertThat(p).doesNotStartWith("null")
                            .doesNotEndWith(say("shown:  ", "se muestra:  ")));
            assertThat(problems.get(9)).as(say("problem() for 127.0.0.1, 5000, \"ana 🎉\"",
                    "problem() para 127.0.0.1, 5000, \"ana 🎉\"")).isEqualTo("null");
            assertThat(requests)
                    .as(say("requests the form passed on: only the valid one",
                            "peticiones que el formulario pasó: solo la válida"))
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
                        out.add(say("host " + Lesson.show(c[0]) + ", port " + Lesson.show(c[1]) + ", name "
                                + Lesson.show(c[2]) + ": expected " + (c[3] == null ? "null (fine)"
                                : "a sentence mentioning \"" + c[3] + "\"") + ", got " + Lesson.show(problem),
                                "host " + Lesson.show(c[0]) + ", puerto " + Lesson.show(c[1]) + ", nombre "
                                + Lesson.show(c[2]) + ": se esperaba " + (c[3] == null ? "null (está bien)"
                                : "una frase que mencione \"" + c[3] + "\"") + ", se obtuvo " + Lesson.show(problem)));
                    }
                }
                return out;
            });
            assertThat(seen)
                    .as(say("problem() for each form", "problem() para cada formulario"))
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
                        out.add(say("a label \"" + label + "\"", "una etiqueta \"" + label + "\""));
                    }
                }
                for (Component part : new Component[] {form.hostField(), form.portField(), form.nameField(),
                    form.problemLabel()}) {
                    if (!SwingUtilities.isDescendingFrom(part, form)) {
                        out.add(part.getClass().getSimpleName() + say(" in the form", " en el formulario"));
                    }
                }
                javax.swing.JButton connect = button(form, "Connect");
                if (connect == null) {
                    out.add(say("a button \"Connect\"", "un botón \"Connect\""));
                }
                form.fill("10.0.0.7", 6000, "ana");
                form.nameField().postActionEvent();  // Enter in the name field
                form.hostField().postActionEvent();  // Enter in the host field
                if (connect != null) {
                    connect.doClick(0);
                }
                return out;
            });
            assertThat(missing).as(say("parts missing from the connect form",
                    "partes que le faltan al formulario de conexión")).isEmpty();
            assertThat(requests)
                    .as(say("requests after fill(\"10.0.0.7\", 6000, \"ana\"), then Enter in the name field, Enter in "
                            + "the host field and a click on Connect: one each, all for that address", "peticiones "
                            + "después de fill(\"10.0.0.7\", 6000, \"ana\"), y después Enter en el campo del nombre, "
                            + "Enter en el campo del host y un clic en Connect: una por cada uno, todas para esa "
                            + "dirección"))
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
                    out.add(say("Reconnect is visible before anything failed",
                            "Reconnect está visible antes de que algo falle"));
                }
                Component[] parts = {panel.messageList(), panel.userList(), panel.input(), panel.sendButton(),
                    panel.statusLabel(), panel.reconnectButton()};
                String[] names = {say("the message list", "la lista de mensajes"),
                    say("the users list", "la lista de usuarios"), say("the input field", "el campo de entrada"),
                    "Send",
                    say("the status line", "la línea de estado"), "Reconnect"};
                for (int i = 0; i < parts.length; i++) {
                    if (!SwingUtilities.isDescendingFrom(parts[i], panel)) {
                        out.add(say(names[i] + " is not in the panel", names[i] + " no está en el panel"));
                    }
                }
                if (!panel.messageList().getScrollableTracksViewportWidth()) {
                    out.add(say("the message list scrolls sideways: it should be as wide as its viewport, so a long "
                            + "line wraps instead", "la lista de mensajes se desplaza hacia los lados: debería ser tan "
                            + "ancha como su viewport, para que una línea larga se parta en vez de eso"));
                }
                model.setState(ChatModel.State.CONNECTING, "Connecting to 127.0.0.1:5000 as ana …");
                if (!"Connecting to 127.0.0.1:5000 as ana …".equals(panel.statusLabel().getText())) {
                    out.add(say("the status line does not show the model's status",
                            "la línea de estado no muestra el estado del modelo"));
                }
                return out;
            });
            assertThat(missing).as(say("what the chat panel gets wrong (see also §5 When the server goes away)",
                    "lo que el panel de chat hace mal (ver también §5 Cuando el servidor desaparece)")).isEmpty();
        }

        @Test
        @DisplayName("close() closes the connection and ends the sender thread, so the program can exit")
        void closeEndsTheSender() throws Exception {
            java.util.Set<Thread> before = java.util.Set.copyOf(Thread.getAllStackTraces().keySet());
            connectPanel("ana");
            onEdt(() -> controller.close());
            await(() -> server.usernames().isEmpty(), say("after close() the server should see ana leave",
                    "después de close() el servidor debería ver salir a ana"));
            await(() -> Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.isAlive() && !before.contains(t)
                    && t.getName().equals("dcchat-gui-sender")), say("after close() the dcchat-gui-sender thread "
                    + "should end: shut the executor down; it is not a daemon, so it would keep the program running",
                    "después de close() el thread dcchat-gui-sender debería terminar: cierra el ejecutor (shutdown); "
                    + "no es daemon, así que mantendría el programa corriendo"));
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
