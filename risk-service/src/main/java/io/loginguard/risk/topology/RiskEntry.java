package io.loginguard.risk.topology;

import io.loginguard.events.AccountRiskState;
import io.loginguard.events.RiskDecision;
import io.loginguard.events.RiskVerdict;
import io.loginguard.risk.engine.RiskProfile;
import java.util.List;

/**
 * One value of the store {@code account-risk}, which holds everything risk keeps per account in one changelog
 * partition, so that a crash under at-least-once leaves each account consistent (docs/ARCHITECTURE.md, "Risk's
 * processing guarantee"). Two kinds, told apart by the key:
 * <ul>
 *   <li>key {@code <account key>}: the account's {@link AccountRiskState} and {@link RiskProfile}, written together
 *       by every input applied to the account (one put: there is no moment with one and not the other);</li>
 *   <li>key {@code <account key>/<input id>}: what one remembered input emitted (its verdict, the state it
 *       published, its decisions, and where it was read), written <em>before</em> the account's entry. An input is
 *       applied when the account's profile remembers its id; re-read after a crash, or sent twice, it emits the
 *       same records again instead of being applied twice.</li>
 * </ul>
 *
 * @param state     account entry: the published state
 * @param profile   account entry: the rules' working data
 * @param verdict   output entry of a login attempt: its verdict
 * @param published output entry: the account state it published, or null if it published none
 * @param decisions output entry: the decisions it emitted, in order
 * @param partition output entry of a login attempt: the input partition it was read from
 * @param offset    output entry of a login attempt: its input offset (the IP task's duplicate check)
 */
public record RiskEntry(
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
        return new RiskEntry(state, profile, null, null, null, null, null);
    }

    static RiskEntry outputs(RiskVerdict verdict, AccountRiskState published, List<RiskDecision> decisions,
                             Integer partition, Long offset) {
        return new RiskEntry(null, null, verdict, published, decisions, partition, offset);
    }

    /** The output entry's key of input {@code inputId} of account {@code accountKey}. */
    static String outputsKey(String accountKey, String inputId) {
        return accountKey + "/" + inputId;
    }

    /** Whether {@code key} names an account entry (account keys never hold a '/'). */
    public static boolean isAccountKey(String key) {
        return key.indexOf('/') < 0;
    }
}
