package ai.marketplace.partner.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import ai.marketplace.partner.config.PartnerConfig;
import ai.marketplace.partner.domain.AddressPolicy;
import ai.marketplace.partner.domain.WebhookUrl;
import ai.marketplace.platform.domain.DomainException.InvalidInput;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Resolves an endpoint's host and applies {@link AddressPolicy} to every address it gets, at registration and before
 * each delivery (a name that resolved to a public address yesterday may point into the cluster today). The
 * resolver blocks, so it runs on a worker thread; a delivery then connects to the address checked here, never
 * resolving the name a second time.
 */
@ApplicationScoped
public class Resolver {

    @Inject PartnerConfig config;

    /** The addresses a delivery may use; fails with {@link InvalidInput} naming why the URL is refused. */
    public Uni<List<InetAddress>> permitted(WebhookUrl url) {
        return Uni.createFrom().item(() -> {
            List<InetAddress> addresses;
            try {
                addresses = List.of(InetAddress.getAllByName(url.host()));
            } catch (UnknownHostException e) {
                throw new InvalidInput("url", "host " + url.host() + " does not resolve");
            }
            String refusal = AddressPolicy.refusal(addresses, config.allowLoopback());
            if (refusal != null) {
                throw new InvalidInput("url", "resolves where deliveries may not go: " + refusal);
            }
            return addresses;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
