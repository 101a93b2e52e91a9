package dcchat.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The kit's one option parser: typed values from declarations, one-sentence mistakes, generated usage lines. */
@DisplayName("dcchat option parser (Cli)")
class CliTest {

    static final Cli.Spec GRADE = Cli.Spec.of("grade").positional("PATH").optionalPositional("MORE")
            .path("--out", "DIR").choice("--mode", "isolated", "cumulative", "both").integer("--jobs", "N")
            .decimal("--threshold", "P").flag("--no-cache").text("--step", "MODULE").repeatable()
            .flag("--reference").fullKitOnly().path("--cwd", "DIR").hidden();

    @Nested
    @DisplayName("typed values")
    class Values {

        @Test
        @DisplayName("flags, whole numbers, numbers, paths, choices and repeated options come back typed")
        void typed() throws Exception {
            Cli.Parsed p = GRADE.parse(List.of("subs", "--out", "reports", "--mode", "Cumulative", "--jobs", "4",
                    "--threshold=82.5", "--no-cache", "--step", "step1-echo", "--step", "step2-framing"));
            assertThat(p.positionals()).containsExactly("subs");
            assertThat(p.positional(1)).as("an optional positional left out").isNull();
            assertThat(p.path("--out")).contains(Path.of("reports"));
            assertThat(p.choice("--mode")).as("a choice, in lower case").contains("cumulative");
            assertThat(p.integer("--jobs")).contains(4);
            assertThat(p.decimal("--threshold")).as("--name=value works too").contains(82.5);
            assertThat(p.has("--no-cache")).isTrue();
            assertThat(p.has("--reference")).isFalse();
            assertThat(p.texts("--step")).as("a repeatable option, in order").containsExactly("step1-echo", "step2-framing");
        }

        @Test
        @DisplayName("an option not given is empty, and asking for one that is not declared is a programming error")
        void absent() throws Exception {
            Cli.Parsed p = GRADE.parse(List.of("subs"));
            assertThat(p.integer("--jobs")).isEmpty();
            assertThat(p.texts("--step")).isEmpty();
            assertThatThrownBy(() -> p.has("--nope")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> p.text("--jobs")).as("the wrong type").isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    @DisplayName("mistakes: one sentence ending (try dcchat help)")
    class Mistakes {

        @Test
        @DisplayName("an unknown option, a missing value, a bad number, a word not among the choices")
        void sentences() {
            assertThatThrownBy(() -> GRADE.parse(List.of("subs", "--prot"))).isInstanceOf(Cli.Usage.class)
                    .hasMessage("unknown option --prot for grade (try dcchat help)");
            assertThatThrownBy(() -> GRADE.parse(List.of("subs", "--jobs")))
                    .hasMessage("option --jobs needs a value (try dcchat help)");
            assertThatThrownBy(() -> GRADE.parse(List.of("subs", "--jobs", "many")))
                    .hasMessage("option --jobs takes a whole number, not 'many' (try dcchat help)");
            assertThatThrownBy(() -> GRADE.parse(List.of("subs", "--threshold", "high")))
                    .hasMessage("option --threshold takes a number, not 'high' (try dcchat help)");
            assertThatThrownBy(() -> GRADE.parse(List.of("subs", "--mode", "all")))
                    .hasMessage("option --mode is one of isolated, cumulative, both, not 'all' (try dcchat help)");
            assertThatThrownBy(() -> GRADE.parse(List.of("subs", "--no-cache=yes")))
                    .hasMessage("option --no-cache takes no value (try dcchat help)");
        }

        @Test
        @DisplayName("a missing or extra positional, an option given twice that is not repeatable")
        void positionals() {
            assertThatThrownBy(() -> GRADE.parse(List.of()))
                    .hasMessage("grade needs PATH: " + GRADE.usage() + " (try dcchat help)");
            assertThatThrownBy(() -> GRADE.parse(List.of("a", "b", "c")))
                    .hasMessage("unexpected argument 'c' for grade: " + GRADE.usage() + " (try dcchat help)");
            assertThatThrownBy(() -> GRADE.parse(List.of("a", "--jobs", "1", "--jobs", "2")))
                    .hasMessage("option --jobs is given twice; grade takes it once (try dcchat help)");
            for (String bad : List.of("--prot", "--jobs")) {
                assertThatThrownBy(() -> GRADE.parse(List.of("subs", bad))).as(bad)
                        .hasMessageEndingWith("(try dcchat help)").hasMessageNotContaining("\n");
            }
        }
    }

    @Test
    @DisplayName("the usage line is generated from the declarations: full kit, student edition, hidden options")
    void usage() {
        assertThat(GRADE.usage()).isEqualTo("grade PATH [MORE] [--out DIR] [--mode isolated|cumulative|both] [--jobs N] "
                + "[--threshold P] [--no-cache] [--step MODULE]... [--reference]");
        assertThat(GRADE.usage(true)).as("the student edition's help: no full-kit option")
                .doesNotContain("--reference").doesNotContain("--cwd");
        assertThatThrownBy(() -> Cli.Spec.of("x").flag("--a").flag("--a")).as("an option declared twice")
                .isInstanceOf(IllegalArgumentException.class);
    }
}
