package ai.marketplace.partner;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.tngtech.archunit.core.domain.JavaClasses;

import ai.marketplace.testsupport.arch.ServiceArchitecture;

/** Layers point one way, the domain knows no HTTP, no other service's code (rules in ServiceArchitecture). */
class ArchitectureTest {

    @TestFactory
    Iterable<DynamicTest> partnerFollowsTheServiceArchitecture() {
        ServiceArchitecture architecture = ServiceArchitecture.of("partner");
        JavaClasses classes = architecture.classes();
        return architecture.rules().stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(classes)))
                .toList();
    }
}
