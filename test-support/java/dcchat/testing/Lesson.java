package dcchat.testing;

/**
 * Builds the failure messages every DCChat test prints: what was expected, what came, where to read.
 *
 * <p>Kit test support: students never edit this file. Messages look like
 * <pre>
 *   Expected the echo of "hello" but got nothing within 2 s.
 *     expected: "hello"
 *     actual:   (no reply — did you flush?)
 *     read:     step1-echo/README.md §4 Echoing lines
 * </pre>
 */
public final class Lesson {

    private Lesson() {
    }

    /**
     * A teaching failure message.
     *
     * @param what     one sentence: what the test checked and how it went wrong
     * @param expected what should have happened
     * @param actual   what happened instead
     * @param section  where to read, e.g. {@code "README §4 Echoing lines"}
     * @return the message, several lines long
     */
    public static String explain(String what, Object expected, Object actual, String section) {
        return what + System.lineSeparator()
                + "  expected: " + show(expected) + System.lineSeparator()
                + "  actual:   " + show(actual) + System.lineSeparator()
                + "  read:     " + section;
    }

    /**
     * Text that a failure message shows exactly as it is (not quoted, not shortened): a diagnosis that runs
     * over several lines, say.
     *
     * @param text the text
     * @return an object whose {@code toString()} is {@code text}
     */
    public static Object verbatim(String text) {
        return new Object() {
            @Override
            public String toString() {
                return text;
            }
        };
    }

    /**
     * Shows a value the way a student should see it: strings quoted, long strings shortened, control
     * characters escaped.
     *
     * @param value any value, or null
     * @return a one-line readable rendering
     */
    public static String show(Object value) {
        if (value == null) {
            return "null";
        }
        if (!(value instanceof CharSequence)) {
            return String.valueOf(value);
        }
        String s = value.toString();
        StringBuilder b = new StringBuilder("\"");
        int shown = Math.min(s.length(), 80);
        for (int i = 0; i < shown; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '"' -> b.append("\\\"");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
        if (s.length() > shown) {
            b.append(" … (").append(s.length()).append(" chars)");
        }
        return b.toString();
    }
}
