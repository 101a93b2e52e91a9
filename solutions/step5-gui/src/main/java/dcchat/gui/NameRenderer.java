package dcchat.gui;

import java.awt.Component;
import java.awt.Font;
import javax.swing.BorderFactory;
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
        putClientProperty("html.disable", Boolean.TRUE);
        super.getListCellRendererComponent(list, value, index, isSelected, cellHasFocus);
        setBorder(BorderFactory.createEmptyBorder(2, 8, 2, 8));
        setFont(list.getFont().deriveFont(value != null && value.equals(model.myName()) ? Font.BOLD : Font.PLAIN));
        return this;
    }
}
