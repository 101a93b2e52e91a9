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
        throw new UnsupportedOperationException("Step 4: check the name against the rules — see README §2 Joining");
    }

    /** @return a fresh name in the seed chat's style, e.g. {@code UserQ3xk9Z} */
    public static String random() {
        throw new UnsupportedOperationException("Step 4: User + 6 random letters or digits — see README §2 Joining");
    }
}
