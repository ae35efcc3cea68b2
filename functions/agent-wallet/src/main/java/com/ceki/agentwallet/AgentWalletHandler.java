package com.ceki.agentwallet;

import com.ceki.http.HttpFunction;

/** Lambda entry point of the agent wallet API: wallets, deposit addresses, transactions, monthly usage. */
public final class AgentWalletHandler extends HttpFunction {

    public AgentWalletHandler() {
        super(DaggerAgentWalletComponent.create().routes().router());
    }
}
