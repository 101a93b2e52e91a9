package dcchat.grader.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The kit checks' one reader of what Maven's plugins leave behind: Surefire's XML reports (one test case at a time:
 * with {@code @Nested} classes the suites' own totals say 0) and PIT's {@code mutations.xml}. Read with an XML
 * parser; no DTDs, no external entities.
 */
public final class BuildReports {

    private BuildReports() {
    }

    /**
     * One test case of a Surefire report.
     *
     * @param className   its class (the nested class's binary name)
     * @param name        its display name
     * @param skipped     whether it did not run
     * @param failed      whether it failed or ended in an error
     * @param type        the failure's exception type ("" when it passed)
     * @param message     the failure's message ("" when it passed)
     * @param trace       the failure's text: its stack trace ("" when it passed)
     */
    public record TestCase(String className, String name, boolean skipped, boolean failed, String type, String message,
                           String trace) {
    }

    /**
     * The test cases of the TEST-*.xml reports in a surefire-reports folder, and the suites' seconds.
     *
     * @param cases   every test case, report by report (sorted by file name)
     * @param seconds the sum of the suites' times
     */
    public record Surefire(List<TestCase> cases, double seconds) {
    }

    /** The reports in {@code dir}; empty if there is none (or no folder). */
    public static Surefire surefire(Path dir) throws IOException {
        List<TestCase> cases = new ArrayList<>();
        double seconds = 0;
        if (!Files.isDirectory(dir)) {
            return new Surefire(cases, 0);
        }
        List<Path> xmls;
        try (Stream<Path> s = Files.list(dir)) {
            xmls = s.filter(p -> p.getFileName().toString().startsWith("TEST-") && p.toString().endsWith(".xml"))
                    .sorted().collect(Collectors.toList());
        }
        for (Path xml : xmls) {
            Document doc = parse(xml);
            seconds += number(doc.getDocumentElement().getAttribute("time"));
            NodeList list = doc.getElementsByTagName("testcase");
            for (int i = 0; i < list.getLength(); i++) {
                Element tc = (Element) list.item(i);
                Element problem = first(tc, "failure", "error");
                cases.add(new TestCase(tc.getAttribute("classname"), tc.getAttribute("name"),
                        tc.getElementsByTagName("skipped").getLength() > 0, problem != null,
                        problem == null ? "" : problem.getAttribute("type"),
                        problem == null ? "" : problem.getAttribute("message"),
                        problem == null ? "" : problem.getTextContent()));
            }
        }
        return new Surefire(List.copyOf(cases), seconds);
    }

    /**
     * One mutant of PIT's report.
     *
     * @param detected    whether PIT counts it as detected (KILLED, TIMED_OUT, MEMORY_ERROR, RUN_ERROR)
     * @param status      PIT's status, e.g. SURVIVED, NO_COVERAGE, TIMED_OUT
     * @param className   the mutated class, its simple name
     * @param method      the mutated method
     * @param line        the mutated line
     * @param mutator     the mutator, its simple name
     * @param description what PIT changed
     */
    public record Mutant(boolean detected, String status, String className, String method, int line, String mutator,
                         String description) {
    }

    /** The mutants of a PIT mutations.xml, in its order. */
    public static List<Mutant> pit(Path xml) throws IOException {
        NodeList list = parse(xml).getElementsByTagName("mutation");
        List<Mutant> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            Element m = (Element) list.item(i);
            String cls = text(m, "mutatedClass");
            String mutator = text(m, "mutator");
            String line = text(m, "lineNumber");
            out.add(new Mutant(Boolean.parseBoolean(m.getAttribute("detected")), m.getAttribute("status"),
                    cls.substring(cls.lastIndexOf('.') + 1), text(m, "mutatedMethod"),
                    line.isEmpty() ? 0 : Integer.parseInt(line), mutator.substring(mutator.lastIndexOf('.') + 1),
                    text(m, "description")));
        }
        return out;
    }

    private static Document parse(Path xml) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder().parse(xml.toFile());
        } catch (SAXException e) {
            throw new IOException(xml + " is not well-formed XML: " + e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Element first(Element parent, String... names) {
        for (String n : names) {
            NodeList l = parent.getElementsByTagName(n);
            if (l.getLength() > 0) {
                return (Element) l.item(0);
            }
        }
        return null;
    }

    private static String text(Element e, String tag) {
        NodeList l = e.getElementsByTagName(tag);
        return l.getLength() == 0 ? "" : l.item(0).getTextContent().strip();
    }

    private static double number(String s) {
        try {
            return Double.parseDouble(s.replace(",", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
