package dcchat.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Markdown link checker that the kit check and the student edition's export share (fast: no JVM started). */
class LinksTest {

    private static Links.Report check(Path dir, String lesson) throws IOException {
        Files.createDirectories(dir.resolve("step2"));
        Files.writeString(dir.resolve("step2/HINTS.md"), """
                # Paso 2 · Pistas

                <a id="s4"></a>
                ## §4 Leyendo tramas: `readFully` y más

                ## Señales ¿útiles?
                """);
        Files.writeString(dir.resolve("step2/README.md"), lesson);
        return Links.check(dir);
    }

    /** The broken links of a report, each as file:line: [text](target) — why. */
    private static List<String> broken(Links.Report report) {
        return report.broken().stream().map(Links.Broken::toString).toList();
    }

    @Test
    @DisplayName("a link to a file that is not there is reported as file:line: [text](target) — missing file")
    void brokenFileLink(@TempDir Path dir) throws IOException {
        Links.Report report = check(dir, """
                # Step 2

                Read [the hints](HINTS.md) first, then
                [the testing notes](../TESTING.md).
                """);
        assertThat(broken(report))
                .containsExactly("step2/README.md:4: [the testing notes](../TESTING.md) — missing file");
        assertThat(report.links()).isEqualTo(2);
        assertThat(report.summary()).isEqualTo("links: 1 of 2 relative links in 2 Markdown files are broken");
    }

    @Test
    @DisplayName("a link to an anchor that no heading and no <a id> of the file has is reported — missing anchor")
    void brokenAnchor(@TempDir Path dir) throws IOException {
        Links.Report report = check(dir, """
                See [§4](HINTS.md#s5), [the title](#step-2), and [a link that spans
                two lines](HINTS.md#4-reading-frames).

                ## Step 2
                """);
        assertThat(broken(report)).containsExactly("step2/README.md:1: [§4](HINTS.md#s5) — missing anchor",
                "step2/README.md:1: [a link that spans two lines](HINTS.md#4-reading-frames) — missing anchor");
    }

    @Test
    @DisplayName("an anchor resolves to a heading with §, · and accents as GitHub makes it, and to an <a id>")
    void goodAnchors(@TempDir Path dir) throws IOException {
        Links.Report report = check(dir, """
                [title](HINTS.md#paso-2--pistas), [§4](HINTS.md#4-leyendo-tramas-readfully-y-más),
                [señales](HINTS.md#señales-útiles), [anchor](HINTS.md#s4), [top](#), [web](https://example.org/x#y)
                """);
        assertThat(report.broken()).isEmpty();
        assertThat(report.links()).isEqualTo(5);
        assertThat(report.external()).isEqualTo(1);
        assertThat(report.summary()).isEqualTo("links: checked 5 relative links in 2 Markdown files, all resolve (1 "
                + "with a scheme, such as https:, not checked)");
        assertThat(Links.slug("§4 Leyendo tramas: readFully y más")).isEqualTo("4-leyendo-tramas-readfully-y-más");
        assertThat(Links.slug("Step 1 · Echo — blocking sockets")).isEqualTo("step-1--echo--blocking-sockets");
    }

    @Test
    @DisplayName("a link in a fenced code block, a code span or an HTML comment is no link, and is not checked")
    void codeIsNotALink(@TempDir Path dir) throws IOException {
        Links.Report report = check(dir, """
                Markdown links look like `[text](missing.md)`, or ``[text](`missing`.md)``:

                ```markdown
                [text](missing.md#nowhere)
                ```

                <!-- [old](missing.md) -->
                ~~~
                [text](missing.md)
                ~~~
                """);
        assertThat(report.broken()).isEmpty();
        assertThat(report.links()).isZero();
    }

    @Test
    @DisplayName("a file with Windows line ends (CRLF) reads the same: its headings are anchors, its code blocks code")
    void windowsLineEnds(@TempDir Path dir) throws IOException {
        Links.Report report = check(dir, String.join("\r\n", "# Step 2", "", "See [§4](HINTS.md#s4) and [below](#joining).",
                "", "```", "[text](missing.md)", "```", "", "## Joining", ""));
        assertThat(report.broken()).isEmpty();
        assertThat(report.links()).isEqualTo(2);
        assertThat(Links.codeBlocks("a\r\n```\r\nint x;\r\n```\r\n")).contains("int x;");
    }

    @Test
    @DisplayName("a reference-style link resolves through its definition, and a label with no definition is reported")
    void referenceLinks(@TempDir Path dir) throws IOException {
        Links.Report report = check(dir, """
                The [hints][h] and the [notes][missing-label]; [a broken one][b].

                [h]: HINTS.md#s4
                [b]: absent.txt
                """);
        assertThat(broken(report)).containsExactly(
                "step2/README.md:1: [notes][missing-label] — no definition [missing-label]: … for its label",
                "step2/README.md:4: [b]: absent.txt — missing file");
    }

    @Test
    @DisplayName("a file published elsewhere (the edition's README, kept in docs/) resolves its links from there")
    void placedElsewhere(@TempDir Path dir) throws IOException {
        check(dir, "# Step 2\n");
        Files.createDirectories(dir.resolve("docs/edition"));
        Files.writeString(dir.resolve("docs/edition/README.md"), "Start with [step 2](step2/README.md).\n");
        assertThat(broken(Links.check(dir)))
                .containsExactly("docs/edition/README.md:1: [step 2](step2/README.md) — missing file");
        assertThat(Links.check(dir, java.util.Map.of("docs/edition", ".")).broken()).isEmpty();
    }

    @Test
    @DisplayName("Links.java compiles on its own, with only the JDK, and is ASCII: the kit check runs it from its source")
    void compilesAlone(@TempDir Path out) throws IOException {
        Path source = Path.of("src/main/java/dcchat/grader/Links.java");
        Javac.Compiled c = Javac.compile(List.of(source), List.of(), out);
        assertThat(c.ok()).as("javac Links.java, alone:\n%s", c.messages()).isTrue();
        assertThat(Files.readAllLines(source)).as("Links.java's lines with a non-ASCII character (the source "
                + "launcher reads it in the platform's encoding)").noneMatch(l -> l.chars().anyMatch(ch -> ch > 127));
    }
}
