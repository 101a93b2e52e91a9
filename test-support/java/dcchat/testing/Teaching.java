package dcchat.testing;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Makes every failure of a step's tests teach, whatever caused it: each test class says
 * {@code @ExtendWith(Teaching.class)}, and a failure that does not already name a README section gets one.
 *
 * <p>Kit test support: students never edit this file. What it rewrites:
 * <ul>
 *   <li>an exception thrown by the student's code (a {@code FramingException}, a {@code NullPointerException}…):
 *       the failure says which test was checking what, shows the student's own frames (file:line) without JUnit's
 *       and reflection's, and names the section of the test's {@code @Nested} class;</li>
 *   <li>an assertion whose message names no section (AssertJ's bare "Expecting code to raise a throwable." when the
 *       code threw nothing): the same, with the assertion's own text;</li>
 *   <li>the test's time limit: where each thread of the program was when the limit passed.</li>
 * </ul>
 * A stub's {@code UnsupportedOperationException} already names its section and passes through unchanged, as do
 * failures that already cite a README.
 */
public final class Teaching implements TestExecutionExceptionHandler {

    /** Where each step's lesson is, by the package of its code and tests. */
    private static final Map<String, String> STEPS = Map.of("dcchat.echo", "step1-echo", "dcchat.framing",
            "step2-framing", "dcchat.threads", "step3-threads", "dcchat.broadcast", "step4-broadcast", "dcchat.gui",
            "step5-gui");

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        Throwable cause = thrown instanceof InvocationTargetException && thrown.getCause() != null
                ? thrown.getCause() : thrown;
        String section = section(context.getRequiredTestClass());
        String message = String.valueOf(cause.getMessage());
        if (section == null || message.contains("README.md §") || message.contains("README §")) {
            throw thrown; // it teaches already (a stub, a Lesson message, an assertion that cites its section)
        }
        String test = "\"" + context.getDisplayName() + "\"";
        if (cause instanceof TimeoutException) {
            throw teaching("The test " + test + " ran out of time: " + message + ".",
                    "where your program's threads were when the time was up:" + System.lineSeparator()
                            + Stall.Report.of(Thread.getAllStackTraces(), Thread.currentThread()).indentedWhere(),
                    section, cause);
        }
        if (cause instanceof AssertionError) {
            throw teaching("The test " + test + " failed:" + System.lineSeparator() + indent(message.strip()), null,
                    section, cause);
        }
        throw teaching("Your code threw " + cause.getClass().getSimpleName() + " while the test " + test + " ran.",
                cause + System.lineSeparator() + studentFrames(cause), section, cause);
    }

    private static AssertionError teaching(String what, String detail, String section, Throwable cause) {
        String text = what + (detail == null ? "" : System.lineSeparator() + "  thrown:   " + detail)
                + System.lineSeparator() + "  read:     " + section;
        AssertionError error = new AssertionError(text, cause);
        error.setStackTrace(cause.getStackTrace());
        return error;
    }

    /** "step1-echo/README.md §4 Echoing lines", from the nearest enclosing class whose display name is a section. */
    static String section(Class<?> testClass) {
        String step = Optional.ofNullable(STEPS.get(testClass.getPackageName())).orElse(null);
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            DisplayName name = c.getAnnotation(DisplayName.class);
            if (step != null && name != null && name.value().startsWith("§")) {
                return step + "/README.md " + name.value();
            }
        }
        return step == null ? null : step + "/README.md";
    }

    /** The student's own frames of an exception (and of its causes), one per line, without the tools' frames. */
    static String studentFrames(Throwable thrown) {
        List<String> lines = new ArrayList<>();
        for (Throwable t = thrown; t != null && lines.size() < 6; t = t.getCause() == t ? null : t.getCause()) {
            for (StackTraceElement f : t.getStackTrace()) {
                if (Stall.Report.isStudentCode(f.getClassName()) && lines.size() < 6) {
                    lines.add("at " + f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":"
                            + f.getLineNumber() + ")");
                }
            }
        }
        return lines.isEmpty() ? "            (no frame of your code: it came from the JDK or the test's own calls)"
                : lines.stream().map(l -> "            " + l).collect(Collectors.joining(System.lineSeparator()));
    }

    private static String indent(String text) {
        return text.lines().map(l -> "  " + l).collect(Collectors.joining(System.lineSeparator()));
    }
}
