package io.scalingsuite.aggregation;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Packages import only downward: rest and health on top, then the stream consumer (events; rest replays its dead
 * letters), then the views' writing, reading and rebuilding, and at the bottom the configuration and the view tags
 * (docs/architecture.md).
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests()).importPackages("io.scalingsuite.aggregation");

    @Test
    void shouldImportOnlyDownward() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .ensureAllClassesAreContainedInArchitecture()
                .layer("rest").definedBy("io.scalingsuite.aggregation.rest..")
                .layer("health").definedBy("io.scalingsuite.aggregation.health..")
                .layer("events").definedBy("io.scalingsuite.aggregation.events..")
                .layer("writing").definedBy("io.scalingsuite.aggregation.views.writing..")
                .layer("reading").definedBy("io.scalingsuite.aggregation.views.reading..")
                .layer("rebuilding").definedBy("io.scalingsuite.aggregation.views.rebuilding..")
                .layer("contract").definedBy("io.scalingsuite.aggregation.contract..")
                .layer("config").definedBy("io.scalingsuite.aggregation.config..")
                .whereLayer("rest").mayNotBeAccessedByAnyLayer()
                .whereLayer("health").mayNotBeAccessedByAnyLayer()
                .whereLayer("events").mayOnlyBeAccessedByLayers("rest")
                .whereLayer("writing").mayOnlyBeAccessedByLayers("events")
                .whereLayer("reading").mayOnlyBeAccessedByLayers("rest")
                .whereLayer("rebuilding").mayOnlyBeAccessedByLayers("rest")
                .whereLayer("contract").mayOnlyBeAccessedByLayers("rest", "events", "rebuilding")
                .whereLayer("config").mayOnlyBeAccessedByLayers("rest", "events", "writing", "reading", "rebuilding")
                .check(CLASSES);
    }

    @Test
    void shouldHaveNoCyclesBetweenPackages() {
        slices().matching("io.scalingsuite.aggregation.(**)").should().beFreeOfCycles().check(CLASSES);
    }
}
