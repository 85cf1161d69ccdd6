package io.infer4j.auth.keycloak;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The tokens of one session as a {@link TokenStore} keeps them: the access token, the refresh token
 * (if the server issued one) and when each stops being usable, measured on the provider's clock from
 * the moment the token request was sent. Immutable; {@link #toString()} shows times, never tokens.
 *
 * @param accessToken      the bearer token sent to the API
 * @param obtainedAt       when the token request that produced it was sent
 * @param accessExpiresAt  when the access token expires
 * @param refreshToken     the refresh token, or {@code null} (client credentials usually have none)
 * @param refreshExpiresAt when the refresh token expires, or {@code null} if unknown or never (offline tokens)
 */
public record TokenSet(String accessToken, Instant obtainedAt, Instant accessExpiresAt,
                       String refreshToken, Instant refreshExpiresAt) {

    /** Checks that the access token and its times are present and consistent. */
    public TokenSet {
        if (accessToken == null || accessToken.isBlank()) {
            throw new IllegalArgumentException("accessToken must not be null or blank");
        }
        Objects.requireNonNull(obtainedAt, "obtainedAt");
        Objects.requireNonNull(accessExpiresAt, "accessExpiresAt");
        if (refreshToken != null && refreshToken.isBlank()) {
            refreshToken = null;
        }
        if (refreshToken == null) {
            refreshExpiresAt = null;
        }
    }

    /** How long the access token was issued for. */
    public Duration accessLifetime() {
        return Duration.between(obtainedAt, accessExpiresAt);
    }

    /** Whether the refresh token can still be used at {@code now} (with {@code margin} to spare). */
    public boolean refreshUsableAt(Instant now, Duration margin) {
        return refreshToken != null && (refreshExpiresAt == null || now.plus(margin).isBefore(refreshExpiresAt));
    }

    /** The same session with the access token marked expired (after the API rejected it); the refresh token is kept. */
    public TokenSet withAccessExpired() {
        return new TokenSet(accessToken, obtainedAt, obtainedAt, refreshToken, refreshExpiresAt);
    }

    @Override
    public String toString() {
        return "TokenSet[accessToken=***, obtainedAt=" + obtainedAt + ", accessExpiresAt=" + accessExpiresAt
                + ", refreshToken=" + (refreshToken == null ? "none" : "***")
                + (refreshExpiresAt != null ? ", refreshExpiresAt=" + refreshExpiresAt : "") + "]";
    }
}
