package com.ceki.aws;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * What a failed AWS call means for the request that made it. Transient: the service was throttled, failed on its
 * side (5xx), was not reached or did not answer in time, or cancelled a transaction because another touched the same
 * items; the SDK retries these first, and one that still escapes is a 503 with {@code Retry-After}, not a 500. Too
 * large: DynamoDB refused an item past its 400 KB limit, which the validators should have caught: a 422, not a 500.
 */
public final class AwsFailures {

    /**
     * The cancellation reasons DynamoDB lists in a {@code TransactionCanceledException}'s message, in item order
     * ("... specific reasons [None, TransactionConflict]"); read from the message so this module needs no DynamoDB model.
     */
    private static final Pattern REASONS = Pattern.compile("\\[([A-Za-z, ]+)]\\s*$");

    /** DynamoDB's words for an item past 400 KB ("Item size has exceeded...", "Item size to update has exceeded..."). */
    private static final Pattern ITEM_TOO_LARGE = Pattern.compile("Item size (to update )?has exceeded the maximum allowed size");

    private AwsFailures() {}

    /** True when DynamoDB refused a write because an item would pass its 400 KB limit. */
    public static boolean isItemTooLarge(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AwsServiceException service && "ValidationException".equals(errorCode(service))
                    && service.getMessage() != null && ITEM_TOO_LARGE.matcher(service.getMessage()).find()) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code failure} or one of its causes is a transient AWS failure. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SdkClientException) {
                return true; // not reached, reset, or timed out: nothing says the service refused
            }
            if (t instanceof AwsServiceException service) {
                return service.isThrottlingException() || service.statusCode() >= 500
                        || "TransactionConflictException".equals(errorCode(service))
                        || "TransactionCanceledException".equals(errorCode(service)) && cancelledOnlyTransiently(service);
            }
        }
        return false;
    }

    /**
     * A cancelled transaction whose reasons are all {@code None} or transient (a conflict, throttling): trying the
     * same transaction again can succeed. A failed condition is an answer, not a transient failure.
     */
    public static boolean cancelledOnlyTransiently(AwsServiceException cancelled) {
        Matcher reasons = REASONS.matcher(String.valueOf(cancelled.awsErrorDetails() == null ? cancelled.getMessage()
                : cancelled.awsErrorDetails().errorMessage()));
        if (!reasons.find()) {
            return false;
        }
        boolean transientReason = false;
        for (String reason : reasons.group(1).split(",")) {
            switch (reason.trim()) {
                case "None" -> { }
                case "TransactionConflict", "ThrottlingError", "ProvisionedThroughputExceeded" -> transientReason = true;
                default -> {
                    return false;
                }
            }
        }
        return transientReason;
    }

    private static String errorCode(AwsServiceException service) {
        return service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
    }
}
