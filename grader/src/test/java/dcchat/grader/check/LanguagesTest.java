package dcchat.grader.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kit check's languages check: a message a student can see must exist in English and Spanish, both sending
 * the student to the same section; a stub needs its Spanish; the Spanish follows the glossary.
 */
@DisplayName("the kit check's languages")
class LanguagesTest {

    private static final String GLOSSARY = String.join("\n", "# Glosario", "", "## Formas que no usamos", "",
            "| no usar | usar en cambio | por qué |", "|---|---|---|", "| `fichero` | archivo | de España |",
            "| `hilo` | thread | se dice thread |", "");

    @Test
    @DisplayName("say(english, spanish) pairs are taken apart across + and lines, escapes and nested calls included")
    void takesCallsApart() {
        List<Languages.Call> calls = Languages.sayCalls(String.join("\n",
                "x.as(say(\"port %d (see also §4 Echoing \\\"lines\\\")\" + name(1, 2),",
                "        \"puerto %d (ver también §4 Hacer eco\" + \" de líneas)\"), port);",
                "// say(\"in a comment\") is prose",
                "String s = \"say(inside a literal)\";",
                "static String say(String english, String spanish) { return english; }",
                "Lesson.say(\"a\", \"b\");"));
        assertThat(calls).extracting(Languages.Call::english, Languages.Call::spanish)
                .as("the two literal texts of each call, in order")
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("port %d (see also §4 Echoing \"lines\")",
                                "puerto %d (ver también §4 Hacer eco de líneas)"),
                        org.assertj.core.groups.Tuple.tuple("a", "b"));
    }

    @Test
    @DisplayName("a bare English message, a pair citing different sections or placeholders, a stub without Spanish "
            + "and a ruled-out word are each reported where they are")
    void reportsEachProblem(@TempDir Path kit) throws Exception {
        Files.createDirectories(kit.resolve("docs"));
        Files.writeString(kit.resolve("docs/glosario.md"), GLOSSARY);
        Path tests = Files.createDirectories(kit.resolve("step9-demo/src/test/java/demo"));
        Path main = Files.createDirectories(kit.resolve("step9-demo/src/main/java/demo"));
        Path support = Files.createDirectories(kit.resolve("test-support/java/dcchat/testing"));
        Files.writeString(kit.resolve("step9-demo/README.es.md"), "# Paso 9\n\n## §1 Abrir (Opening)\n");
        Files.writeString(tests.resolve("DemoTest.java"), String.join("\n",
                "class DemoTest {",
                "  void a() { assertThat(1).as(\"English only\").isOne(); }",                          // line 2
                "  void b() { assertThat(1).as(say(\"see §1\", \"ver §2\")).isOne(); }",               // line 3
                "  void c() { assertThat(1).as(say(\"got %d\", \"recibí %s\"), 1).isOne(); }",         // line 4
                "  void d() { assertThat(1).as(say(\"a thread\", \"un hilo\")).isOne(); }",           // line 5
                "  void e() { assertThat(1).as(say(\"x (see also §1 Opening)\", \"x (ver también §1 Cerrar)\")); }",
                "  void f() { assertThat(1).as(say(\"fine, §1\", \"bien, §1\")).isOne(); }",
                "}"));
        Files.writeString(main.resolve("Demo.java"),
                "class Demo { void go() { throw new UnsupportedOperationException(\"Step 1: go — see README §1 Opening\"); } }");
        Files.writeString(support.resolve("Stubs.java"), "Map.entry(\"stop\", \"detente\")");
        Files.writeString(kit.resolve("step9-demo/HINTS.es.md"), "Guarda el fichero.\n");
        Languages.Report report = new Languages(kit).check(List.of("step9-demo"));
        String test = "step9-demo/src/test/java/demo/DemoTest.java:";
        assertThat(report.problems()).as("the problems, each with its place")
                .anySatisfy(p -> assertThat(p).startsWith(test + "2 a message in English only"))
                .anySatisfy(p -> assertThat(p).startsWith(test + "3 the English cites [§1] but the Spanish [§2]"))
                .anySatisfy(p -> assertThat(p).startsWith(test + "4 the English has the placeholders [%d]"))
                .anySatisfy(p -> assertThat(p).startsWith(test + "5 uses \"hilo\""))
                .anySatisfy(p -> assertThat(p).startsWith(test + "6 cites \"§1 Cerrar\", but the Spanish lesson's "
                        + "heading is \"§1 Abrir\""))
                .anySatisfy(p -> assertThat(p).startsWith("step9-demo/src/main/java/demo/Demo.java:1 the stub \"go\""))
                .anySatisfy(p -> assertThat(p).startsWith("step9-demo/HINTS.es.md:1 uses \"fichero\""))
                .noneSatisfy(p -> assertThat(p).startsWith(test + "7"))
                .hasSize(7);
        assertThat(report.pairs()).as("say() pairs read").isEqualTo(5);
    }
}
