package com.ceki.mcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One MCP tool: one operation of the agent API, by its {@code operationId} in the OpenAPI document and its route
 * key in template.yaml, served by the function that serves that route.
 *
 * @param readOnly whether the call changes nothing (a billed call changes the wallet, so it is not read-only)
 */
record Tool(String name, String title, String operationId, String routeKey, Target target, boolean readOnly) {

    /** The functions whose routers the tools dispatch to (each built on its first call). */
    enum Target { DIRECTORY, REGISTRATION, ACCOUNT, WALLET, SCHEDULES, SEARCH }

    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");

    /** Every tool, in the order {@code tools/list} gives them (a fixed order lets clients cache the list). */
    static final List<Tool> ALL = List.of(
            new Tool("search_directory", "Search the agent directory", "searchAgentDirectory",
                    "GET /api/agent/agents", Target.DIRECTORY, true),
            new Tool("register_agent", "Register an agent", "registerAgent",
                    "POST /api/agent/register", Target.REGISTRATION, false),
            new Tool("verify_email", "Verify the agent's email", "verifyAgentEmail",
                    "POST /api/agent/verify-email", Target.REGISTRATION, false),
            new Tool("get_account", "The agent's account", "getAgent",
                    "GET /api/agent/me", Target.ACCOUNT, true),
            new Tool("get_wallet", "Wallets and deposit addresses", "getWallet",
                    "GET /api/agent/wallet", Target.WALLET, true),
            new Tool("list_transactions", "Wallet transactions", "listWalletTransactions",
                    "GET /api/agent/wallet/transactions", Target.WALLET, true),
            new Tool("get_usage", "API usage of a month", "getUsage",
                    "GET /api/agent/wallet/usage", Target.WALLET, true),
            new Tool("list_schedules", "The agent's schedules", "listAgentSchedules",
                    "GET /api/agent/schedules", Target.SCHEDULES, true),
            new Tool("create_schedule", "Create a schedule (billed)", "createAgentSchedule",
                    "POST /api/agent/schedules", Target.SCHEDULES, false),
            new Tool("search_specialists", "Search human specialists (billed)", "searchSpecialists",
                    "POST /api/agent/search/specialists", Target.SEARCH, false),
            new Tool("view_person", "View a person's profile (billed)", "viewPerson",
                    "GET /api/agent/user/{id}", Target.SEARCH, false));

    private static final Map<String, Tool> BY_NAME = ALL.stream().collect(Collectors.toMap(Tool::name, Function.identity()));

    static Optional<Tool> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    String method() {
        return routeKey.substring(0, routeKey.indexOf(' '));
    }

    String pathTemplate() {
        return routeKey.substring(routeKey.indexOf(' ') + 1);
    }

    /** The names in the path template ({@code id} of {@code /api/agent/user/{id}}), which arguments fill. */
    List<String> pathParameters() {
        List<String> names = new ArrayList<>();
        Matcher m = PATH_PARAMETER.matcher(pathTemplate());
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
