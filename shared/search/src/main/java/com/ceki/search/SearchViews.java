package com.ceki.search;

import com.ceki.core.json.Json;
import com.ceki.core.money.Amounts;
import com.ceki.core.time.Timestamps;
import com.ceki.schedules.user.UserSchedule;
import com.ceki.schedules.user.UserScheduleViews;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;

/** The JSON shapes of a search page: the platform's and the agents' (the reference's simple paginator). */
public final class SearchViews {

    private SearchViews() {}

    /** {@code POST /api/schedules/search}: {@code {"data":[schedule...],"meta":{current_page,per_page,total,total_pages}}}. */
    public static ObjectNode platformPage(SearchResult result) {
        ObjectNode body = Json.object();
        ArrayNode data = body.putArray("data");
        result.hits().forEach(hit -> data.add(UserScheduleViews.schedule(hit.schedule())));
        ObjectNode meta = body.putObject("meta");
        meta.put("current_page", result.page());
        meta.put("per_page", result.perPage());
        meta.put("total", result.total());
        meta.put("total_pages", result.totalPages());
        return body;
    }

    /**
     * {@code POST /api/agent/search/specialists}: {@code {"current_page","data":[{id, settings, start, end, timezone,
     * price, currency, label, user:{id, name, rating}}],"per_page","total"}}. {@code price} and {@code currency} are
     * the schedule's own, else those of its settings (as the price filter reads them); price is a decimal string.
     */
    public static ObjectNode agentPage(SearchResult result) {
        ObjectNode body = Json.object();
        body.put("current_page", result.page());
        ArrayNode data = body.putArray("data");
        for (SearchResult.Hit hit : result.hits()) {
            UserSchedule s = hit.schedule();
            ObjectNode item = data.addObject();
            item.put("id", s.id());
            item.set("settings", s.settings());
            time(item, "start", s.start());
            time(item, "end", s.end());
            item.put("timezone", s.timezone());
            BigDecimal price = hit.price();
            if (price == null) {
                item.putNull("price");
            } else {
                item.put("price", Amounts.price(price));
            }
            item.put("currency", hit.currency());
            item.put("label", s.label());
            ObjectNode user = item.putObject("user");
            user.put("id", hit.ownerId());
            user.put("name", hit.ownerName());
            user.putNull("rating");
        }
        body.put("per_page", result.perPage());
        body.put("total", result.total());
        return body;
    }

    private static void time(ObjectNode node, String name, Instant at) {
        if (at == null) {
            node.putNull(name);
        } else {
            node.put(name, Timestamps.seconds(at));
        }
    }
}
