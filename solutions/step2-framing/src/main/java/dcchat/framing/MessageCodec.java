package dcchat.framing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Turns a {@link ChatMessage} into frame-body bytes and back, with Jackson (README §7, §8).
 *
 * <p>Step 2 of DCChat. Bytes in, bytes out: this class never sees a socket stream, because Jackson closes
 * the streams it reads from or writes to unless told otherwise — and closing a socket's stream closes the
 * socket. One {@link ObjectMapper}, configured once, is shared: it is thread-safe and costly to build.
 * Decoding is strict about what the wire contract requires and lenient about what it allows: unknown
 * fields are ignored.
 */
public final class MessageCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8) // 🎉 as its 4 UTF-8 bytes, not \ud83c\udf89
            .build();

    private static final Set<String> TYPES =
            Set.of(ChatMessage.JOIN, ChatMessage.CHAT, ChatMessage.LEAVE, ChatMessage.ERROR);

    private MessageCodec() {
    }

    /**
     * Encodes a message as UTF-8 JSON, leaving out null fields (README §8).
     *
     * @param message the message
     * @return the JSON bytes, ready to be a frame body
     */
    public static byte[] encode(ChatMessage message) {
        try {
            return MAPPER.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a ChatMessage record cannot fail to serialise", e);
        }
    }

    /**
     * Decodes a frame body into a message, checking it against the wire contract (README §8).
     *
     * @param body a frame body
     * @return the message; unknown fields are dropped
     * @throws BadMessageException if the body is not UTF-8, not one JSON object, lacks a field its type
     *                             needs, has a non-string field, or has an unknown type
     */
    public static ChatMessage decode(byte[] body) throws BadMessageException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BadMessageException("frame body is not valid UTF-8", e);
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadMessageException("frame body is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new BadMessageException("frame body must be a JSON object, got " + kind(tree));
        }
        String type = string(tree, "type", true);
        if (!TYPES.contains(type)) {
            throw new BadMessageException("unknown message type '" + type + "' (expected join, chat, leave or error)");
        }
        return switch (type) {
            case ChatMessage.JOIN, ChatMessage.LEAVE -> new ChatMessage(type, string(tree, "username", true), null);
            case ChatMessage.CHAT -> new ChatMessage(type, string(tree, "username", false), string(tree, "data", true));
            default -> new ChatMessage(type, null, string(tree, "data", true));
        };
    }

    /** Reads a string field; a missing or JSON-null field is null unless required. */
    private static String string(JsonNode tree, String field, boolean required) throws BadMessageException {
        JsonNode node = tree.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                String type = tree.path("type").asText("");
                throw new BadMessageException("missing field '" + field + "'"
                        + (type.isEmpty() || field.equals("type") ? "" : " in a '" + type + "' message"));
            }
            return null;
        }
        if (!node.isTextual()) {
            throw new BadMessageException("field '" + field + "' must be a string, got " + kind(node));
        }
        return node.textValue();
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case BOOLEAN -> "a boolean";
            case NUMBER -> "a number";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NULL -> "null";
            default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
