package com.sintra.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import com.sintra.Fixtures;
import com.sintra.IntegrationTest;

import jakarta.servlet.http.HttpSessionBindingEvent;

/**
 * Which sessions end when. Servlet sessions are Spring's test doubles here; SignInTest shows the same over
 * real HTTP for deactivation and password resets.
 */
class UserSessionsTest extends IntegrationTest {

    @Autowired
    UserSessions sessions;

    @Autowired
    AccountService accounts;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @AfterEach
    void leaveTheRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void changing_ones_own_password_ends_the_other_sessions_and_keeps_the_current_one() {
        User user = fixtures.newUser();
        MockHttpSession phone = signedIn(user);
        MockHttpSession laptop = signedIn(user);
        MockHttpSession someoneElse = signedIn(fixtures.newUser());
        inRequestOf(laptop);

        fixtures.as(user, () -> accounts.changePassword(Fixtures.PASSWORD, "my new long password"));

        assertThat(phone.isInvalid()).isTrue();
        assertThat(laptop.isInvalid()).isFalse();
        assertThat(someoneElse.isInvalid()).isFalse();
        assertThat(sessions.count(user.id())).isEqualTo(1);
    }

    @Test
    void a_new_role_ends_every_session_of_the_user_so_it_applies_at_once() {
        User user = fixtures.newUser();
        MockHttpSession session = signedIn(user);

        fixtures.as(fixtures.admin(), () -> accounts.updateUser(user.id(), user.displayName(), Role.ADMIN));

        assertThat(session.isInvalid()).isTrue();
        assertThat(sessions.count(user.id())).isZero();
    }

    @Test
    void a_new_name_alone_keeps_the_users_sessions() {
        User user = fixtures.newUser();
        MockHttpSession session = signedIn(user);

        fixtures.as(fixtures.admin(), () -> accounts.updateUser(user.id(), "Renamed", Role.USER));

        assertThat(session.isInvalid()).isFalse();
    }

    @Test
    void a_session_signed_in_just_as_its_user_was_deactivated_is_ended_at_once() {
        User user = fixtures.newUser();
        fixtures.as(fixtures.admin(), () -> accounts.setActive(user.id(), false));

        // The password check saw the account still active; the session is stored after the deactivation's sweep.
        assertThat(signedIn(user).isInvalid()).isTrue();
        assertThat(sessions.count(user.id())).isZero();
    }

    @Test
    void word_from_another_node_ends_every_session_of_the_user_here() {
        User user = fixtures.newUser();
        MockHttpSession phone = signedIn(user);
        MockHttpSession laptop = signedIn(user);
        MockHttpSession someoneElse = signedIn(fixtures.newUser());

        sessions.endAll(user.id());

        assertThat(phone.isInvalid()).isTrue();
        assertThat(laptop.isInvalid()).isTrue();
        assertThat(someoneElse.isInvalid()).isFalse();
    }

    @Test
    void after_missing_word_a_node_ends_the_sessions_of_users_deactivated_meanwhile_only() {
        User deactivated = fixtures.newUser();
        User active = fixtures.newUser();
        MockHttpSession gone = signedIn(deactivated);
        MockHttpSession kept = signedIn(active);
        // Deactivated on another node, whose word never arrived: no event here.
        jdbc.sql("UPDATE users SET active = false WHERE id = :id").param("id", deactivated.id().value()).update();

        sessions.endInactive();

        assertThat(gone.isInvalid()).isTrue();
        assertThat(kept.isInvalid()).isFalse();
        assertThat(sessions.count(deactivated.id())).isZero();
    }

    /** Stores a signed-in context in a new session, as Spring Security does after a sign-in. */
    private MockHttpSession signedIn(User user) {
        MockHttpSession session = new MockHttpSession();
        SintraPrincipal principal = SintraPrincipal.of(user);
        var context = new SecurityContextImpl(
                UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
        String key = HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY;
        // MockHttpSession calls no listeners: the container would, with the same event.
        session.setAttribute(key, context);
        sessions.attributeAdded(new HttpSessionBindingEvent(session, key, context));
        return session;
    }

    private static void inRequestOf(MockHttpSession session) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setSession(session);
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
    }
}
