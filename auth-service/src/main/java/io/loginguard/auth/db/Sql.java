package io.loginguard.auth.db;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * auth's SQL: a statement on the datasource's connection. Inside a JTA transaction ({@code @Transactional},
 * {@code QuarkusTransaction}) Agroal hands every call the transaction's one connection, so statements commit or roll
 * back together; outside one, each statement commits by itself. auth keeps plain rows and a handful of queries per
 * table, so it writes them here instead of carrying an ORM (Hibernate was a quarter of auth's loaded classes).
 */
public final class Sql {
    private Sql() {
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    public static <T> List<T> list(String sql, Row<T> row, Object... params) {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.map(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new DataAccessException(sql, e);
        }
    }

    public static <T> Optional<T> first(String sql, Row<T> row, Object... params) {
        List<T> found = list(sql, row, params);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    public static long count(String sql, Object... params) {
        return first(sql, rs -> rs.getLong(1), params).orElse(0L);
    }

    /** An INSERT, UPDATE or DELETE; returns how many rows it touched. */
    public static int update(String sql, Object... params) {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException(sql, e);
        }
    }

    /** An INSERT that must add exactly one row. */
    public static void insert(String sql, Object... params) {
        if (update(sql, params) != 1) {
            throw new DataAccessException(sql, new SQLException("the insert added no row"));
        }
    }

    /** An UPDATE or DELETE of one row by its key (and version): none touched means someone changed or removed it. */
    public static void one(String sql, Object... params) {
        if (update(sql, params) != 1) {
            throw new StaleRowException(sql);
        }
    }

    public static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    public static <E extends Enum<E>> E enumOf(ResultSet rs, String column, Class<E> type) throws SQLException {
        String name = rs.getString(column);
        return name == null ? null : Enum.valueOf(type, name);
    }

    /** A nullable SMALLINT or INTEGER column. */
    public static Integer integer(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static Connection connection() throws SQLException {
        return Arc.container().instance(AgroalDataSource.class).get().getConnection();
    }

    private static void bind(PreparedStatement ps, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            int at = i + 1;
            if (p == null) {
                ps.setNull(at, Types.NULL);
            } else if (p instanceof Instant t) {
                ps.setObject(at, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
            } else if (p instanceof Enum<?> e) {
                ps.setString(at, e.name());
            } else if (p instanceof Long[] ids) {
                ps.setArray(at, ps.getConnection().createArrayOf("bigint", ids));
            } else if (p instanceof byte[] b) {
                ps.setBytes(at, b);
            } else {
                ps.setObject(at, p); // String, UUID, Boolean, Short, Integer, Long
            }
        }
    }
}
