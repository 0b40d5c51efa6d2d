package com.sintra.api;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.OptionalLong;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sintra.account.ApiKeyService;
import com.sintra.account.SintraPrincipal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Signs an API request in as the owner of its key, for this request only. A request without a key goes
 * on anonymously (the chain's rules refuse it where a key is needed); a request with a wrong key stops here,
 * and so does one over its key's rate limit (429).
 * Not a bean: as one, Spring Boot would also register it for every request, the browser's included.
 */
class ApiKeyFilter extends OncePerRequestFilter {

    static final String API_KEY_HEADER = "X-API-Key";
    private static final String BEARER = "Bearer ";

    private final ApiKeyService apiKeys;
    private final AuthenticationEntryPoint entryPoint;
    private final ApiRateLimits rateLimits;
    private final ObjectMapper json;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    ApiKeyFilter(ApiKeyService apiKeys, AuthenticationEntryPoint entryPoint, ApiRateLimits rateLimits, ObjectMapper json) {
        this.apiKeys = apiKeys;
        this.entryPoint = entryPoint;
        this.rateLimits = rateLimits;
        this.json = json;
    }

    /** 429 with the whole seconds to wait (Retry-After has no finer unit), as a problem detail. */
    private void tooManyRequests(HttpServletRequest request, HttpServletResponse response, long waitMillis)
            throws IOException {
        long seconds = Math.max(1, (waitMillis + 999) / 1000);
        tryAgain(request, response, HttpStatus.TOO_MANY_REQUESTS, seconds,
                "This API key has made too many requests; try again in " + seconds + (seconds == 1 ? " second." : " seconds."));
    }

    /** A refusal the client may retry after the given seconds, as a problem detail. */
    private void tryAgain(HttpServletRequest request, HttpServletResponse response, HttpStatus status, long seconds,
                          String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> key = presentedKey(request);
        if (key.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiKeyService.AuthenticatedKey> accepted;
        try {
            accepted = apiKeys.identify(key.get());
        } catch (CannotGetJdbcConnectionException e) {
            // Before the controllers, so ApiProblems cannot answer it: under a burst beyond the pool (seen with
            // scripts/bench-chat and a pool of 5 or 10) this was a 500 for a request that changed nothing.
            tryAgain(request, response, HttpStatus.SERVICE_UNAVAILABLE, 1, ApiProblems.BUSY);
            return;
        }
        if (accepted.isEmpty()) {
            entryPoint.commence(request, response, new BadCredentialsException("API key refused"));
            return;
        }
        OptionalLong wait = rateLimits.acquire(accepted.get().id());
        if (wait.isPresent()) {
            tooManyRequests(request, response, wait.getAsLong());
            return;
        }
        SintraPrincipal principal = SintraPrincipal.of(accepted.get().owner());
        var context = contexts.createEmptyContext();
        context.setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
        contexts.setContext(context);
        chain.doFilter(request, response);
    }

    private static Optional<String> presentedKey(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.of(authorization.substring(BEARER.length()).strip());
        }
        String header = request.getHeader(API_KEY_HEADER);
        return header == null || header.isBlank() ? Optional.empty() : Optional.of(header.strip());
    }
}
