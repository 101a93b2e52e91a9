package dcchat.grader;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The TCP sockets a test JVM listens on ("127.0.0.1:41234"), seen from outside it through {@code /proc} on
 * Linux (elsewhere: none). The supervisor looks when a job ends, so the feedback can say "left a listening
 * socket open"; inside the sandbox there is no {@code /proc} to look from.
 */
final class Sockets {

    private Sockets() {
    }

    /** Listening sockets of the java process at or below {@code root} (the sandbox's process tree). */
    static Set<String> listening(ProcessHandle root) {
        Optional<ProcessHandle> java = Stream.concat(Stream.of(root), root.descendants())
                .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .reduce((a, b) -> b);
        return java.map(h -> listening(h.pid())).orElse(Set.of());
    }

    /** A socket is the process's when one of its file descriptors is that socket's inode. */
    static Set<String> listening(long pid) {
        Set<String> found = new TreeSet<>();
        Path proc = Path.of("/proc", Long.toString(pid));
        if (!Files.isDirectory(proc.resolve("fd"))) {
            return found;
        }
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> s = Files.list(proc.resolve("fd"))) {
            s.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException | UnsupportedOperationException e) {
                    // closed meanwhile
                }
            });
            for (String table : List.of("net/tcp", "net/tcp6")) {
                Path t = proc.resolve(table);
                if (Files.isReadable(t)) {
                    for (String row : Files.readAllLines(t, StandardCharsets.US_ASCII)) {
                        String[] c = row.trim().split("\\s+");
                        if (c.length > 9 && c[3].equals("0A") && inodes.contains(c[9])) { // 0A: LISTEN
                            found.add(address(c[1]));
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return found;
        }
        return found;
    }

    /**
     * "0100007F:A0F2" to "127.0.0.1:41202": /proc's address is hex in 32-bit little-endian words (one for IPv4,
     * four for IPv6; an IPv4-mapped IPv6 address prints as IPv4), the port hex.
     */
    static String address(String hex) {
        int colon = hex.indexOf(':');
        int port = Integer.parseInt(hex.substring(colon + 1), 16);
        String ip = hex.substring(0, colon);
        byte[] bytes = new byte[ip.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            long v = Long.parseLong(ip.substring(word * 8, word * 8 + 8), 16);
            for (int i = 0; i < 4; i++) {
                bytes[word * 4 + i] = (byte) (v >> (8 * i));
            }
        }
        try {
            InetAddress a = InetAddress.getByAddress(bytes);
            return (a instanceof Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress()) + ":" + port;
        } catch (UnknownHostException e) {
            return hex;
        }
    }
}
