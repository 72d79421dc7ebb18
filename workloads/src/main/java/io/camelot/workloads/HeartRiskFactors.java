package io.camelot.workloads;

/**
 * The 14 integers of a {@code heart-disease-eval} request, in wire order, and Avalon's scoring of
 * them. Values are not range-checked: Avalon accepts any integer (its own sample request has {@code
 * sex=10}, {@code ca=11}), and out-of-range codes fall into the scoring's default branches.
 */
record HeartRiskFactors(
        int age,
        int sex,
        int chestPain,
        int restingBloodPressure,
        int cholesterol,
        int fastingBloodSugar,
        int restingEcg,
        int maxHeartRate,
        int exerciseAngina,
        int stDepression,
        int stSlope,
        int majorVessels,
        int thallium,
        int diagnosis) {

    static final int COUNT = 14;

    static HeartRiskFactors of(int[] values) {
        return new HeartRiskFactors(
                values[0],
                values[1],
                values[2],
                values[3],
                values[4],
                values[5],
                values[6],
                values[7],
                values[8],
                values[9],
                values[10],
                values[11],
                values[12],
                values[13]);
    }

    /** Risk of heart disease in percent: 100 minus the truncated weighted health score. */
    int riskPercent() {
        // Same terms, order and double arithmetic as Avalon, so a sum near an integer truncates alike.
        double health = decliningAbove(100, 18, age) * 0.03
                + (sex == 0 ? 100.0 : 0.0) * 0.01
                + chestPainScore() * 0.21
                + decliningAbove(218, 108, restingBloodPressure) * 0.05
                + decliningAbove(309, 126, cholesterol) * 0.05
                + decliningAbove(248, 98, fastingBloodSugar) * 0.04
                + restingEcgScore() * 0.19
                + peakedAt(198, 61, maxHeartRate) * 0.06
                + (exerciseAngina == 1 ? 0.0 : 100.0) * 0.18
                + decliningAbove(100, 0, stDepression) * 0.05
                + stSlopeScore() * 0.03
                + majorVesselsScore() * 0.04
                + thalliumScore() * 0.02
                + (diagnosis == 0 ? 100.0 : 0.0) * 0.04;
        return 100 - (int) health;
    }

    /** 100 below {@code optimum}, falling linearly to 0 at {@code max}. */
    private static double decliningAbove(double max, double optimum, double value) {
        if (value < optimum) {
            return 100;
        }
        return value < max ? 100 * (max - value) / (max - optimum) : 0;
    }

    /** 100 at {@code optimum}, falling linearly to 0 at a distance of {@code max - optimum}. */
    private static double peakedAt(double max, double optimum, double value) {
        double distance = Math.abs(value - optimum);
        return distance < max - optimum ? 100 - 100 * distance / (max - optimum) : 0;
    }

    private double chestPainScore() {
        return switch (chestPain) {
            case 1 -> 0;
            case 2 -> 12;
            case 3 -> 35;
            default -> 100;
        };
    }

    private double restingEcgScore() {
        return switch (restingEcg) {
            case 1 -> 9;
            case 2 -> 7;
            default -> 100;
        };
    }

    private double stSlopeScore() {
        return switch (stSlope) {
            case 0 -> 49;
            case 1 -> 100;
            default -> 63;
        };
    }

    private double majorVesselsScore() {
        return switch (majorVessels) {
            case 0 -> 0;
            case 1 -> 35;
            case 2 -> 70;
            default -> 100;
        };
    }

    private double thalliumScore() {
        if (thallium >= 8) {
            return 100;
        }
        if (thallium >= 6) {
            return 79;
        }
        return thallium >= 3 ? 45 : 0;
    }
}
