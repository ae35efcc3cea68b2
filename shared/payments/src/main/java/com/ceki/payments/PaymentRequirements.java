package com.ceki.payments;

import com.ceki.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * One {@code accepts} entry of an x402 v2 402: the exact scheme for USDC on {@code network}, {@code amount} in the
 * token's atomic units (6 decimals), paid to {@code payTo} (the agent's own USDC deposit address).
 */
public record PaymentRequirements(String network, BigInteger amount, String asset, String payTo, int maxTimeoutSeconds,
                                  String assetName, String assetVersion) {

    public static final String SCHEME = "exact";
    public static final int USDC_DECIMALS = 6;

    /** {@code usd} as USDC atomic units (USDC is taken at 1:1), rounded up so that a payment always covers it. */
    public static BigInteger atomic(BigDecimal usd) {
        return usd.setScale(USDC_DECIMALS, RoundingMode.CEILING).unscaledValue();
    }

    /** Atomic units as a USDC amount. */
    public static BigDecimal usdc(BigInteger atomic) {
        return new BigDecimal(atomic, USDC_DECIMALS).stripTrailingZeros();
    }

    public ObjectNode json() {
        ObjectNode json = Json.object().put("scheme", SCHEME).put("network", network).put("amount", amount.toString())
                .put("asset", asset).put("payTo", payTo).put("maxTimeoutSeconds", maxTimeoutSeconds);
        json.putObject("extra").put("name", assetName).put("version", assetVersion);
        return json;
    }

    /**
     * The amount of a client's {@code accepted} entry when it is these requirements but for the amount (the client
     * echoes what it signed for); empty when it names another scheme, network, asset or recipient.
     */
    public Optional<BigInteger> acceptedAmount(JsonNode accepted) {
        if (!SCHEME.equals(accepted.path("scheme").asText()) || !network.equals(accepted.path("network").asText())
                || !asset.equalsIgnoreCase(accepted.path("asset").asText())
                || !payTo.equalsIgnoreCase(accepted.path("payTo").asText())
                || !accepted.path("amount").isTextual() || !accepted.path("amount").asText().matches("[1-9][0-9]{0,30}")) {
            return Optional.empty();
        }
        return Optional.of(new BigInteger(accepted.path("amount").asText()));
    }

    public PaymentRequirements withAmount(BigInteger atomic) {
        return new PaymentRequirements(network, atomic, asset, payTo, maxTimeoutSeconds, assetName, assetVersion);
    }
}
