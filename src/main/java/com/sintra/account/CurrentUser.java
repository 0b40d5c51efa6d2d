package com.sintra.account;

import java.util.Optional;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** Who is asking: read from the security context of the current request, session or API call. */
@Component
public class CurrentUser {

    public Optional<SintraPrincipal> principal() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof SintraPrincipal principal) {
            return Optional.of(principal);
        }
        return Optional.empty();
    }

    /** The caller's id; refuses anonymous callers. */
    public UserId require() {
        return principal().map(SintraPrincipal::id)
                .orElseThrow(() -> new AccessDeniedException("Sign in first"));
    }

    /** Runs a start-up or background task as the given user, then restores the previous context. */
    public void runAs(User user, Runnable task) {
        var previous = SecurityContextHolder.getContext();
        var context = SecurityContextHolder.createEmptyContext();
        SintraPrincipal principal = SintraPrincipal.of(user);
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
        SecurityContextHolder.setContext(context);
        try {
            task.run();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    public boolean isAdmin() {
        return principal().map(p -> p.user().role() == Role.ADMIN).orElse(false);
    }
}
