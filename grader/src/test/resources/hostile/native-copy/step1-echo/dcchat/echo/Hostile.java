package dcchat.echo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/*
 * HOSTILE FIXTURE native-copy — load a native library of our own.
 *
 * What the student tries: copy a system library (libz, whose path the test writes in place of @LIBZ@, standing
 * in for one the student wrote: it is bytes in a .java file either way) into /tmp and load it with System.load,
 * also by a path that climbs out of the JDK's folder with "..", by a link under /tmp, and with
 * System.loadLibrary; print "LOADED" for each that loads. Native code could write the supervisor's channel, or
 * anything else the process can. This starter scores 0 honestly.
 *
 * Why it must fail: the runner's guard (JDK 17–23; --illegal-native-access=deny after) refuses every library
 * that is not the JDK's own. (The test calls Hostile.run() once, from the start of EchoServer's constructor.)
 */
public final class Hostile {

    private Hostile() {
    }

    static void run() {
        Path copy = Path.of("/tmp/libdcchat-hostile.so");
        try {
            Path lib = Path.of("@LIBZ@"); // the host's libz, which the sandbox shows too
            Files.copy(lib, copy, StandardCopyOption.REPLACE_EXISTING);
            Files.createSymbolicLink(Path.of("/tmp/jdk-lib"), Path.of("/tmp"));
            System.out.println("native-copy: copied " + lib + " to " + copy);
        } catch (Throwable t) {
            System.out.println("native-copy: could not copy a library: " + t);
        }
        String jdk = System.getProperty("java.home");
        for (String path : List.of(copy.toString(), jdk + "/lib/../../../../../../tmp/libdcchat-hostile.so",
                "/tmp/jdk-lib/libdcchat-hostile.so")) {
            try {
                System.load(path);
                System.out.println("LOADED " + path);
            } catch (Throwable t) {
                System.out.println("refused: System.load " + path + ": " + t);
            }
        }
        System.setProperty("java.library.path", "/tmp");
        try {
            System.loadLibrary("dcchat-hostile");
            System.out.println("LOADED libdcchat-hostile by name");
        } catch (Throwable t) {
            System.out.println("refused: System.loadLibrary: " + t);
        }
    }
}
