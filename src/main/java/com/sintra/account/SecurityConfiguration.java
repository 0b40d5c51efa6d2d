package com.sintra.account;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer.AuthorizedUrl;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;

import com.sintra.account.ui.LoginView;
import com.vaadin.flow.spring.security.RequestUtil;
import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategyConfiguration;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;

import jakarta.servlet.DispatcherType;

/**
 * The browser's security chain: Vaadin's form login and view access (through {@link VaadinSecurityConfigurer}),
 * with Sintra's sign-in failure page, throttle and CSRF rule. The API has its own chain, ordered before this one.
 */
@Configuration
@EnableWebSecurity
@EnableMethodSecurity
// The session-aware security context holder that VaadinWebSecurity used to import: CurrentUser and method
// security read a UI session's context through it.
@Import(VaadinAwareSecurityContextHolderStrategyConfiguration.class)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain browserFilterChain(HttpSecurity http, RequestUtil vaadinRequests, SignInThrottle throttle)
            throws Exception {
        // These rules come before Vaadin's (public resources, anonymous views), which come before "any request".
        // Health stays public (HAProxy and scripts/cluster probe /actuator/health/readiness); the rest of actuator,
        // metrics and Prometheus' scrape among them, tells too much of the installation for anyone but an admin.
        http.authorizeHttpRequests(auth -> auth.requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                .requestMatchers("/actuator/info").authenticated()
                .requestMatchers("/actuator/**").hasRole(Role.ADMIN.name())
                // A refusal (403 for a missing CSRF token) must reach the client as such, not turn into a
                // redirect to the sign-in page because the error page it forwards to needs a signed-in user.
                .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll());
        // Vaadin's form login (saved-request redirect, logout, entry point, view access). Any other request needs a
        // signed-in user, as with VaadinWebSecurity (Vaadin 25's configurer would deny it instead).
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class)
                .anyRequest(AuthorizedUrl::authenticated));
        // After the configurer: configured before it, form login initialises first, without Vaadin's login page, and
        // Spring's generated sign-in page takes over /login.
        http.formLogin(form -> form.failureHandler(new SignInFailureHandler(throttle)));
        // The configurer exempts POST /login from CSRF, for Vaadin's LoginOverlay, which posts without the token;
        // that lets another site sign a visitor into an account of its choosing. Our sign-in form sends Spring's
        // token, so CSRF applies to every state-changing request except Vaadin's own, which carry Vaadin's token.
        http.csrf(csrf -> csrf.withObjectPostProcessor(new ObjectPostProcessor<CsrfFilter>() {
            @Override
            public <O extends CsrfFilter> O postProcess(O filter) {
                filter.setRequireCsrfProtectionMatcher(new AndRequestMatcher(CsrfFilter.DEFAULT_CSRF_MATCHER,
                        new NegatedRequestMatcher(vaadinRequests::isFrameworkInternalRequest)));
                return filter;
            }
        }));
        return http.build();
    }

    /** The one way to sign in with a password: throttled, successes and failures audited. */
    @Bean
    AuthenticationProvider passwordSignIn(SintraUserDetailsService users, PasswordEncoder passwordEncoder,
                                          SignInThrottle throttle, AuditLog audit) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(passwordEncoder);
        return new ThrottledAuthenticationProvider(passwords, throttle, audit);
    }

    /**
     * No observation of every security filter and authorization: it wraps each filter of each request (a
     * sizeable share of a cheap API request's CPU) and feeds no metric or trace we use.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }
}
