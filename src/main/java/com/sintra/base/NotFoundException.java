package com.sintra.base;

/**
 * Something the caller asked for does not exist, or exists but is not theirs to see:
 * the two are deliberately indistinguishable so ids cannot be probed.
 */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
