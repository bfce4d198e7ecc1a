package ai.marketplace.reputation.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.platform.paging.PageRequest;
import ai.marketplace.platform.paging.Slice;
import ai.marketplace.platform.paging.TimeIdKey;
import ai.marketplace.platform.problem.ProblemException;
import ai.marketplace.reputation.config.ReputationConfig;
import ai.marketplace.reputation.domain.Review;
import ai.marketplace.reputation.domain.Scoring;
import ai.marketplace.reputation.repository.ReputationStore;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Verified reviews only: an asset is reviewed on the basis of a licence the author holds, a provider on the basis
 * of a finished lease the author rented; one review per order or lease; never about one's own asset or offers.
 */
@ApplicationScoped
public class ReviewService {

    private final ReputationStore store;
    private final ScoreService scores;
    private final ReputationConfig config;

    public ReviewService(ReputationStore store, ScoreService scores, ReputationConfig config) {
        this.store = store;
        this.scores = scores;
        this.config = config;
    }

    @WithTransaction
    public Uni<Review> write(String author, String basisType, UUID basis, int rating, String text) {
        Uni<String[]> subject = "ORDER".equals(basisType)
                ? store.licence(basis).chain(l -> {
                    if (l == null || !l.holder().equals(author)) {
                        throw notQualified("no-qualifying-purchase", "You can review an asset only on the basis of a licence granted to you for that order");
                    }
                    if (l.revoked()) {
                        throw notQualified("licence-revoked", "The licence for this order was revoked");
                    }
                    return store.assetOwner(l.asset()).map(owner -> {
                        if (author.equals(owner) || author.equals(l.seller())) {
                            throw notQualified("self-review", "You cannot review your own asset");
                        }
                        return new String[] { "ASSET", l.asset().toString() };
                    });
                })
                : store.lease(basis).map(l -> {
                    if (l == null || !l.renter().equals(author)) {
                        throw notQualified("no-qualifying-lease", "You can review a provider only on the basis of a lease you rented from them");
                    }
                    if (!l.state().equals("COMPLETED") && !l.state().equals("FAILED")) {
                        throw notQualified("lease-not-finished", "The lease is " + l.state() + "; review it once it has finished");
                    }
                    if (l.provider().equals(author)) {
                        throw notQualified("self-review", "You cannot review your own offers");
                    }
                    return new String[] { "PROVIDER", l.provider() };
                });
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return subject.chain(s -> store.party(author).chain(party -> {
            boolean newAccount = party.firstSeen() == null || party.firstSeen().isAfter(now.minus(config.newAccountAge()));
            return store.reviewsFromNewAccounts(s[0], s[1], now.minus(config.burstWindow()), now.minus(config.newAccountAge()))
                    .chain(recent -> {
                        boolean burst = newAccount && recent >= config.burstThreshold();
                        var weight = Scoring.reviewerWeight(party.spent(), config.fullWeightSpend(), burst, config.burstDampening());
                        Review review = new Review(UUID.randomUUID(), author, s[0], s[1], basisType, basis, rating,
                                text, weight, null, null, 0, now, now);
                        return store.insertReview(review).chain(inserted -> {
                            if (!inserted) {
                                throw ProblemException.conflict("already-reviewed", "This " + basisType.toLowerCase() + " already has a review; edit it instead");
                            }
                            return rescore(s[0], s[1]).replaceWith(review);
                        });
                    });
        }));
    }

    @WithTransaction
    public Uni<Review> edit(UUID id, String author, int rating, String text) {
        return store.review(id, true).chain(r -> {
            if (r == null) {
                throw ProblemException.notFound("Review", id);
            }
            if (!r.author().equals(author)) {
                throw ProblemException.forbidden("Only the author may edit a review");
            }
            if (OffsetDateTime.now(ZoneOffset.UTC).isAfter(r.createdAt().plus(config.reviewEditWindow()))) {
                throw ProblemException.conflict("edit-window-closed", "Reviews can be edited for " + config.reviewEditWindow() + " after writing");
            }
            return store.editReview(id, rating, text).chain(() -> rescore(r.subjectType(), r.subjectId()))
                    .chain(() -> store.review(id, false));
        });
    }

    /** The reviewed asset's owner or the reviewed provider answers once, publicly. */
    @WithTransaction
    public Uni<Review> reply(UUID id, String caller, String text) {
        return store.review(id, true).chain(r -> {
            if (r == null) {
                throw ProblemException.notFound("Review", id);
            }
            Uni<Boolean> isSubject = "PROVIDER".equals(r.subjectType()) ? Uni.createFrom().item(r.subjectId().equals(caller))
                    : store.assetOwner(UUID.fromString(r.subjectId())).map(caller::equals);
            return isSubject.chain(ok -> {
                if (!ok) {
                    throw ProblemException.forbidden("Only the reviewed provider or the asset's owner may reply");
                }
                if (r.reply() != null) {
                    throw ProblemException.conflict("already-replied", "This review already has a reply");
                }
                return store.reply(id, text).chain(() -> store.review(id, false));
            });
        });
    }

    @WithSession
    public Uni<Slice<Review>> list(String type, String subject, PageRequest page) {
        TimeIdKey after = TimeIdKey.after(page);
        return store.reviews(type, subject, after == null ? null : after.at(), after == null ? null : after.id(), page.fetchSize())
                .map(rows -> Slice.of(rows, page, r -> TimeIdKey.cursor(r.createdAt(), r.id())));
    }

    private Uni<Void> rescore(String type, String subject) {
        return "ASSET".equals(type) ? scores.asset(UUID.fromString(subject)) : scores.provider(subject);
    }

    private static ProblemException notQualified(String slug, String detail) {
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("reason", slug);
        return new ProblemException(403, slug, "Not allowed to review", detail).with(ext);
    }
}
