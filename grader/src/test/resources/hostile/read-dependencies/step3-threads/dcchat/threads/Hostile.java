package dcchat.threads;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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
 * What it gets: the step-2 reference, which isolated mode must run step 3 on — the limit README "Who can forge
 * what" states (a TA who minds grades with --mode cumulative). What it must never get: step 3's own reference,
 * or a later step's; the test looks for a string only the step-3 solution contains. (The test calls
 * Hostile.run() once, from the start of ThreadedEchoServer's constructor.)
 */
public final class Hostile {

    private static final PrintStream RAW = new PrintStream(new FileOutputStream(FileDescriptor.err), true);
    private static final Pattern TEXT = Pattern.compile("[ -~]{12,}");

    private Hostile() {
    }

    static void run() {
        List<String> strings = new ArrayList<>();
        try {
            Path step2 = Path.of(Class.forName("dcchat.framing.MessageCodec").getProtectionDomain().getCodeSource()
                    .getLocation().toURI()); // the folder the step-2 classes come from: the reference
            RAW.println("step 2 comes from " + step2);
            try (Stream<Path> s = Files.walk(step2)) {
                for (Path p : s.filter(p -> p.toString().endsWith(".class")).toList()) {
                    byte[] bytes = Files.readAllBytes(p);
                    RAW.println("class " + p.getFileName() + " " + Base64.getEncoder().encodeToString(bytes));
                    Matcher m = TEXT.matcher(new String(bytes, StandardCharsets.ISO_8859_1));
                    StringBuilder line = new StringBuilder(p.getFileName() + " says:");
                    while (m.find()) {
                        line.append(" | ").append(m.group());
                    }
                    strings.add(line.toString());
                }
            }
        } catch (Throwable t) {
            RAW.println("refused: " + t);
        }
        strings.forEach(RAW::println); // last, so that they are among the lines the feedback shows
        Runtime.getRuntime().halt(1);
    }
}
