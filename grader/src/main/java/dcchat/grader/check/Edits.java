package dcchat.grader.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Edits to a copy of the reference's sources, in kit/wrong-programs.txt's form: a line {@code file: PATH} (under
 * {@code src/main/java}), then pairs of lines {@code replace: TEXT} and {@code with: TEXT}. Each replaced text must
 * occur in its file exactly once, so that a change to the reference stops the edit loudly instead of leaving it
 * planted nowhere. Used by {@link WrongPrograms} and by the grader's hostile-submission fixtures.
 */
public final class Edits {

    /** One edit: in {@code file}, the one occurrence of {@code replace} becomes {@code with}. */
    public record Edit(String file, String replace, String with) {
    }

    private Edits() {
    }

    /**
     * The edits of a text holding only {@code file}, {@code replace} and {@code with} lines (blank lines and '#'
     * comments aside).
     *
     * @param lines the text's lines
     * @return the edits, in order
     * @throws IllegalArgumentException for any other line
     */
    public static List<Edit> parse(List<String> lines) {
        List<Edit> edits = new ArrayList<>();
        String file = null;
        String replace = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = Math.max(0, line.indexOf(':'));
            String value = line.substring(colon + 1).strip();
            switch (line.substring(0, colon)) {
                case "file" -> file = value;
                case "replace" -> replace = value;
                case "with" -> edits.add(new Edit(file, replace, value));
                default -> throw new IllegalArgumentException("not file, replace or with: " + line);
            }
        }
        return edits;
    }

    /**
     * Makes the edits to the sources under {@code root}.
     *
     * @param root  the copy's source folder (its src/main/java)
     * @param edits the edits
     * @param where how a message names that folder, e.g. "solutions/step1-echo/src/main/java/"
     * @param fix   what to do when a replaced text is not there exactly once, e.g. "update kit/wrong-programs.txt"
     * @throws IllegalStateException naming the text, the file and the fix, when a text occurs nowhere or twice
     * @throws IOException           if a file cannot be read or written
     */
    public static void apply(Path root, List<Edit> edits, String where, String fix) throws IOException {
        for (Edit e : edits) {
            Path f = root.resolve(e.file());
            String text = Files.readString(f);
            int at = text.indexOf(e.replace());
            if (at < 0 || text.indexOf(e.replace(), at + 1) >= 0) {
                throw new IllegalStateException("\"" + e.replace() + "\" occurs " + (at < 0 ? "nowhere" : "more than once")
                        + " in " + where + e.file() + ": " + fix);
            }
            Files.writeString(f, text.replace(e.replace(), e.with()));
        }
    }
}
