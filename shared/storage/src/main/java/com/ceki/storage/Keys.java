package com.ceki.storage;

import java.util.Locale;

/**
 * Every item type of the single table and its primary key, in one place (docs/data-model.md explains the access
 * patterns each one serves). Partition keys are {@code TYPE#id}; an entity's own item has the type as its sort
 * key, and items it owns sort under it ({@code AGENT#42 / WALLET#USDT}).
 */
public final class Keys {

    public static final String AGENT = "AGENT";
    public static final String AGENT_EMAIL = "AGENT_EMAIL";
    public static final String API_KEY = "API_KEY";
    public static final String WALLET_PREFIX = "WALLET#";
    public static final String KAL_PREFIX = "KAL#";
    public static final String DEPOSIT_ADDRESS = "DEPOSIT_ADDRESS";
    public static final String COUNTER = "COUNTER";
    public static final String TX_PREFIX = "TX#";
    public static final String LEDGER_KEY = "LEDGER_KEY";
    public static final String USAGE_PREFIX = "USAGE#";
    public static final String USAGE_EVENT = "USAGE_EVENT";
    /** Sort key of a usage event's outbox item, beside its counted record under {@code USAGE_EVENT#<request id>}. */
    public static final String USAGE_OUTBOX = "USAGE_OUTBOX";
    public static final String FREE_TIER_PREFIX = "FREE#";
    public static final String IDEMPOTENCY = "IDEMPOTENCY";
    public static final String RATES = "RATES";
    public static final String SCHEDULE_PREFIX = "SCHEDULE#";

    /** GSI1 partition holding every active agent (the public directory). */
    public static final String DIRECTORY_AGENTS = "DIRECTORY#AGENTS";

    private Keys() {}

    public static String user(long userId) {
        return "USER#" + userId;
    }

    /** Uniqueness guard of a user email, case-insensitive. */
    public static String userEmail(String email) {
        return "USER_EMAIL#" + email.toLowerCase(Locale.ROOT);
    }

    /** A contact in a user's address book: under the owner, sorted by the contact's user id. */
    public static String contact(long userId) {
        return "CONTACT#" + pad(userId);
    }

    /** A file, under its owner. */
    public static String file(long fileId) {
        return "FILE#" + pad(fileId);
    }

    /** An email change waiting for the OTP sent to the new address. */
    public static String pendingEmail(String email) {
        return "PENDING_EMAIL#" + email.toLowerCase(Locale.ROOT);
    }

    /** The pending one-time password of an email address (whether or not a user has it). */
    public static String otp(String email) {
        return "OTP#" + email.toLowerCase(Locale.ROOT);
    }

    public static String agent(long agentId) {
        return AGENT + "#" + agentId;
    }

    /** Uniqueness guard of an agent email, case-insensitive. */
    public static String agentEmail(String email) {
        return AGENT_EMAIL + "#" + email.toLowerCase(Locale.ROOT);
    }

    /** An API key, found by the SHA-256 of the key: the raw key is never stored. */
    public static String apiKey(String keyHash) {
        return API_KEY + "#" + keyHash;
    }

    public static String wallet(String currency) {
        return WALLET_PREFIX + currency;
    }

    public static String kal(long kalId) {
        return KAL_PREFIX + kalId;
    }

    /**
     * A derived deposit address, mapping it back to its wallet (and guarding against reuse). Lower-cased: chains
     * report Ethereum addresses in any case, and bech32 is case-insensitive.
     */
    public static String depositAddress(String chain, String address) {
        return DEPOSIT_ADDRESS + "#" + chain + "#" + address.toLowerCase(Locale.ROOT);
    }


    /** A deposit seen on chain, credited or not: chain, transaction and output/log index make it unique. */
    public static String deposit(String chain, String txHash, String index) {
        return "DEPOSIT#" + chain + "#" + txHash.toLowerCase(Locale.ROOT) + "#" + index;
    }

    public static final String DEPOSIT = "DEPOSIT";
    /** Sort key of a final deposit waiting for a fresh BTC/ETH rate, beside its (future) deposit record. */
    public static final String DEPOSIT_HELD = "DEPOSIT_HELD";
    public static final String CURSOR = "CURSOR";

    /** The deposit scanner's resume point on a chain (sort key {@link #CURSOR}). */
    public static String scanCursor(String chain) {
        return "SCAN_CURSOR#" + chain;
    }

    /** An alert about a chain reorganised below the scanner's cursor; sorted by the block. */
    public static String reorgAlert(String chain) {
        return "REORG#" + chain;
    }

    /** "At most once per interval" state of a key ({@link Throttle}). */
    public static String throttle(String name, String key) {
        return "THROTTLE#" + name + "#" + key;
    }

    /** Attempts of a key in one fixed window ({@link AttemptLimit}). */
    public static String attempts(String name, String key, long window) {
        return "ATTEMPTS#" + name + "#" + key + "#" + window;
    }

    /** A ledger entry of an agent; ids grow with time, so the sort key orders the history. */
    public static String ledgerEntry(long entryId) {
        return TX_PREFIX + pad(entryId);
    }

    /** The guard that makes a ledger movement happen at most once (deposit: chain+tx+index; charge: request). */
    public static String ledgerKey(String idempotencyKey) {
        return LEDGER_KEY + "#" + idempotencyKey;
    }

    /** Monthly usage counter of one type: {@code USAGE#2026-04#api_search}, under the agent. */
    public static String usage(String month, String type) {
        return USAGE_PREFIX + month + "#" + type;
    }

    /** The permanent record that a usage event was counted (metering idempotency). */
    public static String usageEvent(String requestId) {
        return USAGE_EVENT + "#" + requestId;
    }

    /** Free-tier allowance used this month, under the agent: {@code FREE#api_user_view#2026-04}. */
    public static String freeTier(String type, String month) {
        return FREE_TIER_PREFIX + type + "#" + month;
    }

    /** An agent's spend limits (one item under the agent, with a version every change bumps). */
    public static final String SPEND_LIMITS = "SPEND_LIMITS";

    /** While it exists, the agent was told its balance is low ({@code wallet.balance_low}); deleted when it recovers. */
    public static final String LOW_BALANCE = "LOW_BALANCE";

    /** The agent's webhook signing secrets (current, and the previous one during a rotation), encrypted. */
    public static final String WEBHOOK_SECRET = "WEBHOOK_SECRET";
    public static final String WEBHOOK_ATTEMPT_PREFIX = "WEBHOOK_ATTEMPT#";

    /** A webhook event (the outbox item and its delivery state), under the agent. */
    public static String webhookEvent(String webhookId) {
        return "WEBHOOK#" + webhookId;
    }

    /** The guard that makes an event happen once per key ({@code spend_limit.reached#day#2026-12-02}). */
    public static String webhookOnce(String onceKey) {
        return "WEBHOOK_ONCE#" + onceKey;
    }

    /** One delivery attempt, under the agent; the time first so that a query lists the newest first. */
    public static String webhookAttempt(String attemptedAt, String webhookId, int attempt) {
        return WEBHOOK_ATTEMPT_PREFIX + attemptedAt + "#" + webhookId + "#" + attempt;
    }

    /** What an agent spent in one UTC window, under the agent: {@code SPEND#DAY#2026-12-02}, {@code SPEND#MONTH#2026-12}. */
    public static String spend(String window, String period) {
        return "SPEND#" + window + "#" + period;
    }

    /** A client's {@code Idempotency-Key}, scoped to its principal ({@code AGENT} or {@code USER} and id). */
    public static String idempotency(String principalKind, long principalId, String key) {
        return IDEMPOTENCY + "#" + principalKind + "#" + principalId + "#" + key;
    }

    /** The current exchange rates (one item: every rate and when it was fetched). */
    public static String rates() {
        return RATES + "#USD";
    }

    public static String schedule(long scheduleId) {
        return SCHEDULE_PREFIX + pad(scheduleId);
    }

    /** GSI1 partition of an agent's public schedules, newest first by {@code GSI1SK}. */
    public static String publicSchedules(long agentId) {
        return "PUBLIC_SCHEDULES#AGENT#" + agentId;
    }

    /** An external (e.g. Google) calendar linked to a kal, under the kal's owner. */
    public static String kalExternal(long kalId, String externalId) {
        return KAL_PREFIX + pad(kalId) + "#EXTERNAL#" + externalId;
    }

    /** Another kal of the same owner linked to a kal, under the owner. */
    public static String kalLink(long kalId, long otherKalId) {
        return KAL_PREFIX + pad(kalId) + "#LINK#" + pad(otherKalId);
    }

    /** Where a kal's iCalendar feed token (by its SHA-256) leads: {@code FEED#<sha256 hex> / FEED}. */
    public static String feed(String tokenHash) {
        return "FEED#" + tokenHash;
    }

    public static final String FEED = "FEED";

    /** Sort key of a person's kal counter (does not begin with {@code KAL#}, so the kal query never reads it). */
    public static final String KAL_COUNT = "KAL_COUNT";

    /** A person's calendar, under {@code USER#<owner>} (agents' default kals use {@link #kal}). */
    public static String userKal(long kalId) {
        return KAL_PREFIX + pad(kalId);
    }

    /** The partition of a user schedule: the schedule item, its members, its bookings and their day locks. */
    public static String userSchedule(long scheduleId) {
        return SCHEDULE_PREFIX + pad(scheduleId);
    }

    public static final String SCHEDULE = "SCHEDULE";
    public static final String MEMBER_PREFIX = "MEMBER#";
    public static final String BOOKED_DAY_PREFIX = "BOOKED#";

    public static String scheduleMember(long userId) {
        return MEMBER_PREFIX + pad(userId);
    }

    /** The confirmed bookings of one local day of a schedule: the item every booking of that day writes. */
    public static String bookedDay(String localDate) {
        return BOOKED_DAY_PREFIX + localDate;
    }

    // ---- events: one item type for every event, found by its id alone ----

    public static final String EVENT = "EVENT";
    public static final String ATTENDEE_PREFIX = "ATTENDEE#";
    public static final String CORRECTION_PREFIX = "CORRECTION#";

    /** The partition of an event: the event ({@link #EVENT}), its attendances and its corrections. */
    public static String event(long eventId) {
        return EVENT + "#" + pad(eventId);
    }

    public static final String CORRECTION = "CORRECTION";

    /** A correction of an event, under the event; and, as a partition key, where a correction id leads. */
    public static String correction(long correctionId) {
        return CORRECTION_PREFIX + pad(correctionId);
    }

    /** A person's running tracker, under {@code USER#<user>}. */
    public static final String TRACKER = "TRACKER";

    /** An event one knows by an external calendar's id, under {@code USER#<user>}. */
    public static String externalEvent(String externalId) {
        return "EXTERNAL_EVENT#" + externalId;
    }

    /** A person's attendance of an event, under the event. */
    public static String attendee(long userId) {
        return ATTENDEE_PREFIX + pad(userId);
    }

    /** Which copy of an event a person exported into one of their kals (so exporting again returns it). */
    public static String eventCopy(long kalId, long userId) {
        return "COPY#" + pad(kalId) + "#" + pad(userId);
    }

    /** GSI1 partition of the events of a schedule or contract ({@code Schedule}, {@code Contract}), by time. */
    public static String billableEvents(String billableType, long billableId) {
        return "EVENTS#" + billableType.toUpperCase(Locale.ROOT) + "#" + pad(billableId);
    }

    /** GSI1 partition of a person's attendances, by the event's time: their calendar. */
    public static String userEvents(long userId) {
        return "USER_EVENTS#" + pad(userId);
    }

    // ---- contracts ----

    public static final String CONTRACT = "CONTRACT";
    public static final String CONTRACT_PREFIX = "CONTRACT#";
    public static final String HAND = "HAND";
    public static final String HAND_PREFIX = "HAND#";

    /** The partition of a contract: the contract ({@link #CONTRACT}), its hands, their rates and week locks. */
    public static String contract(long contractId) {
        return CONTRACT_PREFIX + pad(contractId);
    }

    /** A contract's hand, keyed by its user: one hand per person and contract. */
    public static String hand(long userId) {
        return HAND_PREFIX + pad(userId);
    }

    /** A hand's rate (its {@code schedule}), sorted right after the hand. */
    public static String handRate(long userId) {
        return hand(userId) + "#RATE";
    }

    /** Where a hand id leads: its contract and user ({@code HAND#<n16 hand> / HAND}). */
    public static String handPointer(long handId) {
        return HAND_PREFIX + pad(handId);
    }

    /** A person's listing item of a contract they own or work on, under {@code USER#<user>}. */
    public static String userContract(long contractId) {
        return CONTRACT_PREFIX + pad(contractId);
    }

    /** The time one hand logged in one week (Monday's date in the contract's zone), under the contract. */
    public static String handWeek(long handId, String monday) {
        return "WEEK#" + pad(handId) + "#" + monday;
    }

    /** GSI2 partition of a contract's open receivables. */
    public static String openReceivables(long contractId) {
        return "OPEN#" + contract(contractId);
    }

    /** Number of GSI1 partitions the schedule search feed is spread over (by id). */
    public static final int SEARCH_FEED_SHARDS = 8;

    /** GSI1 partition of the search feed for schedules, ordered by {@code updated_at}. */
    public static String searchFeedSchedules(long scheduleId) {
        return "SEARCH_FEED#SCHEDULES#" + Math.floorMod(scheduleId, SEARCH_FEED_SHARDS);
    }

    /** GSI1 partition of the search feed for people (names, skills, banned), ordered by {@code updated_at}. */
    public static final String SEARCH_FEED_USERS = "SEARCH_FEED#USERS";

    /** Zero-padded so that string order is numeric order. */
    public static String pad(long id) {
        return String.format("%016d", id);
    }

    /** An allocation counter (for example the next HD index of a chain). */
    public static String counter(String name) {
        return COUNTER + "#" + name;
    }
}
