package dcchat.gui;

import java.awt.CardLayout;
import java.awt.Dimension;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import javax.swing.JFrame;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;

/**
 * The DCChat window: the connect form first, then the chat (README §6). Closing it leaves the chat.
 *
 * <p>Step 5 of DCChat. Run it with {@code ./dcchat gui --name ana --port 5000}, or all at once with
 * {@code ./dcchat demo}. It needs a display: on a machine without one, use the console client.
 *
 * <pre>
 *   java dcchat.gui.ChatWindow [--host H] [--port P] [--name N]     with --name it connects at once
 * </pre>
 */
public final class ChatWindow extends JFrame {

    private static final long serialVersionUID = 1L;
    private static final String FORM = "form";
    private static final String CHAT = "chat";

    private final transient ChatController controller;
    private final ConnectForm form;
    private final ChatPanel chat;
    private final CardLayout cards = new CardLayout();
    private final JPanel content = new JPanel(cards);

    /**
     * Builds the window, showing the connect form (EDT only; needs a display).
     *
     * @param controller the controller the window's panel talks to
     */
    public ChatWindow(ChatController controller) {
        super("DCChat");
        this.controller = controller;
        this.form = new ConnectForm(r -> start(r.host(), r.port(), r.name()));
        this.chat = new ChatPanel(controller);
        content.add(form, FORM);
        content.add(chat, CHAT);
        setContentPane(content);
        setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                leave();
            }
        });
        setMinimumSize(new Dimension(420, 300));
        setSize(560, 420);
    }

    /**
     * Shows the chat and connects (EDT only).
     *
     * @param host the server's host
     * @param port the server's port
     * @param name the name to join as
     */
    public void start(String host, int port, String name) {
        form.fill(host, port, name);
        setTitle("DCChat — " + name);
        cards.show(content, CHAT);
        controller.connect(host, port, name);
    }

    /**
     * Leaves (EDT only; README §6): closes the connection — the others see you leave — then disposes of the
     * window. The window calls it when you close it.
     */
    public void leave() {
        throw new UnsupportedOperationException("Step 5: close the connection, then dispose of the window — see README §6 The window");
    }

    /** @return the connect form */
    public ConnectForm form() {
        return form;
    }

    /** @return the chat panel */
    public ChatPanel chat() {
        return chat;
    }

    /**
     * Opens a window.
     *
     * @param args {@code --host H} (default 127.0.0.1), {@code --port P} (default 5000), {@code --name N}
     *             (with a name it connects at once; without, it shows the form), {@code --x X --y Y} (where)
     */
    public static void main(String[] args) {
        String host = "127.0.0.1";
        int port = 5000;
        String name = null;
        int x = -1;
        int y = -1;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--host" -> host = args[i + 1];
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--name" -> name = args[i + 1];
                case "--x" -> x = Integer.parseInt(args[i + 1]);
                case "--y" -> y = Integer.parseInt(args[i + 1]);
                default -> {
                    System.err.println("usage: ChatWindow [--host H] [--port P] [--name N] [--x X --y Y]");
                    System.exit(2);
                }
            }
        }
        if (java.awt.GraphicsEnvironment.isHeadless()) {
            System.err.println("ChatWindow: no display (set DISPLAY, or run under xvfb-run); "
                    + "try the console client: ./dcchat client --name N");
            System.exit(1);
        }
        String h = host;
        int p = port;
        String n = name;
        int px = x;
        int py = y;
        SwingUtilities.invokeLater(() -> {
            ChatWindow window = new ChatWindow(new ChatController(new ChatModel()));
            if (px >= 0 && py >= 0) {
                window.setLocation(px, py);
            } else {
                window.setLocationByPlatform(true);
            }
            window.form().fill(h, p, n);
            window.setVisible(true);
            if (n != null) {
                window.start(h, p, n);
            }
        });
    }
}
