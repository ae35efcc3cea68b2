package com.ceki.mcp;

import java.util.List;

/**
 * The MCP revisions this server speaks. 2026-07-28 is "modern": no handshake, every request states its version in
 * {@code params._meta} and the {@code MCP-Protocol-Version} header. The earlier ones are "legacy": an
 * {@code initialize} handshake negotiates the version, and later requests repeat it in the header. Both are served
 * statelessly, so one POST is answered from itself alone, by any instance.
 */
final class ProtocolVersions {

    static final String MODERN = "2026-07-28";
    /** Newest first: what {@code initialize} answers a client whose version is none of these. */
    static final List<String> LEGACY = List.of("2025-11-25", "2025-06-18", "2025-03-26");
    /** Newest first, as {@code server/discover} and the unsupported-version error list them. */
    static final List<String> SUPPORTED = List.of(MODERN, "2025-11-25", "2025-06-18", "2025-03-26");
    /** What a request without the header is taken for, as 2025-11-25 says for clients older than the header. */
    static final String UNSTATED = "2025-03-26";

    static final String HEADER = "MCP-Protocol-Version";
    /** The {@code _meta} key of a modern request's version. */
    static final String META_KEY = "io.modelcontextprotocol/protocolVersion";

    private ProtocolVersions() {}

    /** {@code initialize}'s answer: the client's version when we speak it, else the newest legacy one. */
    static String negotiate(String requested) {
        return LEGACY.contains(requested) ? requested : LEGACY.getFirst();
    }
}
