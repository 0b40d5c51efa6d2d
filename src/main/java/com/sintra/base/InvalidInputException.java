package com.sintra.base;

/**
 * Input that a service refused. {@code field} names the form field (or request property) at fault,
 * so a view can show the message next to it and the API can report it in a problem detail.
 */
public class InvalidInputException extends RuntimeException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
