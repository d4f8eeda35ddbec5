package io.scalingsuite.aggregation.events;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A connection that runs everything as the real one does and remembers each prepared statement with its parameters. */
public final class RecordingConnection {

    /** One statement as it ran: its SQL and its parameters by position. */
    public record Ran(String sql, Map<Integer, Object> parameters) {
    }

    private final List<Ran> ran = new ArrayList<>();
    private final Connection connection;

    public RecordingConnection(Connection real) {
        this.connection = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] { Connection.class }, (proxy, method, args) -> {
                    Object result = invoke(real, method, args);
                    if (method.getName().equals("prepareStatement") && args.length == 1) {
                        Ran statement = new Ran((String) args[0], new TreeMap<>());
                        ran.add(statement);
                        return recording((PreparedStatement) result, statement);
                    }
                    return result;
                });
    }

    public Connection connection() {
        return connection;
    }

    public List<Ran> ran() {
        return ran;
    }

    private static PreparedStatement recording(PreparedStatement real, Ran statement) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().startsWith("set") && args != null && args.length == 2
                    && args[0] instanceof Integer index) {
                statement.parameters().put(index, args[1]);
            }
            return invoke(real, method, args);
        };
        return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                new Class<?>[] { PreparedStatement.class }, handler);
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
