package dcchat.gui;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.Font;
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
        who.putClientProperty("html.disable", Boolean.TRUE);
        text.putClientProperty("html.disable", Boolean.TRUE);
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
        Font base = list.getFont();
        setOpaque(true);
        setBackground(isSelected ? list.getSelectionBackground() : line.kind() == ChatLine.Kind.OWN ? OWN_BACKGROUND
                : list.getBackground());
        who.setFont(base.deriveFont(Font.BOLD));
        text.setFont(base);
        text.setForeground(isSelected ? list.getSelectionForeground() : list.getForeground());
        switch (line.kind()) {
            case CHAT, OWN -> {
                who.setText(line.user());
                who.setForeground(line.kind() == ChatLine.Kind.OWN ? OWN_NAME : OTHER_NAME);
                text.setText(line.text());
            }
            case JOIN, LEAVE, STATUS -> {
                who.setText(line.kind() == ChatLine.Kind.JOIN ? "→" : line.kind() == ChatLine.Kind.LEAVE ? "←" : "·");
                who.setForeground(NOTICE);
                text.setFont(base.deriveFont(Font.ITALIC));
                text.setForeground(NOTICE);
                text.setText(line.text());
            }
            case ERROR -> {
                who.setText("!");
                who.setForeground(ERROR);
                text.setForeground(ERROR);
                text.setText(line.text());
            }
            default -> throw new IllegalArgumentException("unknown kind " + line.kind());
        }
        return this;
    }
}
