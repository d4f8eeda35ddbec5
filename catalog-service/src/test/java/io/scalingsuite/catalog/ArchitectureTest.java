package io.scalingsuite.catalog;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Packages import only downward: rest on top, then the use cases (service and its sub-packages), then cache and
 * events, then their Redis scripts (redis), the shards and repositories, and at the bottom the shared vocabulary
 * (api), config and the entities.
 * A class that needs something from a layer above it belongs in a lower package, or the thing it needs does.
 */
class ArchitectureTest {

    private static final String BASE = "io.scalingsuite.catalog";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(BASE);

    @Test
    void shouldOnlyImportDownward() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .ensureAllClassesAreContainedInArchitecture() // a new package must be given its place here
                .layer("Rest").definedBy(BASE + ".rest..")
                .layer("Health").definedBy(BASE + ".health..")
                .layer("Service").definedBy(BASE + ".service..")
                .layer("Cache").definedBy(BASE + ".cache..")
                .layer("Events").definedBy(BASE + ".events..")
                .layer("Redis").definedBy(BASE + ".redis..")
                .layer("Shards").definedBy(BASE + ".repository.shard..")
                .layer("Repository").definedBy(BASE + ".repository")
                .layer("Api").definedBy(BASE + ".api..")
                .layer("Config").definedBy(BASE + ".config..")
                .layer("Domain").definedBy(BASE)
                .whereLayer("Rest").mayNotBeAccessedByAnyLayer()
                .whereLayer("Health").mayNotBeAccessedByAnyLayer()
                .whereLayer("Service").mayOnlyBeAccessedByLayers("Rest")
                .whereLayer("Cache").mayOnlyBeAccessedByLayers("Rest", "Service")
                .whereLayer("Events").mayOnlyBeAccessedByLayers("Rest", "Service", "Cache")
                .whereLayer("Redis").mayOnlyBeAccessedByLayers("Cache", "Events")
                .whereLayer("Shards").mayOnlyBeAccessedByLayers("Rest", "Health", "Service", "Events")
                .whereLayer("Repository").mayOnlyBeAccessedByLayers("Rest", "Service", "Shards")
                .whereLayer("Api").mayOnlyBeAccessedByLayers("Rest", "Service", "Cache", "Events", "Shards",
                        "Repository")
                .check(CLASSES);
    }

    @Test
    void shouldHaveNoCyclesBetweenPackages() {
        slices().matching(BASE + ".(**)").should().beFreeOfCycles().check(CLASSES);
    }
}
