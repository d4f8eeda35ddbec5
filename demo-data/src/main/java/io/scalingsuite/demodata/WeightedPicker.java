package io.scalingsuite.demodata;

import java.util.Arrays;
import java.util.Random;

/** Draws indexes 0..n-1 with given relative weights (binary search over the cumulative sums). */
final class WeightedPicker {

    private final double[] cumulative;

    WeightedPicker(double... weights) {
        cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cumulative[i] = sum;
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= sum;
        }
    }

    /** Zipf weights 1/k^s for k = 1..n: a few heavy hitters and a long tail, like real merchants. */
    static WeightedPicker zipf(int n, double exponent) {
        double[] weights = new double[n];
        for (int k = 1; k <= n; k++) {
            weights[k - 1] = 1.0 / Math.pow(k, exponent);
        }
        return new WeightedPicker(weights);
    }

    int pick(Random random) {
        int i = Arrays.binarySearch(cumulative, random.nextDouble());
        int index = i >= 0 ? i : -i - 1;
        return Math.min(index, cumulative.length - 1);
    }
}
