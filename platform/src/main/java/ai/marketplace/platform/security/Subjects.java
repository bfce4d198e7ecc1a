package ai.marketplace.platform.security;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The caller's stable subject id: the token's {@code sub} claim (services set
 * {@code quarkus.oidc.token.principal-claim=sub}). Owner columns store this, never user names or e-mails.
 */
public final class Subjects {

    private Subjects() {
    }

    public static String of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || identity.getPrincipal() == null) {
            throw new UnauthorizedException();
        }
        return identity.getPrincipal().getName();
    }

    public static boolean isOperator(SecurityIdentity identity) {
        return identity != null && identity.hasRole("operator");
    }
}
