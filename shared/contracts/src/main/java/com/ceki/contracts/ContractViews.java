package com.ceki.contracts;

import com.ceki.core.json.Json;
import com.ceki.core.money.Amounts;
import com.ceki.core.time.Timestamps;
import com.ceki.events.Event;
import com.ceki.users.User;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeSet;

/** The JSON shapes of contracts, hands and bills, in the reference's fields (and the agreed additions). */
public final class ContractViews {

    private ContractViews() {}

    /** A contract as the caller sees it: its fields, the caller's own hand, and the money recorded per currency. */
    public static ObjectNode contract(Contract c, Hand caller, Map<String, BigDecimal> open) {
        ObjectNode node = Json.object();
        node.put("id", c.id());
        node.putNull("old_id");
        node.put("user_id", c.userId());
        node.put("owner_id", c.ownerId());
        node.put("label", c.label());
        node.put("description", c.description());
        node.put("status_id", c.statusId());
        node.put("start", Timestamps.seconds(c.start()));
        node.put("end", Timestamps.seconds(c.end()));
        node.put("timezone", c.timezone());
        node.put("amount", c.amount() == null ? null : Amounts.price(c.amount()));
        node.put("currency", c.currency());
        node.put("credit", c.credit());
        node.put("private", c.isPrivate());
        node.put("privacy", c.isPrivate() ? 1 : 0);
        node.put("kal_id", c.kalId());
        node.put("parent_id", c.parentId());
        node.set("settings", c.settings() == null ? Json.object() : c.settings().deepCopy());
        ArrayNode files = node.putArray("files");
        c.files().forEach(files::add);
        node.putNull("data");
        node.set("hand", caller == null ? null : hand(caller, null, null, true));
        if (open != null) {
            node.set("money", money(c, open));
        }
        node.put("created_at", Timestamps.record(c.createdAt()));
        node.put("updated_at", Timestamps.record(c.updatedAt()));
        node.putNull("deleted_at");
        return node;
    }

    /**
     * Per currency: {@code paid} (what payments paid of transactions), {@code open} (approved and not yet paid) and
     * {@code credit} (what payments paid beyond any transaction).
     */
    static ArrayNode money(Contract c, Map<String, BigDecimal> open) {
        TreeSet<String> currencies = new TreeSet<>(c.money().keySet());
        currencies.addAll(open.keySet());
        ArrayNode list = Json.array();
        for (String currency : currencies) {
            Contract.Money m = c.money().getOrDefault(currency, new Contract.Money(BigDecimal.ZERO, BigDecimal.ZERO));
            list.addObject().put("currency", currency).put("paid", Amounts.price(m.paid()))
                    .put("open", Amounts.price(open.getOrDefault(currency, BigDecimal.ZERO)))
                    .put("credit", Amounts.price(m.credit()));
        }
        return list;
    }

    /** A hand, its rate unless hidden ({@code showRate} false: another's rate to one who may not read rates). */
    public static ObjectNode hand(Hand h, Rate rate, User user, boolean showRate) {
        ObjectNode node = Json.object();
        node.put("id", h.id());
        node.put("contract_id", h.contractId());
        node.put("user_id", h.userId());
        node.putNull("old_contract_id");
        node.put("role_id", h.role().id());
        node.put("role", h.role().wireName());
        node.put("read", h.read());
        node.put("write", h.write());
        node.put("status_id", h.statusId());
        node.put("limit", h.limit());
        node.put("is_working", h.runningEventId() != null);
        node.put("running_event_id", h.runningEventId());
        node.put("running_since", Timestamps.seconds(h.runningSince()));
        if (showRate && rate != null) {
            node.put("schedule_id", rate.id());
            node.put("price", Amounts.price(rate.price()));
            node.put("currency", rate.currency());
            node.put("credit", rate.settings() != null && rate.settings().path("credit").asBoolean(false));
            node.set("schedule", rate(rate));
        } else {
            node.putNull("schedule_id");
            node.putNull("price");
            node.putNull("currency");
            node.putNull("credit");
        }
        if (user != null) {
            node.set("user", Json.object().put("id", user.id()).put("name", user.name()).put("email", user.email()));
        }
        node.put("created_at", Timestamps.record(h.createdAt()));
        node.put("updated_at", Timestamps.record(h.updatedAt()));
        node.putNull("deleted_at");
        return node;
    }

    static ObjectNode rate(Rate r) {
        ObjectNode node = Json.object();
        node.put("id", r.id());
        node.put("price", Amounts.price(r.price()));
        node.put("currency", r.currency());
        node.put("duration", r.duration());
        node.put("msp", r.msp());
        node.put("label", r.label());
        node.put("description", r.description());
        node.put("timezone", r.timezone());
        node.put("start", Timestamps.seconds(r.start()));
        node.put("end", Timestamps.seconds(r.end()));
        node.set("settings", r.settings() == null ? Json.object() : r.settings().deepCopy());
        return node;
    }

    /** A bill (an event of type 4) in the reference's bill shape. */
    public static ObjectNode bill(Event b) {
        ObjectNode node = Json.object();
        node.put("id", b.id());
        node.put("label", b.label());
        node.put("status_id", b.statusId());
        node.put("billable_type", b.billableType());
        node.put("billable_id", b.billableId());
        node.set("data", b.data() == null ? Json.object() : b.data().deepCopy());
        node.put("amount", Amounts.price(b.amount() == null ? BigDecimal.ZERO : b.amount()));
        node.put("currency", b.currency());
        node.put("created_at", Timestamps.record(b.createdAt()));
        node.put("updated_at", Timestamps.record(b.updatedAt()));
        node.put("deleted_at", Timestamps.record(b.deletedAt()));
        return node;
    }
}
