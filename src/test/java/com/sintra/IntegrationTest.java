package com.sintra;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/** Base for tests that need the application and the real test database. One context is shared by all. */
@SpringBootTest
@ActiveProfiles("test")
@Import(Fixtures.class)
public abstract class IntegrationTest {

    @Autowired
    protected Fixtures fixtures;
}
