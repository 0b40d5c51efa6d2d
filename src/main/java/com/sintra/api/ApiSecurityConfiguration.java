package com.sintra.api;

import java.io.IOException;
import java.net.URI;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.HeaderWriterFilter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sintra.account.ApiKeyService;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Security for {@code /api/**}, apart from the browser's: every request carries an API key, so there is
 * no session, no sign-in form and no CSRF token (CSRF needs a cookie the browser sends by itself; a key
 * in a header is never sent by itself). Ordered first, so the Vaadin chain sees no API request.
 */
@Configuration
class ApiSecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain apiFilterChain(HttpSecurity http, ApiKeyService apiKeys, ApiRateLimits rateLimits, ObjectMapper json,
                                       @Value("${springdoc.api-docs.path}") String openApiPath) throws Exception {
        ProblemEntryPoint entryPoint = new ProblemEntryPoint(json);
        return http.securityMatcher("/api/**")
                .authorizeHttpRequests(auth -> auth
                        // A streamed answer ends with an async dispatch of a request already authorised; being
                        // stateless, it carries no authentication of its own to check again.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
                        // The API's description is public, as documentation is; "/**" covers Swagger UI's config.
                        .requestMatchers(openApiPath, openApiPath + "/**").permitAll()
                        .anyRequest().authenticated())
                .addFilterBefore(new ApiKeyFilter(apiKeys, entryPoint, rateLimits, json), AnonymousAuthenticationFilter.class)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Security headers written before the chain goes on, not while it unwinds: by then a streamed answer's
                // first event may be committing the response on a writer thread, and Tomcat's headers are not
                // thread-safe (spring-security#9175; seen here as 1–6 of 1,000 streams dropped under load).
                .headers(headers -> headers.withObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                    @Override
                    public <O extends HeaderWriterFilter> O postProcess(O filter) {
                        filter.setShouldWriteHeadersEagerly(true);
                        return filter;
                    }
                }))
                .csrf(csrf -> csrf.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(entryPoint))
                .build();
    }

    /** Answers 401 with a problem detail, and a WWW-Authenticate header as RFC 6750 asks of bearer tokens. */
    static final class ProblemEntryPoint implements AuthenticationEntryPoint {

        private final ObjectMapper json;

        ProblemEntryPoint(ObjectMapper json) {
            this.json = json;
        }

        @Override
        public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
                throws IOException {
            boolean keyRefused = e instanceof BadCredentialsException;
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, keyRefused
                    ? "The API key is not valid. Keys are made and revoked in Sintra under Settings."
                    : "Send an API key, as \"Authorization: Bearer <key>\" or in the X-API-Key header. "
                            + "Keys are made in Sintra under Settings.");
            problem.setInstance(URI.create(request.getRequestURI()));
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            response.setHeader("WWW-Authenticate",
                    keyRefused ? "Bearer realm=\"sintra\", error=\"invalid_token\"" : "Bearer realm=\"sintra\"");
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), problem);
        }
    }
}
