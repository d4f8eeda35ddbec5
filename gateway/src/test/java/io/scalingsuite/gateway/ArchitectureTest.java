package io.scalingsuite.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Packages import only downward, so a request can be followed from the router down without climbing back up:
 * {@code rest} (routes, HTTP mapping) and {@code health} on top; {@code cache}, {@code security} and
 * {@code ratelimit} beside each other; {@code proxy} under cache and security; {@code config} and the shared
 * vocabulary ({@code http}: problems, request ids, header names; {@code metrics}; {@code support}: deadlines,
 * hashing) at the bottom, none of them importing another.
 */
class ArchitectureTest {

    private static final String BASE = "io.scalingsuite.gateway";
    private static final String[] LAYERS = { "rest", "health", "cache", "security", "ratelimit", "proxy", "config",
            "http", "metrics", "support" };
    /** Everything but the bottom: config and the shared vocabulary serve every layer above them. */
    private static final String[] ABOVE_BOTTOM = { "rest", "health", "cache", "security", "ratelimit", "proxy" };
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(BASE);

    @Test
    void shouldImportOnlyDownward() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("rest").definedBy(BASE + ".rest..")
                .layer("health").definedBy(BASE + ".health..")
                .layer("cache").definedBy(BASE + ".cache..")
                .layer("security").definedBy(BASE + ".security..")
                .layer("ratelimit").definedBy(BASE + ".ratelimit..")
                .layer("proxy").definedBy(BASE + ".proxy..")
                .layer("config").definedBy(BASE + ".config..")
                .layer("http").definedBy(BASE + ".http..")
                .layer("metrics").definedBy(BASE + ".metrics..")
                .layer("support").definedBy(BASE + ".support..")
                .whereLayer("rest").mayNotBeAccessedByAnyLayer()
                .whereLayer("health").mayNotBeAccessedByAnyLayer()
                .whereLayer("cache").mayOnlyBeAccessedByLayers("rest", "health")
                .whereLayer("security").mayOnlyBeAccessedByLayers("rest")
                .whereLayer("ratelimit").mayOnlyBeAccessedByLayers("rest")
                .whereLayer("proxy").mayOnlyBeAccessedByLayers("rest", "cache", "security")
                .whereLayer("config").mayOnlyBeAccessedByLayers(ABOVE_BOTTOM)
                .whereLayer("http").mayOnlyBeAccessedByLayers(ABOVE_BOTTOM)
                .whereLayer("metrics").mayOnlyBeAccessedByLayers(ABOVE_BOTTOM)
                .whereLayer("support").mayOnlyBeAccessedByLayers(ABOVE_BOTTOM)
                .check(MAIN);
    }

    @Test
    void shouldPutEveryClassInALayer() {
        String[] packages = new String[LAYERS.length];
        for (int i = 0; i < LAYERS.length; i++) {
            packages[i] = BASE + "." + LAYERS[i] + "..";
        }
        classes().should().resideInAnyPackage(packages)
                .because("a new package needs its place in shouldImportOnlyDownward").check(MAIN);
    }

    @Test
    void shouldHaveNoCyclesBetweenPackages() {
        slices().matching(BASE + ".(**)").should().beFreeOfCycles().check(MAIN);
    }
}
