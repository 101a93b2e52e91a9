package dcchat.grader;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes synthetic submissions for testing and benchmarking the grader: copies of the kit's step folders
 * whose {@code src/main/java} is the reference, the starter, or a deliberately broken variant; a few as .zip.
 * Beside them, {@code expected.csv} (student, step, expect) says what each step must score, in isolated mode:
 * FULL, ZERO, PARTIAL (strictly between) or BELOW_FULL.
 *
 * <p>The first submissions cover every kind once (one hangs, one calls System.exit, one does not compile, one
 * has tampered tests that always pass, one floods stdout and leaves a thread and a port open); the rest mix
 * reference, starter, buggy and half-done steps at random (seeded: the same count and seed give the same set).
 */
public final class Generate {

    /** What a step of a synthetic submission is. */
    public enum Kind {
        REFERENCE("FULL"), STARTER("ZERO"), BUG("BELOW_FULL"), HALF("BELOW_FULL"), HANG("BELOW_FULL"),
        EXIT("BELOW_FULL"), NO_COMPILE("ZERO"), TAMPERED("ZERO"), NOISY("FULL");

        final String expect;

        Kind(String expect) {
            this.expect = expect;
        }
    }

    /** The class whose first use breaks a step (hang, exit, noise), per step; other steps: the first class. */
    private static final Map<String, String> MAIN_CLASS = Map.of("step1-echo", "EchoServer",
            "step2-framing", "FrameReader", "step3-threads", "ThreadedEchoServer", "step4-broadcast", "ChatServer",
            "step5-gui", "ChatPanel");
    /** The reference file replaced by its starter stub in a HALF step (graded: partial credit). */
    private static final Map<String, String> HALF_FILE = Map.of("step1-echo", "EchoClient.java",
            "step2-framing", "MessageCodec.java", "step3-threads", "ThreadedEchoServer.java",
            "step4-broadcast", "ChatClient.java", "step5-gui", "ChatLineRenderer.java");

    private final Kit kit;

    public Generate(Kit kit) {
        this.kit = kit;
    }

    /** The plan: student → kind per step. Deterministic for (count, seed). */
    public Map<String, Map<String, Kind>> plan(int count, long seed) {
        List<String> steps = kit.steps().stream().map(Kit.Step::name).collect(Collectors.toList());
        Map<String, Map<String, Kind>> plan = new LinkedHashMap<>();
        List<Map<String, Kind>> fixed = new ArrayList<>();
        fixed.add(all(steps, Kind.REFERENCE));
        fixed.add(all(steps, Kind.STARTER));
        fixed.add(one(steps, all(steps, Kind.REFERENCE), 0, Kind.HANG));
        fixed.add(one(steps, all(steps, Kind.REFERENCE), Math.min(1, steps.size() - 1), Kind.EXIT));
        fixed.add(one(steps, all(steps, Kind.REFERENCE), Math.min(1, steps.size() - 1), Kind.NO_COMPILE));
        fixed.add(all(steps, Kind.TAMPERED));
        fixed.add(one(steps, all(steps, Kind.REFERENCE), Math.min(1, steps.size() - 1), Kind.BUG));
        fixed.add(all(steps, Kind.HALF));
        fixed.add(one(steps, all(steps, Kind.REFERENCE), 0, Kind.NOISY));
        Map<String, Kind> firstDone = all(steps, Kind.STARTER);
        firstDone.put(steps.get(0), Kind.REFERENCE);
        fixed.add(firstDone);
        Random random = new Random(seed);
        Kind[] mix = {Kind.REFERENCE, Kind.REFERENCE, Kind.STARTER, Kind.HALF, Kind.BUG, Kind.NO_COMPILE};
        for (int i = 0; i < count; i++) {
            Map<String, Kind> kinds;
            if (i < fixed.size()) {
                kinds = fixed.get(i);
            } else {
                kinds = new LinkedHashMap<>();
                for (String s : steps) {
                    kinds.put(s, mix[random.nextInt(mix.length)]);
                }
            }
            plan.put(String.format("student%03d", i + 1), kinds);
        }
        return plan;
    }

    private static Map<String, Kind> all(List<String> steps, Kind k) {
        Map<String, Kind> m = new LinkedHashMap<>();
        steps.forEach(s -> m.put(s, k));
        return m;
    }

    private static Map<String, Kind> one(List<String> steps, Map<String, Kind> m, int index, Kind k) {
        m.put(steps.get(index), k);
        return m;
    }

    /** Writes count submissions to dir (every 10th, and the 11th and 12th, as .zip) and expected.csv. */
    public Map<String, Map<String, Kind>> write(Path dir, int count, long seed) throws IOException {
        Files.createDirectories(dir);
        Map<String, Map<String, Kind>> plan = plan(count, seed);
        StringBuilder expected = new StringBuilder("student,step,kind,expect\n");
        int i = 0;
        for (Map.Entry<String, Map<String, Kind>> e : plan.entrySet()) {
            i++;
            Path sub = dir.resolve(e.getKey());
            for (Map.Entry<String, Kind> step : e.getValue().entrySet()) {
                writeStep(sub.resolve(step.getKey()), step.getKey(), step.getValue());
                expected.append(e.getKey()).append(',').append(step.getKey()).append(',').append(step.getValue())
                        .append(',').append(expect(step.getKey(), step.getValue())).append('\n');
            }
            if (i == 11 || i == 12 || i % 10 == 0) {
                zip(sub, dir.resolve(e.getKey() + ".zip"));
                Trees.deleteTree(sub);
            }
        }
        Files.writeString(dir.resolve("expected.csv"), expected.toString());
        return plan;
    }

    /** Writes one submission folder with the given kind per step. */
    public void writeSubmission(Path sub, Map<String, Kind> kinds) throws IOException {
        for (Map.Entry<String, Kind> step : kinds.entrySet()) {
            writeStep(sub.resolve(step.getKey()), step.getKey(), step.getValue());
        }
    }

    static String expect(String step, Kind k) {
        if (k == Kind.BUG && step.equals("step2-framing")) {
            return "PARTIAL";
        }
        return k.expect;
    }

    private void writeStep(Path to, String step, Kind kind) throws IOException {
        Path ref = kit.root().resolve("solutions").resolve(step).resolve("src/main/java");
        Path starter = kit.root().resolve(step).resolve("src/main/java");
        Path main = to.resolve("src/main/java");
        Trees.copyTree(kind == Kind.STARTER || kind == Kind.TAMPERED ? starter : ref, main);
        Trees.copyTree(kit.root().resolve(step).resolve("src/test/java"), to.resolve("src/test/java"));
        Files.copy(kit.root().resolve(step).resolve("pom.xml"), to.resolve("pom.xml"));
        switch (kind) {
            case REFERENCE, STARTER -> { }
            case TAMPERED -> {
                for (Path t : Trees.javaFiles(to.resolve("src/test/java"))) {
                    String text = Files.readString(t);
                    Matcher pkg = Pattern.compile("package ([\\w.]+);").matcher(text);
                    String name = t.getFileName().toString().replace(".java", "");
                    Files.writeString(t, (pkg.find() ? "package " + pkg.group(1) + ";\n" : "")
                            + "class " + name + " {\n    @org.junit.jupiter.api.Test\n    void everythingPasses() {\n"
                            + "    }\n}\n");
                }
            }
            case BUG -> {
                Path fw = main.resolve("dcchat/framing/FrameWriter.java");
                String t = Files.exists(fw) ? Files.readString(fw) : "";
                // Little-endian header: the four header bytes written in the wrong order (indexes 0↔3, 1↔2).
                String swapped = t.replace("frame[0]", "frame[@]").replace("frame[3]", "frame[0]")
                        .replace("frame[@]", "frame[3]").replace("frame[1]", "frame[@]").replace("frame[2]", "frame[1]")
                        .replace("frame[@]", "frame[2]");
                if (!swapped.equals(t)) {
                    Files.writeString(fw, swapped);
                } else {
                    half(step, starter, main);
                }
            }
            case HALF -> half(step, starter, main);
            case HANG -> inject(main, step, "if (!Boolean.getBoolean(\"dcchat.never\")) { while (true) { "
                    + "Thread.onSpinWait(); } }");
            case EXIT -> inject(main, step, "if (!Boolean.getBoolean(\"dcchat.never\")) { System.exit(0); }");
            case NOISY -> inject(main, step, "for (int i = 0; i < 100_000; i++) { System.out.println(\"debug \" + i"
                    + " + \" ........................................\"); }"
                    + " Thread t = new Thread(() -> { try { Thread.sleep(Long.MAX_VALUE); } catch (InterruptedException e) {"
                    + " Thread.currentThread().interrupt(); } }, \"student-leftover\"); t.start();"
                    + " try { LEAK = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress()); }"
                    + " catch (java.io.IOException e) { throw new java.io.UncheckedIOException(e); }",
                    "static java.net.ServerSocket LEAK;");
            case NO_COMPILE -> {
                Path f = mainClassFile(main, step);
                Files.writeString(f, Files.readString(f) + "\nclass Broken { int missing = ; }\n");
            }
        }
    }

    /** A half-done step: the reference, with one class still the starter's stub. */
    private static void half(String step, Path starter, Path main) throws IOException {
        String name = HALF_FILE.get(step);
        List<Path> stubs = Trees.javaFiles(starter).stream().filter(Generate::hasStub).toList(); // not given code
        Path pick = stubs.stream().filter(p -> p.getFileName().toString().equals(name)).findFirst()
                .orElse(stubs.isEmpty() ? null : stubs.get(stubs.size() - 1));
        if (pick != null) {
            Path target = main.resolve(starter.relativize(pick).toString());
            Files.createDirectories(target.getParent());
            Files.copy(pick, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Whether a starter file still has a stub to write (a given class, the same as the reference's, has none). */
    private static boolean hasStub(Path file) {
        try {
            return Files.readString(file).contains("UnsupportedOperationException(\"Step ");
        } catch (IOException e) {
            return false;
        }
    }

    private static Path mainClassFile(Path main, String step) throws IOException {
        List<Path> files = Trees.javaFiles(main);
        String name = MAIN_CLASS.getOrDefault(step, "");
        return files.stream().filter(p -> p.getFileName().toString().equals(name + ".java")).findFirst()
                .orElseGet(() -> files.stream().filter(p -> {
                    try {
                        return Files.readString(p).contains("public final class ")
                                || Files.readString(p).contains("public class ");
                    } catch (IOException e) {
                        return false;
                    }
                }).findFirst().orElse(files.get(0)));
    }

    /** Puts a static initializer (and an optional field) at the top of the step's main class. */
    private static void inject(Path main, String step, String code, String... fields) throws IOException {
        Path f = mainClassFile(main, step);
        String text = Files.readString(f);
        String cls = f.getFileName().toString().replace(".java", "");
        Matcher m = Pattern.compile("\\b(class|record|enum)\\s+" + cls + "\\b[^{]*\\{").matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no class " + cls + " in " + f);
        }
        String block = "\n    " + String.join("\n    ", fields) + "\n    static { " + code + " }\n";
        Files.writeString(f, text.substring(0, m.end()) + block + text.substring(m.end()));
    }

    static void zip(Path folder, Path zip) throws IOException {
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            for (Path f : Trees.files(folder)) {
                String name = folder.getFileName() + "/" + folder.relativize(f).toString().replace('\\', '/');
                z.putNextEntry(new ZipEntry(name));
                z.write(Files.readAllBytes(f));
                z.closeEntry();
            }
        }
    }

    /** Reads expected.csv: student → step → expect. */
    public static Map<String, Map<String, String>> expected(Path dir) throws IOException {
        Map<String, Map<String, String>> m = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir.resolve("expected.csv"), StandardCharsets.UTF_8)) {
            String[] f = line.split(",");
            if (f[0].equals("student")) {
                continue;
            }
            m.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(f[1], f[3]);
        }
        return m;
    }

    /** Whether a score meets an expectation. */
    public static boolean meets(String expect, double score, double max) {
        return switch (expect) {
            case "FULL" -> Math.abs(score - max) < 1e-6;
            case "ZERO" -> score < 1e-6;
            case "PARTIAL" -> score > 1e-6 && score < max - 1e-6;
            case "BELOW_FULL" -> score < max - 1e-6;
            default -> false;
        };
    }
}
