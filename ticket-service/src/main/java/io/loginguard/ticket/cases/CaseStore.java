package io.loginguard.ticket.cases;

import io.loginguard.ticket.files.SanitizedDocument;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL for cases, their files, messages and audit trail; every method runs in the caller's transaction. */
public final class CaseStore {
    private static final String COLUMNS = """
            id, account_id, type, status, description, new_phone, access_token_hash, claimed_by, created_at,
            first_reply_due_at, resolution_due_at, first_replied_at, waiting_since, sla_paused_ms, closed_at,
            decision_reason, files_delete_after, files_deleted_at""";

    private CaseStore() {
    }

    public static void insert(Connection c, CaseRow r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO cases (id, account_id, type, status, description, new_phone, access_token_hash, created_at,
                                   first_reply_due_at, resolution_due_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setObject(1, r.id());
            ps.setString(2, r.accountId());
            ps.setString(3, r.type().name());
            ps.setString(4, r.status().name());
            ps.setString(5, r.description());
            ps.setString(6, r.newPhone());
            ps.setString(7, r.accessTokenHash());
            ps.setTimestamp(8, ts(r.createdAt()));
            ps.setTimestamp(9, ts(r.firstReplyDue()));
            ps.setTimestamp(10, ts(r.resolutionDue()));
            ps.executeUpdate();
        }
    }

    public static Optional<CaseRow> find(Connection c, UUID id, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM cases WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** Cases a reviewer may still act on (at most {@code limit}). */
    public static List<CaseRow> active(Connection c, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM cases WHERE closed_at IS NULL ORDER BY resolution_due_at LIMIT ?")) {
            ps.setInt(1, limit);
            List<CaseRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        }
    }

    /** Writes the mutable part of a case (status, claim, SLA marks, decision). */
    public static void update(Connection c, CaseRow r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE cases SET status = ?, claimed_by = ?, first_replied_at = ?, waiting_since = ?, sla_paused_ms = ?,
                                 closed_at = ?, decision_reason = ?, files_delete_after = ?, files_deleted_at = ?,
                                 version = version + 1
                WHERE id = ?""")) {
            ps.setString(1, r.status().name());
            ps.setObject(2, r.claimedBy());
            ps.setTimestamp(3, ts(r.firstRepliedAt()));
            ps.setTimestamp(4, ts(r.waitingSince()));
            ps.setLong(5, r.paused().toMillis());
            ps.setTimestamp(6, ts(r.closedAt()));
            ps.setString(7, r.decisionReason());
            ps.setTimestamp(8, ts(r.filesDeleteAfter()));
            ps.setTimestamp(9, ts(r.filesDeletedAt()));
            ps.setObject(10, r.id());
            ps.executeUpdate();
        }
    }

    public static void insertFile(Connection c, UUID caseId, UUID fileId, String part, SanitizedDocument doc,
                                  String keyId, byte[] encrypted, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO case_files (id, case_id, part, content_type, size_bytes, upload_bytes, sha256, key_id, content, added_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setObject(1, fileId);
            ps.setObject(2, caseId);
            ps.setString(3, part);
            ps.setString(4, doc.kind().contentType());
            ps.setLong(5, doc.bytes().length);
            ps.setLong(6, doc.uploadedBytes());
            ps.setString(7, doc.sha256());
            ps.setString(8, keyId);
            ps.setBytes(9, encrypted);
            ps.setTimestamp(10, ts(at));
            ps.executeUpdate();
        }
    }

    public static List<StoredFile> files(Connection c, UUID caseId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, part, content_type, size_bytes, sha256, added_at, deleted_at FROM case_files
                WHERE case_id = ? ORDER BY added_at, part""")) {
            ps.setObject(1, caseId);
            List<StoredFile> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredFile(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getString(5), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7))));
                }
            }
            return out;
        }
    }

    /** Bytes counted against the case's upload limit: every file it ever received, as uploaded. */
    public static long uploadedBytes(Connection c, UUID caseId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(upload_bytes), 0) FROM case_files WHERE case_id = ?")) {
            ps.setObject(1, caseId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The encrypted content and content type of one file of the case; empty if no such file. */
    public static Optional<EncryptedFile> encryptedFile(Connection c, UUID caseId, UUID fileId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT content_type, content, key_id, part FROM case_files WHERE case_id = ? AND id = ?")) {
            ps.setObject(1, caseId);
            ps.setObject(2, fileId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new EncryptedFile(rs.getString(1), rs.getBytes(2), rs.getString(3), rs.getString(4)))
                        : Optional.empty();
            }
        }
    }

    public static void message(Connection c, UUID caseId, String author, String body, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO case_messages (case_id, author, body, at) VALUES (?, ?, ?, ?)")) {
            ps.setObject(1, caseId);
            ps.setString(2, author);
            ps.setString(3, body);
            ps.setTimestamp(4, ts(at));
            ps.executeUpdate();
        }
    }

    public static List<CaseMessage> messages(Connection c, UUID caseId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT author, body, at FROM case_messages WHERE case_id = ? ORDER BY id")) {
            ps.setObject(1, caseId);
            List<CaseMessage> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new CaseMessage(rs.getString(1), rs.getString(2), instant(rs.getTimestamp(3))));
                }
            }
            return out;
        }
    }

    public static void audit(Connection c, UUID caseId, Instant at, String actorKind, String actor, String action,
                             String detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO case_audit (case_id, at, actor_kind, actor, action, detail) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, caseId);
            ps.setTimestamp(2, ts(at));
            ps.setString(3, actorKind);
            ps.setString(4, actor);
            ps.setString(5, action);
            ps.setString(6, detail);
            ps.executeUpdate();
        }
    }

    public static List<AuditEntry> auditTrail(Connection c, UUID caseId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT at, actor_kind, actor, action, detail FROM case_audit WHERE case_id = ? ORDER BY id")) {
            ps.setObject(1, caseId);
            List<AuditEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AuditEntry(instant(rs.getTimestamp(1)), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                }
            }
            return out;
        }
    }

    private static CaseRow read(ResultSet rs) throws SQLException {
        return new CaseRow(rs.getObject(1, UUID.class), rs.getString(2), CaseType.valueOf(rs.getString(3)),
                CaseStatus.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7),
                rs.getObject(8, UUID.class), instant(rs.getTimestamp(9)), instant(rs.getTimestamp(10)),
                instant(rs.getTimestamp(11)), instant(rs.getTimestamp(12)), instant(rs.getTimestamp(13)),
                Duration.ofMillis(rs.getLong(14)), instant(rs.getTimestamp(15)), rs.getString(16),
                instant(rs.getTimestamp(17)), instant(rs.getTimestamp(18)));
    }

    static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    public record EncryptedFile(String contentType, byte[] content, String keyId, String part) {
    }
}
