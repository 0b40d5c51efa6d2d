package com.sintra;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.web.bind.annotation.RestController;

import com.sintra.api.ApiController;
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

    @Test
    void every_rest_controller_is_an_api_controller_so_it_gets_problem_details() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.sintra");
        classes().that().areMetaAnnotatedWith(RestController.class).and().areNotAnnotations()
                .should().beMetaAnnotatedWith(ApiController.class)
                .because("the API's problem details and JSON syntax check advise @ApiController classes only")
                .check(classes);
    }
}
