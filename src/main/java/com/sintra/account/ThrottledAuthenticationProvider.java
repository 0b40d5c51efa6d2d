package com.sintra.account;

import java.time.Instant;
import java.util.Optional;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password sign-in with throttling and an audit entry of every success and failure: this is the only way a
 * session signs in (API keys act per request and are no sign-in). Wraps Spring's own password check,
 * which already makes unknown e-mails take as long as wrong passwords.
 */
class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider passwords;
    private final SignInThrottle throttle;
    private final AuditLog audit;

    ThrottledAuthenticationProvider(AuthenticationProvider passwords, SignInThrottle throttle, AuditLog audit) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.audit = audit;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String email = FailedSignIn.normalized(attempt.getName());
        String address = addressOf(attempt);
        Optional<Instant> blocked = throttle.blockedUntil(email, address);
        if (blocked.isPresent()) {
            throttle.refused(address);
            audit.signInFailed(email, address, "throttled");
            throw new SignInThrottledException(blocked.get());
        }
        try {
            Authentication signedIn = passwords.authenticate(attempt);
            throttle.succeeded(email);
            if (signedIn.getPrincipal() instanceof SintraPrincipal principal) {
                audit.signedIn(principal.user(), address);
            }
            return signedIn;
        } catch (AuthenticationException e) {
            throttle.failed(email, address);
            audit.signInFailed(email, address, e instanceof DisabledException ? "deactivated"
                    : e instanceof BadCredentialsException ? "bad_credentials" : e.getClass().getSimpleName());
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    static String addressOf(Authentication attempt) {
        return attempt.getDetails() instanceof WebAuthenticationDetails details && details.getRemoteAddress() != null
                ? details.getRemoteAddress() : "unknown";
    }
}
