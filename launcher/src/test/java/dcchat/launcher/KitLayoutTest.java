package dcchat.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kit's layout, read from its poms with an XML parser: checked on the kit itself and on small made-up kits. */
@DisplayName("the kit layout")
class KitLayoutTest {

    /** This kit's root: the launcher's tests run in launcher/. */
    static final Path KIT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path root;

    @Test
    @DisplayName("this kit: five steps in order, each with its package, what it builds on and its mutation floor")
    void thisKit() throws IOException {
        KitLayout layout = KitLayout.read(KIT);
        assertThat(layout.stepNames()).containsExactly("step1-echo", "step2-framing", "step3-threads",
                "step4-broadcast", "step5-gui");
        assertThat(layout.modules()).as("every module, steps and others").contains("step1-echo", "grader", "launcher");
        assertThat(layout.steps()).extracting(KitLayout.Step::pkg).containsExactly("dcchat.echo", "dcchat.framing",
                "dcchat.threads", "dcchat.broadcast", "dcchat.gui");
        assertThat(layout.step("step1-echo").dependsOn()).isEmpty();
        assertThat(layout.step("step3-threads").dependsOn()).containsExactly("step2-framing");
        assertThat(layout.buildsOn("step5-gui")).as("through step 4").containsExactly("step2-framing", "step4-broadcast");
        assertThat(layout.step("step1-echo").mutationFloor()).as("step 1 keeps the kit's target").isEmpty();
        assertThat(layout.step("step3-threads").mutationFloor()).hasValue(66);
        assertThat(layout.step("step2-framing").key()).isEqualTo("step2");
    }

    @Test
    @DisplayName("this kit: the run commands its step poms declare, and what its student edition leaves out")
    void runsAndEdition() throws IOException {
        KitLayout layout = KitLayout.read(KIT);
        assertThat(layout.runs()).extracting(KitLayout.Run::command).containsExactly("echo-server", "echo-client",
                "framed-echo-server", "framed-echo-client", "threaded-echo-server", "server", "client", "gui");
        KitLayout.Run echo = layout.run("echo-client").orElseThrow();
        assertThat(echo.step()).isEqualTo("step1-echo");
        assertThat(echo.main()).isEqualTo("dcchat.echo.EchoClient");
        assertThat(echo.arguments(java.util.Map.of("HOST", "::1", "PORT", "6000"))).as("positional arguments")
                .containsExactly("::1", "6000");
        KitLayout.Run client = layout.run("client").orElseThrow();
        assertThat(client.placeholders()).containsExactly("HOST", "PORT", "NAME");
        assertThat(client.arguments(java.util.Map.of("HOST", "h", "PORT", "1", "NAME", "ana")))
                .containsExactly("--host", "h", "--port", "1", "--name", "ana");
        assertThat(client.arguments(java.util.Map.of("HOST", "h", "PORT", "1"))).as("[--name NAME] without a name")
                .containsExactly("--host", "h", "--port", "1");
        assertThat(layout.edition().leftOut()).contains("solutions", "kit", "grader/src/test", "docs/student-edition");
        assertThat(layout.edition().leftOutAnywhere()).contains("target", ".git");
    }

    @Test
    @DisplayName("a made-up kit: only stepN-… modules are steps, comments and profiles and dependencyManagement "
            + "count for nothing, a missing step pom is an empty step")
    void madeUpKit() throws IOException {
        Files.writeString(root.resolve("pom.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modules>
                    <module>step1-a</module>
                    <!-- <module>step9-commented</module> -->
                    <module> step2-b </module>
                    <module>benchmarks</module>
                    <module>step3-c</module>
                    <module>grader</module>
                  </modules>
                  <dependencyManagement><dependencies><dependency><artifactId>step1-a</artifactId></dependency>
                  </dependencies></dependencyManagement>
                  <profiles><profile><id>x</id><modules><module>step7-profile</module></modules></profile></profiles>
                </project>
                """);
        Files.createDirectories(root.resolve("step2-b"));
        Files.writeString(root.resolve("step2-b/pom.xml"), """
                <project>
                  <artifactId>step2-b</artifactId>
                  <properties>
                    <kit.pkg> demo.b </kit.pkg>
                    <kit.mutation.threshold>70.5</kit.mutation.threshold>
                  </properties>
                  <dependencies>
                    <!-- <dependency><artifactId>step3-c</artifactId></dependency> -->
                    <dependency><groupId>dcchat</groupId><artifactId>step1-a</artifactId></dependency>
                    <dependency><artifactId>junit-jupiter</artifactId></dependency>
                  </dependencies>
                </project>
                """);
        Files.createDirectories(root.resolve("step3-c"));
        Files.writeString(root.resolve("step3-c/pom.xml"), """
                <project><artifactId>step3-c</artifactId>
                  <dependencies><dependency><artifactId>step2-b</artifactId></dependency></dependencies></project>
                """);
        KitLayout layout = KitLayout.read(root);
        assertThat(layout.modules()).containsExactly("step1-a", "step2-b", "benchmarks", "step3-c", "grader");
        assertThat(layout.steps()).containsExactly(
                new KitLayout.Step("step1-a", null, List.of(), OptionalDouble.empty()),
                new KitLayout.Step("step2-b", "demo.b", List.of("step1-a"), OptionalDouble.of(70.5)),
                new KitLayout.Step("step3-c", null, List.of("step2-b"), OptionalDouble.empty()));
        assertThat(layout.buildsOn("step3-c")).as("transitively, in kit order").containsExactly("step1-a", "step2-b");
        assertThatThrownBy(() -> layout.step("step9-x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no step step9-x; steps are step1-a, step2-b, step3-c");
    }

    @Test
    @DisplayName("a pom that is not well-formed XML is an IOException that names it")
    void malformed() throws IOException {
        Files.writeString(root.resolve("pom.xml"), "<project><modules><module>step1-a</module></modules>");
        assertThatThrownBy(() -> KitLayout.read(root)).isInstanceOf(IOException.class)
                .hasMessageContaining("pom.xml is not well-formed XML");
    }
}
