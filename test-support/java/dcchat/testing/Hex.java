package dcchat.testing;

import java.util.Arrays;

/**
 * Compares byte arrays and explains a difference the way a student can act on: both sides in hex, 16
 * bytes a row, the first differing offset marked.
 *
 * <p>Kit test support: students never edit this file.
 * <pre>
 *   Frame bytes differ at offset 3 (header byte 4 of 4).
 *     offset   expected                                   actual
 *     0000     00 00 01 00 7b 22 74 79  …                 00 00 00 01 7b 22 74 79  …
 *                       ^^
 * </pre>
 */
public final class Hex {

    private Hex() {
    }

    /**
     * Fails unless {@code actual} equals {@code expected} byte for byte.
     *
     * @param what     what the bytes are, e.g. {@code "the frame written for a 256-byte body"}
     * @param expected the right bytes
     * @param actual   the bytes produced
     */
    public static void assertBytes(String what, byte[] expected, byte[] actual) {
        String section = Lesson.section();
        if (Arrays.equals(expected, actual)) {
            return;
        }
        int at = Arrays.mismatch(expected, actual);
        StringBuilder b = new StringBuilder();
        b.append(what).append(Lesson.say(": bytes differ at offset ", ": los bytes difieren en la posición "))
                .append(at);
        if (at < 4) {
            b.append(Lesson.say(" (header byte " + (at + 1) + " of 4 — the length, big-endian)",
                    " (byte " + (at + 1) + " de 4 de la cabecera — el largo, big-endian)"));
        } else {
            b.append(Lesson.say(" (body byte " + (at - 4) + ")", " (byte " + (at - 4) + " del cuerpo)"));
        }
        b.append(System.lineSeparator())
                .append(Lesson.say("  expected " + expected.length + " bytes, actual " + actual.length + " bytes",
                        "  esperados " + expected.length + " bytes, obtenidos " + actual.length + " bytes"))
                .append(System.lineSeparator());
        int row = (at / 16) * 16;
        int from = Math.max(0, row - 16);
        // the column titles sit over the columns: offset at 2, expected at 10, actual at 60
        b.append(Lesson.say("  offset  expected                                          actual",
                "  pos.    esperado                                          obtenido")).append(System.lineSeparator());
        for (int r = from; r <= row + 16 && (r < expected.length || r < actual.length); r += 16) {
            b.append(String.format("  %04x    %-48s  %s%n", r, hexRow(expected, r), hexRow(actual, r)));
            if (r == row) {
                int col = (at - row) * 3;
                b.append("          ").append(" ".repeat(col)).append("^^")
                        .append(" ".repeat(48 - col)).append(" ".repeat(col)).append("^^")
                        .append(System.lineSeparator());
            }
        }
        b.append(Lesson.say("  read:    ", "  lee:     ")).append(section);
        throw new AssertionError(b.toString());
    }

    /**
     * @param bytes bytes
     * @return the first 64 of them in hex, for messages
     */
    public static String of(byte[] bytes) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, 64); i++) {
            b.append(String.format("%02x ", bytes[i] & 0xFF));
        }
        if (bytes.length > 64) {
            b.append("… (").append(bytes.length).append(" bytes)");
        }
        return b.toString().trim();
    }

    private static String hexRow(byte[] bytes, int from) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < from + 16; i++) {
            b.append(i < bytes.length ? String.format("%02x ", bytes[i] & 0xFF) : "   ");
        }
        return b.toString();
    }
}
