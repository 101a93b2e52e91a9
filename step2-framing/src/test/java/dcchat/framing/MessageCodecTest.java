package dcchat.framing;

import static dcchat.testing.Lesson.say;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dcchat.testing.FrameClient;
import dcchat.testing.Hex;
import dcchat.testing.Lesson;
import dcchat.testing.Teaching;
import dcchat.testing.Wire;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The specification of {@link MessageCodec} (step2-framing/README.md §7, §8 and §9). */
@DisplayName("MessageCodec")
@ExtendWith(Teaching.class)
class MessageCodecTest {


    private static JsonNode parsed(byte[] json) throws IOException {
        return FrameClient.JSON.readTree(json);
    }

    /** Encode, frame, read the frame back, decode: the whole trip a message makes. */
    private static ChatMessage viaTheWire(ChatMessage message) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        new FrameWriter(wire).writeFrame(MessageCodec.encode(message));
        byte[] body = new FrameReader(new ByteArrayInputStream(wire.toByteArray())).readFrame().orElseThrow();
        return MessageCodec.decode(body);
    }

    @Nested
    @DisplayName("§7 Characters are not bytes")
    class CharactersAreNotBytes {

        @Test
        @DisplayName("decode() refuses bytes that are not UTF-8 (C3 28) instead of turning them into U+FFFD")
        void decodesStrictly() {
            byte[] body = {'{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'};
            assertThat(catchThrowable(() -> MessageCodec.decode(body)))
                    .as(say("decode() of %s, where C3 announces a 2-byte character and 28 is a plain '(': decode "
                            + "strictly (a CharsetDecoder that REPORTs malformed input, or the bytes straight to "
                            + "Jackson) and throw a BadMessageException that mentions UTF-8",
                            "decode() de %s, donde C3 anuncia un carácter de 2 bytes y 28 es un simple '(': decodifica "
                            + "de forma estricta (un CharsetDecoder que haga REPORT de la entrada mal formada, o los "
                            + "bytes directamente a Jackson) y lanza una BadMessageException que mencione UTF-8"),
                            Hex.of(body))
                    .isInstanceOf(BadMessageException.class)
                    .hasMessageContaining("UTF-8");
        }

        @Test
        @DisplayName("encode() writes UTF-8: ñ is the two bytes C3 B1")
        void encodesUtf8() {
            byte[] json = MessageCodec.encode(ChatMessage.chat("ñ"));
            assertThat(json)
                    .as(say("the JSON bytes of chat(\"ñ\") should hold ñ as UTF-8, the bytes c3 b1; they are: %s",
                            "los bytes JSON de chat(\"ñ\") deberían contener ñ en UTF-8, los bytes c3 b1; son: %s"),
                            Hex.of(json))
                    .containsSequence((byte) 0xC3, (byte) 0xB1);
        }

        @Test
        @DisplayName("the frame header counts bytes, not characters (\"ñ🎉\" is 3 chars but 6 bytes)")
        void headerCountsBytes() throws IOException {
            String text = "ñ🎉";
            byte[] body = MessageCodec.encode(ChatMessage.chat(text));
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            new FrameWriter(wire).writeFrame(body);
            long headerLength = Wire.lengthOf(wire.toByteArray());
            String json = new String(body, java.nio.charset.StandardCharsets.UTF_8);
            assertThat(headerLength)
                    .as(say("header of a frame holding %s: %d chars (String.length()) but %d UTF-8 bytes",
                            "cabecera de un frame que contiene %s: %d caracteres (String.length()) pero %d bytes "
                            + "UTF-8"), json, json.length(), body.length)
                    .isEqualTo(body.length);
            assertThat(viaTheWire(ChatMessage.chat(text)).data())
                    .as(say("\"ñ🎉\" after a trip over the wire", "\"ñ🎉\" después de un viaje por la red"))
                    .isEqualTo(text);
        }

        @ParameterizedTest(name = "round trip of {0}")
        @ValueSource(strings = {
            "plain ASCII",
            "año, niño, mañana",
            "emoji 🎉👋🏽🇪🇸 and 中文",
            "she said \"hi\"",
            "don't won't can't",
            "two\nlines\r\nand a tab\t",
            "back\\slash and /slash/",
            "<html><b>not markup</b>",
        })
        @DisplayName("any text survives encode → frame → read → decode unchanged")
        void roundTrip(String text) throws IOException {
            ChatMessage sent = ChatMessage.chat("ana", text);
            assertThat(viaTheWire(sent))
                    .as(say("the message after a trip over the wire (see also §8 JSON messages with Jackson)",
                            "el mensaje después de un viaje por la red (ver también §8 Mensajes JSON con Jackson)"))
                    .isEqualTo(sent);
        }
    }

    @Nested
    @DisplayName("§8 JSON messages with Jackson")
    class JsonMessages {

        static Stream<Arguments> encodings() {
            return Stream.of(
                    Arguments.of(ChatMessage.join("ana"), "{\"type\":\"join\",\"username\":\"ana\"}"),
                    Arguments.of(ChatMessage.chat("hola"), "{\"type\":\"chat\",\"data\":\"hola\"}"),
                    Arguments.of(ChatMessage.chat("ana", "hola"), "{\"type\":\"chat\",\"username\":\"ana\",\"data\":\"hola\"}"),
                    Arguments.of(ChatMessage.leave("ana"), "{\"type\":\"leave\",\"username\":\"ana\"}"),
                    Arguments.of(ChatMessage.error("name taken"), "{\"type\":\"error\",\"data\":\"name taken\"}"));
        }

        @ParameterizedTest(name = "{0} → {1}")
        @MethodSource("encodings")
        @DisplayName("encode() writes exactly the wire contract's fields, leaving out null ones")
        void encodesTheContract(ChatMessage message, String json) throws IOException {
            JsonNode actual = parsed(MessageCodec.encode(message));
            assertThat(actual)
                    .as(say("JSON of %s: only the fields the type uses, no \"username\":null",
                            "JSON de %s: solo los campos que usa el tipo, sin \"username\":null"), message)
                    .isEqualTo(parsed(Wire.utf8(json)));
        }

        @ParameterizedTest(name = "{1} → {0}")
        @MethodSource("encodings")
        @DisplayName("decode() reads each message type of the wire contract")
        void decodesTheContract(ChatMessage message, String json) throws IOException {
            assertThat(MessageCodec.decode(Wire.utf8(json)))
                    .as(say("decode(%s)", "decode(%s)"), json)
                    .isEqualTo(message);
        }

        @Test
        @DisplayName("decode() ignores fields it does not know")
        void unknownFieldsIgnored() throws IOException {
            byte[] json = Wire.utf8("{\"type\":\"chat\",\"data\":\"hi\",\"color\":\"red\",\"n\":5,\"x\":{\"y\":[1]}}");
            assertThat(MessageCodec.decode(json))
                    .as(say("the wire contract says unknown fields are ignored: newer clients may add some",
                            "el contrato de red dice que los campos desconocidos se ignoran: los clientes más nuevos "
                            + "pueden agregar algunos"))
                    .isEqualTo(ChatMessage.chat("hi"));
        }

        @Test
        @DisplayName("every message type survives encode → frame → read → decode: join, chat, leave, error")
        void everyTypeRoundTrips() throws IOException {
            for (ChatMessage m : new ChatMessage[] {ChatMessage.join("ana"), ChatMessage.chat("hola"),
                ChatMessage.chat("ana", "hola"), ChatMessage.leave("ana"), ChatMessage.error("name taken")}) {
                assertThat(viaTheWire(m))
                        .as(say("%s after a trip over the wire: the same type and fields, none added",
                                "%s después de un viaje por la red: el mismo tipo y los mismos campos, sin agregar "
                                + "ninguno"), m)
                        .isEqualTo(m);
            }
        }

        @Test
        @DisplayName("decode() reads a field that is JSON null as absent: a chat with \"username\":null has no username")
        void nullFieldIsAbsent() throws IOException {
            assertThat(MessageCodec.decode(Wire.utf8("{\"type\":\"chat\",\"username\":null,\"data\":\"hi\"}")))
                    .as(say("JSON null means 'no value', like a missing field: an optional username that is null "
                            + "is simply absent, not an error", "null en JSON significa «sin valor», como un campo que "
                            + "falta: un username opcional que es null simplemente está ausente, no es un error"))
                    .isEqualTo(ChatMessage.chat("hi"));
        }

        @Test
        @DisplayName("decode() keeps a username a client put in a chat message (the server decides what to do with it)")
        void chatWithUsername() throws IOException {
            ChatMessage m = MessageCodec.decode(Wire.utf8("{\"data\":\"hi\",\"username\":\"eve\",\"type\":\"chat\"}"));
            SoftAssertions soft = new SoftAssertions();
            soft.assertThat(m.type()).as(say("type", "el campo type")).isEqualTo("chat");
            soft.assertThat(m.username()).as(say("username", "el campo username")).isEqualTo("eve");
            soft.assertThat(m.data()).as(say("data", "el campo data")).isEqualTo("hi");
            soft.assertAll();
        }
    }

    @Nested
    @DisplayName("§9 Refusing bad messages")
    class RefusingBadMessages {

        static Stream<Arguments> badBodies() {
            return Stream.of(
                    Arguments.of("not JSON at all", Wire.utf8("hello"), "JSON"),
                    Arguments.of("cut-off JSON", Wire.utf8("{\"type\":\"chat\",\"data\":\"hi"), "JSON"),
                    Arguments.of("two JSON values", Wire.utf8("{\"type\":\"leave\",\"username\":\"a\"} {}"), "JSON"),
                    Arguments.of("a JSON array", Wire.utf8("[\"chat\",\"hi\"]"), "object"),
                    Arguments.of("a JSON string", Wire.utf8("\"chat\""), "object"),
                    Arguments.of("a JSON number", Wire.utf8("42"), "object"),
                    Arguments.of("JSON null", Wire.utf8("null"), "object"),
                    Arguments.of("an empty object", Wire.utf8("{}"), "type"),
                    Arguments.of("no type", Wire.utf8("{\"data\":\"hi\"}"), "type"),
                    Arguments.of("a type that is a number", Wire.utf8("{\"type\":5,\"data\":\"hi\"}"), "type"),
                    Arguments.of("an unknown type", Wire.utf8("{\"type\":\"dance\"}"), "dance"),
                    Arguments.of("join without username", Wire.utf8("{\"type\":\"join\"}"), "username"),
                    Arguments.of("join with a username that is an array", Wire.utf8("{\"type\":\"join\",\"username\":[\"a\"]}"), "username"),
                    Arguments.of("chat without data", Wire.utf8("{\"type\":\"chat\"}"), "data"),
                    Arguments.of("chat with data that is a number", Wire.utf8("{\"type\":\"chat\",\"data\":5}"), "data"),
                    Arguments.of("chat with a username that is an object", Wire.utf8("{\"type\":\"chat\",\"data\":\"x\",\"username\":{}}"), "username"),
                    Arguments.of("leave without username", Wire.utf8("{\"type\":\"leave\"}"), "username"),
                    Arguments.of("error without data", Wire.utf8("{\"type\":\"error\"}"), "data"));
        }

        @Test
        @DisplayName("decode() refuses an unknown type even when it carries the fields of a known one")
        void unknownTypeWithFields() {
            byte[] body = Wire.utf8("{\"type\":\"shout\",\"username\":\"ana\",\"data\":\"HI\"}");
            assertThatThrownBy(() -> MessageCodec.decode(body))
                    .as(say("\"shout\" is not one of join, chat, leave, error: check the type against the four "
                            + "the contract knows before looking at any other field", "\"shout\" no es ninguno de "
                            + "join, chat, leave, error: compara el tipo con los cuatro que conoce el contrato antes "
                            + "de mirar cualquier otro campo"))
                    .isInstanceOf(BadMessageException.class)
                    .hasMessageContaining("unknown")
                    .hasMessageContaining("shout");
        }

        @Test
        @DisplayName("decode() says what came instead of a JSON object: an array, a number, a string, null, nothing")
        void saysWhatCameInstead() {
            String[][] cases = {
                {"[\"chat\",\"hi\"]", "an array"},
                {"42", "a number"},
                {"\"chat\"", "a string"},
                {"true", "a boolean"},
                {"null", "null"},
                {"   ", "nothing"},
            };
            for (String[] c : cases) {
                assertThatThrownBy(() -> MessageCodec.decode(Wire.utf8(c[0])))
                        .as(say("decode(%s): the message names what the body held instead of an object, e.g. "
                                + "\"frame body must be a JSON object, got %s\"", "decode(%s): el mensaje nombra lo "
                                + "que traía el cuerpo en vez de un objeto, por ejemplo \"frame body must be a JSON "
                                + "object, got %s\""), Lesson.show(c[0]), c[1])
                        .isInstanceOf(BadMessageException.class)
                        .hasMessageEndingWith("got " + c[1]);
            }
        }

        @ParameterizedTest(name = "{0} → BadMessageException mentioning \"{2}\"")
        @MethodSource("badBodies")
        @DisplayName("decode() refuses a body that breaks the wire contract with a BadMessageException that says why")
        void refusesBadBodies(String what, byte[] body, String mentions) {
            assertThatThrownBy(() -> MessageCodec.decode(body))
                    .as(say("decode() of %s: throw BadMessageException (never a Jackson or NullPointer exception) "
                            + "with a message that mentions \"%s\", since it is sent back to the client",
                            "decode() del caso «%s»: lanza BadMessageException (nunca una excepción de Jackson ni una "
                            + "NullPointerException) con un mensaje que mencione \"%s\", ya que ese mensaje vuelve al "
                            + "cliente"), what, mentions)
                    .isInstanceOf(BadMessageException.class)
                    .hasMessageContaining(mentions);
        }
    }
}
