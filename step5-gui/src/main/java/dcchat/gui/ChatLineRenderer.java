package dcchat.gui;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.Insets;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JViewport;
import javax.swing.ListCellRenderer;
import javax.swing.SwingUtilities;

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
    private final WrappingLabel text = new WrappingLabel(); // wraps: every word of a long line is shown

    private static final int GAP = 8;

    /** Builds the stamp: a name label on the left, the text label filling the rest. */
    public ChatLineRenderer() {
        super(new BorderLayout(GAP, 0));
        setBorder(BorderFactory.createEmptyBorder(3, 8, 3, 8));
        who.setVerticalAlignment(JLabel.TOP); // beside the first line of a wrapped text
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

    /**
     * The stamp's size for the cell being drawn: as wide as the list's visible width, and as tall as the
     * text needs once wrapped to what is left of that width beside the name (README §3). The list asks
     * for it right after {@code getListCellRendererComponent}, with this stamp inside the list.
     */
    @Override
    public Dimension getPreferredSize() {
        int width = visibleWidth();
        if (width <= 0) {
            text.wrapTo(0);
            return super.getPreferredSize();
        }
        Insets in = getInsets();
        Dimension name = who.getPreferredSize();
        text.wrapTo(Math.max(1, width - in.left - in.right - name.width - GAP));
        Dimension wrapped = text.getPreferredSize();
        return new Dimension(width, Math.max(name.height, wrapped.height) + in.top + in.bottom);
    }

    /** The width of the list this stamp is drawing for, as much as is visible of it; 0 if unknown. */
    private int visibleWidth() {
        JList<?> list = (JList<?>) SwingUtilities.getAncestorOfClass(JList.class, this);
        if (list == null) {
            return 0;
        }
        return list.getParent() instanceof JViewport viewport ? viewport.getExtentSize().width : list.getWidth();
    }
}
