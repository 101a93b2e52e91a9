package dcchat.grader;

import dcchat.grader.Grader.Submission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The submissions a TA points the grader at: one clone or .zip, or a folder of them; each with a safe id. */
final class Roster {

    private static final Pattern SAFE = Pattern.compile("[^A-Za-z0-9._@+-]");

    private Roster() {
    }

    /**
     * The submissions at a path: the path itself if it is a .zip or a kit clone (it has stepN-… folders),
     * else every sub-folder and .zip in it, sorted by name. Links are not followed.
     */
    static List<Submission> find(Path path, Kit kit) throws IOException {
        if (isZip(path) || looksLikeKit(path, kit)) {
            return List.of(new Submission(idOf(path), path));
        }
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException(path + " is neither a folder nor a .zip");
        }
        List<Submission> list = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        try (Stream<Path> s = Files.list(path)) {
            for (Path p : s.sorted().collect(Collectors.toList())) {
                String name = p.getFileName().toString();
                boolean dir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
                if (isZip(p) || (dir && !name.startsWith(".") && !name.equals("__MACOSX"))) {
                    String id = idOf(p);
                    for (int k = 2; !ids.add(id); k++) {
                        id = idOf(p) + "-" + k; // ana/ and ana.zip: two reports, not one overwritten
                    }
                    list.add(new Submission(id, p));
                }
            }
        }
        return list;
    }

    static String idOf(Path p) {
        String name = p.toAbsolutePath().normalize().getFileName().toString();
        if (name.toLowerCase(Locale.ROOT).endsWith(".zip")) {
            name = name.substring(0, name.length() - 4);
        }
        String id = SAFE.matcher(name).replaceAll("_");
        return id.isEmpty() ? "submission" : id;
    }

    private static boolean isZip(Path p) {
        return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    private static boolean looksLikeKit(Path dir, Kit kit) {
        return Files.isDirectory(dir) && kit.steps().stream().anyMatch(s -> Files.isDirectory(dir.resolve(s.name())));
    }

}
