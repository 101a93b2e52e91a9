package dcchat.grader;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Points, weights and limits, from grader/grading.properties (every key optional):
 * <pre>
 *   step1-echo=20                       points of a step (default: points.default, itself 20)
 *   weight.step2-framing.FrameReaderTest$*=2   per-test weights; the key after the step is
 *                                        Class$Nested#method, * matches anything (default weight 1,
 *                                        or the value of a @Weight/@Points annotation on the test)
 *   limit.test.seconds=10               per-test limit (default: the kit's junit-platform.properties)
 *   limit.step.seconds=120              wall-clock limit of one step's test JVM
 *   limit.submission.seconds=900        wall-clock limit of one submission, all steps and modes
 *   output.cap.bytes=65536              stdout+stderr kept per step run
 *   jvm.xmx=256m                        heap of a step's test JVM
 *   limit.memory.mb=1536                address space of a test JVM in the sandbox: heap, off-heap memory
 *                                        and thread stacks together (so thousands of threads cannot start)
 *   limit.scratch.mb=64                 the sandbox's private /tmp (working folder and home)
 *   limit.compile.seconds=60            one javac call on a student's step
 * </pre>
 */
public final class Config {

    private final Properties p = new Properties();

    public static Config load(Path file) throws IOException {
        Config c = new Config();
        if (file != null && Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                c.p.load(r);
            }
        }
        return c;
    }

    public static Config defaults() {
        return new Config();
    }

    public Config set(String key, String value) {
        p.setProperty(key, value);
        return this;
    }

    public double points(String step) {
        return Double.parseDouble(p.getProperty(step, p.getProperty("points.default", "20")).strip());
    }

    /** The configured weight of a test, or the fallback (its annotation's value, else 1). */
    public double weight(String step, String testKey, double fallback) {
        String prefix = "weight." + step + ".";
        for (String k : p.stringPropertyNames()) {
            if (k.startsWith(prefix) && glob(k.substring(prefix.length())).matcher(testKey).matches()) {
                return Double.parseDouble(p.getProperty(k).strip());
            }
        }
        return fallback;
    }

    public int stepSeconds() {
        return Integer.parseInt(p.getProperty("limit.step.seconds", "120").strip());
    }

    public int submissionSeconds() {
        return Integer.parseInt(p.getProperty("limit.submission.seconds", "900").strip());
    }

    /** Null: keep the kit's own per-test limit from junit-platform.properties. */
    public String testSeconds() {
        return p.getProperty("limit.test.seconds");
    }

    public int outputCap() {
        return Integer.parseInt(p.getProperty("output.cap.bytes", "65536").strip());
    }

    public String xmx() {
        return p.getProperty("jvm.xmx", "256m").strip();
    }

    public long memoryBytes() {
        return Long.parseLong(p.getProperty("limit.memory.mb", "1536").strip()) << 20;
    }

    public long compileSeconds() {
        return Long.parseLong(p.getProperty("limit.compile.seconds", "60").strip());
    }

    public long scratchBytes() {
        return Long.parseLong(p.getProperty("limit.scratch.mb", "64").strip()) << 20;
    }

    private static Pattern glob(String g) {
        StringBuilder re = new StringBuilder();
        for (char c : g.toCharArray()) {
            re.append(c == '*' ? ".*" : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString());
    }
}
