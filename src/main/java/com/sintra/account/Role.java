package com.sintra.account;

public enum Role {
    USER, ADMIN;

    /** The Spring Security authority for this role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
