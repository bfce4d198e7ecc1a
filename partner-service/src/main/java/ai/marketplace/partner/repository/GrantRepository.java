package ai.marketplace.partner.repository;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.platform.tx.Sql;
import ai.marketplace.platform.tx.Tx;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class GrantRepository {

    public Uni<Set<String>> of(Tx tx, String partner) {
        return Sql.list(tx, "select event_type from partner_grant where partner_id = $1", r -> r.getString("event_type"), partner)
                .map(TreeSet::new);
    }

    /** Replaces the partner's grants with {@code types}. */
    public Uni<Void> replace(Tx tx, String partner, List<String> types, String by) {
        return Sql.update(tx, "delete from partner_grant where partner_id = $1 and not (event_type = any($2))", partner,
                types.toArray(String[]::new))
                .chain(() -> Sql.update(tx, """
                        insert into partner_grant (partner_id, event_type, granted_by)
                        select $1, t, $3 from unnest($2::text[]) t on conflict do nothing""", partner, types.toArray(String[]::new), by))
                .replaceWithVoid();
    }
}
