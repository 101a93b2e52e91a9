package dcchat.gui;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.ListCellRenderer;

/**
 * Draws one {@link ChatLine} of the message list: the name in bold, then the text; your own lines,
 * joins, leaves and errors each in their own style (README §3).
 *
 * <p>Step 5 of DCChat. A renderer is a rubber stamp: one component, reconfigured for every cell and
 * painted, never added to the window. Every label here shows text from the network, so every label has
 * HTML rendering switched off — a line such as {@code <html><b>x} is shown as those nine characters.
 */
public final class ChatLineRenderer extends JPanel implements ListCellRenderer<ChatLine> {

    private static final long serialVersionUID = 1L;

    static final Color OWN_BACKGROUND = new Color(0xE3F2E1);
    static final Color OTHER_NAME = new Color(0x1F5FAF);
    static final Color OWN_NAME = new Color(0x2E7D32);
    static final Color NOTICE = new Color(0x6B6B6B);
    static final Color ERROR = new Color(0xB3261E);

    private final JLabel who = new JLabel();
    private final JLabel text = new JLabel();

    /** Builds the stamp: a name label on the left, the text label filling the rest. */
    public ChatLineRenderer() {
        super(new BorderLayout(8, 0));
        setBorder(BorderFactory.createEmptyBorder(3, 8, 3, 8));
        add(who, BorderLayout.WEST);
        add(text, BorderLayout.CENTER);
    }

    /**
     * Configures the stamp for one line (README §3).
     *
     * @return this panel, showing {@code line} as plain text in its kind's style
     */
    @Override
    public Component getListCellRendererComponent(JList<? extends ChatLine> list, ChatLine line, int index,
                                                  boolean isSelected, boolean cellHasFocus) {
        throw new UnsupportedOperationException("Step 5: show a line as text, in its kind's style — see README §3 Showing text as text");
    }
}
