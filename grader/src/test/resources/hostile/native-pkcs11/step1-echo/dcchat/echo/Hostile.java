package dcchat.echo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.Provider;
import java.security.Security;

/*
 * HOSTILE FIXTURE native-pkcs11 — have the JDK load our native library for us.
 *
 * What the student tries: the runner's guard lets the JDK's own libraries load, and the JDK's PKCS#11
 * provider (module jdk.crypto.cryptoki, which the test JVM keeps) loads the "token library" named in its
 * configuration with dlopen, through public API: Security.getProvider("SunPKCS11").configure(...). Copy a
 * library (the system's libz, whose path the test writes in place of @LIBZ@, standing in for one the student
 * wrote) into /tmp and name it there. dlopen runs a library's
 * constructors, so a library of the student's would run native code in the test JVM; libz has no PKCS#11 entry
 * point, so "C_GetFunctionList" in the error proves dlopen loaded it. Printed "LOADED" if so. This starter
 * scores 0 honestly.
 *
 * Why it must fail: no native code of a student's may load, whoever calls dlopen.
 * (The test calls Hostile.run() once, from the start of EchoServer's constructor.)
 */
public final class Hostile {

    private Hostile() {
    }

    static void run() {
        Path copy = Path.of("/tmp/libdcchat-hostile-token.so");
        try {
            Files.copy(Path.of("@LIBZ@"), copy, StandardCopyOption.REPLACE_EXISTING); // the host's, seen in the sandbox
        } catch (Throwable t) {
            System.out.println("native-pkcs11: could not copy a library: " + t);
        }
        try {
            Provider p = Security.getProvider("SunPKCS11");
            if (p == null) {
                System.out.println("refused: no SunPKCS11 provider in this JVM");
                return;
            }
            p.configure("--name=hostile\nlibrary = " + copy + "\n");
            System.out.println("LOADED " + copy + " as a PKCS#11 token");
        } catch (Throwable t) {
            StringBuilder why = new StringBuilder(t.toString());
            for (Throwable c = t.getCause(); c != null; c = c.getCause()) {
                why.append(" / ").append(c);
            }
            System.out.println(why.toString().contains("C_GetFunctionList")
                    ? "LOADED by dlopen (then rejected as a token: " + why + ")"
                    : "refused: " + why);
        }
    }
}
