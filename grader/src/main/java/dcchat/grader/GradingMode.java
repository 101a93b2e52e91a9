package dcchat.grader;

import java.util.Locale;

/**
 * What a step is built on when it is graded. <b>Isolated</b>: the steps it uses come from the reference, so a
 * broken step 2 does not zero step 4. <b>Cumulative</b>: they come from the student's own code, as the student
 * runs it.
 */
public enum GradingMode {
    ISOLATED, CUMULATIVE;

    /** "isolated" or "cumulative", as reports and options spell it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return label();
    }
}
