package dcchat.grader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Folders of files: listing, hashing, copying, deleting. Never follows a symbolic link. */
public final class Trees {

    private Trees() {
    }

    /** Every .java file under dir, sorted; none if dir does not exist. */
    public static List<Path> javaFiles(Path dir) throws IOException {
        return files(dir).stream().filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
    }

    /** Every regular file under dir (links not followed), sorted; none if dir does not exist. */
    static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted()
                    .collect(Collectors.toList());
        }
    }

    /** A hash of file names (relative to base) and contents: equal code, equal hash. */
    public static String hash(Path base, List<Path> files) throws IOException {
        MessageDigest md = sha256();
        for (Path f : files) {
            md.update(base.relativize(f).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(Files.readAllBytes(f));
            md.update((byte) 0);
        }
        return HexFormat.of().formatHex(md.digest()).substring(0, 20);
    }

    /** A hash of everything under dir: what a cache entry holds, not where it came from. */
    static String contentHash(Path dir) throws IOException {
        return hash(dir, files(dir));
    }

    static String sha(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes)).substring(0, 20);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        for (Path f : files(from)) {
            Path target = to.resolve(from.relativize(f).toString());
            Files.createDirectories(target.getParent());
            Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes dir and everything under it (a link is deleted, not followed); nothing if it does not exist. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(p);
            }
        }
    }
}
