package dcchat.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The kit's layout, as its poms say it — the one place every tool asks (the launcher, the whole-kit test summary,
 * the grader and the kit program, {@code dcchat.grader.Main}).
 * Read with an XML parser, never with patterns over the text:
 * <ul>
 *   <li>the steps: the root pom's {@code <modules>} entries named {@code stepN-…}, in the pom's order (a new step
 *       joins by being listed; {@code benchmarks}, {@code grader}, {@code launcher} are modules but not steps);</li>
 *   <li>each step's package: the {@code kit.pkg} property of its pom;</li>
 *   <li>the earlier steps it depends on: the {@code stepN-…} artifacts among its pom's {@code <dependencies>};</li>
 *   <li>its mutation floor: the {@code kit.mutation.threshold} property of its pom, when it records one;</li>
 *   <li>its run commands ({@code ./dcchat echo-server}, …): each {@code kit.run.COMMAND} property of its pom, whose
 *       value is the main class and the arguments it takes ({@link Run});</li>
 *   <li>what the student edition leaves out: the root pom's {@code kit.edition.leftOut} (paths from the kit's root)
 *       and {@code kit.edition.leftOutAnywhere} (folder names, at any depth), separated by white space.</li>
 * </ul>
 * A step whose folder has no pom.xml yet is a step with no package, no dependencies, no floor and no run command.
 *
 * @param root    the kit's folder (holding the root pom.xml), absolute
 * @param modules every module of the root pom, steps and others, in order
 * @param steps   the step modules, in order
 * @param runs    the run commands, in step order, then in each pom's order
 * @param edition what the student edition leaves out
 */
public record KitLayout(Path root, List<String> modules, List<Step> steps, List<Run> runs, Edition edition) {

    /**
     * A run command: {@code ./dcchat COMMAND} builds {@code step} and runs {@code main} with {@code args}, in which
     * HOST, PORT and NAME stand for the values of --host, --port and --name; a part in brackets, such as
     * {@code [--name NAME]}, is left out when a value in it was not given. Declared in the step's pom, e.g.
     * {@code <kit.run.client>dcchat.broadcast.ConsoleClient --host HOST --port PORT [--name NAME]</kit.run.client>}.
     *
     * @param command the command's name, e.g. "echo-server"
     * @param step    the step module whose classes it runs
     * @param main    the main class
     * @param args    the argument template, one word an element (brackets included)
     */
    public record Run(String command, String step, String main, List<String> args) {

        /** The placeholders it uses, in order: some of HOST, PORT, NAME. */
        public List<String> placeholders() {
            return args.stream().map(a -> a.replace("[", "").replace("]", ""))
                    .filter(a -> a.equals("HOST") || a.equals("PORT") || a.equals("NAME")).collect(Collectors.toList());
        }

        /** The main's arguments for these values (placeholder → value; a missing value leaves its bracket out). */
        public List<String> arguments(java.util.Map<String, String> values) {
            List<String> out = new ArrayList<>();
            List<String> group = null;
            boolean complete = true;
            for (String a : args) {
                boolean opens = a.startsWith("[");
                boolean closes = a.endsWith("]");
                String w = a.replace("[", "").replace("]", "");
                if (opens) {
                    group = new ArrayList<>();
                    complete = true;
                }
                String v = placeholders().contains(w) ? values.get(w) : w;
                if (group != null) {
                    complete &= v != null;
                    group.add(v);
                } else {
                    out.add(v);
                }
                if (closes && group != null) {
                    if (complete) {
                        out.addAll(group);
                    }
                    group = null;
                }
            }
            return out;
        }
    }

    /**
     * What the student edition leaves out.
     *
     * @param leftOut         paths relative to the kit's root (a folder stands for everything below it)
     * @param leftOutAnywhere folder names left out at any depth (build output, IDE settings, …)
     */
    public record Edition(List<String> leftOut, List<String> leftOutAnywhere) {
    }

    /**
     * One step module.
     *
     * @param name          the module, e.g. "step2-framing"
     * @param pkg           its Java package (kit.pkg), e.g. "dcchat.framing"; null if its pom names none
     * @param dependsOn     the steps its pom depends on directly, in kit order
     * @param mutationFloor the lowest mutation score its pom allows (kit.mutation.threshold), if it records one
     */
    public record Step(String name, String pkg, List<String> dependsOn, OptionalDouble mutationFloor) {

        /** "step2-framing" → "step2": the prefix of the step's own properties (step2.src, step2.mutation.skip). */
        public String key() {
            return name.substring(0, name.indexOf('-'));
        }
    }

    /** Reads the layout of the kit at {@code root}; an unreadable or malformed pom is an IOException naming it. */
    public static KitLayout read(Path root) throws IOException {
        Path abs = root.toAbsolutePath().normalize();
        Element project = parse(abs.resolve("pom.xml"));
        List<String> modules = texts(child(project, "modules"), "module");
        List<String> names = modules.stream().filter(KitLayout::isStepName).collect(Collectors.toList());
        List<Step> steps = new ArrayList<>();
        List<Run> runs = new ArrayList<>();
        for (String name : names) {
            Path pom = abs.resolve(name).resolve("pom.xml");
            if (!Files.exists(pom)) {
                steps.add(new Step(name, null, List.of(), OptionalDouble.empty()));
                continue;
            }
            Element p = parse(pom);
            Element properties = child(p, "properties");
            Set<String> deps = new LinkedHashSet<>();
            Element dependencies = child(p, "dependencies");
            for (Element d : children(dependencies, "dependency")) {
                deps.add(text(child(d, "artifactId")));
            }
            List<String> dependsOn = names.stream().filter(n -> !n.equals(name) && deps.contains(n))
                    .collect(Collectors.toList());
            String floor = text(child(properties, "kit.mutation.threshold"));
            OptionalDouble f;
            try {
                f = floor == null ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(floor));
            } catch (NumberFormatException e) {
                throw new IOException(pom + ": kit.mutation.threshold is not a number: '" + floor + "'");
            }
            steps.add(new Step(name, text(child(properties, "kit.pkg")), List.copyOf(dependsOn), f));
            for (Element property : children(properties, null)) {
                if (name(property).startsWith(RUN)) {
                    List<String> words = words(text(property));
                    if (words.isEmpty()) {
                        throw new IOException(pom + ": " + name(property) + " names no main class");
                    }
                    runs.add(new Run(name(property).substring(RUN.length()), name, words.get(0),
                            List.copyOf(words.subList(1, words.size()))));
                }
            }
        }
        Element properties = child(project, "properties");
        Edition edition = new Edition(words(text(child(properties, "kit.edition.leftOut"))),
                words(text(child(properties, "kit.edition.leftOutAnywhere"))));
        return new KitLayout(abs, List.copyOf(modules), List.copyOf(steps), List.copyOf(runs), edition);
    }

    /** The prefix of a step pom's run-command properties: kit.run.COMMAND. */
    static final String RUN = "kit.run.";

    /** The run command of that name, if a step declares one. */
    public java.util.Optional<Run> run(String command) {
        return runs.stream().filter(r -> r.command().equals(command)).findFirst();
    }

    private static List<String> words(String text) {
        return text == null || text.isBlank() ? List.of() : List.of(text.strip().split("\\s+"));
    }

    /** Whether a module's name is a step's: "step", a number, "-", a name. */
    public static boolean isStepName(String module) {
        return module.matches("step\\d+-.+");
    }

    /** The steps' names, in order. */
    public List<String> stepNames() {
        return steps.stream().map(Step::name).collect(Collectors.toList());
    }

    /** The step of that name; IllegalArgumentException naming the steps there are if there is none. */
    public Step step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no step " + name + "; steps are "
                        + String.join(", ", stepNames())));
    }

    /** Every step {@code name} builds on, directly or through another step, in kit order. */
    public List<String> buildsOn(String name) {
        Set<String> closure = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(step(name).dependsOn());
        while (!todo.isEmpty()) {
            String d = todo.remove(0);
            if (closure.add(d)) {
                todo.addAll(step(d).dependsOn());
            }
        }
        return stepNames().stream().filter(closure::contains).collect(Collectors.toList());
    }

    /** A pom's root element; no DTDs, no external entities (a pom has neither). */
    static Element parse(Path pom) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null); // a malformed pom is the exception below, not also a line on stderr
            Document doc = b.parse(pom.toFile());
            return doc.getDocumentElement();
        } catch (SAXException e) {
            throw new IOException(pom + " is not well-formed XML: " + e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first child element of {@code parent} named {@code name} (namespace or not); null if none. */
    static Element child(Element parent, String name) {
        List<Element> c = children(parent, name);
        return c.isEmpty() ? null : c.get(0);
    }

    /** The child elements of {@code parent} named {@code name} (null: every child element), in order; none if parent is null. */
    static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (name == null || name(e).equals(name))) {
                out.add(e);
            }
        }
        return out;
    }

    private static String name(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
    }

    private static List<String> texts(Element parent, String name) {
        return children(parent, name).stream().map(KitLayout::text).collect(Collectors.toList());
    }

    /** The element's text, stripped (comments are not text); null for no element. */
    private static String text(Element e) {
        return e == null ? null : e.getTextContent().strip();
    }
}
