package dcchat.gui;

import java.awt.Color;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.util.function.Consumer;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextField;

/**
 * The form a window opens with: host, port and name, checked before anyone connects (README §6).
 *
 * <p>Step 5 of DCChat. Checking here saves a round trip and gives a better message; the server still
 * checks the name (step 4 §2), and its refusal is shown too.
 */
public final class ConnectForm extends JPanel {

    private static final long serialVersionUID = 1L;

    /**
     * What the form asks for, once it is valid.
     *
     * @param host the server's host
     * @param port the server's port, 1–65535
     * @param name the name to join as
     */
    public record Request(String host, int port, String name) {
    }

    private final JTextField host = new JTextField("127.0.0.1", 16);
    private final JTextField port = new JTextField("5000", 6);
    private final JTextField name = new JTextField(16);
    private final JButton connectButton = new JButton("Connect");
    private final JLabel problemLabel = new JLabel(" ");
    private final transient Consumer<Request> onConnect;

    /**
     * Builds the form (EDT only).
     *
     * @param onConnect called on the EDT with a valid request when the user presses Connect or Enter
     */
    public ConnectForm(Consumer<Request> onConnect) {
        super(new GridBagLayout());
        this.onConnect = onConnect;
        setBorder(BorderFactory.createEmptyBorder(16, 16, 16, 16));
        problemLabel.putClientProperty("html.disable", Boolean.TRUE); // it quotes what was typed
        problemLabel.setForeground(new Color(0xB3261E));
        GridBagConstraints c = new GridBagConstraints();
        c.insets = new Insets(4, 4, 4, 4);
        c.anchor = GridBagConstraints.WEST;
        String[] labels = {"Host", "Port", "Your name"};
        JTextField[] fields = {host, port, name};
        for (int row = 0; row < fields.length; row++) {
            c.gridx = 0;
            c.gridy = row;
            c.fill = GridBagConstraints.NONE;
            add(new JLabel(labels[row]), c);
            c.gridx = 1;
            c.fill = GridBagConstraints.HORIZONTAL;
            add(fields[row], c);
            fields[row].addActionListener(e -> submit());
        }
        c.gridx = 1;
        c.gridy = fields.length;
        c.fill = GridBagConstraints.NONE;
        c.anchor = GridBagConstraints.EAST;
        add(connectButton, c);
        c.gridx = 0;
        c.gridy = fields.length + 1;
        c.gridwidth = 2;
        c.anchor = GridBagConstraints.WEST;
        add(problemLabel, c);
        connectButton.addActionListener(e -> submit());
    }

    /**
     * What is wrong with the fields, in one sentence, or null when they are fine (README §6): the host must
     * not be blank; the port must be a whole number from 1 to 65535; the name must not be blank, have spaces
     * at either end, be longer than 32 characters (code points), or contain a control character.
     *
     * @return the first problem found, e.g. "The port must be a number from 1 to 65535, not \"abc\".", or null
     */
    public String problem() {
        String h = host.getText();
        String p = port.getText().strip();
        String n = name.getText();
        if (h.isBlank()) {
            return "Type the server's host, e.g. 127.0.0.1.";
        }
        int number;
        try {
            number = Integer.parseInt(p);
        } catch (NumberFormatException e) {
            number = -1;
        }
        if (number < 1 || number > 65535) {
            return "The port must be a number from 1 to 65535, not \"" + p + "\".";
        }
        if (n.isBlank()) {
            return "Type a name to chat under.";
        }
        if (!n.equals(n.strip())) {
            return "The name must not start or end with a space.";
        }
        if (n.codePointCount(0, n.length()) > 32) {
            return "The name is too long: at most 32 characters.";
        }
        if (n.codePoints().anyMatch(Character::isISOControl)) {
            return "The name must not contain control characters such as line breaks.";
        }
        return null;
    }

    /** Checks the fields; shows the problem, or passes a {@link Request} on (EDT only). */
    public void submit() {
        String problem = problem();
        problemLabel.setText(problem == null ? " " : problem);
        if (problem == null) {
            onConnect.accept(new Request(host.getText().strip(), Integer.parseInt(port.getText().strip()), name.getText()));
        }
    }

    /**
     * Fills the fields, e.g. from the command line.
     *
     * @param h the host
     * @param p the port
     * @param n the name
     */
    public void fill(String h, int p, String n) {
        host.setText(h);
        port.setText(String.valueOf(p));
        name.setText(n == null ? "" : n);
    }

    /** @return the host field */
    public JTextField hostField() {
        return host;
    }

    /** @return the port field */
    public JTextField portField() {
        return port;
    }

    /** @return the name field */
    public JTextField nameField() {
        return name;
    }

    /** @return the label that shows what is wrong */
    public JLabel problemLabel() {
        return problemLabel;
    }
}
