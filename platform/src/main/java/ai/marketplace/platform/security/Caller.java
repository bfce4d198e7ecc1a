package ai.marketplace.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Who is calling, for resources: the verified token's subject (see {@link Subjects}) and roles. One bean instead of
 * the identity and its deferred form in every resource; the identity it reads is the current request's.
 */
@ApplicationScoped
public class Caller {

    @Inject SecurityIdentity identity;
    @Inject CurrentIdentityAssociation identities;

    /** The authenticated caller's subject; 401 for an anonymous one. */
    public String subject() {
        return Subjects.of(identity);
    }

    /** The caller's subject where signing in is optional (public reads), or null; resolved without blocking. */
    public Uni<String> optional() {
        return Subjects.optional(identities);
    }

    public boolean isOperator() {
        return Subjects.isOperator(identity);
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }
}
