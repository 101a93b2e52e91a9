package dcchat.bench.netty;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The contract's messages: one JSON object of string fields, UTF-8, as a frame body. Decoding keeps the three
 * fields a server reads ({@code type}, {@code username}, {@code data}) and ignores any other; encoding writes
 * straight into a pooled buffer with Jackson's streaming generator.
 */
final class Messages {

    private static final JsonFactory JSON = new JsonFactory();

    private Messages() {
    }

    /** A frame the server refuses; the message is the reason sent back in the {@code error} frame. */
    static final class BadFrame extends Exception {
        private static final long serialVersionUID = 1L;

        BadFrame(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * A client's message; a field it did not carry is null.
     *
     * @param type     join, chat, leave or error
     * @param username the name asked for (join)
     * @param data     the chat line (chat)
     */
    record Incoming(String type, String username, String data) {
    }

    /**
     * Decodes and checks one frame body: valid UTF-8, exactly one JSON object, {@code type} a known type, and the
     * field that type needs present as a string.
     *
     * @param body a frame body (not released here)
     * @return the message
     * @throws BadFrame with a reason a person can read
     */
    static Incoming decode(ByteBuf body) throws BadFrame {
        if (!body.isReadable()) {
            throw new BadFrame("frame length 0: a frame carries 1 to 65,536 bytes");
        }
        if (!ByteBufUtil.isText(body, StandardCharsets.UTF_8)) {
            throw new BadFrame("frame body is not valid UTF-8");
        }
        String type = null;
        String username = null;
        String data = null;
        try (JsonParser p = parser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BadFrame("frame body must be a JSON object");
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "type" -> type = string(p, value, field);
                    case "username" -> username = string(p, value, field);
                    case "data" -> data = string(p, value, field);
                    default -> p.skipChildren(); // a field the server does not know is ignored
                }
            }
            if (p.nextToken() != null) {
                throw new BadFrame("frame body holds more than one JSON value");
            }
        } catch (JsonProcessingException e) {
            throw new BadFrame("frame body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("parsing an in-memory buffer cannot fail", e);
        }
        if (type == null) {
            throw new BadFrame("missing field 'type'");
        }
        switch (type) {
            case "join" -> require(username, "username");
            case "chat" -> require(data, "data");
            case "leave" -> {
                // its username, if any, is ignored
            }
            case "error" -> throw new BadFrame("clients may not send 'error' frames");
            default -> throw new BadFrame("unknown message type '" + type + "' (expected join, chat or leave)");
        }
        return new Incoming(type, username, data);
    }

    private static JsonParser parser(ByteBuf body) throws IOException {
        if (body.hasArray()) {
            return JSON.createParser(body.array(), body.arrayOffset() + body.readerIndex(), body.readableBytes());
        }
        return JSON.createParser(ByteBufUtil.getBytes(body)); // a direct buffer: one copy of ≤ 64 KiB
    }

    private static String string(JsonParser p, JsonToken value, String field) throws IOException, BadFrame {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            throw new BadFrame("field '" + field + "' must be a string");
        }
        return p.getText();
    }

    private static void require(String value, String field) throws BadFrame {
        if (value == null) {
            throw new BadFrame("missing field '" + field + "'");
        }
    }

    /**
     * Encodes one server message as a frame body (the header is the prepender's), fields with a null value left
     * out. The body may exceed 65,536 bytes: the caller checks ({@link #fits}).
     *
     * @param alloc    the channel's allocator
     * @param type     join, leave, chat or error
     * @param username who, or null
     * @param data     the line or the reason, or null
     * @return a new buffer the caller owns
     */
    static ByteBuf encode(ByteBufAllocator alloc, String type, String username, String data) {
        // A guess for ASCII text; the buffer grows for more.
        ByteBuf body = alloc.buffer(48 + (username == null ? 0 : username.length())
                + (data == null ? 0 : data.length()));
        try (JsonGenerator g = JSON.createGenerator((java.io.OutputStream) new ByteBufOutputStream(body))) {
            g.writeStartObject();
            g.writeStringField("type", type);
            if (username != null) {
                g.writeStringField("username", username);
            }
            if (data != null) {
                g.writeStringField("data", data);
            }
            g.writeEndObject();
        } catch (IOException e) {
            body.release();
            throw new UncheckedIOException("writing to a growing buffer cannot fail", e);
        }
        return body;
    }

    /** @return true if the body fits one frame (at most 65,536 bytes) */
    static boolean fits(ByteBuf body) {
        return body.readableBytes() <= ChatFrameDecoder.MAX_BODY_BYTES;
    }
}
