package ai.marketplace.reputation.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import ai.marketplace.platform.paging.PageRequest;
import ai.marketplace.platform.paging.Slice;
import ai.marketplace.platform.paging.TimeIdKey;
import ai.marketplace.platform.problem.ProblemException;
import ai.marketplace.platform.tx.Transactions;
import ai.marketplace.platform.tx.Tx;
import ai.marketplace.reputation.config.ReputationConfig;
import ai.marketplace.reputation.domain.Review;
import ai.marketplace.reputation.domain.Scoring;
import ai.marketplace.reputation.repository.PartyRepository;
import ai.marketplace.reputation.repository.ProjectionRepository;
import ai.marketplace.reputation.repository.ReviewRepository;
import io.smallrye.mutiny.Uni;

/**
 * Verified reviews only: an asset is reviewed on the basis of a licence the author holds, a provider on the basis
 * of a finished lease the author rented; one review per order or lease; never about one's own asset or offers.
 */
@ApplicationScoped
public class ReviewService {

    @Inject ReviewRepository reviews;
    @Inject ProjectionRepository projections;
    @Inject PartyRepository parties;
    @Inject ScoreService scores;
    @Inject Transactions transactions;
    @Inject ReputationConfig config;

    public Uni<Review> write(String author, String basisType, UUID basis, int rating, String text) {
        return transactions.run(tx -> write(tx, author, basisType, basis, rating, text));
    }

    private Uni<Review> write(Tx tx, String author, String basisType, UUID basis, int rating, String text) {
        Uni<String[]> subject = "ORDER".equals(basisType)
                ? projections.licence(tx, basis).chain(l -> {
                    if (l == null || !l.holder().equals(author)) {
                        throw notQualified("no-qualifying-purchase", "You can review an asset only on the basis of a licence granted to you for that order");
                    }
                    if (l.revoked()) {
                        throw notQualified("licence-revoked", "The licence for this order was revoked");
                    }
                    return projections.assetOwner(tx, l.asset()).map(owner -> {
                        if (author.equals(owner) || author.equals(l.seller())) {
                            throw notQualified("self-review", "You cannot review your own asset");
                        }
                        return new String[] { "ASSET", l.asset().toString() };
                    });
                })
                : projections.lease(tx, basis).map(l -> {
                    if (l == null || !l.renter().equals(author)) {
                        throw notQualified("no-qualifying-lease", "You can review a provider only on the basis of a lease you rented from them");
                    }
                    if (!l.state().equals("COMPLETED") && !l.state().equals("FAILED")) {
                        throw notQualified("lease-not-finished", "The lease is " + l.state() + "; review it once it has finished");
                    }
                    if (l.provider().equals(author)) {
                        throw notQualified("self-review", "You cannot review your own offers");
                    }
                    if (l.state().equals("COMPLETED") && !l.ranForSomething()) {
                        throw notQualified("no-usage", "Nothing ran on this lease; review a provider on a lease you used");
                    }
                    return new String[] { "PROVIDER", l.provider() };
                });
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return subject.chain(s -> parties.party(tx, author).chain(party -> {
            boolean newAccount = party.firstSeen() == null || party.firstSeen().isAfter(now.minus(config.newAccountAge()));
            return reviews.fromNewAccounts(tx, s[0], s[1], now.minus(config.burstWindow()), now.minus(config.newAccountAge()))
                    .chain(recent -> {
                        boolean burst = newAccount && recent >= config.burstThreshold();
                        var weight = Scoring.reviewerWeight(party.spent(), config.fullWeightSpend(), burst, config.burstDampening());
                        Review review = new Review(UUID.randomUUID(), author, s[0], s[1], basisType, basis, rating,
                                text, weight, null, null, 0, now, now);
                        return reviews.insert(tx, review).chain(inserted -> {
                            if (!inserted) {
                                throw ProblemException.conflict("already-reviewed", "This " + basisType.toLowerCase() + " already has a review; edit it instead");
                            }
                            return rescore(tx, s[0], s[1]).replaceWith(review);
                        });
                    });
        }));
    }

    public Uni<Review> edit(UUID id, String author, int rating, String text) {
        return transactions.run(tx -> reviews.find(tx, id, true).chain(r -> {
            if (r == null) {
                throw ProblemException.notFound("Review", id);
            }
            if (!r.author().equals(author)) {
                throw ProblemException.forbidden("Only the author may edit a review");
            }
            if (OffsetDateTime.now(ZoneOffset.UTC).isAfter(r.createdAt().plus(config.reviewEditWindow()))) {
                throw ProblemException.conflict("edit-window-closed", "Reviews can be edited for " + config.reviewEditWindow() + " after writing");
            }
            return reviews.edit(tx, id, rating, text).chain(() -> rescore(tx, r.subjectType(), r.subjectId()))
                    .chain(() -> reviews.find(tx, id, false));
        }));
    }

    /** The reviewed asset's owner or the reviewed provider answers once, publicly. */
    public Uni<Review> reply(UUID id, String caller, String text) {
        return transactions.run(tx -> reviews.find(tx, id, true).chain(r -> {
            if (r == null) {
                throw ProblemException.notFound("Review", id);
            }
            Uni<Boolean> isSubject = "PROVIDER".equals(r.subjectType()) ? Uni.createFrom().item(r.subjectId().equals(caller))
                    : projections.assetOwner(tx, UUID.fromString(r.subjectId())).map(caller::equals);
            return isSubject.chain(ok -> {
                if (!ok) {
                    throw ProblemException.forbidden("Only the reviewed provider or the asset's owner may reply");
                }
                if (r.reply() != null) {
                    throw ProblemException.conflict("already-replied", "This review already has a reply");
                }
                return reviews.reply(tx, id, text).chain(() -> reviews.find(tx, id, false));
            });
        }));
    }

    public Uni<Slice<Review>> list(String type, String subject, PageRequest page) {
        TimeIdKey after = TimeIdKey.after(page);
        return transactions.read(tx -> reviews.page(tx, type, subject, after, page.fetchSize()))
                .map(rows -> Slice.of(rows, page, r -> TimeIdKey.cursor(r.createdAt(), r.id())));
    }

    private Uni<Void> rescore(Tx tx, String type, String subject) {
        return "ASSET".equals(type) ? scores.asset(tx, UUID.fromString(subject)) : scores.provider(tx, subject);
    }

    private static ProblemException notQualified(String slug, String detail) {
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("reason", slug);
        return new ProblemException(403, slug, "Not allowed to review", detail).with(ext);
    }
}
