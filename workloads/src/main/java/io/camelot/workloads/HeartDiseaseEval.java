package io.camelot.workloads;

import io.camelot.workload.Item;
import io.camelot.workload.Workload;
import io.camelot.workload.WorkloadContext;
import io.camelot.workload.WorkloadException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Avalon's {@code heart-disease-eval}: scores a person's heart-disease risk and keeps a running
 * average over everyone scored so far.
 *
 * <p>Each input item is {@code "<prefix>: age sex cp trestbps chol fbs restecg thalach exang
 * oldpeak slope ca thal num"}; an item with nothing after the {@code ':'} asks for the average.
 * Items are handled in order, each scored person joins the average, and the single output item
 * (index 0) answers the last input item, as in Avalon.
 *
 * <p>Formula (Avalon's, in {@link HeartRiskFactors}): each factor gets a health score from 0 to 100
 * and the risk is {@code 100 - (int) sum(score * weight)}, truncated, not rounded. Weights: age
 * .03, sex .01, cp .21, trestbps .05, chol .05, fbs .04, restecg .19, thalach .06, exang .18,
 * oldpeak .05, slope .03, ca .04, thal .02, num .04 (summing to 1). Continuous factors score 100
 * below an optimum, falling linearly to 0 at a maximum: age 18..100, trestbps 108..218, chol
 * 126..309, fbs 98..248, oldpeak 0..100; thalach scores 100 at 61, falling to 0 at a distance of
 * 137. Codes: sex 0 → 100, else 0; cp 1/2/3 → 0/12/35, else 100; restecg 1/2 → 9/7, else 100; exang
 * 1 → 0, else 100; slope 0/1 → 49/100, else 63; ca 0/1/2 → 0/35/70, else 100; thal under 3 → 0,
 * 3..5 → 45, 6..7 → 79, else 100; num 0 → 100, else 0. The average is the integer quotient of the
 * summed risks by the number of people ({@code "for 1 people"} kept verbatim).
 *
 * <p>Deviations from Avalon, whose behaviour here was accidental: the totals live in workload state
 * (Avalon's static counters died with the enclave); an item without {@code ':'} is a format error
 * (Avalon took it as an average request); the data is everything after the first {@code ':'}, split
 * on any whitespace (Avalon ignored text after a second {@code ':'}); each value must be a whole
 * decimal {@code int} (Avalon's {@code stoi} read {@code "12abc"} as 12, and answered an
 * out-of-range value with a generic exception message).
 */
public final class HeartDiseaseEval implements Workload {

    static final String NAME = "heart-disease-eval";
    static final String FORMAT_ERROR = "Error with missing or incorrect input format";
    static final String INVALID_DATA = "Invalid data found in input data";

    private static final String TOTAL_RISK_KEY = NAME + "/total-risk";
    private static final String PEOPLE_KEY = NAME + "/people";
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean stateful() {
        return true;
    }

    @Override
    public List<Item> process(List<Item> inputs, WorkloadContext context) {
        if (inputs.isEmpty()) {
            throw new WorkloadException(NAME + " needs at least one input item");
        }
        Tally tally = Tally.load(context);
        List<String> answers = new ArrayList<>(inputs.size());
        for (Item input : inputs) {
            answers.add(answer(parse(input.text()), tally));
        }
        tally.saveIfChanged(context);
        return List.of(Item.ofText(0, answers.getLast()));
    }

    private static String answer(Request request, Tally tally) {
        return switch (request) {
            case Request.Average() -> tally.describe();
            case Request.Evaluate(HeartRiskFactors factors) -> {
                int risk = factors.riskPercent();
                tally.include(risk);
                yield "You have a " + risk + "% risk of heart disease";
            }
            case Request.Rejected(String message) -> message;
        };
    }

    private static Request parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            return new Request.Rejected(FORMAT_ERROR);
        }
        String data = text.substring(colon + 1).strip();
        if (data.isEmpty()) {
            return new Request.Average();
        }
        String[] tokens = WHITESPACE.split(data);
        if (tokens.length != HeartRiskFactors.COUNT) {
            return new Request.Rejected(FORMAT_ERROR);
        }
        int[] values = new int[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            if (!INTEGER.matcher(tokens[i]).matches()) {
                return new Request.Rejected(INVALID_DATA);
            }
            try {
                values[i] = Integer.parseInt(tokens[i]);
            } catch (NumberFormatException outOfIntRange) {
                return new Request.Rejected(INVALID_DATA);
            }
        }
        return new Request.Evaluate(HeartRiskFactors.of(values));
    }

    private sealed interface Request {
        record Average() implements Request {}

        record Evaluate(HeartRiskFactors factors) implements Request {}

        record Rejected(String message) implements Request {}
    }

    /** Everyone scored so far: the sum of their risk percentages and how many they are. */
    private static final class Tally {
        private long totalRisk;
        private long people;
        private boolean changed;

        private Tally(long totalRisk, long people) {
            this.totalRisk = totalRisk;
            this.people = people;
        }

        static Tally load(WorkloadContext context) {
            return new Tally(
                    LongState.read(context, TOTAL_RISK_KEY).orElse(0L),
                    LongState.read(context, PEOPLE_KEY).orElse(0L));
        }

        void include(int risk) {
            totalRisk += risk;
            people++;
            changed = true;
        }

        void saveIfChanged(WorkloadContext context) {
            if (changed) {
                LongState.write(context, TOTAL_RISK_KEY, totalRisk);
                LongState.write(context, PEOPLE_KEY, people);
            }
        }

        String describe() {
            if (people == 0) {
                return "No accumulated heart disease history";
            }
            return "Heart disease risk is " + totalRisk / people + "% for " + people + " people";
        }
    }
}
