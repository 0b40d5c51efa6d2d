package com.sintra.observability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A Prometheus server scrapes {@code /actuator/prometheus} with the token of {@code sintra.observability.scrape-token}
 * ({@code SINTRA_METRICS_TOKEN}) as a bearer token: a scraper has no admin's session. Only requests that carry a
 * bearer token come here; an admin's browser session still reaches the endpoint through the browser chain. Without
 * a configured token every bearer token is refused.
 */
@Configuration
class ScrapeSecurityConfiguration {

    private static final String PATH = "/actuator/prometheus";
    private static final String BEARER = "Bearer ";

    @Bean
    @Order(0)
    SecurityFilterChain scrapeFilterChain(HttpSecurity http, ObservabilityProperties properties) throws Exception {
        byte[] token = properties.scrapeToken().getBytes(StandardCharsets.UTF_8);
        return http.securityMatcher(request -> PATH.equals(request.getRequestURI()) && bearer(request) != null)
                .authorizeHttpRequests(auth -> auth.anyRequest().hasAuthority("SCRAPE_METRICS"))
                .addFilterBefore(new OncePerRequestFilter() {
                    @Override
                    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                            throws ServletException, IOException {
                        byte[] presented = bearer(request).getBytes(StandardCharsets.UTF_8);
                        if (token.length == 0 || !MessageDigest.isEqual(token, presented)) {
                            response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "Unknown scrape token");
                            return;
                        }
                        var context = SecurityContextHolder.createEmptyContext();
                        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("prometheus", null,
                                List.of(new SimpleGrantedAuthority("SCRAPE_METRICS"))));
                        SecurityContextHolder.setContext(context);
                        chain.doFilter(request, response);
                    }
                }, AnonymousAuthenticationFilter.class)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    private static String bearer(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? authorization.substring(BEARER.length()).strip() : null;
    }
}
