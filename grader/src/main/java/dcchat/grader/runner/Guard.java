package dcchat.grader.runner;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Permission;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * What the test JVM takes away from student code before the first student class loads. Each closes a way
 * out of the JVM that the sandbox's file system and namespaces alone do not close:
 * <ul>
 *   <li><b>Starting processes.</b> The process launcher is initialised now, with the JDK's default
 *       mechanism, so a student cannot switch it later ({@code jdk.lang.Process.launchMechanism}); in the
 *       sandbox its helper ({@code lib/jspawnhelper}) is not executable, so every start fails.</li>
 *   <li><b>Loading an agent.</b> The diagnostic-command MBean can load a JVMTI agent into the running JVM; it
 *       is unregistered, and the JVM runs with the attach mechanism off.</li>
 *   <li><b>Native code.</b> A library written to the scratch folder and loaded with {@code System.load}
 *       could do anything in the process. On JDK 24 and later the supervisor passes
 *       {@code --illegal-native-access=deny}; before that, this guard refuses every library that is not the
 *       JDK's own (a security manager, which those JDKs still offer).</li>
 * </ul>
 */
final class Guard {

    private Guard() {
    }

    static void install() {
        try {
            new ProcessBuilder("/dcchat-grader/no-such-program").start().destroy();
        } catch (IOException | RuntimeException expected) {
            // the launcher is now initialised; that is all this was for
        }
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName dcmd = new ObjectName("com.sun.management:type=DiagnosticCommand");
            if (server.isRegistered(dcmd)) {
                server.unregisterMBean(dcmd);
            }
        } catch (Exception | LinkageError e) {
            // no management in this JVM: nothing to remove
        }
        if (Runtime.version().feature() < 24) {
            installNativeGuard();
        }
    }

    /** Library loading machinery: the frames between the class that asked for a library and this guard. */
    private static final java.util.List<String> LOADING = java.util.List.of("java.lang.System", "java.lang.Runtime",
            "java.lang.ClassLoader", "java.lang.SecurityManager", "java.security.AccessController");

    /** Whether the class that asked for a library (the first frame past the loading machinery) is the JDK's. */
    private static boolean requestedByTheJdk() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                .map(StackWalker.StackFrame::getDeclaringClass)
                .filter(c -> c != Guard.class && !c.getName().startsWith("dcchat.grader.runner.Guard")
                        && !LOADING.contains(c.getName()) && !c.getName().startsWith("jdk.internal.loader."))
                .findFirst()
                .map(c -> c.getModule().isNamed() && c.getModule().getLayer() == ModuleLayer.boot()
                        && (c.getModule().getName().startsWith("java.") || c.getModule().getName().startsWith("jdk.")))
                .orElse(false));
    }

    @SuppressWarnings({"removal", "deprecation"})
    private static void installNativeGuard() {
        Path jdk = Path.of(System.getProperty("java.home")).toAbsolutePath().normalize();
        System.setSecurityManager(new SecurityManager() {
            @Override
            public void checkPermission(Permission p) {
                if (!(p instanceof RuntimePermission)) {
                    return;
                }
                String name = p.getName();
                if (name.equals("setSecurityManager")) {
                    throw new SecurityException("the grader's guard stays in place");
                }
                if (name.startsWith("loadLibrary.")) {
                    String lib = name.substring("loadLibrary.".length());
                    boolean jdkOwn = lib.contains("/") ? Path.of(lib).toAbsolutePath().normalize().startsWith(jdk)
                            : Files.exists(jdk.resolve("lib").resolve(System.mapLibraryName(lib)));
                    // Even one of the JDK's own libraries binds its native methods to whatever class asks, so a
                    // submission that ships a class under a JDK module's name (the hostile suite's
                    // sun.tools.attach.VirtualMachineImpl, with libattach's write(fd, …)) could borrow them: only
                    // the JDK's own modules may load a library.
                    if (!jdkOwn || !requestedByTheJdk()) {
                        throw new SecurityException("native libraries are not allowed in graded code: " + lib);
                    }
                }
            }

            @Override
            public void checkPermission(Permission p, Object context) {
                checkPermission(p);
            }
        });
    }
}
