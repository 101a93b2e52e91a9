package dcchat.echo;

/*
 * HOSTILE FIXTURE compile-bomb — a 1 KB source that makes the compiler build a 137-billion-character string.
 *
 * What the student tries: javac folds constant expressions while it compiles, so each constant below is eight
 * copies of the one before: A11 would be 16 × 8^11 characters. No student code runs, but the compiler itself
 * runs out of memory (or time) on it — in the grader's process, if javac ran there, taking every other student's
 * grading down with it. The rest of this step is the reference, which would score full marks.
 *
 * Why it must be contained: students' sources are compiled in a separate, memory- and time-limited compile
 * server in the sandbox; the bomb costs this step a compile error, and the next student compiles as usual.
 */
final class Bomb {
    static final String A0 = "xxxxxxxxxxxxxxxx";
    static final String A1 = A0 + A0 + A0 + A0 + A0 + A0 + A0 + A0;
    static final String A2 = A1 + A1 + A1 + A1 + A1 + A1 + A1 + A1;
    static final String A3 = A2 + A2 + A2 + A2 + A2 + A2 + A2 + A2;
    static final String A4 = A3 + A3 + A3 + A3 + A3 + A3 + A3 + A3;
    static final String A5 = A4 + A4 + A4 + A4 + A4 + A4 + A4 + A4;
    static final String A6 = A5 + A5 + A5 + A5 + A5 + A5 + A5 + A5;
    static final String A7 = A6 + A6 + A6 + A6 + A6 + A6 + A6 + A6;
    static final String A8 = A7 + A7 + A7 + A7 + A7 + A7 + A7 + A7;
    static final String A9 = A8 + A8 + A8 + A8 + A8 + A8 + A8 + A8;
    static final String A10 = A9 + A9 + A9 + A9 + A9 + A9 + A9 + A9;
    static final String A11 = A10 + A10 + A10 + A10 + A10 + A10 + A10 + A10;

    private Bomb() {
    }

    static int size() {
        return A11.length();
    }
}
