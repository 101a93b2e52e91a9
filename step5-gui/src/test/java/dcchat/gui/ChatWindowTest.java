package dcchat.gui;

import static dcchat.gui.Gui.eventually;
import static dcchat.gui.Gui.onEdt;
import static dcchat.testing.Lesson.say;
import static dcchat.testing.Teaching.closedAfterTest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dcchat.broadcast.ChatServer;
import dcchat.testing.FrameClient;
import dcchat.testing.Teaching;
import java.awt.GraphicsEnvironment;
import java.awt.Point;
import java.awt.Robot;
import java.awt.event.InputEvent;
import java.awt.event.WindowEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JList;
import javax.swing.ListModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two real chat windows, on a real display, against a real step 4 server. Tagged "display": Maven runs it
 * in its own surefire execution without java.awt.headless; with no display (no DISPLAY, no desktop) it is
 * skipped with a message. On Linux without a desktop: {@code xvfb-run -a ./mvnw test -pl step5-gui -am}.
 */
@Tag("display")
@DisplayName("ChatWindow (on a display)")
@ExtendWith(Teaching.class)
class ChatWindowTest {

    private static final Duration SOON = Duration.ofSeconds(4);

    private ChatServer server;

    /** Says on the console, once, why the window tests are skipped (Surefire's summary shows only a count). */
    @BeforeAll
    static void sayWhyWhenHeadless() {
        if (GraphicsEnvironment.isHeadless()) {
            // no test is running: Lesson.section() is null
            String section = say("step5-gui/README.md §6 The window",
                    "step5-gui/README.es.md §6 La ventana (The window)");
            System.err.println(say("ChatWindowTest: SKIPPED, no display — " + NO_DISPLAY + " (" + section + ")",
                    "ChatWindowTest: OMITIDO, no hay pantalla — " + NO_DISPLAY + " (" + section + ")"));
        }
    }

    private static final String NO_DISPLAY = say("the window tests need a screen: on a desktop they run; on a server "
            + "without one, run the build under xvfb-run (Linux)", "los tests de la ventana necesitan una pantalla: en "
            + "un escritorio corren; en un servidor sin pantalla, corre el build bajo xvfb-run (Linux)");

    @BeforeEach
    void needADisplay() throws Exception {
        assumeFalse(GraphicsEnvironment.isHeadless(), say("no display: ", "no hay pantalla: ") + NO_DISPLAY);
        Gui.reset();
        server = closedAfterTest(new ChatServer(0).start());
    }

    /** A window, disposed on the EDT after the test (EDT only). */
    private static ChatWindow newWindow() {
        ChatWindow w = new ChatWindow(new ChatController(new ChatModel()));
        closedAfterTest(() -> onEdt(w::dispose), Gui.EDT_TEARDOWN);
        return w;
    }

    private ChatWindow open(String name, int x) throws Exception {
        ChatWindow window = onEdt(() -> {
            ChatWindow w = newWindow();
            w.setLocation(x, 40);
            w.setVisible(true);
            w.start("127.0.0.1", server.port(), name);
            return w;
        });
        eventually(SOON, () -> window.chat().statusLabel().getText(), t -> t.contains("Connected"),
                say("the window of " + name + " should show that it is connected",
                        "la ventana de " + name + " debería mostrar que está conectada"),
                say("a status with \"Connected\"", "un estado con \"Connected\""));
        return window;
    }

    private static <T> List<T> items(ListModel<T> m) {
        List<T> list = new ArrayList<>();
        for (int i = 0; i < m.getSize(); i++) {
            list.add(m.getElementAt(i));
        }
        return list;
    }

    @Nested
    @DisplayName("§6 The window")
    class TheWindow {

        @Test
        @DisplayName("a window opened without a name shows the connect form; Connect starts the chat")
        void connectFormStartsTheChat() throws Exception {
            ChatWindow w = onEdt(() -> {
                ChatWindow window = newWindow();
                window.setLocation(40, 80);
                window.setVisible(true);
                return window;
            });
            eventually(SOON, () -> w.form().isShowing(), showing -> showing,
                    say("a new window should show its connect form first",
                            "una ventana nueva debería mostrar primero su formulario de conexión"), true);
            onEdt(() -> {
                w.form().fill("127.0.0.1", server.port(), "carol");
                w.form().submit();
            });
            eventually(SOON, () -> w.chat().statusLabel().getText(), t -> t.contains("Connected"),
                    say("the form's request should start the chat: the chat panel, connected as carol",
                            "la petición del formulario debería iniciar el chat: el panel de chat, conectado como "
                                    + "carol"),
                    say("a status with \"Connected\"", "un estado con \"Connected\""));
            assertThat(onEdt(() -> w.chat().isShowing() && !w.form().isShowing()))
                    .as(say("after Connect the window shows the chat panel instead of the form",
                            "después de Connect la ventana muestra el panel de chat en vez del formulario")).isTrue();
            assertThat(onEdt(w::getTitle)).as(say("the window title", "el título de la ventana"))
                    .isEqualTo("DCChat — carol");
        }

        @Test
        @Timeout(20)
        @DisplayName("a long line wraps in the window, and the newest line is fully in view after a burst of 40 lines "
                + "and after each line that arrives while the window is idle")
        void wrapsAndFollowsTheNewestLine() throws Exception {
            ChatWindow ana = open("ana", 20);
            String longLine = java.util.stream.IntStream.rangeClosed(1, 80).mapToObj(i -> "palabra" + i)
                    .collect(java.util.stream.Collectors.joining(" "));
            try (FrameClient bob = FrameClient.connect(server.port()).joinAs("bob")) {
                bob.send("type", "chat", "data", longLine);
                for (int i = 1; i <= 40; i++) {
                    bob.send("type", "chat", "data", "line " + i);
                }
                eventually(SOON, () -> items(ana.chat().messageList().getModel()),
                        l -> l.contains(ChatLine.chat("bob", "line 40")), say("ana's window should show bob's 41 lines",
                                "la ventana de ana debería mostrar las 41 líneas de bob"),
                        ChatLine.chat("bob", "line 40"));
                newestInView(ana, "line 40", say("after a burst of 40 lines", "tras una ráfaga de 40 líneas"));
                for (int i = 1; i <= 3; i++) {
                    // One at a time, on purpose: the probe that saw the line before in view asked the list for
                    // its bounds, so the list has measured every line, and nothing else is on its way. This line
                    // arrives at a list whose layout is up to date. The model tells the panel's listener before
                    // the list's own (the last added is told first), so a scroll from inside that event finds the
                    // layout still marked up to date and asks for the place of a line the list has not measured:
                    // every time, not by luck.
                    String line = "one more " + i;
                    bob.send("type", "chat", "data", line);
                    newestInView(ana, line, say("after \"" + line + "\", sent when the window was idle",
                            "tras \"" + line + "\", enviada con la ventana en reposo"));
                }
                String wraps = say("wrapped", "partida");
                String wrapped = onEdt(() -> {
                    JList<ChatLine> list = ana.chat().messageList();
                    int index = items(list.getModel()).indexOf(ChatLine.chat("bob", longLine));
                    java.awt.Rectangle cell = list.getCellBounds(index, index);
                    java.awt.Rectangle one = list.getCellBounds(index + 1, index + 1);
                    int viewWidth = list.getVisibleRect().width;
                    return cell.width <= viewWidth && cell.height >= 4 * one.height ? wraps
                            : say("a cell " + cell.width + "×" + cell.height + " px in a list " + viewWidth
                            + " px wide (one line is " + one.height + " px)", "una celda de " + cell.width + "×"
                            + cell.height + " px en una lista de " + viewWidth + " px de ancho (una línea mide "
                            + one.height + " px)");
                });
                assertThat(wrapped)
                        .as(say("the cell of an 80-word line: no wider than the list, and several lines tall so that "
                                + "every word shows (see also §3 Showing text as text)", "la celda de una línea de 80 "
                                + "palabras: no más ancha que la lista, y de varias líneas de alto para que se vea "
                                + "cada palabra (ver también §3 Mostrar el texto como texto)"))
                        .isEqualTo(wraps);
            }
        }

        /**
         * Waits until bob's {@code text} is the last line of {@code w}'s message list and is entirely in view.
         * Until that line has arrived, the line before it being in view proves nothing.
         */
        private void newestInView(ChatWindow w, String text, String when) throws Exception {
            ChatLine newest = ChatLine.chat("bob", text);
            String inView = say("in view", "a la vista");
            eventually(SOON, () -> {
                JList<ChatLine> list = w.chat().messageList();
                int last = list.getModel().getSize() - 1;
                if (last < 0 || !list.getModel().getElementAt(last).equals(newest)) {
                    return say("bob's \"" + text + "\" not yet the last line",
                            "\"" + text + "\" de bob todavía no es la última línea");
                }
                java.awt.Rectangle cell = list.getCellBounds(last, last); // measures the list if it has not yet
                java.awt.Rectangle view = list.getVisibleRect();
                return view.contains(cell) ? inView
                        : say("line " + (last + 1) + " at y " + cell.y + "–" + (cell.y + cell.height)
                        + ", the view shows y " + view.y + "–" + (view.y + view.height),
                        "línea " + (last + 1) + " en y " + cell.y + "–" + (cell.y + cell.height)
                        + ", la vista muestra y " + view.y + "–" + (view.y + view.height));
            }, where -> where.equals(inView), say(when + ", the window should scroll so that the newest line is "
                    + "entirely in view. Scroll after the list has measured the new line (SwingUtilities.invokeLater "
                    + "from the model's listener): scrolled at once, inside the model's event, the list has not "
                    + "measured the new line yet, and the view jumps back to the top", when + ", la ventana debería "
                    + "desplazarse para que la línea más nueva quede entera a la vista. Desplázate después de que la "
                    + "lista haya medido la línea nueva (SwingUtilities.invokeLater desde el listener del modelo): si "
                    + "te desplazas de inmediato, dentro del evento del modelo, la lista todavía no ha medido la línea "
                    + "nueva, y la vista vuelve de un salto al principio"), inView);
        }

        @Test
        @Timeout(20)
        @DisplayName("two windows chat: ana types and clicks Send, bob's window shows it; closing ana's window leaves")
        void twoWindowsChat() throws Exception {
            ChatWindow ana = open("ana", 20);
            ChatWindow bob = open("bob", 620);
            assertThat(onEdt(ana::getTitle)).as(say("ana's window title", "el título de la ventana de ana"))
                    .isEqualTo("DCChat — ana");
            assertThat(onEdt(() -> List.of(ana.form().hostField().getText(), ana.form().portField().getText(),
                    ana.form().nameField().getText())))
                    .as(say("ana's connect form after start(): it keeps the address and name in use",
                            "el formulario de conexión de ana después de start(): guarda la dirección y el nombre en "
                                    + "uso"))
                    .containsExactly("127.0.0.1", String.valueOf(server.port()), "ana");
            eventually(SOON, () -> items(ana.chat().userList().getModel()), u -> u.equals(List.of("ana", "bob")),
                    say("ana's users list should show both", "la lista de usuarios de ana debería mostrar a los dos"),
                    List.of("ana", "bob"));

            onEdt(() -> Gui.type(ana.chat().input(), "hola bob"));
            Point send = onEdt(() -> {
                Point p = ana.chat().sendButton().getLocationOnScreen();
                p.translate(ana.chat().sendButton().getWidth() / 2, ana.chat().sendButton().getHeight() / 2);
                return p;
            });
            Robot robot = new Robot();
            robot.setAutoDelay(20);
            robot.mouseMove(send.x, send.y);
            robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
            robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
            eventually(SOON, () -> items(bob.chat().messageList().getModel()),
                    l -> l.contains(ChatLine.chat("ana", "hola bob")),
                    say("bob's window should show ana's line, sent by a real mouse click on Send",
                            "la ventana de bob debería mostrar la línea de ana, enviada con un clic de mouse real en "
                                    + "Send"),
                    ChatLine.chat("ana", "hola bob"));

            onEdt(() -> ana.dispatchEvent(new WindowEvent(ana, WindowEvent.WINDOW_CLOSING)));
            eventually(SOON, () -> items(bob.chat().messageList().getModel()), l -> l.contains(ChatLine.leave("ana")),
                    say("closing ana's window should close her connection, and bob should see her leave",
                            "cerrar la ventana de ana debería cerrar su conexión, y bob debería verla salir"),
                    ChatLine.leave("ana"));
            assertThat(onEdt(ana::isDisplayable))
                    .as(say("ana's window after she closed it: expected disposed",
                            "la ventana de ana después de que ella la cerró: se esperaba liberada (disposed)"))
                    .isFalse();
            assertThat(server.usernames()).as(say("who the server still has", "a quién tiene todavía el servidor"))
                    .containsExactly("bob");
        }
    }
}
