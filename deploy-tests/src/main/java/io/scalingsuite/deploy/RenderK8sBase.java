package io.scalingsuite.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code make k8s}: writes k8s/base/scaling-suite.yaml from the chart's defaults (argument: the repository root). */
public final class RenderK8sBase {

    private RenderK8sBase() {
    }

    public static void main(String[] args) throws IOException {
        Chart chart = new Chart(Path.of(args.length > 0 ? args[0] : ".."));
        Files.createDirectories(chart.basePath().getParent());
        Files.writeString(chart.basePath(), chart.renderBase());
        System.out.println("wrote " + chart.root().relativize(chart.basePath()));
    }
}
