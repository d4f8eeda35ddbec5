package io.scalingsuite.devinfra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/** Database-level chores on a PostgreSQL server, done through its {@code postgres} maintenance database. */
public final class PgAdmin {

    /** Names are spliced into DDL (it takes no bind parameters), so only plain lowercase identifiers pass. */
    private static final Pattern SAFE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private PgAdmin() {
    }

    public static Connection connect(String jdbcUrl, String user, int timeoutSeconds) throws SQLException {
        var props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", "");
        props.setProperty("connectTimeout", Integer.toString(timeoutSeconds));
        props.setProperty("loginTimeout", Integer.toString(timeoutSeconds));
        return DriverManager.getConnection(jdbcUrl, props);
    }

    /** Whether a JDBC login to the {@code postgres} database succeeds within the timeout. */
    public static boolean answers(String host, int port, String user, int timeoutSeconds) {
        try (Connection c = connect(url(host, port, "postgres"), user, timeoutSeconds)) {
            return c.isValid(timeoutSeconds);
        } catch (SQLException e) {
            return false;
        }
    }

    public static String url(String host, int port, String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public static String checkName(String name) {
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain lowercase identifier: " + name);
        }
        return name;
    }

    /** Creates the database unless it exists; returns whether it created it. */
    public static boolean ensureDatabase(Connection admin, String name) throws SQLException {
        checkName(name);
        try (PreparedStatement ps = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
        }
        execute(admin, "CREATE DATABASE \"" + name + "\"");
        return true;
    }

    public static void createDatabase(Connection admin, String name) throws SQLException {
        execute(admin, "CREATE DATABASE \"" + checkName(name) + "\"");
    }

    /** FORCE ends sessions a test left open (a pool not yet closed), which would otherwise block the drop. */
    public static void dropDatabase(Connection admin, String name) throws SQLException {
        execute(admin, "DROP DATABASE IF EXISTS \"" + checkName(name) + "\" WITH (FORCE)");
    }

    /**
     * Drops databases named {@code <prefix>_<10 chars>} older than a day: leftovers of test JVMs that were
     * killed before their shutdown hook ran. PostgreSQL keeps no creation time, so the age is that of the
     * database directory's PG_VERSION file (reading it needs superuser, which {@code postgres} is).
     */
    public static List<String> dropStale(Connection admin, String prefix) throws SQLException {
        checkName(prefix);
        var stale = new ArrayList<String>();
        String sql = "SELECT datname FROM pg_database WHERE datname ~ ? "
                + "AND (pg_stat_file('base/' || oid || '/PG_VERSION')).modification < now() - interval '1 day'";
        try (PreparedStatement ps = admin.prepareStatement(sql)) {
            ps.setString(1, "^" + prefix + "_[a-z0-9]{10}$");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stale.add(rs.getString(1));
                }
            }
        }
        for (String name : stale) {
            dropDatabase(admin, name);
        }
        return stale;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
