package io.loginguard.risk.topology;

import io.loginguard.events.AccountRiskState;
import io.loginguard.events.RiskDecision;
import io.loginguard.events.RiskVerdict;
import io.loginguard.risk.engine.RecentInputs;
import io.loginguard.risk.engine.RiskProfile;
import java.util.List;
import java.util.UUID;

/**
 * One value of the store {@code account-risk}, which holds everything risk keeps per account in one changelog
 * partition, so that a crash under at-least-once leaves each account consistent (docs/ARCHITECTURE.md, "Risk's
 * processing guarantee"). Two kinds, told apart by the key:
 * <ul>
 *   <li>key {@code <account key>}: the account's {@link AccountRiskState} and {@link RiskProfile}, written together
 *       by every input applied to the account (one put: there is no moment with one and not the other);</li>
 *   <li>key {@code <account key>/#<slot>}: what one remembered input emitted (its id, its verdict, the state it
 *       published, its decisions, and where it was read), written <em>before</em> the account's entry. An input is
 *       applied when the account's profile remembers it ({@link io.loginguard.risk.engine.RecentInputs}, which
 *       gives its slot); re-read after a crash, or sent twice, it emits the same records again instead of being
 *       applied twice. A new input takes the slot of the one it pushes out, so its entry replaces that one's.</li>
 *   <li>key {@code <account key>/<input id>}: the same, as the older format kept it (read, then deleted as such
 *       inputs fall off).</li>
 * </ul>
 *
 * @param input     output entry: the input's id (so an entry a newer input overwrote is not taken for this one's)
 * @param state     account entry: the published state
 * @param profile   account entry: the rules' working data
 * @param verdict   output entry of a login attempt: its verdict
 * @param published output entry: the account state it published, or null if it published none
 * @param decisions output entry: the decisions it emitted, in order
 * @param partition output entry of a login attempt: the input partition it was read from
 * @param offset    output entry of a login attempt: its input offset (the IP task's duplicate check)
 */
public record RiskEntry(
        UUID input,
        AccountRiskState state,
        RiskProfile profile,
        RiskVerdict verdict,
        AccountRiskState published,
        List<RiskDecision> decisions,
        Integer partition,
        Long offset) {

    public RiskEntry {
        decisions = decisions == null ? List.of() : List.copyOf(decisions);
    }

    static RiskEntry account(AccountRiskState state, RiskProfile profile) {
        return new RiskEntry(null, state, profile, null, null, null, null, null);
    }

    static RiskEntry outputs(UUID input, RiskVerdict verdict, AccountRiskState published,
                             List<RiskDecision> decisions, Integer partition, Long offset) {
        return new RiskEntry(input, null, null, verdict, published, decisions, partition, offset);
    }

    /** The key of the output entry of a remembered input of account {@code accountKey}. */
    static String outputsKey(String accountKey, RecentInputs.Entry input) {
        return input.slot() == RecentInputs.LEGACY_SLOT ? accountKey + "/" + input.id()
                : accountKey + "/#" + input.slot();
    }

    /** Whether {@code key} names an account entry (account keys never hold a '/'). */
    public static boolean isAccountKey(String key) {
        return key.indexOf('/') < 0;
    }
}
