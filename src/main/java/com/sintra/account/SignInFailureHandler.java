package com.sintra.account;

import java.io.IOException;
import java.time.Instant;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Back to the sign-in page after a failure, with the e-mail kept and, when the attempt just made (or the one
 * before) locked it, until when. Every failure looks the same otherwise.
 */
class SignInFailureHandler implements AuthenticationFailureHandler {

    private final SignInThrottle throttle;

    SignInFailureHandler(SignInThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException exception) throws IOException {
        String typed = request.getParameter("username");
        Instant retryAt = exception instanceof SignInThrottledException throttled ? throttled.retryAt()
                : throttle.blockedUntil(FailedSignIn.normalized(typed), request.getRemoteAddr()).orElse(null);
        request.getSession().setAttribute(FailedSignIn.SESSION_ATTRIBUTE, new FailedSignIn(FailedSignIn.shortened(typed), retryAt));
        response.sendRedirect(request.getContextPath() + "/login?error");
    }
}
