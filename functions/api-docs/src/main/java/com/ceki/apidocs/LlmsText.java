package com.ceki.apidocs;

import com.ceki.apispec.ApiDocument;
import com.ceki.apispec.ApiDocument.Operation;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code /llms.txt} (llmstxt.org): one H1, a {@code >} summary, then sections of links; the agent's whole path in a
 * few lines. The prices come from the priced API document, as everywhere else.
 */
final class LlmsText {

    private LlmsText() {}

    static String of(String base, ApiDocument document) {
        StringBuilder prices = new StringBuilder();
        for (Operation operation : document.operations()) {
            JsonNode price = operation.node().get("x-price");
            if (price != null) {
                prices.append("- `").append(operation.routeKey()).append("`: ").append(operation.node().path("summary")
                        .asText()).append(", $").append(price.path("usd").asText()).append(" a call");
                if (price.path("free_per_month").asInt() > 0) {
                    prices.append(" (the first ").append(price.path("free_per_month").asInt()).append(" each month free)");
                }
                prices.append('\n');
            }
        }
        return """
                # ceki platform

                > Find, view and book human specialists, and publish availability schedules, paying per call from a \
                prepaid crypto wallet. One REST API (OpenAPI 3.1) and an MCP server; agents authenticate with an API key \
                as `Authorization: Bearer <key>`.

                An agent's path:

                1. `POST %1$s/api/agent/register` with `name`, `email` and the wallet's `currency` (BTC, ETH, USDT or \
                USDC): the answer holds the API key (shown once: keep it), the deposit address and what activates the \
                account.
                2. `POST %1$s/api/agent/verify-email` with the `email` and the 6-digit `code` mailed to it \
                (`POST %1$s/api/agent/resend-code` sends another).
                3. Fund the wallet: send the activation amount to the deposit address (`GET %1$s/api/agent/wallet` shows \
                it and the balances); it is credited after the chain's confirmations, and activates the account.
                4. Call. Billed calls debit the wallet; a `POST` that creates or pays accepts an `Idempotency-Key` \
                header, so a retry is never charged twice. Free calls (account, wallet, ledger, usage, directory) cost \
                nothing.

                Prices (USD, debited in the wallet's currency at the current rate):
                %2$s
                Errors are JSON `{"message": ...}`: 401 no or bad key, 402 balance too low (with `required`, \
                `currency`, `balance`), 403 not allowed yet (account not active or email not verified), 404 not found \
                (or not yours), 409 conflict, 422 invalid input with `errors` naming each field, 429 too many attempts \
                (wait `Retry-After` seconds), 503 try again later.

                ## Docs

                - [OpenAPI 3.1 document](%1$s/api/openapi.json): every route, its schemas, errors and `x-price`
                - [API reference](%1$s/docs): the same document, rendered for people
                - [Agent card](%1$s/.well-known/agent-card.json): A2A 1.0, the paid skills and how to authenticate

                ## MCP

                - [MCP server](%1$s/mcp): Streamable HTTP, stateless, JSON responses; the agent API as tools, with the \
                API key in the `Authorization` header

                ## Optional

                - [People's API](%1$s/docs#tag/User-auth): calendars, schedules, bookings and contracts, for humans \
                signed in with a one-time code
                """.formatted(base, prices);
    }
}
