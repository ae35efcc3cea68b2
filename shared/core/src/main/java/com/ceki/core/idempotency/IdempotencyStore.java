package com.ceki.core.idempotency;

import com.ceki.core.auth.Principal;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers responses by a client's {@code Idempotency-Key} (scoped to the caller) for at least 24 hours: a retry
 * with the same key and body gets the first response again, without doing the work (or the charge) twice.
 */
public interface IdempotencyStore {

    /** A stored response, replayed verbatim: status, JSON body and the headers it was sent with. */
    record StoredResponse(int status, String body, Map<String, String> headers) {
        public StoredResponse {
            headers = Map.copyOf(headers);
        }
    }

    /**
     * Claims the key for a request with this body fingerprint. {@code keyName} is what the client calls the key
     * ({@code Idempotency-Key}, or x402's payment identifier), for the 409's message.
     *
     * @return empty when the caller should do the work now; the stored response when it was already done
     * @throws com.ceki.core.errors.Conflict when the key was used with another body, or its first request is
     *         still running
     */
    Optional<StoredResponse> begin(Principal principal, String key, String bodyFingerprint, String keyName);

    /** Stores the response of a request that claimed the key. */
    void complete(Principal principal, String key, StoredResponse response);

    /** Releases the key after a failure of ours, so that the client may retry. */
    void abandon(Principal principal, String key);
}
