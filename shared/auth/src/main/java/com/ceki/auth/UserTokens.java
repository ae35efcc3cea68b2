package com.ceki.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * User session tokens: JWTs signed with ES256 only (the algorithm is pinned, never read from the token), with
 * {@code kid}, {@code iss}, {@code aud}, {@code iat}, {@code exp} and the user id as {@code sub}. Verification
 * takes a key set, so keys can rotate: a new key signs while the old one still verifies until its tokens expire.
 */
public final class UserTokens {

    private static final JWSAlgorithm ALGORITHM = JWSAlgorithm.ES256;
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private final Map<String, JWSVerifier> verifiers = new HashMap<>();
    private final ECKey signingKey; // null where tokens are only verified (the authorizer)
    private final String issuer;
    private final String audience;
    private final Duration lifetime;
    private final Clock clock;

    private UserTokens(ECKey signingKey, JWKSet verificationKeys, String issuer, String audience, Duration lifetime, Clock clock) {
        this.signingKey = signingKey;
        this.issuer = issuer;
        this.audience = audience;
        this.lifetime = lifetime;
        this.clock = clock;
        for (JWK key : verificationKeys.getKeys()) {
            if (!(key instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve()) || key.getKeyID() == null) {
                throw new IllegalStateException("JWT verification keys must be P-256 EC keys with a kid");
            }
            try {
                verifiers.put(key.getKeyID(), new ECDSAVerifier(ec.toPublicJWK()));
            } catch (JOSEException e) {
                throw new IllegalStateException("Unusable JWT verification key " + key.getKeyID(), e);
            }
        }
    }

    /** For verifying only: {@code keySetJson} is a JWK set of public keys. */
    public static UserTokens verifier(String keySetJson, String issuer, String audience, Clock clock) {
        try {
            return new UserTokens(null, JWKSet.parse(keySetJson), issuer, audience, Duration.ZERO, clock);
        } catch (ParseException e) {
            throw new IllegalStateException("JWT_VERIFICATION_KEYS is not a JWK set", e);
        }
    }

    /** For issuing (and verifying with the signing key's public half): {@code signingKeyJson} is a private EC JWK. */
    public static UserTokens issuer(String signingKeyJson, String issuer, String audience, Duration lifetime, Clock clock) {
        try {
            ECKey key = ECKey.parse(signingKeyJson);
            if (!key.isPrivate()) {
                throw new IllegalStateException("JWT_SIGNING_KEY must be a private EC JWK");
            }
            return new UserTokens(key, new JWKSet(key.toPublicJWK()), issuer, audience, lifetime, clock);
        } catch (ParseException e) {
            throw new IllegalStateException("JWT_SIGNING_KEY is not a JWK", e);
        }
    }

    /** A signed token for {@code userId} and when it expires. */
    public record Issued(String token, Instant expiresAt) {}

    public Issued issue(long userId) {
        if (signingKey == null) {
            throw new IllegalStateException("This instance only verifies tokens");
        }
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject(Long.toString(userId))
                .issueTime(Date.from(now)).expirationTime(Date.from(expires)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(ALGORITHM).keyID(signingKey.getKeyID()).build(), claims);
        try {
            jwt.sign(new ECDSASigner(signingKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a JWT", e);
        }
        return new Issued(jwt.serialize(), expires);
    }

    /**
     * The user id of a valid token; empty for anything else: another algorithm ({@code none}, HS256 with the
     * public key...), an unknown {@code kid}, a bad signature, a wrong issuer or audience, an expired token.
     */
    public Optional<Long> verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWSHeader header = jwt.getHeader();
            if (!ALGORITHM.equals(header.getAlgorithm()) || header.getKeyID() == null) {
                return Optional.empty();
            }
            JWSVerifier verifier = verifiers.get(header.getKeyID());
            if (verifier == null || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Instant now = clock.instant();
            if (!issuer.equals(claims.getIssuer()) || claims.getAudience() == null || !claims.getAudience().contains(audience)
                    || claims.getExpirationTime() == null || claims.getIssueTime() == null
                    || !claims.getExpirationTime().toInstant().plus(CLOCK_SKEW).isAfter(now)
                    || claims.getIssueTime().toInstant().isAfter(now.plus(CLOCK_SKEW))
                    || claims.getSubject() == null || !claims.getSubject().matches("[1-9]\\d{0,15}")) {
                return Optional.empty();
            }
            return Optional.of(Long.parseLong(claims.getSubject()));
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
