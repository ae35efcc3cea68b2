package com.ceki.http;

import com.ceki.core.auth.Principal;
import com.ceki.core.crypto.Hashes;
import com.ceki.core.idempotency.IdempotencyStore;
import com.ceki.core.idempotency.IdempotencyStore.StoredResponse;
import com.ceki.core.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A request done once per client key and request fingerprint, the first response replayed for a repeat (with
 * {@link Router#REPLAYED}): the {@code Idempotency-Key} of billed and money-moving POSTs, and x402's payment
 * identifier. A failure of ours (an exception) always frees the key again.
 */
public final class OncePerKey {

    private OncePerKey() {}

    /** The route, path and raw body of {@code request}, with {@code more} (such as a payment payload), hashed. */
    public static String fingerprint(ApiRequest request, String... more) {
        StringBuilder text = new StringBuilder(request.routeKey()).append('\n').append(request.rawPath()).append('\n')
                .append(request.rawBody());
        for (String part : more) {
            text.append('\n').append(part);
        }
        return Hashes.sha256Hex(text.toString());
    }

    /**
     * Does {@code work} once per {@code key} and {@code fingerprint}. {@code keepRefusals}: whether a 4xx/5xx answer is
     * kept too, or frees the key (only successes are kept) so that the client may fix things and retry.
     */
    public static ApiResponse run(IdempotencyStore store, Principal caller, String key, String fingerprint,
                                  String keyName, boolean keepRefusals, Supplier<ApiResponse> work) {
        Optional<StoredResponse> stored = store.begin(caller, key, fingerprint, keyName);
        if (stored.isPresent()) {
            return replay(stored.get());
        }
        ApiResponse response;
        try {
            response = work.get();
        } catch (RuntimeException | Error unexpected) {
            store.abandon(caller, key);
            throw unexpected;
        }
        if (keepRefusals || response.isSuccess()) {
            store.complete(caller, key, new StoredResponse(response.status(), Json.write(response.body()),
                    response.headers()));
        } else {
            store.abandon(caller, key);
        }
        return response;
    }

    /** A stored response as it was first sent, marked as a replay. */
    private static ApiResponse replay(StoredResponse stored) {
        try {
            ApiResponse response = ApiResponse.of(stored.status(), Json.parse(stored.body()));
            for (var header : stored.headers().entrySet()) {
                response = response.withHeader(header.getKey(), header.getValue());
            }
            return response.withHeader(Router.REPLAYED, "true");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored response is not JSON", e);
        }
    }
}
