package dcchat.echo;

import java.lang.invoke.MethodHandles;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.concurrent.Callable;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.assertj.core.api.Assertions;
import org.assertj.core.presentation.StandardRepresentation;

/*
 * HOSTILE FIXTURE forge-reflection — reach into the runner, JUnit or AssertJ and make a failing test pass.
 *
 * What the student tries, all from this starter's EchoServer constructor: the usual reflection tricks to grab
 * something that decides the grade — the runner's event stream or its output buffer (setAccessible on every
 * field of every class in the runner's module, MethodHandles.privateLookupIn, Module.addOpens, a public handle
 * on TestRunner.main, which would start a second runner on descriptor 3), a Thread's Runnable (the runner's worker
 * holds the runner), sun.misc.Unsafe and jdk.internal.misc.Unsafe, AssertJ's comparison strategy (make every
 * isEqualTo true), JUnit's launcher and its listeners, a FileDescriptor's number, Byte Buddy's class injectors,
 * the diagnostic-command MBean (it can load an agent). Every capability obtained is printed "REACHED"; whatever
 * was reached is then used to pass the tests. This starter scores 0 honestly.
 *
 * Why it must fail: the runner, JUnit and AssertJ are named modules that open nothing to student code, the JVM
 * has no jdk.unsupported, and the MBean is gone. (The test calls Hostile.run() once, from the start of
 * EchoServer's constructor.)
 */
public final class Hostile {

    private Hostile() {
    }

    static void run() {
        ClassLoader app = ClassLoader.getSystemClassLoader();
        Thread worker = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("dcchat-grader-step")).findFirst().orElse(null);
        System.out.println("info: threads seen: " + Thread.getAllStackTraces().size() + ", runner worker: " + worker);

        attempt("sun.misc.Unsafe.theUnsafe", () -> field(Class.forName("sun.misc.Unsafe"), "theUnsafe").get(null));
        attempt("jdk.internal.misc.Unsafe.getUnsafe()", () -> {
            Method m = Class.forName("jdk.internal.misc.Unsafe").getMethod("getUnsafe");
            return m.invoke(null);
        });
        // Every field of every class of the runner's module, whatever the runner's classes are called today.
        try (java.lang.module.ModuleReader reader = ModuleLayer.boot().configuration()
                .findModule("dcchat.grader.runner").orElseThrow().reference().open()) {
            for (String entry : reader.list().filter(e -> e.endsWith(".class") && !e.equals("module-info.class"))
                    .toList()) {
                Class<?> c = app.loadClass(entry.substring(0, entry.length() - 6).replace('/', '.'));
                for (Field f : c.getDeclaredFields()) {
                    attempt("runner field " + c.getSimpleName() + "." + f.getName(), () -> {
                        f.setAccessible(true);
                        return java.lang.reflect.Modifier.isStatic(f.getModifiers()) ? f.get(null) : f;
                    });
                }
            }
        } catch (Throwable t) {
            System.out.println("refused: listing the runner's module (" + t + ")");
        }
        attempt("TestRunner private lookup", () -> MethodHandles.privateLookupIn(
                app.loadClass("dcchat.grader.runner.TestRunner"), MethodHandles.lookup()));
        attempt("a handle on TestRunner.main (a second runner on descriptor 3)", () -> MethodHandles.publicLookup()
                .findStatic(app.loadClass("dcchat.grader.runner.TestRunner"), "main",
                        java.lang.invoke.MethodType.methodType(void.class, String[].class)));
        attempt("TestRunner's module opened to us", () -> {
            Module runner = app.loadClass("dcchat.grader.runner.TestRunner").getModule();
            runner.addOpens("dcchat.grader.runner", Hostile.class.getModule());
            return runner.isOpen("dcchat.grader.runner", Hostile.class.getModule()) ? runner : null;
        });
        attempt("the worker thread's Runnable (Thread.target)", () -> field(Thread.class, "target").get(worker));
        attempt("the runner's events stream via the worker's lambda", () -> {
            Object target = field(Thread.class, "target").get(worker);
            return field(target.getClass(), "arg$1").get(target);
        });
        attempt("FileDescriptor.fd", () -> field(java.io.FileDescriptor.class, "fd"));
        attempt("AssertJ Objects.instance()", () -> Class.forName("org.assertj.core.internal.Objects")
                .getMethod("instance").invoke(null));
        attempt("AssertJ comparison strategy", () -> field(Class.forName("org.assertj.core.internal.Objects"),
                "comparisonStrategy"));
        attempt("AssertJ StandardComparisonStrategy.instance()", () -> Class.forName(
                "org.assertj.core.internal.StandardComparisonStrategy").getMethod("instance").invoke(null));
        attempt("JUnit DefaultLauncher.listenerRegistry", () -> field(Class.forName(
                "org.junit.platform.launcher.core.DefaultLauncher"), "listenerRegistry"));
        attempt("JUnit ThrowableCollector.throwable", () -> field(Class.forName(
                "org.junit.platform.engine.support.hierarchical.ThrowableCollector"), "throwable"));
        attempt("Byte Buddy ClassInjector.UsingReflection", () -> available("UsingReflection"));
        attempt("Byte Buddy ClassInjector.UsingUnsafe", () -> available("UsingUnsafe"));
        attempt("Byte Buddy ClassInjector.UsingLookup into JUnit", () -> net.bytebuddy.dynamic.loading.ClassInjector
                .UsingLookup.of(MethodHandles.privateLookupIn(Class.forName(
                        "org.junit.platform.launcher.core.DefaultLauncher"), MethodHandles.lookup())));
        attempt("DiagnosticCommand MBean", () -> {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName("com.sun.management:type=DiagnosticCommand");
            return server.isRegistered(name) ? server.getMBeanInfo(name) : null;
        });
        // Public AssertJ switches: harmless, but a student would try them (a representation that says nothing).
        try {
            Assertions.useRepresentation(new StandardRepresentation() {
                @Override
                public String toStringOf(Object o) {
                    return "as expected";
                }
            });
            Assertions.setDescriptionConsumer(d -> { });
            System.out.println("info: AssertJ representation and description consumer replaced");
        } catch (Throwable t) {
            System.out.println("info: AssertJ switches refused: " + t);
        }
    }

    private static Field field(Class<?> c, String name) throws Exception {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    private static Object available(String injector) throws Exception {
        Class<?> c = Class.forName("net.bytebuddy.dynamic.loading.ClassInjector$" + injector);
        return Boolean.TRUE.equals(c.getMethod("isAvailable").invoke(null)) ? c : null;
    }

    private static void attempt(String what, Callable<Object> grab) {
        try {
            Object got = grab.call();
            System.out.println(got == null ? "refused: " + what + " (nothing)" : "REACHED: " + what + " -> " + got);
        } catch (Throwable t) {
            System.out.println("refused: " + what + " (" + t + ")");
        }
    }
}
