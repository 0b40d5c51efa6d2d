package com.sintra.account;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

@Service
class SintraUserDetailsService implements UserDetailsService {

    private final UserRepository users;

    SintraUserDetailsService(UserRepository users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        return users.findByEmail(email == null ? "" : email.strip())
                .map(stored -> new SintraPrincipal(stored.user(), stored.passwordHash()))
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
    }
}
