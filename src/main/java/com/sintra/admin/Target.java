package com.sintra.admin;

/**
 * A limit a live figure is held to. Each is judged twice where Sintra set itself a stricter one than the old
 * system's review: within Sintra's own, it is good; within only the review's, a warning; beyond both, bad.
 * Without a stricter one, the last fifth before the limit is the warning.
 *
 * @param limit       the review's limit (or Sintra's where the review had none)
 * @param strictLimit Sintra's stricter limit from docs/performance.md, or NaN
 */
public record Target(String name, String unit, double limit, double strictLimit, Direction direction) {

    public enum Direction { AT_MOST, AT_LEAST, NONE }

    public enum Verdict { GOOD, WARNING, BAD, UNKNOWN, INFO }

    private static final double WARNING_SHARE = 0.8;

    public static Target atMost(String name, String unit, double limit) {
        return new Target(name, unit, limit, Double.NaN, Direction.AT_MOST);
    }

    public static Target atMost(String name, String unit, double limit, double strictLimit) {
        return new Target(name, unit, limit, strictLimit, Direction.AT_MOST);
    }

    public static Target atLeast(String name, String unit, double limit) {
        return new Target(name, unit, limit, Double.NaN, Direction.AT_LEAST);
    }

    /** A figure shown for what it tells, held to no limit (traffic, for one: more of it is neither good nor bad). */
    public static Target none(String name, String unit) {
        return new Target(name, unit, Double.NaN, Double.NaN, Direction.NONE);
    }

    public Verdict judge(double value) {
        if (Double.isNaN(value)) {
            return Verdict.UNKNOWN;
        }
        if (direction == Direction.NONE) {
            return Verdict.INFO;
        }
        if (!within(value, limit)) {
            return Verdict.BAD;
        }
        double good = Double.isNaN(strictLimit) ? warningFrom() : strictLimit;
        return within(value, good) ? Verdict.GOOD : Verdict.WARNING;
    }

    private double warningFrom() {
        // At least 90 %: warn below 92 %, a fifth of the way from the limit to everything.
        return direction == Direction.AT_MOST ? limit * WARNING_SHARE : limit + (1 - limit) * (1 - WARNING_SHARE);
    }

    private boolean within(double value, double bound) {
        return direction == Direction.AT_MOST ? value <= bound : value >= bound;
    }
}
