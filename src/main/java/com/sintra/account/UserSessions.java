package com.sintra.account;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.context.request.RequestContextHolder;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;

/**
 * The HTTP sessions each user is signed in with on this node, so that a change to their account ends them at
 * once. A session counts from the moment Spring Security stores a signed-in context in it until the context is
 * removed (sign-out, expiry, invalidation), whatever signed it in. Ending a session invalidates it: its Vaadin
 * UIs find it gone on their next round trip and reload onto the sign-in page.
 * <p>
 * In-process, as sessions are (sticky) on this node (docs/decisions/0022-sticky-sessions.md); with several
 * nodes, {@link ClusterSessions} has the other nodes end theirs.
 */
@Component
class UserSessions implements HttpSessionAttributeListener {

    private static final String CONTEXT = HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY;

    private final Map<UserId, Set<HttpSession>> sessions = new ConcurrentHashMap<>();
    private final UserRepository users;

    UserSessions(UserRepository users) {
        this.users = users;
    }

    @Override
    public void attributeAdded(HttpSessionBindingEvent event) {
        if (CONTEXT.equals(event.getName())) {
            userOf(event.getValue()).ifPresent(user -> {
                track(user, event.getSession());
                // Closes the race with a deactivation committed between this sign-in's password check and now,
                // whose sweep could not yet see this session. One lookup per sign-in, not per request.
                if (users.findById(user).map(u -> !u.active()).orElse(true)) {
                    end(user, session -> session == event.getSession());
                }
            });
        }
    }

    @Override
    public void attributeReplaced(HttpSessionBindingEvent event) {
        if (CONTEXT.equals(event.getName())) {
            // The event carries the old value; the session holds the new one.
            userOf(event.getValue()).ifPresent(user -> untrack(user, event.getSession()));
            userOf(event.getSession().getAttribute(CONTEXT)).ifPresent(user -> track(user, event.getSession()));
        }
    }

    @Override
    public void attributeRemoved(HttpSessionBindingEvent event) {
        if (CONTEXT.equals(event.getName())) {
            userOf(event.getValue()).ifPresent(user -> untrack(user, event.getSession()));
        }
    }

    @TransactionalEventListener
    void on(UserDeactivated event) {
        end(event.user(), session -> true);
    }

    @TransactionalEventListener
    void on(UserSignedOutElsewhere event) {
        String kept = event.keepCurrentSession() ? currentSessionId() : null;
        end(event.user(), session -> kept == null || !kept.equals(idOf(session)));
    }

    /** Another node ended the user's sessions there (a deactivation, a sign-out elsewhere): all of them end here. */
    void endAll(UserId user) {
        end(user, session -> true);
    }

    /** Ends the sessions of users deactivated meanwhile: after this node may have missed word of it. */
    void endInactive() {
        for (UserId user : List.copyOf(sessions.keySet())) {
            if (users.findById(user).map(u -> !u.active()).orElse(true)) {
                end(user, session -> true);
            }
        }
    }

    /** Invalidates the user's sessions on this node that match. */
    private void end(UserId user, Predicate<HttpSession> which) {
        for (HttpSession session : List.copyOf(sessions.getOrDefault(user, Set.of()))) {
            if (which.test(session)) {
                invalidate(session);
                // The container's attributeRemoved does this too; a session already invalid sends none.
                untrack(user, session);
            }
        }
    }

    int count(UserId user) {
        return sessions.getOrDefault(user, Set.of()).size();
    }

    private void track(UserId user, HttpSession session) {
        sessions.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet()).add(session);
    }

    private void untrack(UserId user, HttpSession session) {
        sessions.computeIfPresent(user, (u, set) -> {
            set.remove(session);
            return set.isEmpty() ? null : set;
        });
    }

    private static Optional<UserId> userOf(Object context) {
        if (context instanceof SecurityContext security && security.getAuthentication() != null
                && security.getAuthentication().getPrincipal() instanceof SintraPrincipal principal) {
            return Optional.of(principal.id());
        }
        return Optional.empty();
    }

    private static String currentSessionId() {
        var request = RequestContextHolder.getRequestAttributes();
        return request == null ? null : request.getSessionId();
    }

    private static String idOf(HttpSession session) {
        try {
            return session.getId();
        } catch (IllegalStateException alreadyInvalid) {
            return null;
        }
    }

    private static void invalidate(HttpSession session) {
        try {
            session.invalidate();
        } catch (IllegalStateException alreadyInvalid) {
            // Ended meanwhile by expiry or sign-out: nothing left to do.
        }
    }
}
