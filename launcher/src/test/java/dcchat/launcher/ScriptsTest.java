package dcchat.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The three wrappers — dcchat (bash), dcchat.cmd, dcchat.ps1 — hold no logic: each runs Dcchat (from its compiled
 * classes when they are there, else its source file), tells it where the kit is, hands it every argument untouched
 * and exits with its code. No Windows shell runs here
 * (CI is Linux, and no PowerShell or cmd parser installs from its registries), so this checks their structure;
 * bash checks its own syntax in .ci/run (bash -n).
 */
@DisplayName("dcchat wrappers for bash, cmd and PowerShell")
class ScriptsTest {

    static final Path KIT = Path.of("..").toAbsolutePath().normalize();
    static final String LAUNCHER = "launcher/src/main/java/dcchat/launcher/Dcchat.java";

    static String read(String name) throws IOException {
        return Files.readString(KIT.resolve(name), StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("dcchat.cmd runs Dcchat.java beside it with every argument (%*), and exits with its code; CRLF lines")
    void cmd() throws IOException {
        String s = read("dcchat.cmd");
        assertThat(s).as("dcchat.cmd: cmd.exe reads batch files line by line and wants CRLF line ends")
                .doesNotContainPattern("[^\r]\n").startsWith("@echo off\r\n");
        assertThat(s).as("dcchat.cmd: the call (%~dp0 is the folder of the script, ending in \\; the '.' keeps the "
                + "closing quote from being escaped)")
                .contains("java \"-Ddcchat.home=%~dp0.\" \"%~dp0" + LAUNCHER.replace('/', '\\') + "\" %*\r\n")
                .contains("java \"-Ddcchat.home=%~dp0.\" -cp \"%~dp0launcher\\target\\classes\" dcchat.launcher.Dcchat %*\r\n")
                .contains("exit /b %ERRORLEVEL%");
        for (String line : s.split("\r\n")) {
            assertThat(line.chars().filter(c -> c == '"').count() % 2).as("dcchat.cmd: unbalanced quotes in: " + line)
                    .isZero();
        }
    }

    @Test
    @DisplayName("dcchat.ps1 runs Dcchat.java beside it with every argument (@args), and exits with its code")
    void powerShell() throws IOException {
        String s = read("dcchat.ps1");
        assertThat(s).as("dcchat.ps1: the launcher's path, from the script's own folder")
                .contains("Join-Path $PSScriptRoot '" + LAUNCHER + "'");
        assertThat(s).as("dcchat.ps1: the call, arguments splatted, and its exit code passed on")
                .contains("& java \"-Ddcchat.home=$PSScriptRoot\" $launcher @args")
                .contains("& java \"-Ddcchat.home=$PSScriptRoot\" -cp $classes dcchat.launcher.Dcchat @args")
                .contains("exit $LASTEXITCODE");
        assertThat(balanced(s.replaceAll("(?m)#.*$", ""))).as("dcchat.ps1 (comments aside): quotes, (), {} and [] "
                + "must pair up").isTrue();
    }

    @Test
    @DisplayName("./dcchat runs Dcchat.java with \"$@\", and keeps only bench (it raises the open-file limit) for itself")
    void bash() throws IOException {
        String s = read("dcchat");
        assertThat(s).as("dcchat: the hand-over to the launcher").contains(
                "exec java -Ddcchat.home=\"$KIT\" \"$KIT/" + LAUNCHER + "\" \"$@\"",
                "exec java -Ddcchat.home=\"$KIT\" -cp \"$KIT/launcher/target/classes\" dcchat.launcher.Dcchat \"$@\"");
        assertThat(Files.exists(KIT.resolve(LAUNCHER))).as("the launcher each wrapper names: " + LAUNCHER).isTrue();
    }

    @Test
    @DisplayName("the wrappers are checked against the command table: bash keeps exactly its bash-only commands, "
            + "refuses them in the student edition with the launcher's sentence, and every command a wrapper names is "
            + "in the table")
    void commandTable() throws IOException {
        List<Commands.Command> table = Commands.table(KitLayout.read(KIT));
        List<String> names = table.stream().map(Commands.Command::name).collect(Collectors.toList());
        String bash = read("dcchat");
        Matcher own = Pattern.compile("\\$\\{1:-\\} == ([a-z-]+)").matcher(bash);
        List<String> bashOwn = new ArrayList<>();
        while (own.find()) {
            bashOwn.add(own.group(1));
        }
        assertThat(bashOwn).as("dcchat: the commands bash runs itself are the table's Where.BASH commands")
                .containsExactlyInAnyOrderElementsOf(table.stream().filter(c -> c.where() == Commands.Where.BASH)
                        .map(Commands.Command::name).collect(Collectors.toList()));
        for (String b : bashOwn) {
            Commands.Command c = table.get(names.indexOf(b));
            if (c.teachers()) {
                assertThat(bash).as("dcchat: the student edition's refusal of %s, as the launcher words it", b)
                        .contains("echo \"dcchat: " + Commands.refusal(b) + "\" >&2; exit 2");
            }
            assertThat(bash).as("dcchat: its header shows %s's usage", b).contains("./dcchat " + b);
        }
        Pattern named = Pattern.compile("(?:\\./dcchat|\\.\\\\dcchat\\.ps1|\\.\\\\dcchat\\.cmd|(?<![\\w./\\\\])dcchat) "
                + "([a-z][a-z-]*)");
        for (String wrapper : List.of("dcchat", "dcchat.cmd", "dcchat.ps1")) {
            Matcher m = named.matcher(read(wrapper));
            int found = 0;
            while (m.find()) {
                found++;
                assertThat(names).as("%s names the command '%s'", wrapper, m.group(1)).contains(m.group(1));
            }
            assertThat(found).as("%s shows some commands in its header", wrapper).isPositive();
        }
    }

    /** Whether quotes, parentheses, braces and brackets pair up (PowerShell strings: '…' and "…", no escapes here). */
    static boolean balanced(String s) {
        Deque<Character> open = new ArrayDeque<>();
        char quote = 0;
        for (char c : s.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if ("({[".indexOf(c) >= 0) {
                open.push(c);
            } else if (")}]".indexOf(c) >= 0) {
                if (open.isEmpty() || "({[".indexOf(open.pop()) != ")}]".indexOf(c)) {
                    return false;
                }
            }
        }
        return quote == 0 && open.isEmpty();
    }
}
