package dcchat.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dcchat.launcher.Launcher.Kit;
import dcchat.launcher.Launcher.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's decisions — which Maven and java command lines a dcchat command stands for — checked on a small
 * fake kit, without running them. What the commands then do is the kit's own business (README "For students").
 */
@DisplayName("dcchat launcher")
class LauncherTest {

    @TempDir
    Path root;

    /** The kit these tests run in: its step poms declare the run commands. */
    static final Path KIT = Path.of("..").toAbsolutePath().normalize();

    /**
     * A kit with steps 1 to 5 (step 1's test class has two sections), their poms declaring the real kit's run
     * commands, and solutions/ unless told otherwise.
     */
    Kit kit(boolean solutions, boolean studentEdition, boolean windows) throws IOException {
        KitLayout real = KitLayout.read(KIT);
        StringBuilder modules = new StringBuilder();
        for (String step : real.stepNames()) {
            modules.append("<module>").append(step).append("</module>\n");
            StringBuilder runs = new StringBuilder();
            for (KitLayout.Run r : real.runs()) {
                if (r.step().equals(step)) {
                    runs.append("<kit.run.").append(r.command()).append('>').append(r.main()).append(' ')
                            .append(String.join(" ", r.args())).append("</kit.run.").append(r.command()).append(">\n");
                }
            }
            Files.createDirectories(root.resolve(step));
            Files.writeString(root.resolve(step).resolve("pom.xml"), "<project><properties>\n" + runs
                    + "</properties></project>");
        }
        Files.writeString(root.resolve("pom.xml"), "<project><modules>\n" + modules + "<module>grader</module>\n"
                + "</modules></project>");
        Path tests = Files.createDirectories(root.resolve("step1-echo/src/test/java/dcchat/echo"));
        Files.writeString(tests.resolve("EchoServerTest.java"), """
                package dcchat.echo;
                /** The echo server: a class per section. */
                class EchoServerTest {
                    @Nested
                    @DisplayName("§3 Echoing lines")
                    class EchoingLines {
                    }
                    @Nested
                    final class EndOfStream {
                    }
                }
                """);
        Files.writeString(tests.resolve("EchoClientTest.java"), "class EchoClientTest {\n    class TheEchoClient {\n    }\n"
                + "    class EndOfStream {\n    }\n}\n");
        Files.deleteIfExists(root.resolve("solutions"));
        Files.deleteIfExists(root.resolve("grader/starter"));
        if (solutions) {
            Files.createDirectories(root.resolve("solutions"));
        }
        if (studentEdition) {
            Files.createDirectories(root.resolve("grader/starter"));
        }
        return new Kit(root, windows);
    }

    List<Step> plan(Kit kit, String... args) throws Exception {
        return Launcher.plan(kit, "JAVA", "/where/you/are", args);
    }

    @Nested
    @DisplayName("test: one step's tests, a section or one test, with nothing to quote in any shell")
    class Tests {

        @Test
        @DisplayName("test 3 runs Maven on step 3 and the steps it builds on, with no test filter")
        void wholeStep() throws Exception {
            List<Step> plan = plan(kit(true, false, false), "test", "3");
            assertThat(plan).as("one Maven run").hasSize(1);
            assertThat(plan.get(0).command()).as("the command for 'dcchat test 3'")
                    .containsExactly("./mvnw", "test", "-pl", "step3-threads", "-am");
        }

        @Test
        @DisplayName("test 3 --lang es asks the tests for Spanish messages: -Ddcchat.lang=es")
        void inSpanish() throws Exception {
            assertThat(plan(kit(true, false, false), "test", "3", "--lang", "es").get(0).command())
                    .as("the command for 'dcchat test 3 --lang es'")
                    .containsExactly("./mvnw", "test", "-pl", "step3-threads", "-am", "-Ddcchat.lang=es");
            assertThatThrownBy(() -> plan(kit(true, false, false), "test", "3", "--lang", "fr"))
                    .as("a language the kit does not have").hasMessageContaining("--lang");
        }

        @Test
        @DisplayName("a section's name alone finds its test class: test 1 EchoingLines → -Dtest=EchoServerTest$EchoingLines")
        void sectionByName() throws Exception {
            assertThat(plan(kit(true, false, false), "test", "1", "EchoingLines").get(0).command())
                    .as("the filter Maven gets for section EchoingLines of step 1 (Tests.filter)")
                    .endsWith("-Dtest=EchoServerTest$EchoingLines");
            assertThat(plan(kit(true, false, false), "test", "step1-echo", "EndOfStream#eofEndsTheLoop").get(0).command())
                    .as("a section two test classes have ('final class' in one), with #method, the step named in full")
                    .endsWith("-Dtest=EchoClientTest$EndOfStream#eofEndsTheLoop,EchoServerTest$EndOfStream#eofEndsTheLoop");
            assertThat(plan(kit(true, false, false), "test", "1", "EchoServerTest$EndOfStream").get(0).command())
                    .as("a section named with its class: that class only").endsWith("-Dtest=EchoServerTest$EndOfStream");
            assertThat(plan(kit(true, false, false), "test", "1", "EchoClientTest").get(0).command())
                    .as("a whole test class").endsWith("-Dtest=EchoClientTest");
        }

        @Test
        @DisplayName("the quotes cmd.exe keeps around 'EchoServerTest$EchoingLines' are dropped, not matched against nothing")
        void quotesFromCmd() throws Exception {
            assertThat(plan(kit(true, false, true), "test", "1", "'EchoServerTest$EchoingLines'").get(0).command())
                    .as("on Windows, through cmd /c mvnw.cmd, without the quotes cmd passed on")
                    .containsExactly("cmd", "/c", "mvnw.cmd", "test", "-pl", "step1-echo", "-am",
                            "-Dtest=EchoServerTest$EchoingLines");
            assertThat(plan(kit(true, false, true), "test", "1", "'EchoServerTest$EchoingLines'#longLine").get(0).command())
                    .as("quotes around the class, then a method").endsWith("-Dtest=EchoServerTest$EchoingLines#longLine");
        }

        @Test
        @DisplayName("a section no test class has is refused with a sentence that lists the step's sections")
        void unknownSection() throws Exception {
            Kit kit = kit(true, false, false);
            assertThatThrownBy(() -> plan(kit, "test", "1", "EchoLines")).as("a misspelt section")
                    .isInstanceOf(Launcher.Usage.class)
                    .hasMessage("step1-echo has no test class or section named 'EchoLines'. Its sections: EchoClientTest, "
                            + "EchoServerTest, EchoingLines, EndOfStream, TheEchoClient.");
            assertThatThrownBy(() -> plan(kit, "test", "9")).as("a step that does not exist")
                    .hasMessageContaining("there is no step '9': steps are 1 to 5");
        }

        @Test
        @DisplayName("test 1 --reference runs the tests on solutions/, and only where this copy has it")
        void reference() throws Exception {
            assertThat(plan(kit(true, false, false), "test", "1", "--reference").get(0).command())
                    .as("with solutions/").contains("-Psolutions");
            Kit without = kit(false, false, false);
            assertThatThrownBy(() -> plan(without, "test", "1", "--reference"))
                    .hasMessageContaining("the reference is not in this copy of the kit");
        }
    }

    @Nested
    @DisplayName("run commands: the reference by default, your code with --mine")
    class RunCommands {

        @Test
        @DisplayName("echo-server --mine --port 6000 builds step 1 from src/main/java, then runs EchoServer 6000")
        void mine() throws Exception {
            List<Step> plan = plan(kit(true, false, false), "echo-server", "--mine", "--port", "6000");
            assertThat(plan.get(0).command()).as("the build: no -Psolutions with --mine").doesNotContain("-Psolutions")
                    .contains("-pl", "step1-echo", "-am", "compile", "dependency:build-classpath");
            assertThat(plan.get(0).module()).as("the build leaves a class path file in step1-echo").isEqualTo("step1-echo");
            assertThat(plan.get(1).command()).as("the run: java with that class path file, then the main's arguments")
                    .containsExactly("JAVA", "-cp", "@step1-echo/target/classpath.txt", "dcchat.echo.EchoServer", "6000");
        }

        @Test
        @DisplayName("client and gui pass --host, --port and --name; without --mine the reference is built")
        void clients() throws Exception {
            List<Step> plan = plan(kit(true, false, false), "client", "--name", "ana", "--port", "5001");
            assertThat(plan.get(0).command()).as("the reference build").contains("-Psolutions");
            assertThat(plan.get(1).command()).as("ConsoleClient's arguments").containsExactly("JAVA", "-cp",
                    "@step4-broadcast/target/classpath.txt", "dcchat.broadcast.ConsoleClient", "--host", "127.0.0.1",
                    "--port", "5001", "--name", "ana");
            assertThat(plan(kit(true, false, false), "echo-client", "--host", "::1").get(1).command())
                    .as("step 1's client takes host and port as plain arguments").endsWith("dcchat.echo.EchoClient", "::1", "5000");
        }

        @Test
        @DisplayName("check, mutation and wrong-programs run in the kit program, the grader's Main, under their own names")
        void kitPrograms() throws Exception {
            Kit kit = kit(true, false, false);
            List<Step> plan = plan(kit, "check", "--lessons-only");
            assertThat(plan.get(0).command()).as("the grader's build, with the launcher it depends on")
                    .contains("-pl", "grader", "-am");
            assertThat(plan.get(1).command()).as("the kit program's check, options forwarded verbatim")
                    .containsExactly("JAVA", "-cp", "@grader/target/classpath.txt", "dcchat.grader.Main", "check",
                            "--cwd", "/where/you/are", "--lessons-only");
            assertThat(plan(kit, "grade-bench", "--submissions", "24").get(1).command()).as("no rename: grade-bench")
                    .containsSequence("dcchat.grader.Main", "grade-bench");
            assertThatThrownBy(() -> plan(kit, "mutation", "--threshold", "high")).as("a mistake is found before any build")
                    .hasMessage("option --threshold takes a number, not 'high' (try dcchat help)");
        }

        @Test
        @DisplayName("in a clone without solutions/, a reference run stops at once and says to add --mine")
        void noReference() throws Exception {
            Kit kit = kit(false, false, false);
            assertThatThrownBy(() -> plan(kit, "server")).as("./dcchat server where solutions/ was deleted")
                    .isInstanceOf(Launcher.Usage.class)
                    .hasMessage("the reference (solutions/) is not in this copy of the kit: add --mine to run your own "
                            + "code from stepN/src/main/java.");
            assertThat(plan(kit, "server", "--mine").get(0).command()).as("--mine still works").doesNotContain("-Psolutions");
            assertThatThrownBy(() -> plan(kit, "check")).as("the kit check needs the reference")
                    .hasMessageContaining("the reference (solutions/) is not in this copy of the kit");
        }

        @Test
        @DisplayName("the student edition runs the student's code by default and has no TA commands")
        void studentEdition() throws Exception {
            Kit kit = kit(false, true, false);
            assertThat(plan(kit, "gui", "--name", "bob").get(0).command()).as("no --mine needed")
                    .doesNotContain("-Psolutions");
            assertThatThrownBy(() -> plan(kit, "grade", "subs")).hasMessageContaining("this is the student edition");
            assertThatThrownBy(() -> plan(kit, "echo-server", "--reference"))
                    .hasMessageContaining("the student edition has no reference code");
            for (String teachers : Commands.FIXED.stream().filter(Commands.Command::teachers)
                    .map(Commands.Command::name).toList()) {
                assertThatThrownBy(() -> plan(kit, teachers)).as("'%s' in the student edition", teachers)
                        .hasMessageContaining("belongs to the teacher's kit");
            }
            String help = plan(kit, "help").get(0).onFailure(); // a step without a command prints this
            assertThat(help).as("help in the student edition: the student's commands only")
                    .contains("test STEP [SECTION]", "progress [--json]", "echo-server [--port P]", "gui", "demo");
            for (String absent : List.of("check", "mutation", "wrong-programs", "grade", "student-edition",
                    "gradescope", "classroom", "bench", "--mine", "--reference", "solutions")) {
                assertThat(help).as("help in the student edition names no teacher's command or option").doesNotContain(absent);
            }
        }

        @Test
        @DisplayName("one command table: every command is in the help with its generated usage, is planned, and the "
                + "student's help has exactly the commands that are not the teacher's")
        void oneCommandTable() throws Exception {
            Kit full = kit(true, false, false);
            String help = Launcher.usage(full);
            Kit edition = kit(false, true, false); // the same folder: from here on, full is planned as an edition too
            String studentHelp = Launcher.usage(edition);
            List<Commands.Command> table = Commands.table(KitLayout.read(root));
            assertThat(table).extracting(Commands.Command::name).as("the run commands, from the step poms")
                    .contains("echo-server", "echo-client", "framed-echo-server", "framed-echo-client",
                            "threaded-echo-server", "server", "client", "gui")
                    .doesNotHaveDuplicates();
            for (Commands.Command cmd : table) {
                assertThat(help).as("the help has '%s' with its usage", cmd.name()).contains("  " + cmd.spec().usage());
                boolean teachers = cmd.teachers();
                assertThat(studentHelp.contains("  " + cmd.spec().usage(true)))
                        .as("the student edition's help names '%s' exactly when it is not a teacher's command", cmd.name())
                        .isEqualTo(!teachers);
                String[] args = cmd.name().equals("test") ? new String[] {"test", "1"} : cmd.spec().positionals().isEmpty()
                        ? new String[] {cmd.name()} : new String[] {cmd.name(), "x"};
                try {
                    plan(full, args);
                } catch (Launcher.Usage u) {
                    assertThat(u.getMessage()).as("'%s' in the full kit", cmd.name()).doesNotContain("unknown command");
                }
                if (teachers) {
                    assertThatThrownBy(() -> plan(edition, args)).as("'%s' in the student edition", cmd.name())
                            .hasMessage(Commands.refusal(cmd.name()));
                }
            }
        }

        @Test
        @DisplayName("an unknown option or command is a sentence, not a stack trace")
        void mistakes() throws Exception {
            Kit kit = kit(true, false, false);
            assertThatThrownBy(() -> plan(kit, "server", "--prot", "5000"))
                    .hasMessage("unknown option --prot for server (try dcchat help)");
            assertThatThrownBy(() -> plan(kit, "sever")).hasMessage("unknown command 'sever' (try dcchat help)");
            assertThatThrownBy(() -> plan(kit, "client", "--name")).hasMessage("option --name needs a value (try dcchat help)");
            assertThatThrownBy(() -> plan(kit, "server", "--port", "http"))
                    .hasMessage("option --port takes a whole number, not 'http' (try dcchat help)");
            assertThatThrownBy(() -> plan(kit, "echo-server", "--name", "ana")).as("step 1's server takes no name")
                    .hasMessage("unknown option --name for echo-server (try dcchat help)");
        }
    }

    @Nested
    @DisplayName("progress, demo and the TA commands")
    class Others {

        @Test
        @DisplayName("progress builds the grader, then runs its progress command from where you are")
        void progress() throws Exception {
            List<Step> plan = plan(kit(false, false, false), "progress", "--json");
            assertThat(plan.get(0).command()).as("the grader's build").contains("-pl", "grader", "compile");
            assertThat(plan.get(1).command()).as("the grader's progress command, which works without solutions/ too")
                    .containsExactly("JAVA", "-cp", "@grader/target/classpath.txt", "dcchat.grader.Main", "progress",
                            "--cwd", "/where/you/are", "--json");
        }

        @Test
        @DisplayName("demo builds step 5 and runs Demo with its class path; help prints the usage")
        void demoAndHelp() throws Exception {
            List<Step> plan = plan(kit(true, false, false), "demo", "--mine");
            assertThat(plan.get(1).command()).containsExactly("JAVA", "-cp",
                    root.resolve("launcher/target/classes").toString(), "dcchat.launcher.Demo",
                    "@step5-gui/target/classpath.txt");
            assertThat(plan(kit(true, false, false)).get(0).onFailure()).as("no command: the usage")
                    .contains("test STEP [SECTION]", "progress", "--mine");
        }

        @Test
        @DisplayName("a class path file puts the module's classes first, quoted for java's @file (spaces, backslashes)")
        void classpathFile() throws Exception {
            Path module = Files.createDirectories(root.resolve("my kit/step1-echo/target"));
            Files.writeString(module.resolve("classpath.txt"), "C:\\m2\\jackson.jar;C:\\m2\\more.jar\n");
            Runner.classpathFile(module.getParent(), ";");
            String classes = module.getParent().resolve("target/classes").toString().replace("\\", "\\\\");
            assertThat(Files.readString(module.resolve("classpath.txt"))).as("step1-echo/target/classpath.txt")
                    .isEqualTo("\"" + classes + ";C:\\\\m2\\\\jackson.jar;C:\\\\m2\\\\more.jar\"\n");
        }

        @Test
        @DisplayName("the launcher's classes count as stale when missing or older than a source, and are compiled")
        void bootstrap() throws Exception {
            Path sources = Files.createDirectories(root.resolve("src"));
            Path classes = root.resolve("target/classes");
            Files.writeString(sources.resolve("Launcher.java"), "package dcchat.launcher;\npublic final class Launcher {\n}\n");
            assertThat(Dcchat.stale(sources, classes)).as("no classes yet").isTrue();
            assertThat(Dcchat.compile(sources, classes)).as("javac on a one-class launcher").isTrue();
            Path compiled = classes.resolve("dcchat/launcher/Launcher.class");
            assertThat(compiled).as("the class, moved into place").exists();
            assertThat(Dcchat.stale(sources, classes)).as("just compiled").isFalse();
            Files.setLastModifiedTime(compiled, java.nio.file.attribute.FileTime.fromMillis(1_000));
            assertThat(Dcchat.stale(sources, classes)).as("a source newer than the classes").isTrue();
            assertThat(root.resolve("target")).as("no private compile folder left behind")
                    .isDirectoryNotContaining(p -> p.getFileName().toString().startsWith("launcher-"));
        }
    }
}
