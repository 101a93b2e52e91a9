package dcchat.gui;

import java.awt.Component;
import javax.swing.DefaultListCellRenderer;
import javax.swing.JList;

/**
 * Draws one name of the users list, your own in bold (README §3).
 *
 * <p>Step 5 of DCChat. {@link DefaultListCellRenderer} is a {@code JLabel}; names come from the network, so
 * HTML rendering is switched off on it, exactly as in {@link ChatLineRenderer}.
 */
public final class NameRenderer extends DefaultListCellRenderer {

    private static final long serialVersionUID = 1L;

    private final ChatModel model;

    /**
     * @param model tells which name is yours
     */
    public NameRenderer(ChatModel model) {
        this.model = model;
    }

    /**
     * Configures the label for one name (README §3).
     *
     * @return this label, showing {@code value} as plain text
     */
    @Override
    public Component getListCellRendererComponent(JList<?> list, Object value, int index, boolean isSelected,
                                                  boolean cellHasFocus) {
        throw new UnsupportedOperationException("Step 5: show a name as text — see README §3 Showing text as text");
    }
}
