package dcchat.grader;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;

/**
 * Gradescope's documented results.json fields (autograder specifications): top level "score" (number),
 * optional "output", "visibility", "stdout_visibility", "execution_time", "tests"; each test optional
 * "score", "max_score", "status" ("passed" | "failed"), "name", "output", "visibility", "number", "tags".
 */
final class GradescopeSchema {

    private static final Set<String> TOP = Set.of("score", "execution_time", "output", "output_format",
            "test_output_format", "test_name_format", "visibility", "stdout_visibility", "extra_data", "tests",
            "leaderboard");
    private static final Set<String> TEST = Set.of("score", "max_score", "status", "name", "name_format", "number",
            "output", "output_format", "tags", "visibility", "extra_data");
    private static final Set<String> VISIBILITY = Set.of("hidden", "after_due_date", "after_published", "visible");

    private GradescopeSchema() {
    }

    static void assertValid(JsonNode root) {
        assertThat(root.isObject()).isTrue();
        fieldsWithin(root, TOP);
        assertThat(root.get("score").isNumber()).as("score is a number").isTrue();
        visibility(root, "visibility");
        visibility(root, "stdout_visibility");
        assertThat(root.get("tests").isArray()).isTrue();
        double sum = 0;
        for (JsonNode t : root.get("tests")) {
            fieldsWithin(t, TEST);
            assertThat(t.get("name").isTextual()).isTrue();
            assertThat(t.get("score").isNumber()).isTrue();
            assertThat(t.get("max_score").isNumber()).isTrue();
            assertThat(t.get("score").asDouble()).isBetween(0.0, t.get("max_score").asDouble());
            assertThat(t.get("status").asText()).isIn("passed", "failed");
            assertThat(t.get("output").isTextual()).isTrue();
            visibility(t, "visibility");
            sum += t.get("score").asDouble();
        }
        assertThat(root.get("score").asDouble()).as("score = sum of the tests' scores")
                .isCloseTo(sum, org.assertj.core.data.Offset.offset(0.01));
    }

    private static void fieldsWithin(JsonNode node, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            assertThat(allowed).as("documented Gradescope field").contains(it.next());
        }
    }

    private static void visibility(JsonNode node, String field) {
        if (node.has(field)) {
            assertThat(node.get(field).asText()).isIn(VISIBILITY);
        }
    }
}
