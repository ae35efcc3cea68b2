package com.ceki.storage;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Reading why a TransactWriteItems was cancelled: which of its items failed its condition. */
public final class Transactions {

    private Transactions() {}

    /** True when item {@code index} of the transaction failed its condition expression. */
    public static boolean conditionFailedAt(TransactionCanceledException e, int index) {
        List<CancellationReason> reasons = e.cancellationReasons();
        return reasons != null && index < reasons.size()
                && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    /** True when another transaction or write touched one of the items at the same time (retryable). */
    public static boolean conflicted(TransactionCanceledException e) {
        List<CancellationReason> reasons = e.cancellationReasons();
        return reasons != null && reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
    }

    /** True when the cancellation came only from failed conditions (not throttling or conflicts). */
    public static boolean onlyConditionsFailed(TransactionCanceledException e) {
        List<CancellationReason> reasons = e.cancellationReasons();
        if (reasons == null || reasons.isEmpty()) {
            return false;
        }
        boolean any = false;
        for (CancellationReason reason : reasons) {
            String code = reason.code();
            if ("ConditionalCheckFailed".equals(code)) {
                any = true;
            } else if (code != null && !"None".equals(code)) {
                return false;
            }
        }
        return any;
    }
}
