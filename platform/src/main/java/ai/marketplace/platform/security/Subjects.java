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

    /**
     * The caller's subject where authentication is optional (public reads), or null for anonymous callers;
     * resolved lazily so the event loop never blocks.
     */
    public static io.smallrye.mutiny.Uni<String> optional(io.quarkus.security.identity.CurrentIdentityAssociation identities) {
        return identities.getDeferredIdentity().map(i -> i.isAnonymous() ? null : of(i));
    }

    public static boolean isOperator(SecurityIdentity identity) {
        return identity != null && identity.hasRole("operator");
    }
}
