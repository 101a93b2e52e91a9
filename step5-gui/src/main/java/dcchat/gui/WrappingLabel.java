package dcchat.gui;

import java.awt.Dimension;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Insets;
import java.awt.RenderingHints;
import java.awt.Toolkit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.swing.JLabel;

/**
 * A label that wraps its text onto as many lines as its width needs, breaking between words (and inside a
 * word longer than a whole line), so that every word of a long chat line can be read — a plain
 * {@link JLabel} cuts the text short with "…" (README §3).
 *
 * <p>Step 5 of DCChat. Given code: {@link ChatLineRenderer} uses it for a line's text and sets it up like any
 * label ({@code setText}, {@code setFont}, {@code setForeground}). It always draws plain text: no HTML.
 */
final class WrappingLabel extends JLabel {

    private static final long serialVersionUID = 1L;

    /** The width to wrap to when asked for a preferred size; 0 or less: one line, like a plain label. */
    private int wrapWidth;

    WrappingLabel() {
        putClientProperty("html.disable", Boolean.TRUE);
        setVerticalAlignment(TOP);
    }

    /** @param width the width, insets included, that {@link #getPreferredSize()} wraps the text to */
    void wrapTo(int width) {
        this.wrapWidth = width;
    }

    @Override
    public Dimension getPreferredSize() {
        if (wrapWidth <= 0 || isPreferredSizeSet()) {
            return super.getPreferredSize();
        }
        Insets in = getInsets();
        FontMetrics fm = getFontMetrics(getFont());
        int lines = lines(getText(), fm, wrapWidth - in.left - in.right).size();
        return new Dimension(wrapWidth, Math.max(1, lines) * fm.getHeight() + in.top + in.bottom);
    }

    @Override
    protected void paintComponent(Graphics g) {
        if (isOpaque()) {
            g.setColor(getBackground());
            g.fillRect(0, 0, getWidth(), getHeight());
        }
        String text = getText();
        if (text == null || text.isEmpty()) {
            return;
        }
        Graphics2D g2 = (Graphics2D) g.create();
        try {
            Object hints = Toolkit.getDefaultToolkit().getDesktopProperty("awt.font.desktophints");
            if (hints instanceof Map<?, ?> map) {
                g2.addRenderingHints(map);
            } else {
                g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            }
            g2.setFont(getFont());
            g2.setColor(getForeground());
            FontMetrics fm = g2.getFontMetrics();
            Insets in = getInsets();
            int y = in.top + fm.getAscent();
            for (String line : lines(text, fm, getWidth() - in.left - in.right)) {
                g2.drawString(line, in.left, y);
                y += fm.getHeight();
            }
        } finally {
            g2.dispose();
        }
    }

    /**
     * Breaks {@code text} into lines no wider than {@code width}: between words where it can, inside a word
     * only when the word alone is wider than a line. Line breaks in the text are kept.
     *
     * @param text  the text
     * @param fm    the font's metrics
     * @param width the room for one line, in pixels
     * @return the lines, at least one
     */
    static List<String> lines(String text, FontMetrics fm, int width) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            out.add("");
            return out;
        }
        for (String paragraph : text.split("\n", -1)) {
            if (width <= 0) {
                out.add(paragraph);
                continue;
            }
            StringBuilder line = new StringBuilder();
            int used = 0; // the width of line, in pixels (summed piece by piece: long lines stay fast)
            for (String word : paragraph.split("(?<= )")) { // each word keeps the space after it
                int bare = fm.stringWidth(word.stripTrailing());
                if (used + bare <= width) {
                    line.append(word);
                    used += fm.stringWidth(word);
                    continue;
                }
                if (line.length() > 0) {
                    out.add(line.toString().stripTrailing());
                    line.setLength(0);
                    used = 0;
                }
                if (bare <= width) {
                    line.append(word);
                    used = fm.stringWidth(word);
                    continue;
                }
                // a word wider than a whole line is broken where the line is full, code point by code point
                for (int i = 0; i < word.length(); ) {
                    int next = word.offsetByCodePoints(i, 1);
                    String piece = word.substring(i, next);
                    int w = fm.stringWidth(piece);
                    if (line.length() > 0 && used + w > width && !piece.isBlank()) {
                        out.add(line.toString().stripTrailing());
                        line.setLength(0);
                        used = 0;
                    }
                    line.append(piece);
                    used += w;
                    i = next;
                }
            }
            out.add(line.toString().stripTrailing());
        }
        return out;
    }
}
