package com.sintra.account;

import java.util.Optional;

import java.util.concurrent.Executor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Component;

/**
 * Who is asking: read from the security context of the current request, session or API call.
 * It goes through the application's own {@link SecurityContextHolderStrategy} bean (Vaadin's, which
 * also finds the context of a UI session), the same one method security reads.
 */
@Component
public class CurrentUser {

    private final SecurityContextHolderStrategy contexts;

    CurrentUser(ObjectProvider<SecurityContextHolderStrategy> strategy) {
        this.contexts = strategy.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
    }

    public Optional<SintraPrincipal> principal() {
        Authentication auth = contexts.getContext().getAuthentication();
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
        var previous = contexts.getContext();
        var context = contexts.createEmptyContext();
        SintraPrincipal principal = SintraPrincipal.of(user);
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
        contexts.setContext(context);
        try {
            task.run();
        } finally {
            contexts.setContext(previous);
        }
    }

    /**
     * The task, to be run later on another thread as the caller is now: background work started for them (an
     * agents' run a person's message started) passes the same checks the person would.
     */
    public Runnable asCaller(Runnable task) {
        Executor caller = callerNow();
        return () -> caller.execute(task);
    }

    /**
     * Runs each task given to it, on the thread that gives it, as the caller is now: for work a request hands to
     * other threads more than once (an event stream's catch-ups on a feed's delivery threads). It sets the
     * context through the application's strategy, the one every check here reads.
     */
    public Executor callerNow() {
        Authentication caller = contexts.getContext().getAuthentication();
        return task -> {
            var previous = contexts.getContext();
            var context = contexts.createEmptyContext();
            context.setAuthentication(caller);
            contexts.setContext(context);
            try {
                task.run();
            } finally {
                contexts.setContext(previous);
            }
        };
    }

    /**
     * After the caller's own account changed (their name), the signed-in principal shows the new state. The
     * context object is the one kept in the session, so the change lasts beyond this request.
     */
    void refresh(User user) {
        Authentication auth = contexts.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof SintraPrincipal principal && principal.id().equals(user.id())) {
            SintraPrincipal refreshed = SintraPrincipal.of(user);
            contexts.getContext().setAuthentication(
                    UsernamePasswordAuthenticationToken.authenticated(refreshed, null, refreshed.getAuthorities()));
        }
    }
}
