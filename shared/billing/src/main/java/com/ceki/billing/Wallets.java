package com.ceki.billing;

import com.ceki.core.errors.ServiceUnavailable;
import com.ceki.core.ids.IdGenerator;
import com.ceki.core.money.Currency;
import com.ceki.core.money.DepositAddresses;
import com.ceki.core.money.UsdRates;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** An agent's wallets: opening one per currency (with its own derived address) and valuing them in USD. */
public final class Wallets {

    /** A wallet and whether this call created it. */
    public record Opened(Wallet wallet, boolean created) {}

    /** All wallets with the naive sum of balances (the reference's {@code total}) and their USD value. */
    public record Summary(List<Wallet> wallets, BigDecimal total, BigDecimal totalUsd) {}

    private final WalletRepository repository;
    private final DepositAddresses addresses;
    private final UsdRates rates;
    private final IdGenerator ids;
    private final Clock clock;

    public Wallets(WalletRepository repository, DepositAddresses addresses, UsdRates rates, IdGenerator ids, Clock clock) {
        this.repository = repository;
        this.addresses = addresses;
        this.rates = rates;
        this.ids = ids;
        this.clock = clock;
    }

    /** The agent's wallet of {@code currency}, created with a fresh deposit address if it has none. */
    public Opened open(long agentId, Currency currency) {
        Optional<Wallet> existing = repository.find(agentId, currency);
        if (existing.isPresent()) {
            return new Opened(existing.get(), false);
        }
        long index = repository.allocateAddressIndex(currency.chain());
        Wallet wallet = new Wallet(ids.next(), currency, BigDecimal.ZERO, addresses.address(currency.chain(), index), index);
        if (repository.create(agentId, wallet, clock.instant())) {
            return new Opened(wallet, true);
        }
        // A concurrent request opened it first; its address wins and this index is simply never used.
        return new Opened(repository.find(agentId, currency).orElseThrow(), false);
    }

    public Summary summary(long agentId) {
        List<Wallet> wallets = repository.wallets(agentId);
        BigDecimal total = BigDecimal.ZERO;
        for (Wallet w : wallets) {
            total = total.add(w.balance());
        }
        // Unknown rather than guessed when a funded wallet's rate is stale.
        BigDecimal usd = totalUsd(wallets, rates).map(value -> value.setScale(2, RoundingMode.HALF_UP)).orElse(null);
        return new Summary(wallets, total.stripTrailingZeros(), usd);
    }

    /** Every wallet valued in USD at the current rates, unrounded; empty when a funded wallet's rate is stale. */
    public static Optional<BigDecimal> totalUsd(List<Wallet> wallets, UsdRates rates) {
        BigDecimal total = BigDecimal.ZERO;
        for (Wallet wallet : wallets) {
            if (wallet.balance().signum() == 0) {
                continue;
            }
            try {
                total = total.add(wallet.balance().multiply(rates.usdPerUnit(wallet.currency())));
            } catch (ServiceUnavailable stale) {
                return Optional.empty();
            }
        }
        return Optional.of(total);
    }
}
