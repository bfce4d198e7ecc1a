package ai.marketplace.catalog.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import ai.marketplace.catalog.domain.AbuseReport;
import ai.marketplace.catalog.domain.AssetState;
import ai.marketplace.catalog.events.CatalogEvents.AssetDelisted;
import ai.marketplace.catalog.repository.AbuseReportRepository;
import ai.marketplace.catalog.repository.AssetRepository;
import ai.marketplace.platform.outbox.Outbox;
import ai.marketplace.platform.paging.PageRequest;
import ai.marketplace.platform.paging.Slice;
import ai.marketplace.platform.paging.TimeIdKey;
import ai.marketplace.platform.problem.ProblemException;
import ai.marketplace.platform.tx.Tx;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Abuse reports and their resolution; delisting through a report emits AssetDelisted as moderation. */
@ApplicationScoped
public class ModerationService {

    @Inject AbuseReportRepository reports;
    @Inject AssetRepository assets;
    @Inject AssetAccess access;
    @Inject Outbox outbox;

    @WithTransaction
    public Uni<AbuseReport> report(UUID assetId, String reporter, AbuseReport.Category category, String details) {
        return access.forViewer(assetId, reporter)
                .invoke(a -> {
                    if (a.isOwnedBy(reporter)) {
                        throw ProblemException.invalid("assetId", "you cannot report your own asset; delist it instead");
                    }
                })
                .call(a -> reports.openBy(assetId, reporter).invoke(open -> {
                    if (open) {
                        throw ProblemException.conflict("report-open", "You already have an open report on this asset");
                    }
                }))
                .chain(a -> reports.persist(AbuseReport.file(assetId, reporter, category, details)));
    }

    @WithSession
    public Uni<Slice<AbuseReport>> queue(String state, PageRequest page) {
        AbuseReport.State s;
        try {
            s = state == null ? AbuseReport.State.OPEN : AbuseReport.State.valueOf(state);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("state", "must be OPEN or RESOLVED");
        }
        return reports.queue(s, TimeIdKey.after(page), page.fetchSize())
                .map(rows -> Slice.of(rows, page, r -> TimeIdKey.cursor(r.createdAt(), r.id())));
    }

    /** DELISTED takes the asset off the marketplace in the same transaction (unless it already is). */
    @WithTransaction
    public Uni<AbuseReport> resolve(UUID reportId, String operator, AbuseReport.Resolution resolution, String note) {
        return reports.findById(reportId).chain(report -> {
            if (report == null) {
                throw ProblemException.notFound("Abuse report", reportId);
            }
            report.resolve(resolution, note, operator);
            if (resolution != AbuseReport.Resolution.DELISTED) {
                return Uni.createFrom().item(report);
            }
            return assets.findById(report.assetId()).chain(asset -> {
                if (asset.state() == AssetState.DELISTED) {
                    return Uni.createFrom().item(report);
                }
                asset.delist("abuse report " + reportId + ": " + note);
                return assets.flush().call(() -> outbox.append(Tx.session(), AssetService.AGGREGATE, asset.id().toString(),
                        AssetDelisted.NAME, AssetDelisted.of(asset, true))).replaceWith(report);
            });
        });
    }
}
