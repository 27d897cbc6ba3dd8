package io.loginguard.auth.config;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every Redis key auth writes starts with one configurable prefix, so tests and stacks never collide. Keys of one
 * account carry a hash tag ({@code {<account key>}}), so every script on the login path touches one slot and runs
 * unchanged on Redis Cluster. The few keys that are not an account's are written per heartbeat, never per login.
 */
@ApplicationScoped
public class RedisKeys {
    private final String prefix;

    public RedisKeys(@ConfigProperty(name = "loginguard.redis.key-prefix", defaultValue = "lg:") String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    /** The admission gate's hash of one account (password checks). */
    public String admission(String accountKey) {
        return prefix + "{" + accountKey + "}:gate";
    }

    /** Per partition of auth.login-attempts: the send time of the newest heartbeat risk has answered. */
    public String pipelineWatermarks() {
        return prefix + "{pipeline}:watermarks";
    }

    /**
     * Per auth node: the send time of its newest answered heartbeat. Expires, since node ids change per start; the
     * same hash tag as the watermarks, so one script updates both.
     */
    public String pipelineNode(String nodeId) {
        return prefix + "{pipeline}:node:" + nodeId;
    }

    /** Present once auth's view of risk.account-state is complete; gone after Redis lost its data. */
    public String riskProjectionComplete() {
        return prefix + "projection:risk-state";
    }

    /** Held by the one node rebuilding that view. */
    public String riskProjectionRebuildLock() {
        return prefix + "projection:risk-state:rebuilding";
    }

    /** One session of an account, by its token's hash, under the account's hash tag. */
    public String session(String accountId, String tokenHash) {
        return prefix + "{" + accountId + "}:session:" + tokenHash;
    }

    /** The account's last attempts, newest first. */
    public String loginHistory(String accountId) {
        return prefix + "{" + accountId + "}:history";
    }

    /** The account's index of its sessions (by start time). */
    public String sessions(String accountId) {
        return prefix + "{" + accountId + "}:sessions";
    }
}
