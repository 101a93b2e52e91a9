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
 * the grader, and the single-file programs in kit/, which run with the launcher's classes on their class path).
 * Read with an XML parser, never with patterns over the text:
 * <ul>
 *   <li>the steps: the root pom's {@code <modules>} entries named {@code stepN-…}, in the pom's order (a new step
 *       joins by being listed; {@code benchmarks}, {@code grader}, {@code launcher} are modules but not steps);</li>
 *   <li>each step's package: the {@code kit.pkg} property of its pom;</li>
 *   <li>the earlier steps it depends on: the {@code stepN-…} artifacts among its pom's {@code <dependencies>};</li>
 *   <li>its mutation floor: the {@code kit.mutation.threshold} property of its pom, when it records one.</li>
 * </ul>
 * A step whose folder has no pom.xml yet is a step with no package, no dependencies and no floor.
 *
 * @param root    the kit's folder (holding the root pom.xml), absolute
 * @param modules every module of the root pom, steps and others, in order
 * @param steps   the step modules, in order
 */
public record KitLayout(Path root, List<String> modules, List<Step> steps) {

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
        }
        return new KitLayout(abs, List.copyOf(modules), List.copyOf(steps));
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

    /** The child elements of {@code parent} named {@code name}, in order; none if parent is null. */
    static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name(e).equals(name)) {
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
