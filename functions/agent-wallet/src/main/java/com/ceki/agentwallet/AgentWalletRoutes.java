package com.ceki.agentwallet;

import com.ceki.billing.Ledger;
import com.ceki.billing.MinDeposits;
import com.ceki.billing.SpendLimits;
import com.ceki.core.money.Prices;
import com.ceki.billing.UsageRepository;
import com.ceki.billing.Wallet;
import com.ceki.billing.Wallets;
import com.ceki.core.auth.Principal;
import com.ceki.core.errors.ValidationFailed;
import com.ceki.core.json.Json;
import com.ceki.core.money.Amounts;
import com.ceki.core.money.Currency;
import com.ceki.core.time.Timestamps;
import com.ceki.core.usage.UsageMeter;
import com.ceki.core.validation.Validator;
import com.ceki.http.Access;
import com.ceki.http.ApiRequest;
import com.ceki.http.ApiResponse;
import com.ceki.http.Router;
import com.ceki.payments.BilledCalls;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import com.ceki.core.time.Months;
import java.time.Clock;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.inject.Inject;

/** The routes of the wallet API. */
public final class AgentWalletRoutes {

    static final int TRANSACTIONS_PER_PAGE = 50;
    /** Always listed in the usage report, even at zero, so clients see every billable type. */
    private static final List<String> BILLABLE = List.of(Prices.API_SEARCH, Prices.API_USER_VIEW, Prices.SCHEDULE_CREATE);

    /** A top-up is at least a cent and at most what one authorization should carry. */
    static final BigDecimal MIN_TOP_UP = new BigDecimal("0.01");
    static final BigDecimal MAX_TOP_UP = new BigDecimal("10000");
    static final BigDecimal MAX_LIMIT = new BigDecimal("1000000");

    private final Wallets wallets;
    private final Ledger ledger;
    private final UsageRepository usage;
    private final MinDeposits minDeposits;
    private final BilledCalls billed;
    private final SpendLimits limits;
    private final UsageMeter meter;
    private final Clock clock;

    @Inject
    public AgentWalletRoutes(Wallets wallets, Ledger ledger, UsageRepository usage, MinDeposits minDeposits,
                             BilledCalls billed, SpendLimits limits, UsageMeter meter, Clock clock) {
        this.wallets = wallets;
        this.ledger = ledger;
        this.usage = usage;
        this.minDeposits = minDeposits;
        this.billed = billed;
        this.limits = limits;
        this.meter = meter;
        this.clock = clock;
    }

    public Router router() {
        return new Router(meter, null, clock)
                .metered("GET /api/agent/wallet", Access.AGENT, "wallet_read", (request, caller) -> summary(caller))
                .metered("POST /api/agent/wallet", Access.AGENT, "wallet_create", this::open)
                .metered("POST /api/agent/wallet/topup", Access.AGENT, "wallet_topup", this::topUp)
                .metered("GET /api/agent/wallet/transactions", Access.AGENT, "transactions_read", this::transactions)
                .metered("GET /api/agent/wallet/usage", Access.AGENT, "usage_read", this::usage)
                .metered("GET /api/agent/limits", Access.AGENT, "limits_read", (request, caller) -> limits(caller))
                .metered("PUT /api/agent/limits", Access.AGENT, "limits_update", this::setLimits);
    }

    ApiResponse summary(Principal caller) {
        var summary = wallets.summary(caller.id());
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("wallets");
        summary.wallets().forEach(w -> list.add(wallet(w)));
        body.put("total", summary.total().toPlainString());
        if (summary.totalUsd() == null) {
            body.putNull("total_usd");
        } else {
            body.put("total_usd", summary.totalUsd().toPlainString());
        }
        body.set("limits", limitsView(limits.status(caller.id())));
        return ApiResponse.ok(body);
    }

    ApiResponse limits(Principal caller) {
        return ApiResponse.ok(limitsView(limits.status(caller.id())));
    }

    /**
     * Replaces the three caps (a missing or null one is none). Lowering holds at once, even for a call already
     * running; raising holds for calls that start after it.
     */
    ApiResponse setLimits(ApiRequest request, Principal caller) {
        Validator v = Validator.of(request.json());
        BigDecimal perCall = v.decimal("per_call_usd").min(BigDecimal.ZERO).max(MAX_LIMIT).places(6).value();
        BigDecimal daily = v.decimal("daily_usd").min(BigDecimal.ZERO).max(MAX_LIMIT).places(6).value();
        BigDecimal monthly = v.decimal("monthly_usd").min(BigDecimal.ZERO).max(MAX_LIMIT).places(6).value();
        v.check();
        limits.set(caller.id(), perCall, daily, monthly);
        return ApiResponse.ok(limitsView(limits.status(caller.id())));
    }

    private static ObjectNode limitsView(SpendLimits.Status status) {
        ObjectNode body = Json.object();
        body.put("per_call_usd", usdOrNull(status.limits().perCallUsd()));
        body.put("daily_usd", usdOrNull(status.limits().dailyUsd()));
        body.put("monthly_usd", usdOrNull(status.limits().monthlyUsd()));
        ObjectNode windows = body.putObject("windows");
        for (SpendLimits.Window window : List.of(status.day(), status.month())) {
            windows.putObject(window.name()).put("period", window.period()).put("cap_usd", usdOrNull(window.capUsd()))
                    .put("spent_usd", Amounts.price(window.spentUsd()))
                    .put("resets_at", Timestamps.seconds(window.resetsAt()));
        }
        return body;
    }

    private static String usdOrNull(BigDecimal usd) {
        return usd == null ? null : Amounts.price(usd);
    }

    ApiResponse open(ApiRequest request, Principal caller) {
        Validator v = Validator.of(request.json());
        String code = v.string("currency").required().in("BTC", "ETH", "USDT", "USDC").value();
        v.check();
        Currency currency = Currency.valueOf(code);
        var opened = wallets.open(caller.id(), currency);
        ObjectNode body = Json.object();
        body.set("wallet", wallet(opened.wallet()));
        body.put("deposit_address", opened.wallet().depositAddress());
        body.put("currency", currency.name());
        body.put("min_deposit", Amounts.format(minDeposits.of(currency), currency));
        return opened.created() ? ApiResponse.created(body) : ApiResponse.ok(body);
    }

    /**
     * A top-up by x402: without {@code PAYMENT-SIGNATURE} a 402 asking for {@code amount} USDC; paid, the transfer
     * is credited at once (and activates a pending agent that reaches the activation amount).
     */
    ApiResponse topUp(ApiRequest request, Principal caller) {
        Validator v = Validator.of(request.json());
        BigDecimal amount = v.decimal("amount").required().min(MIN_TOP_UP).max(MAX_TOP_UP).places(6).value();
        v.string("currency").required().in("USDC");
        v.check();
        return billed.topUp(request, caller, amount, topUp -> {
            ObjectNode body = Json.object();
            body.putObject("credited").put("currency", Currency.USDC.name())
                    .put("amount", Amounts.format(topUp.amount(), Currency.USDC));
            body.put("transaction", topUp.paid().deposit().txHash());
            body.set("wallet", wallet(wallets.open(caller.id(), Currency.USDC).wallet()));
            body.put("status", topUp.paid().outcome().name().toLowerCase(Locale.ROOT));
            return ApiResponse.ok(body);
        });
    }

    ApiResponse transactions(ApiRequest request, Principal caller) {
        Validator v = Validator.ofQuery(request.query());
        long page = v.integer("page").between(1, 100_000).valueOr(1);
        v.check();
        var result = ledger.page(caller.id(), (int) page, TRANSACTIONS_PER_PAGE);
        ArrayNode data = Json.array();
        result.entries().forEach(e -> data.add(Json.object()
                .put("id", e.id())
                .put("type", e.type().wire())
                .put("amount", Amounts.format(e.amount(), e.currency()))
                .put("currency", e.currency().name())
                .put("description", e.description())
                .put("created_at", Timestamps.seconds(e.createdAt()))));
        ObjectNode body = Json.object().put("current_page", result.page());
        body.set("data", data);
        body.put("per_page", result.perPage()).put("total", result.total());
        return ApiResponse.ok(body);
    }

    ApiResponse usage(ApiRequest request, Principal caller) {
        Validator v = Validator.ofQuery(request.query());
        String period = v.string("period").value();
        v.check();
        YearMonth current = Months.current(clock);
        YearMonth month = current;
        if (period != null) {
            if (!period.matches("\\d{4}-(0[1-9]|1[0-2])")) {
                throw ValidationFailed.of("period", "The period field must match the format Y-m.");
            }
            month = YearMonth.parse(period);
            if (month.isAfter(current)) {
                throw ValidationFailed.of("period", "The period field must be a month before or equal to " + current + ".");
            }
        }
        Map<String, ObjectNode> byType = new LinkedHashMap<>();
        BILLABLE.forEach(type -> byType.put(type, usageRow(type, 0, BigDecimal.ZERO)));
        usage.month(caller.id(), month.toString())
                .forEach(u -> byType.put(u.type(), usageRow(u.type(), u.count(), u.totalChargedUsd())));
        ObjectNode body = Json.object().put("period", month.toString());
        ArrayNode rows = body.putArray("usage");
        byType.values().forEach(rows::add);
        return ApiResponse.ok(body);
    }

    private static ObjectNode usageRow(String type, long count, BigDecimal chargedUsd) {
        return Json.object().put("type", type).put("count", count).put("total_charged", Amounts.usd(chargedUsd));
    }

    static ObjectNode wallet(Wallet w) {
        return Json.object().put("id", w.id()).put("currency", w.currency().name())
                .put("balance", Amounts.format(w.balance(), w.currency())).put("deposit_address", w.depositAddress());
    }
}
