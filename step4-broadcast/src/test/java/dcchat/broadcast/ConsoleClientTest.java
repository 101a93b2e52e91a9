package dcchat.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import dcchat.framing.ChatMessage;
import dcchat.testing.Teaching;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The specification of {@link ConsoleClient}'s output (step4-broadcast/README.md §8). */
@DisplayName("ConsoleClient")
@ExtendWith(Teaching.class)
class ConsoleClientTest {

    private static final String S8 = "step4-broadcast/README.md §8 The console client";

    @Nested
    @DisplayName("§8 The console client")
    class TheConsoleClient {

        @Test
        @DisplayName("formats each message type as one readable line")
        void formats() {
            assertThat(ConsoleClient.format(ChatMessage.chat("ana", "hola"))).as("a chat (read %s)", S8)
                    .isEqualTo("[ana] hola");
            assertThat(ConsoleClient.format(ChatMessage.join("ana"))).as("a join (read %s)", S8)
                    .isEqualTo("* ana joined");
            assertThat(ConsoleClient.format(ChatMessage.leave("ana"))).as("a leave (read %s)", S8)
                    .isEqualTo("* ana left");
            assertThat(ConsoleClient.format(ChatMessage.error("name taken"))).as("an error (read %s)", S8)
                    .isEqualTo("! name taken");
        }
    }
}
