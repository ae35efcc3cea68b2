package com.ceki.payments;

import com.ceki.billing.Wallet;
import com.ceki.billing.WalletRepository;
import com.ceki.billing.Wallets;
import com.ceki.core.errors.PaymentRequired;
import com.ceki.core.json.Json;
import com.ceki.core.money.Amounts;
import com.ceki.core.money.Currency;
import com.ceki.deposits.Deposit;
import com.ceki.deposits.DepositCredits;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dagger.Lazy;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * x402 payments into an agent's own USDC wallet. The requirements name the agent's USDC deposit address as
 * {@code payTo}; a payment is verified and settled through the facilitator against requirements rebuilt here (the
 * client's echo is trusted for nothing but the amount it signed, and that only when it is enough), and the settled
 * transfer is credited as a deposit under the key the deposit scanner gives the same transfer, so that the scanner
 * meeting it later credits nothing twice.
 */
public final class X402Payments {

    /** A settled and credited payment: what the facilitator answered and the deposit it became. */
    public record Paid(Facilitator.Settlement settlement, Deposit deposit, DepositCredits.Outcome outcome) {}

    private final X402Settings settings;
    private final Facilitator facilitator;
    private final SettledTransfers transfers;
    private final WalletRepository walletRepository;
    // Opening a USDC wallet derives an address (bitcoinj, BouncyCastle): paid only by an agent that has none.
    private final Lazy<Wallets> wallets;
    private final DepositCredits credits;

    public X402Payments(X402Settings settings, Facilitator facilitator, SettledTransfers transfers,
                        WalletRepository walletRepository, Lazy<Wallets> wallets, DepositCredits credits) {
        this.settings = settings;
        this.facilitator = facilitator;
        this.transfers = transfers;
        this.walletRepository = walletRepository;
        this.wallets = wallets;
        this.credits = credits;
    }

    /** What paying {@code atomic} USDC units into the agent's USDC wallet takes (the wallet is opened if need be). */
    public PaymentRequirements requirements(long agentId, BigInteger atomic) {
        Wallet usdc = walletRepository.find(agentId, Currency.USDC)
                .orElseGet(() -> wallets.get().open(agentId, Currency.USDC).wallet());
        return new PaymentRequirements(settings.network(), atomic, settings.asset(), usdc.depositAddress(),
                settings.maxTimeoutSeconds(), settings.assetName(), settings.assetVersion());
    }

    /**
     * The {@code PAYMENT-REQUIRED} object: the resource, the one {@code accepts} entry, and the payment-identifier
     * extension (optional for the client).
     */
    public ObjectNode paymentRequired(PaymentRequirements requirements, String error, String url, String description) {
        ObjectNode required = Json.object().put("x402Version", X402Headers.VERSION).put("error", error);
        required.putObject("resource").put("url", url).put("description", description).put("mimeType", "application/json");
        required.putArray("accepts").add(requirements.json());
        ObjectNode identifier = required.putObject("extensions").putObject(PaymentIdentifier.EXTENSION);
        identifier.putObject("info").put("required", false);
        identifier.set("schema", PaymentIdentifier.schema());
        return required;
    }

    /**
     * Verifies, settles and credits {@code payload}, a payment of at least {@code minimum} USDC units (exactly
     * {@code minimum} when {@code exact}) into the agent's USDC wallet.
     *
     * @throws PaymentRequired with the reason when the payload is not such a payment or the facilitator refuses it
     *         (nothing moved, nothing credited)
     */
    public Paid settle(long agentId, JsonNode payload, BigInteger minimum, boolean exact) {
        PaymentRequirements ours = requirements(agentId, minimum);
        if (!payload.path("payload").isObject() || !payload.path("accepted").isObject()) {
            throw refused(agentId, ours, "invalid_payload",
                    "PAYMENT-SIGNATURE is not base64 of an x402 payment payload with its accepted requirements.");
        }
        if (payload.path("x402Version").asInt() != X402Headers.VERSION) {
            throw refused(agentId, ours, "invalid_x402_version", "Only x402 version 2 payments are accepted.");
        }
        BigInteger amount = ours.acceptedAmount(payload.path("accepted")).orElseThrow(() -> refused(agentId, ours,
                "invalid_payment_requirements", "The payment was signed for other requirements than this server's."));
        if (exact ? !amount.equals(minimum) : amount.compareTo(minimum) < 0) {
            throw refused(agentId, ours, "invalid_payment_amount", "The payment is for " + PaymentRequirements.usdc(amount)
                    + " USDC; this call takes " + (exact ? "" : "at least ") + PaymentRequirements.usdc(minimum) + " USDC.");
        }
        PaymentRequirements held = ours.withAmount(amount);
        Facilitator.Verification verification = facilitator.verify(payload, held);
        if (!verification.valid()) {
            throw refused(agentId, ours, reason(verification.invalidReason()), "The payment did not verify.");
        }
        Facilitator.Settlement settlement = facilitator.settle(payload, held);
        if (!settlement.success()) {
            throw refused(agentId, ours, reason(settlement.errorReason()), "The payment was not settled.");
        }
        Deposit deposit = transfers.find(settlement.transaction(), settings.asset(), held.payTo());
        return new Paid(settlement, deposit, credits.creditPayment(deposit, agentId));
    }

    private static String reason(String facilitatorReason) {
        return facilitatorReason == null ? "payment_refused" : facilitatorReason;
    }

    /** A payment that did not go through, with what the USDC wallet holds. */
    PaymentRequired refused(long agentId, PaymentRequirements requirements, String reason, String message) {
        BigDecimal balance = walletRepository.find(agentId, Currency.USDC).map(Wallet::balance).orElse(BigDecimal.ZERO);
        return new PaymentRequired(usdcAmount(PaymentRequirements.usdc(requirements.amount())), Currency.USDC.name(),
                usdcAmount(balance), message, reason);
    }

    /** As the rest of the API writes USDC amounts (two decimals, more only when they are there). */
    private static BigDecimal usdcAmount(BigDecimal amount) {
        return new BigDecimal(Amounts.format(amount, Currency.USDC));
    }
}
