package dcchat.grader.runner;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/** How a test is named in the protocol and the reports: its key, its display path, its weight, its failure. */
final class Names {

    private static final int MESSAGE_CAP = 4000;

    private Names() {
    }

    /** "EchoServerTest$EchoingLines#echoesOneLine": the key weights in grading.properties match. */
    static String key(TestIdentifier id) {
        Optional<TestSource> source = id.getSource();
        if (source.isPresent() && source.get() instanceof MethodSource m) {
            String cls = m.getClassName();
            return cls.substring(cls.lastIndexOf('.') + 1) + "#" + m.getMethodName();
        }
        return id.getDisplayName();
    }

    /** "EchoServerTest › Echoing lines › echoes one line back": the display names from the class down. */
    static String path(TestPlan plan, TestIdentifier node) {
        List<String> names = new ArrayList<>();
        for (Optional<TestIdentifier> n = Optional.of(node); n.isPresent(); n = plan.getParent(n.get())) {
            if (n.get().getParentId().isPresent()) {
                names.add(0, n.get().getDisplayName());
            }
        }
        return String.join(" › ", names);
    }

    /** A test may carry any annotation named {@code Weight} or {@code Points} with a numeric value(). */
    static double weight(TestIdentifier id) {
        Optional<TestSource> source = id.getSource();
        if (source.isEmpty() || !(source.get() instanceof MethodSource m)) {
            return 1;
        }
        try {
            Method method = m.getJavaMethod();
            for (Annotation a : method.getAnnotations()) {
                String name = a.annotationType().getSimpleName();
                if (name.equals("Weight") || name.equals("Points")) {
                    return ((Number) a.annotationType().getMethod("value").invoke(a)).doubleValue();
                }
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return 1;
        }
        return 1;
    }

    /** The teaching message: an assertion's own text; otherwise the exception type, its message and cause. */
    static String describe(Throwable t) {
        StringBuilder s = new StringBuilder();
        if (t instanceof AssertionError && t.getMessage() != null) {
            s.append(t.getMessage());
        } else {
            s.append(t.getClass().getName()).append(": ").append(t.getMessage());
        }
        Throwable cause = t.getCause();
        for (int depth = 0; cause != null && cause != t && depth < 3; depth++, cause = cause.getCause()) {
            s.append("\ncaused by ").append(cause.getClass().getName()).append(": ").append(cause.getMessage());
        }
        // Where in the student's code it came from: the first frame outside the JDK and the test libraries.
        for (StackTraceElement e : t.getStackTrace()) {
            String c = e.getClassName();
            if (!c.startsWith("java.") && !c.startsWith("jdk.") && !c.startsWith("sun.") && !c.startsWith("org.")
                    && !c.startsWith("dcchat.testing.") && !c.endsWith("Test") && !c.contains("Test$")) {
                s.append("\n    at ").append(e);
                break;
            }
        }
        return s.length() > MESSAGE_CAP ? s.substring(0, MESSAGE_CAP) + " …" : s.toString();
    }

}
