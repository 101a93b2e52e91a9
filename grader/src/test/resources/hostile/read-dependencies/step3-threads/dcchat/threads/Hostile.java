package dcchat.threads;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/*
 * HOSTILE FIXTURE read-dependencies — a step-3 submission copies the step-2 REFERENCE into its feedback.
 *
 * What the student tries: in isolated mode step 3 is built and run on the reference classes of step 2 (the
 * compiled solutions/step2-framing), so they are on this run's class path, readable like any class file. Read
 * every one of them, print each as Base64 (enough to decompile it at home) and its string constants, then halt
 * so that the feedback shows "the last lines your code printed". A student who has not finished step 2 yet
 * would get its solution back with the feedback of step 3. This starter scores 0 honestly.
 *
 * Why it must fail: no feedback may carry the reference code of any step (the test looks for a string that only
 * the step-2 solution contains). (The test puts a call to Hostile.run() at the start of ThreadedEchoServer's
 * constructor.)
 */
public final class Hostile {

    private static final AtomicBoolean ONCE = new AtomicBoolean();
    private static final PrintStream RAW = new PrintStream(new FileOutputStream(FileDescriptor.err), true);
    private static final Pattern TEXT = Pattern.compile("[ -~]{12,}");

    private Hostile() {
    }

    static void run() {
        if (!ONCE.compareAndSet(false, true)) {
            return;
        }
        RAW.println("HOSTILE-RAN read-dependencies");
        List<String> strings = new ArrayList<>();
        for (URL url : ((URLClassLoader) Hostile.class.getClassLoader()).getURLs()) {
            try (Stream<Path> s = Files.walk(Path.of(url.toURI()))) {
                for (Path p : s.filter(p -> p.toString().endsWith(".class")).toList()) {
                    if (!p.toString().contains("/dcchat/framing/")) {
                        continue; // the step-2 classes: the reference, in isolated mode
                    }
                    byte[] bytes = Files.readAllBytes(p);
                    RAW.println("class " + p.getFileName() + " " + Base64.getEncoder().encodeToString(bytes));
                    Matcher m = TEXT.matcher(new String(bytes, StandardCharsets.ISO_8859_1));
                    StringBuilder line = new StringBuilder(p.getFileName() + " says:");
                    while (m.find()) {
                        line.append(" | ").append(m.group());
                    }
                    strings.add(line.toString());
                }
            } catch (Throwable t) {
                RAW.println("refused " + url + " (" + t + ")");
            }
        }
        strings.forEach(RAW::println); // last, so that they are among the lines the feedback shows
        Runtime.getRuntime().halt(1);
    }
}
