package dcchat.echo;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/*
 * HOSTILE FIXTURE (shared by forge-native and forge-channels; see HostileSubmissionTest).
 *
 * Not an attack by itself: the tools a forger needs to fake the runner's report. The wire format is
 * grader/src/main/java/dcchat/grader/runner/Event.java, which ships with the kit, so every student can read it.
 * The test ids come from running the step's own tests once more with a listener of our own (they fail: this is
 * the starter), and the test running right now is read off the stack.
 */
final class FakeEvents {

    private static final int STARTED = 3;
    private static final int FINISHED = 4;
    private static final int PRINTED = 8;
    private static final int STEP_ENDED = 9;
    private static final int DONE = 10;
    private static final int ALL_DONE = 11;
    private static final int SUCCESSFUL = 0;

    private FakeEvents() {
    }

    /**
     * The rest of job {@code job}, every test passed, after the real run started {@code running}; the step
     * "printed" {@code printed}.
     */
    static byte[] everythingPassed(List<String> ids, String running, int job, String printed) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (String id : ids) {
            if (!id.equals(running)) {
                out.writeByte(STARTED);
                str(out, id);
            }
            out.writeByte(FINISHED);
            str(out, id);
            out.writeByte(SUCCESSFUL);
            str(out, "");
        }
        out.writeByte(PRINTED);
        out.writeLong(printed.length());
        out.writeDouble(0.5);
        str(out, printed);
        out.writeByte(STEP_ENDED);
        out.writeInt(job);
        out.writeByte(DONE);
        out.writeInt(job);
        out.writeInt(0);
        out.writeByte(ALL_DONE);
        return bytes.toByteArray();
    }

    /** The same claim in the text formats other graders read: JUnit XML, Gradescope JSON, plain lines. */
    static String resultLines(List<String> ids) {
        StringBuilder s = new StringBuilder("<testsuite tests=\"" + ids.size() + "\" failures=\"0\" errors=\"0\">\n");
        ids.forEach(id -> s.append("  <testcase name=\"").append(id).append("\"/>\n"));
        s.append("</testsuite>\n{\"score\": 20, \"tests\": []}\n");
        ids.forEach(id -> s.append("PASSED ").append(id).append('\n'));
        return s.toString();
    }

    /** Every test id of this step, in the order JUnit runs them: the tests beside our classes, run once more. */
    static List<String> testIds() throws Exception {
        ClassLoader loader = EchoServer.class.getClassLoader();
        Path tests = Path.of(Class.forName("dcchat.echo.EchoServerTest", false, loader).getProtectionDomain()
                .getCodeSource().getLocation().toURI()); // where the pristine tests are
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        Thread me = Thread.currentThread();
        ClassLoader before = me.getContextClassLoader();
        me.setContextClassLoader(loader);
        try {
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectClasspathRoots(Set.of(tests))).build(),
                    new TestExecutionListener() {
                        @Override
                        public void executionStarted(TestIdentifier id) {
                            if (id.isTest()) {
                                ids.add(id.getUniqueId());
                            }
                        }

                        @Override
                        public void executionSkipped(TestIdentifier id, String reason) {
                            if (id.isTest()) {
                                ids.add(id.getUniqueId());
                            }
                        }
                    });
        } finally {
            me.setContextClassLoader(before);
        }
        return List.copyOf(ids);
    }

    /** The id of the test whose method is on this thread's stack (a template's first invocation), or null. */
    static String running(List<String> ids) {
        for (StackTraceElement frame : Thread.currentThread().getStackTrace()) {
            String[] classes = frame.getClassName().split("\\$");
            for (String id : ids) {
                boolean same = id.contains("[class:" + classes[0] + "]");
                for (int i = 1; i < classes.length; i++) {
                    same &= id.contains("[nested-class:" + classes[i] + "]");
                }
                if (same && (id.contains("[method:" + frame.getMethodName() + "(")
                        || id.contains("[test-template:" + frame.getMethodName() + "("))) {
                    return id;
                }
            }
        }
        return null;
    }

    private static void str(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }
}
