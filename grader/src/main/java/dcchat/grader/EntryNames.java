package dcchat.grader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Names from a submission, checked and made safe to show: zip entry names, and paths and sizes in notes. */
final class EntryNames {

    static final String BAD_NAME = "a name no file can have (too long, or control characters)";

    private EntryNames() {
    }

    /**
     * An entry name's folders and file name; null if it is refused, and then counted in {@code refused} under
     * why (unless that is null).
     */
    static List<String> segments(String name, Map<String, List<String>> refused) {
        String why = name.startsWith("/") || name.startsWith("\\") ? "an absolute path"
                : name.matches("(?s)[A-Za-z]:.*") ? "a drive letter" : name.length() > 1024 ? BAD_NAME : null;
        List<String> s = new ArrayList<>();
        for (String seg : why == null ? name.split("[/\\\\]") : new String[0]) {
            if (seg.equals("..")) {
                why = "a '..' in the path";
            } else if (seg.length() > 255 || seg.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                why = BAD_NAME;
            } else if (!seg.isEmpty() && !seg.equals(".")) {
                s.add(seg);
            }
        }
        if (why != null && refused != null) {
            refused.computeIfAbsent(why, k -> new ArrayList<>()).add(name);
        }
        return why == null ? s : null;
    }

    /** A byte count for a note: 1 MiB, 20 MiB, or bytes. */
    static String mib(long bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }

    /** A path for a note: relative to the kit folder, with / between names, made safe. */
    static String shown(Path kit, Path p) {
        return clean(kit.relativize(p).toString().replace('\\', '/'));
    }

    /** Text from a submission made safe for a note: no control characters, at most 160 characters. */
    static String clean(String s) {
        String c = s.replaceAll("\\p{Cntrl}", "?");
        return c.length() > 160 ? c.substring(0, 160) + "…" : c;
    }
}
