package io.camelot.workloads;

import static io.camelot.workloads.HeartDiseaseEval.FORMAT_ERROR;
import static io.camelot.workloads.HeartDiseaseEval.INVALID_DATA;
import static org.assertj.core.api.Assertions.assertThat;

import io.camelot.workload.Item;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HeartDiseaseEvalTest {

    /**
     * Avalon's README sample. Health terms (score × weight): age 100·75/82 × .03 = 2.744, sex 10 → 0,
     * cp 1 → 0, trestbps 67 below 108 → 5, chol 102 below 126 → 5, fbs 100·123/150 × .04 = 3.28,
     * restecg 1 → 9 × .19 = 1.71, thalach 100 − 100·34/137 = 75.18 × .06 = 4.511, exang 5 → 18,
     * oldpeak 100·90/100 × .05 = 4.5, slope 1 → 3, ca 11 → 4, thal 36 → 2, num 1 → 0; sum 53.745,
     * risk 100 − 53 = 47 (the percentage Avalon's own test suite expects).
     */
    private static final String SAMPLE = "Data: 25 10 1 67 102 125 1 95 5 10 1 11 36 1";

    /**
     * Avalon's second GUI sample: age 100·68/82 × .03 = 2.488, trestbps 100·62/110 × .05 = 2.818,
     * chol 100·177/183 × .05 = 4.836, fbs 3.28, restecg 1.71, thalach 4.511, exang 1 → 0, oldpeak 0 →
     * 5, slope 3, ca 1 → 35 × .04 = 1.4, thal 3 → 45 × .02 = 0.9, sex, cp and num 0; sum 29.943, risk
     * 71.
     */
    private static final String SECOND_SAMPLE = "Data: 32 1 1 156 132 125 1 95 1 0 1 1 3 1";

    /** Every factor scores 100 and the weights sum to 1: health is exactly 100, risk 0. */
    private static final String HEALTHIEST = "Data: 17 0 4 100 100 90 0 61 0 -1 1 3 8 0";

    /**
     * Every factor at its worst except the two categories with no zero score: restecg 2 → 7 × .19 =
     * 1.33 and slope 0 → 49 × .03 = 1.47; sum 2.8, risk 100 − 2 = 98.
     */
    private static final String SICKEST = "Data: 100 1 1 218 309 248 2 259 1 100 0 0 0 1";

    private final HeartDiseaseEval workload = new HeartDiseaseEval();
    private final InMemoryWorkloadContext context = new InMemoryWorkloadContext();

    @Test
    void scoresAvalonsSamples() {
        assertThat(context.submit(workload, SAMPLE)).containsExactly("You have a 47% risk of heart disease");
        assertThat(context.submit(workload, SECOND_SAMPLE)).containsExactly("You have a 71% risk of heart disease");
    }

    @Test
    void scoresTheExtremes() {
        assertThat(context.submit(workload, HEALTHIEST)).containsExactly("You have a 0% risk of heart disease");
        assertThat(context.submit(workload, SICKEST)).containsExactly("You have a 98% risk of heart disease");
    }

    /** One factor changed from {@link #SICKEST}, whose health sum is 2.8: each row adds its term. */
    @ParameterizedTest(name = "{0} = {1}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
          age      | 17   | 95 | below 18 scores 100: 2.8 + 3 = 5.8
          age      | 59   | 96 | 100·41/82 = 50: 2.8 + 1.5 = 4.3
          sex      | 0    | 97 | 100: 2.8 + 1 = 3.8
          cp       | 2    | 95 | 12: 2.8 + 2.52 = 5.32
          cp       | 3    | 90 | 35: 2.8 + 7.35 = 10.15
          cp       | 4    | 77 | 100: 2.8 + 21 = 23.8
          cp       | 0    | 77 | unknown type scores 100, as 4
          trestbps | 163  | 95 | 100·55/110 = 50: 2.8 + 2.5 = 5.3
          chol     | 217  | 95 | 100·92/183 = 50.27: 2.8 + 2.51 = 5.31
          fbs      | 173  | 96 | 100·75/150 = 50: 2.8 + 2 = 4.8
          restecg  | 0    | 80 | 100 instead of 7: 2.8 − 1.33 + 19 = 20.47
          restecg  | 1    | 97 | 9 instead of 7: 2.8 − 1.33 + 1.71 = 3.18
          restecg  | 5    | 80 | unknown type scores 100, as 0
          thalach  | 61   | 92 | the optimum scores 100: 2.8 + 6 = 8.8
          thalach  | -100 | 98 | 161 away from 61, beyond 137, scores 0: 2.8
          exang    | 0    | 80 | 100: 2.8 + 18 = 20.8
          exang    | 2    | 80 | anything but 1 scores 100
          oldpeak  | 50   | 95 | 100·50/100 = 50: 2.8 + 2.5 = 5.3
          slope    | 1    | 96 | 100 instead of 49: 2.8 − 1.47 + 3 = 4.33
          slope    | 2    | 97 | 63 instead of 49: 2.8 − 1.47 + 1.89 = 3.22
          ca       | 1    | 96 | 35: 2.8 + 1.4 = 4.2
          ca       | 3    | 94 | 100: 2.8 + 4 = 6.8
          thal     | 3    | 97 | 45: 2.8 + 0.9 = 3.7
          thal     | 6    | 96 | 79: 2.8 + 1.58 = 4.38
          num      | 0    | 94 | 100: 2.8 + 4 = 6.8
          """)
    void scoresEachFactorAsAvalon(String factor, String value, int expectedRisk, String derivation) {
        assertThat(context.submit(workload, withFactor(factor, value)))
                .containsExactly("You have a " + expectedRisk + "% risk of heart disease");
    }

    @Test
    void reportsNoHistoryBeforeAnyoneIsScored() {
        assertThat(context.submit(workload, "Data:")).containsExactly("No accumulated heart disease history");
    }

    @Test
    void averagesAcrossWorkOrdersTruncatingThePercentage() {
        context.submit(workload, SAMPLE);
        context.submit(workload, SICKEST);

        // (47 + 98) / 2 = 72.5
        assertThat(context.submit(workload, "Summary:")).containsExactly("Heart disease risk is 72% for 2 people");
    }

    @Test
    void answersTheLastItemOfAWorkOrderButCountsEveryPerson() {
        assertThat(context.submit(workload, SAMPLE, SECOND_SAMPLE))
                .containsExactly("You have a 71% risk of heart disease");

        // (47 + 71) / 2
        assertThat(context.submit(workload, "Data:")).containsExactly("Heart disease risk is 59% for 2 people");
    }

    @Test
    void averageWithinAWorkOrderIncludesItsEarlierItems() {
        assertThat(context.submit(workload, SAMPLE, SICKEST, "Data:"))
                .containsExactly("Heart disease risk is 72% for 2 people");
    }

    @Test
    void rejectedItemsAreNotCounted() {
        assertThat(context.submit(workload, SAMPLE, "Data: 1 2 3")).containsExactly(FORMAT_ERROR);

        assertThat(context.submit(workload, "Data:")).containsExactly("Heart disease risk is 47% for 1 people");
    }

    @Test
    void historySurvivesARestart() {
        context.submit(workload, SAMPLE);

        HeartDiseaseEval restarted = new HeartDiseaseEval();
        assertThat(context.submit(restarted, "Data:")).containsExactly("Heart disease risk is 47% for 1 people");
        assertThat(context.committedText("heart-disease-eval/people")).contains("1");
        assertThat(context.committedText("heart-disease-eval/total-risk")).contains("47");
    }

    @Test
    void aWorkOrderThatIsNotCommittedLeavesNoHistory() {
        context.process(workload, SAMPLE);
        context.discard();

        assertThat(context.submit(workload, "Data:")).containsExactly("No accumulated heart disease history");
    }

    @Test
    void writesStateOnlyWhenSomeoneIsScored() {
        context.process(workload, "Data:", "Data: x", "no colon");

        assertThat(context.pendingKeys()).isEmpty();
    }

    @Test
    void answersAtIndexZeroWhateverTheInputIndexes() {
        List<Item> outputs = workload.process(List.of(Item.ofText(4, SAMPLE), Item.ofText(7, "Data:")), context);

        assertThat(outputs).singleElement().satisfies(output -> {
            assertThat(output.index()).isZero();
            assertThat(output.text()).isEqualTo("Heart disease risk is 47% for 1 people");
        });
    }

    /** Fourteen values after the colon or {@code FORMAT_ERROR}; each a decimal int or {@code INVALID_DATA}. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Data: 25 10 1 67 102 125 1 95 5 10 1 11 36 | " + FORMAT_ERROR,
                "Data: 25 10 1 67 102 125 1 95 5 10 1 11 36 1 1 | " + FORMAT_ERROR,
                "25 10 1 67 102 125 1 95 5 10 1 11 36 1 | " + FORMAT_ERROR,
                "'' | " + FORMAT_ERROR,
                "Data: 25 10 1 67 102 125 1 95 5 10 1 11 36 1: more | " + FORMAT_ERROR,
                "Data: abc 10 1 67 102 125 1 95 5 10 1 11 36 1 | " + INVALID_DATA,
                "Data: 25 10 1 67 102 125 1 95 5 10 1 11 36 1abc | " + INVALID_DATA,
                "Data: 25 10 1 67 102 125 1 95 5 1.5 1 11 36 1 | " + INVALID_DATA,
                "Data: 25 10 1 67 102 125 1 95 5 10 1 11 2147483648 1 | " + INVALID_DATA,
                "Data: 25 10 1 67 102 125 1 95 5 10 1 11 36 1: | " + INVALID_DATA
            })
    void rejectsMalformedRequestsWithAvalonsAnswers(String request, String answer) {
        assertThat(context.submit(workload, request)).containsExactly(answer);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Data: 25 10 1 67  102 125 1 95 5 10 1 11 36 1",
                "Data:25\t10 1 67 102 125 1 95 5 10 1 11 36 +1\n",
                "Heart disease evaluation data: 25 10 1 67 102 125 1 95 5 10 1 11 36 1"
            })
    void toleratesAnyPrefixAndWhitespace(String request) {
        assertThat(context.submit(workload, request)).containsExactly("You have a 47% risk of heart disease");
    }

    @ParameterizedTest
    @ValueSource(strings = {":", "Data:   ", "Data:\n"})
    void treatsNothingAfterTheColonAsAnAverageRequest(String request) {
        assertThat(context.submit(workload, request)).containsExactly("No accumulated heart disease history");
    }

    /** {@link #SICKEST} with one factor, named as in the wire order, set to {@code value}. */
    private static String withFactor(String factor, String value) {
        List<String> names = List.of(
                "age",
                "sex",
                "cp",
                "trestbps",
                "chol",
                "fbs",
                "restecg",
                "thalach",
                "exang",
                "oldpeak",
                "slope",
                "ca",
                "thal",
                "num");
        String[] values = SICKEST.substring("Data: ".length()).split(" ");
        values[names.indexOf(factor)] = value;
        return "Data: " + String.join(" ", values);
    }
}
