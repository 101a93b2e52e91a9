package dcchat.broadcast;

import java.security.SecureRandom;

/**
 * The rules for chat names (README §2): what makes a name valid, and the seed chat's style of name for a
 * client that chats before joining ({@code User} + 6 random letters or digits).
 *
 * <p>Step 4 of DCChat.
 */
public final class Names {

    /** The longest name allowed, in characters (Unicode code points). */
    public static final int MAX_LENGTH = 32;

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Names() {
    }

    /**
     * Checks a requested name.
     *
     * @param name the requested name (may be null)
     * @return null if the name is valid, otherwise the reason it is not, fit for an {@code error} frame
     */
    public static String problem(String name) {
        if (name == null || name.isBlank()) {
            return "username must not be empty";
        }
        int length = name.codePointCount(0, name.length());
        if (length > MAX_LENGTH) {
            return "username is " + length + " characters long; the limit is " + MAX_LENGTH;
        }
        if (name.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
            return "username must not contain control characters";
        }
        if (!name.strip().equals(name)) {
            return "username must not start or end with spaces";
        }
        return null;
    }

    /** @return a fresh name in the seed chat's style, e.g. {@code UserQ3xk9Z} */
    public static String random() {
        StringBuilder b = new StringBuilder("User");
        for (int i = 0; i < 6; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }
}
