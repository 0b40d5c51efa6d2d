package com.sintra.ai;

/**
 * The model cannot be asked right now, with a reason a person can read: no provider configured,
 * the circuit is open, the rate limit or the bulkhead is full. Callers fall back to an offline answer
 * or show the reason.
 */
public class AiUnavailableException extends RuntimeException {

    public enum Reason { NOT_CONFIGURED, CIRCUIT_OPEN, RATE_LIMITED, TOO_MANY_CALLS, UPSTREAM_FAILED }

    private final Reason reason;

    public AiUnavailableException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
