package dcchat.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** {@code dcchat test STEP [SECTION]}: Maven on one step, with a test filter found from a section's name. */
final class Tests {

    private Tests() {
    }

    /** test STEP [FILTER] [--reference]: Maven on one step, its tests only (pom.xml: kit-only-named-steps-test). */
    static List<String> command(Launcher.Kit kit, Cli.Parsed args) throws Launcher.Usage, IOException {
        List<String> pos = args.positionals();
        boolean reference = args.has("--reference");
        String step = step(kit, pos.get(0));
        if (reference && (kit.studentEdition() || !kit.hasReference())) {
            throw new Launcher.Usage("--reference runs the tests on solutions/, and the reference is not in this copy of the kit.");
        }
        List<String> c = kit.mvnw("test", "-pl", step, "-am");
        if (reference) {
            c.add("-Psolutions");
        }
        if (pos.size() == 2) {
            c.add("-Dtest=" + filter(kit, step, pos.get(1)));
        }
        args.choice("--lang").ifPresent(lang -> c.add("-Ddcchat.lang=" + lang)); // else DCCHAT_LANG, else English
        return c;
    }

    /** "3", "step3" or "step3-threads" → "step3-threads". */
    static String step(Launcher.Kit kit, String given) throws Launcher.Usage, IOException {
        List<String> steps = kit.steps();
        String key = given.replaceAll("[/\\\\]+$", "");
        for (String s : steps) {
            if (s.equals(key) || s.startsWith("step" + key + "-") || s.startsWith(key + "-")) {
                return s;
            }
        }
        throw new Launcher.Usage("there is no step '" + given + "': steps are 1 to " + steps.size() + " ("
                + String.join(", ", steps) + ")");
    }

    /**
     * A section filter for surefire: "EchoingLines", "EchoServerTest$EchoingLines" or "EchoServerTest", each with
     * an optional "#method" → "EchoServerTest$EchoingLines#method" (a section two classes have: both, comma
     * separated). A name no test class has is a sentence that lists the step's sections.
     */
    static String filter(Launcher.Kit kit, String step, String given) throws Launcher.Usage, IOException {
        // cmd.exe passes quotes on ('EchoServerTest$EchoingLines' arrives with them): they are not part of a name.
        String[] parts = given.replaceAll("['\"]", "").split("#", 2);
        String name = parts[0];
        String method = parts.length == 2 ? "#" + parts[1] : "";
        List<String> all = sections(kit.root().resolve(step).resolve("src/test/java"));
        List<String> hits = all.stream().filter(c -> c.equals(name) || c.endsWith("$" + name))
                .collect(Collectors.toList());
        if (hits.isEmpty()) {
            throw new Launcher.Usage(step + " has no test class or section named '" + name + "'. Its sections: "
                    + all.stream().map(c -> c.substring(c.indexOf('$') + 1)).distinct().sorted()
                            .collect(Collectors.joining(", ")) + ".");
        }
        return hits.stream().map(h -> h + method).collect(Collectors.joining(","));
    }

    /** Every test class (file name) and nested class ("Outer$Nested") in a test folder, in file order. */
    static List<String> sections(Path tests) throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(tests)) {
            return out;
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(tests)) {
            files = s.filter(p -> p.getFileName().toString().endsWith("Test.java")).sorted().collect(Collectors.toList());
        }
        Pattern nested = Pattern.compile("(?m)^\\s+(?:[a-z]+\\s+)*class\\s+(\\w+)");
        for (Path f : files) {
            String top = f.getFileName().toString().replace(".java", "");
            out.add(top);
            Matcher m = nested.matcher(Files.readString(f, StandardCharsets.UTF_8));
            while (m.find()) {
                out.add(top + "$" + m.group(1));
            }
        }
        return out;
    }

}
