package com.sintra;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.core.ApplicationModules;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

class ModularityTest {

    private final ApplicationModules modules = ApplicationModules.of(SintraApplication.class);

    @Test
    void modules_have_no_cycles_and_use_only_each_others_public_api() {
        modules.verify();
    }

    @Test
    void views_never_touch_repositories_or_sql() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.sintra");
        noClasses().that().resideInAPackage("..ui..")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                .orShould().dependOnClassesThat().areAssignableTo(JdbcClient.class)
                .check(classes);
    }
}
