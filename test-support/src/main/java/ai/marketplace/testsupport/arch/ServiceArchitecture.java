package ai.marketplace.testsupport.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering every service follows, as rules its {@code ArchitectureTest} checks against the service's compiled
 * main classes:
 * <pre>
 *   rest ──────┐
 *              ├─→ service ─→ repository ─┐
 *   consumers ─┘        │                  ├─→ domain
 *                       └──→ events ───────┘
 * </pre>
 * {@code rest} may also read {@code domain} values to build its API records; {@code config} is read by anyone;
 * {@code client} (outside systems, e.g. the chain) is called by {@code service} and {@code health} only. The domain
 * knows neither HTTP nor problem+json, JAX-RS stays in {@code rest} (and the platform), and no service touches
 * another's code.
 */
public final class ServiceArchitecture {

    public static final List<String> SERVICES = List.of("catalog", "compute", "settlement", "reputation", "partner");

    private final String service;
    private final String base;

    private ServiceArchitecture(String service) {
        if (!SERVICES.contains(service)) {
            throw new IllegalArgumentException("unknown service " + service);
        }
        this.service = service;
        this.base = "ai.marketplace." + service;
    }

    public static ServiceArchitecture of(String service) {
        return new ServiceArchitecture(service);
    }

    /** The service's own main classes (not its tests, not its dependencies). */
    public JavaClasses classes() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(base);
    }

    /** Each layer is used only from the layers above it. */
    public ArchRule layers() {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("rest").definedBy(base + ".rest..")
                .layer("consumers").definedBy(base + ".consumers..")
                .layer("health").definedBy(base + ".health..")
                .layer("service").definedBy(base + ".service..")
                .layer("events").definedBy(base + ".events..")
                .layer("repository").definedBy(base + ".repository..")
                .layer("client").definedBy(base + ".client..")
                .layer("domain").definedBy(base + ".domain..")
                .layer("config").definedBy(base + ".config..")
                .whereLayer("rest").mayNotBeAccessedByAnyLayer()
                .whereLayer("consumers").mayNotBeAccessedByAnyLayer()
                .whereLayer("health").mayNotBeAccessedByAnyLayer()
                .whereLayer("service").mayOnlyBeAccessedByLayers("rest", "consumers", "health")
                .whereLayer("events").mayOnlyBeAccessedByLayers("service")
                .whereLayer("repository").mayOnlyBeAccessedByLayers("service")
                .whereLayer("client").mayOnlyBeAccessedByLayers("service", "health")
                .whereLayer("domain").mayOnlyBeAccessedByLayers("rest", "consumers", "service", "events", "repository", "client")
                .because("dependencies point one way: rest → service → repository / domain / events; consumers → service");
    }

    /** HTTP belongs to the REST layer: services speak domain values, not requests, URIs or responses. */
    public ArchRule jaxRsOnlyInRest() {
        return noClasses().that().resideInAPackage(base + "..").and().resideOutsideOfPackage(base + ".rest..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.jboss.resteasy..")
                .because("only resources know HTTP; the rest of a service is called the same from Kafka and from tests");
    }

    /** The domain says what went wrong in its own terms; the REST layer decides the problem+json. */
    public ArchRule domainIsFreeOfHttpErrors() {
        return noClasses().that().resideInAPackage(base + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage("ai.marketplace.platform.problem..", "jakarta.ws.rs..",
                        "org.jboss.resteasy..", "io.vertx.core.http..")
                .because("domain classes throw DomainException kinds, mapped to problem+json in one place");
    }

    /** Services share the platform and the event contracts, never each other's code. */
    public ArchRule noOtherServiceCode() {
        String[] others = SERVICES.stream().filter(s -> !s.equals(service)).map(s -> "ai.marketplace." + s + "..")
                .toArray(String[]::new);
        return noClasses().that().resideInAPackage(base + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .because("each service is deployed alone and learns about the others only from their events");
    }

    /** Every rule, in the order a reader would fix them. */
    public List<ArchRule> rules() {
        return List.of(noOtherServiceCode(), layers(), jaxRsOnlyInRest(), domainIsFreeOfHttpErrors());
    }
}
