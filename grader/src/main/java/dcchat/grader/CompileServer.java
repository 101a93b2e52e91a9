package dcchat.grader;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * javac as a long-lived process in the sandbox: students' sources are compiled here, not in the grader's own
 * JVM, so a source that makes javac run for ever or exhaust memory costs one request (the supervisor kills the
 * server at the request's time limit and starts another), never the grading run. The server stays warm, so a
 * compile costs what it costs in-process. No code from the sources runs ({@code -proc:none}); the sandbox lets it
 * read the sources, the classes they build on and the libraries, and write only the build folders.
 *
 * <p>Protocol, on standard input and output: a request is the sources, the class path and the output folder
 * (each path as a length-prefixed UTF-8 string, lists prefixed by their count); the answer is a boolean (it
 * compiled) and javac's messages.
 */
public final class CompileServer {

    private CompileServer() {
    }

    public static void main(String[] args) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(System.in));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(System.out));
        System.setOut(System.err); // nothing but answers on the protocol's stream
        while (true) {
            List<Path> sources;
            List<Path> classpath;
            Path dir;
            try {
                sources = paths(in);
                classpath = paths(in);
                dir = Path.of(string(in));
            } catch (EOFException e) {
                return; // the supervisor is done
            }
            Javac.Compiled c = Javac.compile(sources, classpath, dir);
            out.writeBoolean(c.ok());
            writeString(out, c.messages());
            out.flush();
        }
    }

    static void writeRequest(DataOutputStream out, List<Path> sources, List<Path> classpath, Path dir)
            throws IOException {
        writePaths(out, sources);
        writePaths(out, classpath);
        writeString(out, dir.toString());
        out.flush();
    }

    static Javac.Compiled readAnswer(DataInputStream in) throws IOException {
        boolean ok = in.readBoolean();
        return new Javac.Compiled(ok, string(in));
    }

    private static void writePaths(DataOutputStream out, List<Path> paths) throws IOException {
        out.writeInt(paths.size());
        for (Path p : paths) {
            writeString(out, p.toString());
        }
    }

    private static List<Path> paths(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<Path> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(Path.of(string(in)));
        }
        return list;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String string(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > (1 << 24)) {
            throw new IOException("a string of " + n + " bytes");
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }
}
