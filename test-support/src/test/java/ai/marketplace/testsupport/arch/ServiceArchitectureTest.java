package ai.marketplace.testsupport.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The rules catch what they are for: fixture classes under {@code ai.marketplace.catalog} in this module's tests make
 * a domain class throw ProblemException, a service build an API record from a JAX-RS type, and reach into compute.
 */
class ServiceArchitectureTest {

    @Test
    void everyRuleFindsItsViolationInTheFixtures() {
        ServiceArchitecture catalog = ServiceArchitecture.of("catalog");
        JavaClasses fixtures = new ClassFileImporter().importPackages("ai.marketplace.catalog");
        Map<String, Boolean> failed = catalog.rules().stream()
                .collect(Collectors.toMap(ArchRule::getDescription, r -> r.evaluate(fixtures).hasViolation()));
        assertThat(failed).hasSize(4).allSatisfy((rule, violated) -> assertThat(violated).as(rule).isTrue());
    }

    @Test
    void unknownServicesAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServiceArchitecture.of("billing"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
