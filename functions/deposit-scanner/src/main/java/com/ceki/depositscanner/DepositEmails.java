package com.ceki.depositscanner;

import com.ceki.billing.WalletRepository;
import com.ceki.core.email.EmailMessage;
import com.ceki.core.email.Mailer;
import com.ceki.core.money.Amounts;
import com.ceki.deposits.Deposit;
import com.ceki.deposits.DepositNotifier;
import java.math.BigDecimal;

/** Emails the agent each deposit the scanner credited, with the new balance and, once, the activation. */
public final class DepositEmails implements DepositNotifier {

    private final Mailer mailer;
    private final WalletRepository wallets;

    public DepositEmails(Mailer mailer, WalletRepository wallets) {
        this.mailer = mailer;
        this.wallets = wallets;
    }

    @Override
    public void credited(long agentId, String email, Deposit deposit, boolean activated) {
        if (email == null) {
            return;
        }
        BigDecimal balance = wallets.find(agentId, deposit.currency()).map(w -> w.balance()).orElse(BigDecimal.ZERO);
        String amount = Amounts.format(deposit.amount(), deposit.currency()) + " " + deposit.currency();
        String newBalance = Amounts.format(balance, deposit.currency()) + " " + deposit.currency();
        String activation = activated ? "Your account is now active." : "";
        String text = "Deposit received: " + amount + " (transaction " + deposit.txHash() + ").\nNew balance: "
                + newBalance + ".\n" + activation + "\n";
        String html = "<p>Deposit received: <strong>" + amount + "</strong> (transaction <code>" + deposit.txHash()
                + "</code>).</p><p>New balance: " + newBalance + ".</p>" + (activated ? "<p>" + activation + "</p>" : "");
        mailer.send(new EmailMessage(email, "Deposit received: " + amount, text, html));
    }
}
