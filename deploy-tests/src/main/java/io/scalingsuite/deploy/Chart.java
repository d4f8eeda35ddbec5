package io.scalingsuite.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** helm/scaling-suite rendered in-process (helm-java carries Helm as a native library; no binary, no cluster). */
public final class Chart {

    /** The release name the base and the tests render with. */
    public static final String RELEASE = "scaling-suite";

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    /** A template's {@code lookup "v1" "Secret" <namespace> <name>} call. */
    private static final Pattern LOOKUP = Pattern.compile("lookup\\s+\"[^\"]*\"\\s+\"[^\"]*\"\\s+[^\\s}]+\\s+[^\\s}]+");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final Path root;

    public Chart(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The repository root given by the {@code scaling-suite.root} system property (Surefire sets it), else {@code ..}. */
    public static Chart fromSystemProperty() {
        return new Chart(Path.of(System.getProperty("scaling-suite.root", "..")));
    }

    public Path root() {
        return root;
    }

    public Path chartDir() {
        return root.resolve("helm/scaling-suite");
    }

    /** {@code helm template scaling-suite helm/scaling-suite --set key=value ...}: the manifests as one YAML stream. */
    public String template(Map<String, Object> values) {
        return templateRewritten(text -> text, values);
    }

    /** {@code helm template scaling-suite helm/scaling-suite -f valuesFile}. */
    public String template(Path valuesFile) {
        return template(valuesFile, Map.of());
    }

    /** {@code helm template scaling-suite helm/scaling-suite -f valuesFile --set key=value ...}. */
    public String template(Path valuesFile, Map<String, Object> values) {
        return render(text -> text, command -> {
            command.withValuesFile(valuesFile.toAbsolutePath());
            values.forEach(command::set);
        });
    }

    /** {@code helm template} of a copy of the chart, its files passed through {@code rewrite} (see {@link #onCopy}). */
    private String render(java.util.function.UnaryOperator<String> rewrite,
            java.util.function.Consumer<TemplateCommand> options) {
        return onCopy(rewrite, copy -> {
            TemplateCommand command = new Helm(copy).template().withName(RELEASE);
            options.accept(command);
            return command.call();
        });
    }

    /**
     * Runs {@code helm} on a copy of the chart, its files passed through {@code rewrite}, removed afterwards. Unlike the
     * helm CLI's, helm-java's template and client-only install let {@code lookup} ask the default kubeconfig's cluster,
     * which without a kubeconfig is localhost:8080 (the gateway's port under `make run`): a render failed with
     * "connection refused" wherever nothing answered there, as on a CI machine. In the copy a lookup finds nothing, as
     * it does under {@code helm template} and on a first install.
     */
    private <T> T onCopy(java.util.function.UnaryOperator<String> rewrite, java.util.function.Function<Path, T> helm) {
        Path copy = null;
        try {
            copy = copyChart(rewrite);
            return helm.apply(copy);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            delete(copy);
        }
    }

    /**
     * {@code helm lint --strict -f valuesFile}: helm-java's lint takes no values file, so the chart is copied with the
     * values file merged into its values.yaml (maps merged key by key, anything else replaced, as Helm merges).
     */
    public com.marcnuri.helm.LintResult lint(Path valuesFile) {
        try {
            Path copy = copyChart(text -> text);
            Map<String, Object> values = yamlMap(Files.readString(chartDir().resolve("values.yaml")));
            merge(values, yamlMap(Files.readString(valuesFile)));
            Files.writeString(copy.resolve("values.yaml"), SERIALIZATION.asYaml(values));
            return new Helm(copy).lint().strict().call();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A temporary copy of the chart (all text files), each file passed through {@code rewrite}, then every
     * {@code lookup} left in it replaced by an empty dict (see {@link #onCopy}).
     */
    private Path copyChart(java.util.function.UnaryOperator<String> rewrite) throws java.io.IOException {
        Path copy = Files.createTempDirectory("scaling-suite-chart");
        try (var files = Files.walk(chartDir())) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = copy.resolve(chartDir().relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    String text = rewrite.apply(Files.readString(source));
                    Files.writeString(target, LOOKUP.matcher(text).replaceAll("dict"));
                }
            }
        }
        return copy;
    }

    private static void delete(Path copy) {
        if (copy == null) {
            return;
        }
        try (var files = Files.walk(copy)) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yamlMap(String yaml) {
        return SERIALIZATION.unmarshal(yaml, LinkedHashMap.class);
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> into, Map<String, Object> from) {
        from.forEach((key, value) -> {
            if (value instanceof Map<?, ?> map && into.get(key) instanceof Map<?, ?> existing) {
                merge((Map<String, Object>) existing, (Map<String, Object>) map);
            } else {
                into.put(key, value);
            }
        });
    }

    /**
     * The {@code helm test} hooks rendered as plain manifests ({@code helm template} through helm-java leaves hooks out):
     * the chart is copied and the hook annotation renamed, so the test pod can be parsed and checked like the rest.
     */
    public String templateTestHooks(Map<String, Object> values) {
        return testHooks(render(Chart::unhook, command -> values.forEach(command::set)));
    }

    /** {@link #templateTestHooks(Map)} with a values file. */
    public String templateTestHooks(Path valuesFile) {
        return testHooks(render(Chart::unhook, command -> command.withValuesFile(valuesFile.toAbsolutePath())));
    }

    private static String unhook(String text) {
        return text.replace("\"helm.sh/hook\":", "\"helm-test/hook\":");
    }

    private static String testHooks(String yaml) {
        StringBuilder hooks = new StringBuilder();
        documents(yaml).stream().filter(d -> d.contains("helm-test/hook"))
                .forEach(d -> hooks.append("---\n").append(d));
        return hooks.toString();
    }

    /** {@code helm template} of a copy of the chart with every file passed through {@code rewrite} (e.g. to stand in for lookup). */
    public String templateRewritten(java.util.function.UnaryOperator<String> rewrite, Map<String, Object> values) {
        return render(rewrite, command -> values.forEach(command::set));
    }

    /** {@code helm install --dry-run=client}: the NOTES.txt a user would see. */
    public String notes(Map<String, Object> values) {
        String output = onCopy(text -> text, copy -> {
            com.marcnuri.helm.InstallCommand command = new Helm(copy).install().withName(RELEASE).withNamespace("shop")
                    .dryRun().clientOnly();
            values.forEach(command::set);
            return command.call().getOutput();
        });
        return output.substring(output.indexOf("NOTES:"));
    }

    /** The rendered YAML split into its documents (comments-only documents dropped). */
    public static List<String> documents(String yaml) {
        List<String> documents = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(yaml)) {
            boolean empty =
                    document.lines().map(String::strip).allMatch(line -> line.isEmpty() || line.startsWith("#"));
            if (!empty) {
                documents.add(document.strip() + "\n");
            }
        }
        return documents;
    }

    /** Each document as a typed fabric8 object. */
    public static List<HasMetadata> parse(String yaml) {
        return documents(yaml).stream().map(document -> SERIALIZATION.unmarshal(document, HasMetadata.class)).toList();
    }

    /** Every document as plain maps (for comparing with the services' own kubernetes.yml without the model's defaults). */
    public static List<Map<String, Object>> parseRaw(String yaml) {
        List<Map<String, Object>> maps = new ArrayList<>();
        for (String document : documents(yaml)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = SERIALIZATION.unmarshal(document, LinkedHashMap.class);
            maps.add(map);
        }
        return maps;
    }

    /**
     * The Secret the base expects for SUITE_INTERNAL_AUTH_KEYS: the base names it rather than letting the chart generate
     * one, which would commit a key to git (and change on every render).
     */
    public static final String BASE_INTERNAL_AUTH_SECRET = RELEASE + "-internal-auth";

    /** The defaults rendered for {@code kubectl apply -k}: helm test hooks left out (Kustomize would create them). */
    public String renderBase() {
        StringBuilder base =
                new StringBuilder("# Rendered by `make k8s` from helm/scaling-suite with its default values and\n"
                        + "# global.internalAuth.existingSecret=" + BASE_INTERNAL_AUTH_SECRET
                        + " (create that Secret yourself). Do not edit:\n"
                        + "# change the chart (or an overlay) and run `make k8s`.\n");
        for (String document : documents(
                template(Map.of("global.internalAuth.existingSecret", BASE_INTERNAL_AUTH_SECRET)))) {
            if (!document.contains("helm.sh/hook")) {
                base.append("---\n").append(document);
            }
        }
        return base.toString();
    }

    public Path basePath() {
        return root.resolve("k8s/base/scaling-suite.yaml");
    }

    /** Reads a file below the repository root. */
    public String read(String relative) {
        try {
            return Files.readString(root.resolve(relative));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
