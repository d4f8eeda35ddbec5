package io.scalingsuite.deploy;

import java.nio.file.Path;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;

/** {@code make helm-lint}: {@code helm lint --strict helm/scaling-suite} (argument: the repository root). */
public final class HelmLint {

    private HelmLint() {
    }

    public static void main(String[] args) {
        Chart chart = new Chart(Path.of(args.length > 0 ? args[0] : ".."));
        LintResult result = new Helm(chart.chartDir()).lint().strict().call();
        result.getMessages().forEach(System.out::println);
        System.out.println(result.isFailed() ? "helm lint --strict: FAILED" : "helm lint --strict: passed");
        if (result.isFailed()) {
            System.exit(1);
        }
    }
}
