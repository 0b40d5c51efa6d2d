package com.sintra.account;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The signed-in user as Spring Security holds it; carries the id so no lookup is needed per request. */
public final class SintraPrincipal implements UserDetails, CredentialsContainer {

    private final User user;
    private String passwordHash;

    SintraPrincipal(User user, String passwordHash) {
        this.user = user;
        this.passwordHash = passwordHash;
    }

    /** For tests and API keys: a principal without a password. */
    public static SintraPrincipal of(User user) {
        return new SintraPrincipal(user, null);
    }

    public User user() {
        return user;
    }

    public UserId id() {
        return user.id();
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return user.role() == Role.ADMIN
                ? List.of(new SimpleGrantedAuthority(Role.ADMIN.authority()), new SimpleGrantedAuthority(Role.USER.authority()))
                : List.of(new SimpleGrantedAuthority(Role.USER.authority()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return user.email();
    }

    @Override
    public boolean isEnabled() {
        return user.active();
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public String toString() {
        // Never print the hash, even by accident in a log line.
        return "SintraPrincipal[" + user.email() + "]";
    }
}
