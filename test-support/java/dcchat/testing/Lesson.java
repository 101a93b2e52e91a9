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
 * or, for a student who runs the tests with {@code -Ddcchat.lang=es} (or {@code DCCHAT_LANG=es}), the same in Spanish
 * pointing at the Spanish lesson: {@code lee: step1-echo/README.es.md §4 Hacer eco de líneas (Echoing lines)}.
 */
public final class Lesson {

    /**
     * The system property that chooses the language of the failure messages: {@code es} for Spanish; English
     * otherwise. The environment variable {@value #LANGUAGE_VARIABLE} is read when the property is not set.
     */
    public static final String LANGUAGE_PROPERTY = "dcchat.lang";
    /** The environment variable read when {@value #LANGUAGE_PROPERTY} is not set. */
    public static final String LANGUAGE_VARIABLE = "DCCHAT_LANG";

    private static final boolean SPANISH = "es".equalsIgnoreCase(System.getProperty(LANGUAGE_PROPERTY,
            System.getenv().getOrDefault(LANGUAGE_VARIABLE, "en")).strip());

    /** The section of the test running now ({@link Teaching} sets it before each test); null between tests. */
    private static volatile String current;

    private Lesson() {
    }

    /** @return true if the student asked for the failure messages in Spanish ({@value #LANGUAGE_PROPERTY}=es) */
    public static boolean spanish() {
        return SPANISH;
    }

    /**
     * A teaching sentence in both of the kit's languages; the student's choice ({@link #spanish()}) is shown. Every
     * message a test prints is written this way, so that no message exists in one language only (the kit check
     * holds each pair to the same §sections, and the Spanish to the glossary, docs/glosario.md).
     *
     * @param english the sentence in English (a format string if the English one is)
     * @param spanish the same sentence in Spanish, with the same format specifiers in the same order
     * @return the one to show
     */
    public static String say(String english, String spanish) {
        return SPANISH ? spanish : english;
    }

    /**
     * Where the test running now says to read: its {@code @Nested} class's {@code @DisplayName("§N Title")} as a
     * path into its step's lesson, e.g. {@code "step4-broadcast/README.md §2 Joining"}. A test names its section
     * once, on its nested class; {@link Teaching} puts it here before each test, and adds it to every failure that
     * does not cite one already, so assertions need not repeat it.
     *
     * @return the section, or the step's README when the test sits in no section, or null outside a test
     */
    public static String section() {
        return current;
    }

    /** Set by {@link Teaching} before each test, cleared after it. */
    static void enter(String section) {
        current = section;
    }

    /**
     * A teaching failure message that points at the section of the test running now ({@link #section()}).
     *
     * @param what     one sentence: what the test checked and how it went wrong
     * @param expected what should have happened
     * @param actual   what happened instead
     * @return the message, several lines long
     */
    public static String explain(String what, Object expected, Object actual) {
        return explain(what, expected, actual, section());
    }

    /**
     * A teaching failure message that points at another section than the test's own: a cross-reference.
     *
     * @param what     one sentence: what the test checked and how it went wrong
     * @param expected what should have happened
     * @param actual   what happened instead
     * @param section  where to read, e.g. {@code "step1-echo/README.md §4 Echoing lines"}
     * @return the message, several lines long
     */
    public static String explain(String what, Object expected, Object actual, String section) {
        return what + System.lineSeparator()
                + label("expected:", "esperado:") + show(expected) + System.lineSeparator()
                + label("actual:", "obtenido:") + show(actual) + System.lineSeparator()
                + label("read:", "lee:") + section;
    }

    /**
     * A label of a failure message's detail lines, indented and padded so the values line up:
     * {@code "  expected: "}, {@code "  read:     "}.
     *
     * @param english the label in English, with its colon
     * @param spanish the same in Spanish
     * @return the label in the student's language, padded to 12 columns
     */
    public static String label(String english, String spanish) {
        String l = "  " + say(english, spanish);
        return l.length() >= 12 ? l + " " : l + " ".repeat(12 - l.length());
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
            b.append(" … (").append(s.length()).append(say(" chars)", " caracteres)"));
        }
        return b.toString();
    }
}
