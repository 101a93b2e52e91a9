package dcchat.gui;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.event.ActionEvent;
import java.awt.event.ComponentAdapter;
import java.awt.event.ComponentEvent;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextField;
import javax.swing.ListSelectionModel;
import javax.swing.SwingUtilities;
import javax.swing.event.ListDataEvent;
import javax.swing.event.ListDataListener;

/**
 * The chat itself, as a panel: the message list, the users present, an input field with a Send button,
 * and a status bar with a Reconnect button (README §2). It works without a window, so the tests build it
 * headless.
 *
 * <p>Step 5 of DCChat. The view only: it draws the {@link ChatModel} and passes what you do to the
 * {@link ChatController}. It never touches a socket.
 *
 * <pre>
 *   ┌──────────────────────────────────────┬─────────┐
 *   │ → ana joined                         │ ana     │
 *   │ bob   hola                           │ bob     │
 *   │ ana   hi bob                         │         │
 *   ├──────────────────────────────────────┴─────────┤
 *   │ [ type here …                        ] [ Send ] │
 *   │ Connected as ana                   [Reconnect] │
 *   └────────────────────────────────────────────────┘
 * </pre>
 */
public final class ChatPanel extends JPanel {

    private static final long serialVersionUID = 1L;
    private static final Color OK = new Color(0x2E7D32);
    private static final Color BAD = new Color(0xB3261E);

    private final transient ChatController controller;
    private final ChatModel model;
    private final JList<ChatLine> messageList;
    private final JList<String> userList;
    private final JTextField input = new JTextField();
    private final JButton sendButton = new JButton("Send");
    private final JLabel statusLabel = new JLabel(" ");
    private final JButton reconnectButton = new JButton("Reconnect");

    /**
     * Builds the panel on {@code controller}'s model (EDT only).
     *
     * @param controller what the panel's buttons call
     */
    public ChatPanel(ChatController controller) {
        super(new BorderLayout(0, 6));
        this.controller = controller;
        this.model = controller.model();
        setBorder(BorderFactory.createEmptyBorder(8, 8, 8, 8));

        messageList = new JList<>(model.messages()) {
            private static final long serialVersionUID = 1L;

            @Override
            public boolean getScrollableTracksViewportWidth() {
                return true; // as wide as the window: a long line wraps instead of scrolling sideways
            }
        };
        messageList.addComponentListener(new ComponentAdapter() {
            private int width = -1;

            @Override
            public void componentResized(ComponentEvent e) {
                if (messageList.getWidth() != width) { // wrapped lines change height: measure every cell again
                    width = messageList.getWidth();
                    messageList.setFixedCellHeight(1);
                    messageList.setFixedCellHeight(-1);
                }
            }
        });
        messageList.setCellRenderer(new ChatLineRenderer());
        messageList.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        messageList.setFocusable(false);
        JScrollPane messageScroll = new JScrollPane(messageList);
        model.messages().addListDataListener(new ListDataListener() { // keep the newest line in view
            @Override
            public void intervalAdded(ListDataEvent e) {
                // Later, not now: this listener can run before the list has measured the new line; a scroll now
                // aims at an unmeasured row and jumps to the top. invokeLater runs after the list's own listeners.
                SwingUtilities.invokeLater(() -> {
                    int last = messageList.getModel().getSize() - 1;
                    if (last >= 0) {
                        messageList.ensureIndexIsVisible(last);
                    }
                });
            }

            @Override
            public void intervalRemoved(ListDataEvent e) {
            }

            @Override
            public void contentsChanged(ListDataEvent e) {
            }
        });

        userList = new JList<>(model.users());
        userList.setCellRenderer(new NameRenderer(model));
        userList.setFocusable(false);
        JScrollPane userScroll = new JScrollPane(userList);
        userScroll.setPreferredSize(new Dimension(120, 0));
        userScroll.setBorder(BorderFactory.createTitledBorder("Here now"));

        JPanel inputRow = new JPanel(new BorderLayout(6, 0));
        inputRow.add(input, BorderLayout.CENTER);
        inputRow.add(sendButton, BorderLayout.EAST);

        statusLabel.putClientProperty("html.disable", Boolean.TRUE); // the status can quote a name or a server's reason
        statusLabel.setFont(statusLabel.getFont().deriveFont(Font.PLAIN));
        reconnectButton.setVisible(false);
        JPanel statusRow = new JPanel(new BorderLayout(6, 0));
        statusRow.add(statusLabel, BorderLayout.CENTER);
        statusRow.add(reconnectButton, BorderLayout.EAST);

        JPanel south = new JPanel(new BorderLayout(0, 6));
        south.add(inputRow, BorderLayout.NORTH);
        south.add(statusRow, BorderLayout.SOUTH);

        add(messageScroll, BorderLayout.CENTER);
        add(userScroll, BorderLayout.EAST);
        add(south, BorderLayout.SOUTH);

        input.addActionListener(this::sendInput);      // Enter in the field
        sendButton.addActionListener(this::sendInput); // or the button
        reconnectButton.addActionListener(e -> controller.reconnect());
        model.addChangeListener(e -> showState());
    }

    /**
     * Sends what is in the input field, if anything (EDT only; README §2): trims it, ignores an empty or
     * blank line, hands it to the controller, and clears the field.
     *
     * @param event the Enter key or the Send button
     */
    void sendInput(ActionEvent event) {
        String text = input.getText().strip();
        if (text.isEmpty()) {
            return;
        }
        controller.send(text);
        input.setText("");
        input.requestFocusInWindow();
    }

    /**
     * Shows the model's state (EDT only; README §5): the status sentence, green when connected and red when
     * failed or lost; the Reconnect button only when failed or lost; the input only when connected.
     */
    void showState() {
        ChatModel.State state = model.state();
        boolean broken = state == ChatModel.State.FAILED || state == ChatModel.State.LOST;
        boolean connected = state == ChatModel.State.CONNECTED;
        statusLabel.setText(model.status());
        statusLabel.setForeground(broken ? BAD : connected ? OK : getForeground());
        reconnectButton.setVisible(broken);
        input.setEnabled(connected);
        sendButton.setEnabled(connected);
        if (connected) {
            input.requestFocusInWindow();
        }
    }

    /** @return the message list (for tests and the window) */
    public JList<ChatLine> messageList() {
        return messageList;
    }

    /** @return the list of users present */
    public JList<String> userList() {
        return userList;
    }

    /** @return the input field */
    public JTextField input() {
        return input;
    }

    /** @return the Send button */
    public JButton sendButton() {
        return sendButton;
    }

    /** @return the status bar's label */
    public JLabel statusLabel() {
        return statusLabel;
    }

    /** @return the Reconnect button, visible when the connection failed or was lost */
    public JButton reconnectButton() {
        return reconnectButton;
    }
}
